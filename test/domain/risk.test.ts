import { describe, expect, it } from 'vitest';
import { FLAG_IDS, FLAGS } from '../../src/domain/flags.js';
import { assessRisk } from '../../src/domain/risk.js';

describe('risk from red flags', () => {
  it('knows every flag id the issue names', () => {
    for (const id of [
      'looks_requirement',
      'gender_age_mismatch',
      'adult_entertainment',
      'no_qualifications_high_pay',
      'vague_employer',
      'upfront_fees',
      'debt_travel_paid',
      'wrong_visa',
      'passport_retention',
      'urgency_pressure',
      'informal_contact',
      'restricted_freedom',
      'unclear_pay',
      'secrecy',
      'abroad',
      'unlicensed_agency',
      'no_written_contract',
      'contract_language',
      'role_mismatch',
      'threats_violence',
      'debt_bondage',
    ]) {
      expect(FLAGS.has(id), id).toBe(true);
    }
    expect(new Set(FLAG_IDS).size).toBe(FLAG_IDS.length);
  });

  it('is low with no flags, and abroad alone is no risk', () => {
    expect(assessRisk([])).toMatchObject({ level: 'low', score: 0, emergency: false });
    expect(assessRisk(['abroad'])).toMatchObject({ level: 'low', score: 0 });
  });

  it('weighs combinations: abroad with a tourist visa and a fee is critical, each alone is not', () => {
    expect(assessRisk(['wrong_visa']).level).toBe('high');
    expect(assessRisk(['upfront_fees']).level).toBe('high');
    expect(assessRisk(['abroad', 'wrong_visa']).level).toBe('high');
    expect(assessRisk(['abroad', 'wrong_visa', 'upfront_fees']).level).toBe('critical');
  });

  it('makes one medium flag medium, and several of them high', () => {
    expect(assessRisk(['unclear_pay']).level).toBe('medium');
    expect(assessRisk(['unclear_pay', 'vague_employer']).level).toBe('medium');
    expect(assessRisk(['unclear_pay', 'vague_employer', 'contract_language', 'urgency_pressure']).level).toBe(
      'high',
    );
    expect(assessRisk(['informal_contact']).level).toBe('low');
  });

  it('makes any forced-labour indicator critical and an emergency', () => {
    for (const id of ['passport_retention', 'restricted_freedom', 'threats_violence', 'debt_bondage']) {
      expect(assessRisk([id]), id).toMatchObject({ level: 'critical', emergency: true });
    }
  });

  it('grows with more flags, stays in [0, 1], and lists the most severe first', () => {
    const a = assessRisk(['informal_contact']);
    const b = assessRisk(['informal_contact', 'unclear_pay']);
    const c = assessRisk(FLAG_IDS);
    expect(b.score).toBeGreaterThan(a.score);
    expect(c.score).toBeLessThanOrEqual(1);
    expect(b.flags).toEqual(['unclear_pay', 'informal_contact']);
    expect(assessRisk(['nonsense']).flags).toEqual([]);
  });
});
