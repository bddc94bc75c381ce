import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readCorpus } from '../../scripts/ad-corpus.js';
import { DIRS } from '../../src/cli/paths.js';
import { analyzeAd } from '../../src/domain/ads/analyze.js';
import { extractContacts } from '../../src/domain/ads/contacts.js';
import { FLAGS } from '../../src/domain/flags.js';
import {
  type CanonicalContact,
  canonicalContact,
  canonicalContacts,
  hashContact,
  hashPerson,
  parseContact,
  parseContactAndRest,
  redactContacts,
} from '../../src/domain/intel/contact.js';
import {
  adFingerprint,
  fingerprintBands,
  SAME_AD,
  sameAd,
  similarity,
} from '../../src/domain/intel/fingerprint.js';
import { renderSeenBefore } from '../../src/domain/intel/render.js';
import {
  adIntel,
  type ContactIntel,
  hasNews,
  type IntelLookup,
  noRisks,
  REPORTED_CONTACT,
  withReportedContacts,
} from '../../src/domain/intel/seen.js';
import { loadLexicon } from '../../src/infra/content.js';
import { createI18n, readLocales } from '../../src/infra/i18n.js';

const corpus = readCorpus(join(DIRS.root, 'test/fixtures/ads'));
const byId = new Map(corpus.map((a) => [a.id, a]));
const reposts = z
  .array(
    z.object({
      of: z.string(),
      change: z.string(),
      same: z.array(z.string()).default([]),
      rewritten: z.boolean().default(false),
      text: z.string(),
    }),
  )
  .parse(parseYaml(readFileSync(join(DIRS.root, 'test/fixtures/intel/reposts.yaml'), 'utf8')));

const phone = (value: string): CanonicalContact => ({ kind: 'phone', value });

describe('contacts, canonical', () => {
  it('writes a phone number one way however it is written', () => {
    for (const written of [
      '+7 701 123 4567',
      '87011234567',
      '8(701)123-45-67',
      '+7 (701) 123-45-67',
      '7011234567',
    ]) {
      expect(parseContact(written), written).toEqual(phone('+77011234567'));
    }
    // The same numbers found in ads are the same contact.
    const inAds = [
      'Звоните +7 701 123 4567',
      'тел. 87011234567',
      'WhatsApp 8(701)123-45-67',
      'wa.me/77011234567',
    ];
    for (const ad of inAds)
      expect(canonicalContacts(extractContacts(ad)), ad).toEqual([phone('+77011234567')]);
  });

  it('reads what a counsellor types after /contact', () => {
    expect(parseContact('@Handle_Job')).toEqual({ kind: 'handle', value: '@handle_job' });
    expect(parseContact('t.me/Handle_Job')).toEqual({ kind: 'handle', value: '@handle_job' });
    expect(parseContact('https://instagram.com/Dubai.Jobs')).toBeUndefined();
    expect(parseContact('https://www.instagram.com/dubai_jobs/')).toEqual({
      kind: 'handle',
      value: '@dubai_jobs',
    });
    expect(parseContact('example.com')).toEqual({ kind: 'domain', value: 'example.com' });
    expect(parseContact('https://www.Example.com/x?y=1')).toEqual({ kind: 'domain', value: 'example.com' });
    expect(parseContact('WWW.EXAMPLE.COM')).toEqual({ kind: 'domain', value: 'example.com' });
    expect(parseContact('jobs.example.travel')).toEqual({ kind: 'domain', value: 'jobs.example.travel' });
    expect(parseContact('A@B.kz')).toEqual({ kind: 'email', value: 'a@b.kz' });
    expect(parseContact('mailto:HR@Example.kz')).toEqual({ kind: 'email', value: 'hr@example.kz' });
    expect(parseContact('https://api.whatsapp.com/send?phone=77011234567')).toEqual(phone('+77011234567'));
    // Not one contact.
    for (const bad of [
      '',
      'hello',
      '@ab',
      '12345',
      '+7 701 123 45 67 and @x_handle',
      'olx.kz',
      't.me/joinchat/abc',
      'a b.kz',
    ]) {
      expect(parseContact(bad), bad).toBeUndefined();
    }
  });

  it('splits /flag into the contact and the reason, phone numbers with spaces included', () => {
    expect(parseContactAndRest('+7 701 123 45 67 took the passports of three women')).toEqual({
      contact: phone('+77011234567'),
      rest: 'took the passports of three women',
    });
    expect(parseContactAndRest('@dubai_girls_hr  fake agency, see case 12')).toEqual({
      contact: { kind: 'handle', value: '@dubai_girls_hr' },
      rest: 'fake agency, see case 12',
    });
    expect(parseContactAndRest('example.com')).toEqual({
      contact: { kind: 'domain', value: 'example.com' },
      rest: '',
    });
    expect(parseContactAndRest('no contact here')).toBeUndefined();
  });

  it('counts no job board and no invitation link as a contact', () => {
    const found = canonicalContacts(
      extractContacts(
        'Вакансия на olx.kz и hh.kz, чат: t.me/joinchat/AbCd, пишите @real_recruiter или на www.Agency-X.kz',
      ),
    );
    expect(found).toEqual([
      { kind: 'handle', value: '@real_recruiter' },
      { kind: 'domain', value: 'agency-x.kz' },
    ]);
  });

  it('is idempotent: a canonical contact is its own canonical form (property)', () => {
    const inputs = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('+7 7', '8 7', '87', '+77', '8(7'),
          fc.stringMatching(/^[0-9]{2}\)? ?[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{2}$/),
        )
        .map(([a, b]) => a + b),
      fc.stringMatching(/^@[A-Za-z][A-Za-z0-9_]{3,20}$/),
      fc.stringMatching(/^(https?:\/\/)?(www\.)?[A-Za-z0-9]{1,12}\.(kz|com|ru)(\/[a-z]{0,5})?$/),
      fc.stringMatching(/^[A-Za-z0-9._]{1,10}@[A-Za-z0-9]{1,10}\.(kz|com)$/),
    );
    fc.assert(
      fc.property(inputs, (typed) => {
        const once = parseContact(typed);
        if (!once) return;
        expect(canonicalContact(once)).toEqual(once);
        expect(parseContact(once.value)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('hashes with the deployment secret: the same contact, other secrets, other keys', () => {
    const c = phone('+77011234567');
    const a = hashContact('secret-of-deployment-a-0123456789abcdef', c);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashContact('secret-of-deployment-a-0123456789abcdef', c)).toBe(a);
    expect(hashContact('secret-of-deployment-b-0123456789abcdef', c)).not.toBe(a);
    expect(hashContact('secret-of-deployment-a-0123456789abcdef', phone('+77011234568'))).not.toBe(a);
    expect(a).not.toContain('7011234567');
    expect(hashPerson('s'.repeat(32), { channel: 'tg', id: '1' })).not.toBe(
      hashPerson('s'.repeat(32), { channel: 'wa', id: '1' }),
    );
  });

  it('takes every contact out of a counsellor reason', () => {
    const reason = redactContacts(
      'He calls from +7 701 123 45 67 and 87011234567, also @dubai_hr and a@b.kz',
    );
    expect(reason).toBe('He calls from … and …, also … and …');
  });
});

describe('the fingerprint', () => {
  const fingerprints = new Map(corpus.map((a) => [a.id, adFingerprint(a.text)]));

  it('recognises every repost of the corpus, and its contacts in other formats', () => {
    for (const r of reposts.filter((r) => !r.rewritten)) {
      const original = fingerprints.get(r.of);
      const repost = adFingerprint(r.text);
      expect(original && repost, r.of).toBeTruthy();
      expect(similarity(original as string, repost as string), `${r.of}: ${r.change}`).toBeGreaterThanOrEqual(
        SAME_AD,
      );
      // Found by the index, not only by comparing: a band in common.
      const a = fingerprintBands(original as string);
      expect(
        fingerprintBands(repost as string).some((b, i) => b === a[i]),
        r.of,
      ).toBe(true);
      const shared = canonicalContacts(extractContacts(r.text)).map((c) => c.value);
      const before = canonicalContacts(extractContacts(byId.get(r.of)?.text ?? '')).map((c) => c.value);
      for (const c of r.same) {
        expect(shared, `${r.of} repost`).toContain(c);
        expect(before, r.of).toContain(c);
      }
    }
  });

  it('matches a repost to nothing else; a rewritten one is at least nearest its original', () => {
    for (const r of reposts) {
      const repost = adFingerprint(r.text) as string;
      for (const [id, fp] of fingerprints) {
        if (id === r.of || !fp) continue;
        expect(sameAd(repost, fp), `${r.of} repost ~ ${id}`).toBe(false);
        expect(similarity(repost, fp), `${r.of} repost ~ ${id}`).toBeLessThan(
          similarity(repost, fingerprints.get(r.of) as string),
        );
      }
    }
  });

  it('matches no two different ads of the corpus (false-match rate 0 of 12,720 pairs)', () => {
    const ids = [...fingerprints].filter(([, fp]) => fp).map(([id]) => id);
    let pairs = 0;
    let matched = 0;
    let nearest = 0;
    let candidates = 0;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = fingerprints.get(ids[i] as string) as string;
        const b = fingerprints.get(ids[j] as string) as string;
        pairs++;
        if (sameAd(a, b)) matched++;
        nearest = Math.max(nearest, similarity(a, b));
        const bandsA = fingerprintBands(a);
        if (fingerprintBands(b).some((x, k) => x === bandsA[k])) candidates++;
      }
    }
    expect(pairs).toBeGreaterThan(12_000);
    expect(matched).toBe(0);
    // The margin: different ads stay well below the threshold, and the index offers none as a candidate.
    expect(nearest).toBeLessThan(SAME_AD - 0.1);
    expect(candidates).toBe(0);
  });

  it('ignores contacts, numbers, capitals, emoji and spacing', () => {
    const ad = byId.get('ru-057')?.text as string;
    const fp = adFingerprint(ad);
    expect(
      adFingerprint(ad.replace('wa.me/971501234567', '+7 777 000 11 22').replace('2 500', '3 000')),
    ).toBe(fp);
    expect(adFingerprint(ad.toUpperCase())).toBe(fp);
  });

  it('is stable under whitespace and emoji between words (property)', () => {
    const ads = corpus.filter((a) => adFingerprint(a.text));
    const noise = fc.array(
      fc.constantFrom(' ', '  ', '\n', '\t', ' 🔥 ', ' ✈️ ', '\n💃\n', ' 🇦🇪 ', ' \u200b '),
      {
        minLength: 1,
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(fc.constantFrom(...ads), noise, fc.nat(), (ad, bits, seed) => {
        let n = seed;
        // Between words, not inside one spelled out letter by letter ("м а с с а ж").
        const noisy = ad.text.replace(
          /(?<=\p{L}{2}) +(?=\p{L}{2})/gu,
          () => bits[n++ % bits.length] as string,
        );
        expect(adFingerprint(noisy)).toBe(adFingerprint(ad.text));
      }),
      { numRuns: 200 },
    );
  });

  it('gives no fingerprint to a text too short to recognise', () => {
    expect(adFingerprint('Кипр. Требуется танцовщица.')).toBeUndefined();
    expect(adFingerprint('')).toBeUndefined();
  });
});

describe('an ad for "seen before"', () => {
  const lexicon = loadLexicon();

  it('keeps the contacts, fingerprint and risk of an offer, and nothing of a warning or a chat message', () => {
    const ad = byId.get('ru-057')?.text as string;
    const intel = adIntel(ad, analyzeAd(lexicon, ad));
    expect(intel).toMatchObject({
      contacts: [phone('+971501234567')],
      risk: expect.stringMatching(/high|critical/),
    });
    expect(intel?.fingerprint).toMatch(/^[0-9a-f]{256}$/);
    const warning = byId.get('ru-006')?.text as string;
    expect(adIntel(warning, analyzeAd(lexicon, warning))).toBeUndefined();
    expect(adIntel('привет, как дела?', analyzeAd(lexicon, 'привет, как дела?'))).toBeUndefined();
    // Her story, or a relative's, told: nothing of it is kept, not even a fingerprint.
    const story =
      'Девушки осторожно!!! моя сестра поехала в дубай по объявлению на работу официанткой, теперь у нее забрали паспорт и держат в квартире. будьте бдительны';
    const told = analyzeAd(lexicon, story);
    expect(told.told).toBeDefined();
    expect(told.jobAd).toBe(true);
    expect(adIntel(story, told)).toBeUndefined();
  });

  it('raises reported_contact (critical) for a flagged contact, quoting the ad', () => {
    expect(FLAGS.get(REPORTED_CONTACT)?.severity).toBe('critical');
    const text = 'Кассир в супермаркет «Береке», ЗП 200 000 ₸, ул. Абая 5. Тел. 8 701 123 45 67';
    const verdict = analyzeAd(lexicon, text);
    expect(verdict.risk).toBe('low');
    const lookup: IntelLookup = {
      contacts: [
        {
          contact: phone('+77011234567'),
          kind: 'phone',
          count: 0,
          byRisk: noRisks(),
          flagged: { reason: 'took passports', at: 1 },
        },
      ],
    };
    const raised = withReportedContacts(verdict, lookup, text);
    expect(raised.risk).toBe('critical');
    expect(raised.flags[0]).toMatchObject({ id: REPORTED_CONTACT, evidence: ['8 701 123 45 67'] });
    expect(verdict.flags.some((f) => f.id === REPORTED_CONTACT)).toBe(false);
    expect(withReportedContacts(verdict, { contacts: [] })).toBe(verdict);
  });
});

const i18n = await createI18n(readLocales(DIRS.localesDir));

describe('renderSeenBefore', () => {
  const t = { en: i18n.t('en'), ru: i18n.t('ru'), kk: i18n.t('kk') };
  const seen: IntelLookup = {
    contacts: [
      {
        contact: phone('+77011234567'),
        kind: 'phone',
        count: 4,
        byRisk: { low: 1, medium: 0, high: 2, critical: 1 },
        firstSeen: 1,
        lastSeen: 2,
      },
      { contact: { kind: 'handle', value: '@nobody_knows' }, kind: 'handle', count: 0, byRisk: noRisks() },
    ],
    repost: { count: 2, lastSeen: 2, changed: true },
  };

  it('says it in counts, in each language, with the right plural forms', () => {
    const en = renderSeenBefore(t.en, seen, { retentionDays: 365 });
    expect(en).toEqual([
      '🔎 Seen before',
      'This phone number (+77011234567) was in ads checked 4 times in the last 12 months. High or critical risk in 3 of those checks.',
      'This ad was checked before, slightly changed (2 times).',
      "These counts come from other people's anonymous checks: they show that an ad was seen before, not that it is a trap.",
    ]);
    const ru = renderSeenBefore(t.ru, seen, { retentionDays: 365 }).join('\n');
    expect(ru).toContain('за последние 12 месяцев встречался в проверенных объявлениях 4 раза');
    expect(ru).toContain('уже проверяли в немного изменённом виде: 2 раза');
    const five = renderSeenBefore(
      t.ru,
      { contacts: [{ ...(seen.contacts[0] as ContactIntel), count: 5 }] },
      { retentionDays: 365 },
    );
    expect(five.join('\n')).toContain('5 раз.');
    const kk = renderSeenBefore(t.kk, seen, { retentionDays: 365 }).join('\n');
    expect(kk).toContain('соңғы 12 айда тексерілген хабарландыруларда 4 рет кездесті');
    expect(kk).toMatch(/[әғқңөұүһі]/);
    expect(renderSeenBefore(t.en, seen, { retentionDays: 30 }).join('\n')).toContain('in the last 30 days');
  });

  it('puts a counsellor confirmation first, and says nothing when nothing is known', () => {
    const flagged: IntelLookup = {
      contacts: [
        {
          contact: phone('+77011234567'),
          kind: 'phone',
          count: 0,
          byRisk: noRisks(),
          flagged: { reason: 'fake agency', at: 1 },
        },
      ],
    };
    expect(renderSeenBefore(t.en, flagged, { retentionDays: 365 })).toEqual([
      '🔎 Seen before',
      '⛔ Counsellors have confirmed this contact (+77011234567) as dangerous: fake agency',
    ]);
    const nothing: IntelLookup = {
      contacts: [{ contact: phone('+77011234567'), kind: 'phone', count: 0, byRisk: noRisks() }],
    };
    expect(renderSeenBefore(t.en, nothing, { retentionDays: 365 })).toEqual([]);
    expect(hasNews(nothing)).toBe(false);
    expect(hasNews(flagged)).toBe(true);
    expect(renderSeenBefore(t.en, undefined, { retentionDays: 365 })).toEqual([]);
  });

  it('never accuses: no count line says fraud, scam or trafficker', () => {
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const lines = renderSeenBefore(t[lang], seen, { retentionDays: 365 }).slice(1, -1).join('\n');
      expect(lines).not.toMatch(/fraud|scam|traffick|мошен|аферист|алаяқ/i);
    }
  });
});
