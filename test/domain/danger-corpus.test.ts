import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDangerCorpus } from '../../scripts/danger-corpus.js';
import { evaluateDanger, formatDangerEvaluation } from '../../src/domain/danger/evaluate.js';
import { readDanger } from '../helpers/danger.js';

describe('words of danger on messages by independent writers (open part)', () => {
  const messages = readDangerCorpus();

  it('has several writers, and both kinds of message', () => {
    expect(new Set(messages.map((m) => m.id.split('-')[0])).size).toBeGreaterThanOrEqual(3);
    expect(messages.filter((m) => !m.danger).length / messages.length).toBeGreaterThan(0.4);
  });

  it('finds at least 95% of the messages in danger, with at most 5% false alarms', () => {
    const ev = evaluateDanger(messages, readDanger);
    const report = formatDangerEvaluation(ev);
    expect(ev.recall, report).toBeGreaterThanOrEqual(0.95);
    expect(ev.falseAlarmRate, report).toBeLessThanOrEqual(0.05);
  });
});

describe('the evaluation', () => {
  it('counts recall, false alarms and questions per language, and lists every miss', () => {
    const ev = evaluateDanger(
      [
        { id: 'a', lang: 'ru', danger: true, text: 'x' },
        { id: 'b', lang: 'ru', danger: true, text: 'y' },
        { id: 'c', lang: 'kk', danger: false, text: 'x' },
        { id: 'd', lang: 'kk', danger: false, text: 'z' },
      ],
      (t) => ({ danger: t === 'x', ask: t === 'z', evidence: [t] }),
    );
    expect(ev).toMatchObject({ positives: 2, caught: 1, negatives: 2, alarmed: 1, asked: 1, recall: 0.5 });
    expect(ev.falseAlarmRate).toBe(0.5);
    expect(ev.perLang.get('kk')).toEqual({ positives: 0, caught: 0, negatives: 2, alarmed: 1, asked: 1 });
    expect(ev.misses.map((m) => m.id)).toEqual(['b', 'c']);
    expect(formatDangerEvaluation(ev)).toContain('c (kk) false alarm [x]');
  });
});

// The sealed part (w20, w21, w23-w35, w48-w53: 840 messages), never read while tuning. With the words of danger
// alone: recall 0.923 (277/300), false alarms 4.3% (13/300). With the second opinion (model.ts; its
// threshold chosen on the open part by leaving each writer out, before any sealed measurement): recall
// 0.967 (290/300), false alarms 5.0% (15/300). The four writers who wrote last (w32-w35), at first sight
// after everything else of the day: 0.963 (77/80) and 3.8% (3/80); rules alone 0.913 and 3.8%. Then two
// rules learnt from the open part and a stronger L2 chosen there: 0.970 (291/300), 4.3% (13/300); after
// a native editor's corrections to the Kazakh words, retrained: 0.963 (289/300), 4.0% (12/300). Later
// w38-w41 joined at first sight (w38, w39: 0.975 with w36, w37 on the morning's code; w40, w41: 1.000
// (40/40) and 10.0% (4/40)); all 760 messages: 0.976 (371/380), 3.9% (15/380). In a fourth round w38-w41 moved
// to the open part (the model retrained; w20, w21, w23-w35 alone: 0.967, 3.7%) and w42-w47 joined at first
// sight (240 messages: 0.967 (116/120), 0.8% (1/120)); all 840 messages: 0.967 (406/420), 2.9% (12/420). In a
// fifth round w42-w47 moved to the open part and w48-w53 joined at first sight (240 messages: 0.967 (116/120),
// 2.5% (3/120)); with the model retrained on the larger open part and the round's ads: 0.967 to 0.969
// (406-407/420), 2.9% to 3.1% (12-13/420) from one retraining to the next. On 2026-12-07 w72-w77, then w80-w82
// joined at first sight; all 1,200 messages, with the model retrained on the open part with w78, w79, w83:
// 0.973 (584/600), 2.8% (17/600). Both goals of the issue (0.95, at most 5%) hold. History: test/fixtures/corpus/README.md.
describe('words of danger on the sealed part (never tuned on)', () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'corpus', 'sealed', 'danger');
  const messages = readdirSync(dir).flatMap(
    (f) => parse(readFileSync(join(dir, f), 'utf8')) as { danger: boolean; text: string }[],
  );
  it('finds at least 96% of the messages in danger and alarms on at most 5% of the others', () => {
    const inDanger = messages.filter((m) => m.danger);
    const others = messages.filter((m) => !m.danger);
    expect(messages.length).toBeGreaterThanOrEqual(800);
    const found = inDanger.filter((m) => readDanger(m.text).danger).length;
    const alarms = others.filter((m) => readDanger(m.text).danger).length;
    expect(found / inDanger.length).toBeGreaterThanOrEqual(0.96);
    expect(alarms / others.length).toBeLessThanOrEqual(0.05);
  });
});
