import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AdVerdict, analyzeAd, detectAdLanguage } from '../../src/domain/ads/analyze.js';
import { extractContacts } from '../../src/domain/ads/contacts.js';
import { parseLexicon } from '../../src/domain/ads/lexicon.js';
import { phraseAt, tokenize } from '../../src/domain/ads/matcher.js';
import { normalize } from '../../src/domain/ads/normalize.js';
import { compilePhrases } from '../../src/domain/ads/patterns.js';
import { prefillFromAd } from '../../src/domain/ads/prefill.js';
import { loadLexicon } from '../../src/infra/content.js';
import { realFlows } from '../helpers/content.js';

const lexicon = loadLexicon();
const analyze = (text: string) => analyzeAd(lexicon, text);
const ids = (v: AdVerdict) => v.flags.map((f) => f.id).sort();
const redFlags = (v: AdVerdict) => ids(v).filter((id) => id !== 'abroad');

describe('the four ads of the seed article', () => {
  it('"European-looking girl to work for Xerox": appearance and gender for photocopying', () => {
    const v = analyze('Looking for a European-looking girl to work for Xerox.');
    expect(ids(v)).toEqual(expect.arrayContaining(['looks_requirement', 'gender_age_mismatch']));
    expect(['high', 'critical']).toContain(v.risk);
  });
  it('"Cyprus. Dancer needed."', () => {
    const v = analyze('Cyprus. Dancer needed.');
    expect(ids(v)).toEqual(expect.arrayContaining(['adult_entertainment', 'abroad']));
    expect(['high', 'critical']).toContain(v.risk);
  });
  it('"No age or education requirements. Wages over $500."', () => {
    const v = analyze(
      'A new international campaign abroad. No age or education requirements. Wages over $500.',
    );
    expect(ids(v)).toEqual(
      expect.arrayContaining(['no_qualifications_high_pay', 'vague_employer', 'abroad']),
    );
  });
  it('"A girl to serve as an escort."', () => {
    const v = analyze('A girl to serve as an escort.');
    expect(ids(v)).toContain('adult_entertainment');
    expect(v.flags.find((f) => f.id === 'adult_entertainment')?.evidence).toEqual(['escort']);
  });
  it('and the same ads in Russian and Kazakh', () => {
    expect(ids(analyze('Требуется девушка европейской внешности для работы на ксероксе.'))).toEqual(
      expect.arrayContaining(['looks_requirement', 'gender_age_mismatch']),
    );
    expect(ids(analyze('Кипр. Требуется танцовщица.'))).toEqual(
      expect.arrayContaining(['adult_entertainment', 'abroad']),
    );
    expect(ids(analyze('Кипрге биші қыз керек.'))).toEqual(
      expect.arrayContaining(['adult_entertainment', 'abroad']),
    );
  });
});

describe('hard negatives', () => {
  it('a state theatre hiring ballet dancers, with its name and address', () => {
    const v = analyze(
      'Государственный академический театр оперы и балета «Астана Опера» объявляет конкурс в труппу: артисты балета, танцовщики и танцовщицы. Адрес: г. Астана, ул. Кунаева, 1.',
    );
    expect(redFlags(v)).toEqual([]);
    expect(v.risk).toBe('low');
  });
  it("a licensed agency's seasonal farm work abroad with a work visa, a contract and no fees", () => {
    const v = analyze(
      'ТОО «AgroWork KZ» (лицензия № 123456) набирает на сезонные работы на фермах Великобритании. Рабочая виза Seasonal Worker, договор подписываем до выезда, копия на русском. Никаких сборов с кандидатов: услуги агентства бесплатны. Офис: Алматы, ул. Абая, 10.',
    );
    expect(redFlags(v)).toEqual([]);
    expect(v.risk).toBe('low');
  });
  it('"neat appearance" for a shop assistant', () => {
    const v = analyze(
      'Shop assistant wanted at «Green Market», Almaty, 12 Abay Ave. Neat appearance, polite manner. Salary 250 000 ₸.',
    );
    expect(redFlags(v)).toEqual([]);
    const ru = analyze(
      'В магазин «Береке» требуется продавец. Опрятный внешний вид, вежливость. ЗП 230 000 тг. ул. Толе би, 5.',
    );
    expect(redFlags(ru)).toEqual([]);
  });
  it('a medical massage therapist at a clinic', () => {
    const v = analyze(
      'Клиника «Шипа» ищет массажиста: медицинское образование, сертификат по лечебному массажу. Алматы, ул. Жандосова, 4. hr@shipa.kz',
    );
    expect(redFlags(v)).toEqual([]);
  });
});

describe('negation and contrast', () => {
  it('does not raise what the ad denies', () => {
    expect(
      redFlags(
        analyze('No fees for candidates. Work visa provided, not a tourist visa. «Harvest Ltd», 5 Main St.'),
      ),
    ).toEqual([]);
    expect(
      redFlags(analyze('We never ask for your passport. Registration No. 55, «Care Home Ltd».')),
    ).toEqual([]);
    expect(
      redFlags(analyze('ТОО «Стройка». Мы не берём предоплату. Паспорт не нужно сдавать. ул. Абая 1.')),
    ).toEqual([]);
    expect(redFlags(analyze('«Күн» ЖШС: рәсімдеу ақысы алынбайды. Алматы, Абай даңғылы, 5.'))).toEqual([]);
  });
  it('reads a warning that quotes a scam ad as a warning', () => {
    const v = analyze(
      'Осторожно! Такие объявления используют вербовщики: «Девушки до 25 лет, Дубай, без опыта, 3000$, визу оформим на месте». Не верьте обещаниям — это признаки торговли людьми.',
    );
    expect(v.warning).toBe(true);
    expect(v.flags).toEqual([]);
    expect(v.risk).toBe('low');
  });
});

describe('disguises', () => {
  const plain = analyze('Требуются девушки в Дубай, эскорт, без опыта, 3000$');
  const variants = [
    'Требуются дeвушки в Дубaй, эскoрт, без oпыта, 3000$', // Latin e, a, o inside Cyrillic words
    'Требуются д е в у ш к и в Дубай, э.с.к.о.р.т, без опыта, 3000$', // spaced and dotted letters
    'Требуются деву💃шки в Дубай, эск🔥орт, без опыта, 3000$', // emoji inside words
    'ТРЕБУЮТСЯ ДЕВУШКИ В ДУБАЙ, ЭСКОРТ, БЕЗ ОПЫТА, 3000$', // capitals
    'Требуются девууууушки в Дубааай, эскооорт, без опыыыта, 3000$', // stretched letters
    'Trebuyutsya devushki v Dubai, eskort, bez opyta, 3000$', // Russian in Latin letters
  ];
  for (const text of variants) {
    it(`sees through: ${text}`, () => {
      expect(ids(analyze(text))).toEqual(ids(plain));
    });
  }
  it('reads Kazakh written in Latin letters', () => {
    const v = analyze('Dubaida jūmys: täjıribesız qyzdar kerek, aiyna 2000$, vizany ornynda räsımdeimız');
    expect(ids(v)).toEqual(
      expect.arrayContaining(['no_qualifications_high_pay', 'gender_age_mismatch', 'abroad']),
    );
  });
});

describe('evidence', () => {
  it('quotes the ad exactly, with spans into the original text', () => {
    const text = '🔥 СРОЧНО!!! Дeвушки 18-25 лет, евро-тип, в Турцию. Паспорт сдаётся работодателю.';
    const v = analyze(text);
    for (const flag of v.flags) {
      flag.spans.forEach(([s, e], i) => {
        expect(text.slice(s, e).replace(/\s+/g, ' ').trim()).toBe(flag.evidence[i]);
      });
    }
    expect(v.flags.find((f) => f.id === 'passport_retention')?.evidence).toEqual(['Паспорт сдаётся']);
  });
});

describe('contacts', () => {
  it('finds phone numbers in E.164 (Kazakhstan by default), handles, links, domains and emails', () => {
    const contacts = extractContacts(
      'Звоните 8 701 234 56 78 или +7 (727) 355-12-40, WhatsApp wa.me/77071112233, Telegram @dubai_jobs, сайт best-jobs.kz, почта hr@best-jobs.kz, https://t.me/jobs_channel',
    );
    expect(contacts).toEqual(
      expect.arrayContaining([
        { type: 'phone', value: '+77012345678' },
        { type: 'phone', value: '+77273551240' },
        { type: 'phone', value: '+77071112233' },
        { type: 'handle', value: '@dubai_jobs' },
        { type: 'domain', value: 'best-jobs.kz' },
        { type: 'email', value: 'hr@best-jobs.kz' },
        { type: 'url', value: 'https://t.me/jobs_channel' },
      ]),
    );
    // Each once.
    expect(new Set(contacts.map((c) => `${c.type}:${c.value}`)).size).toBe(contacts.length);
  });
});

describe('language', () => {
  it('tells ru, kk, en and mixed apart', () => {
    expect(detectAdLanguage('Требуются продавцы в магазин, график 2/2')).toBe('ru');
    expect(detectAdLanguage('Дүкенге сатушы қажет, жалақы жақсы, тәжірибе міндетті емес')).toBe('kk');
    expect(detectAdLanguage('Shop assistant wanted, good pay, no experience needed')).toBe('en');
    expect(detectAdLanguage('Rabota v Dubae dlya devushek, zarplata vysokaya, pishite v direkt')).toBe('ru');
    expect(
      detectAdLanguage(
        'Оманда қонақ үйге жұмыс қажет. Работа в отеле в Омане, зарплата высокая, пишите сейчас.',
      ),
    ).toBe('mixed');
  });
});

describe('the lexicon', () => {
  it('compiles phrases with stems, alternatives, optional parts and numbers', () => {
    const found = (pattern: string, text: string, gap = 2) => {
      const tokens = tokenize(normalize(text));
      const phrases = compilePhrases(pattern, gap, 'x');
      return tokens.some((_, i) => phrases.some((p) => phraseAt(p, tokens, i) > i));
    };
    expect(found('(срочн*|urgent) (нужны)? девушк*', 'срочно нужны девушки')).toBe(true);
    expect(found('(срочн*|urgent) (нужны)? девушк*', 'срочно девушки')).toBe(true);
    expect(found('(срочн*|urgent) (нужны)? девушк*', 'девушки')).toBe(false);
    expect(found('(срочн*|urgent) девушк*', 'срочно, очень нужны девушки', 2)).toBe(true);
    expect(found('(срочн*|urgent) девушк*', 'срочно! девушки')).toBe(false);
    expect(found('рост #', 'рост 172', 0)).toBe(true);
    expect(found('колл-центр*', 'работа в колл центре')).toBe(true);
    // Kazakh letters match their everyday Russian substitutes.
    expect(found('қыздар', 'кыздар керек')).toBe(true);
  });
  it('rejects unknown cues, unknown flags and broken patterns, naming them', () => {
    const bad = `version: 1
negation: { before: [не], after: [], afterEndings: [] }
cues:
  a: { ru: ["(девушк*"] }
flags:
  not_a_flag: { any: [a] }
  looks_requirement: { any: [missing_cue] }
`;
    expect(() => parseLexicon(bad, 'bad.yaml')).toThrow(
      /not in the red-flag catalogue[\s\S]*unknown cue "missing_cue"|unknown cue/,
    );
    expect(() => parseLexicon(bad, 'bad.yaml')).toThrow(/does not compile/);
  });
  it('gives a cue the keys of the shared set it takes, as if written in it, and names every misuse', () => {
    const head = `version: 1
negation: { before: [не], after: [], afterEndings: [] }
flags:
  upfront_fees: { any: [fee] }
`;
    const shared = parseLexicon(
      `${head}shared:
  paid: { byFree: true, unless: [free_cue], ru: [оплата] }
cues:
  free_cue: { ru: [бесплатно] }
  fee: { with: paid, window: 4 }
`,
      'shared.yaml',
    );
    const written = parseLexicon(
      `${head}cues:
  free_cue: { ru: [бесплатно] }
  fee: { byFree: true, unless: [free_cue], ru: [оплата], window: 4 }
`,
      'written.yaml',
    );
    expect(shared.source.cues).toEqual(written.source.cues);
    expect(shared.cues.get('fee')).toEqual(written.cues.get('fee'));
    // The real lexicon's cues take their sets too: a fee cue counts only where a job is spoken of.
    expect(loadLexicon().source.cues.transfer_asked).toMatchObject({
      byFree: true,
      needsInAd: ['job_ad', 'apply_call'],
    });

    const misused = `${head}shared:
  paid: { byFree: true, ru: [оплата] }
  unused: { window: 3 }
  nested: { with: paid }
cues:
  fee: { with: paid, byFree: false }
  other: { with: nowhere, ru: [x] }
`;
    const problems = (() => {
      try {
        parseLexicon(misused, 'misused.yaml');
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(problems).toMatch(/shared\.nested: Unrecognized key: "with"/);
    const valid = misused.replace('  nested: { with: paid }\n', '');
    expect(() => parseLexicon(valid, 'misused.yaml')).toThrow(
      /cue "fee": "byFree" is set both here and in shared "paid"[\s\S]*cue "other": with "nowhere", which is no shared set[\s\S]*shared "unused" is taken by no cue/,
    );
  });
});

describe('what an ad settles in the offer check', () => {
  it('fills in the country and the answers the ad clearly gives, nothing else', () => {
    const check = realFlows().get('offer-check');
    if (!check) throw new Error('no offer-check');
    const v = analyze(
      'Работа в Дубае! Девушки до 25 лет, без опыта, 3000$. Паспорт сдаётся работодателю. Оплата за оформление 200$. Срочно!',
    );
    const answers = prefillFromAd(check, v, { situation: 'situation', how_found: 'how_found' });
    expect(answers).toMatchObject({
      situation: 'considering',
      where: 'gulf',
      passport: 'employer',
      fees: 'yes',
      urgency: 'yes',
    });
    expect(answers.contract).toBeUndefined();
  });
});

describe('analyzer properties', () => {
  it('never throws, and always gives a well-formed verdict, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 300 })),
        (text) => {
          const v = analyze(text);
          expect(['low', 'medium', 'high', 'critical']).toContain(v.risk);
          expect(v.score).toBeGreaterThanOrEqual(0);
          expect(v.score).toBeLessThanOrEqual(1);
          for (const f of v.flags) {
            for (const [s, e] of f.spans) {
              expect(s).toBeGreaterThanOrEqual(0);
              expect(e).toBeLessThanOrEqual(text.length);
              expect(e).toBeGreaterThan(s);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  it('keeps every normalised character mapped to a character of the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const view = normalize(text);
        expect(view.map.length).toBe(view.text.length);
        for (const at of view.map) {
          expect(at).toBeGreaterThanOrEqual(0);
          expect(at).toBeLessThan(text.length);
        }
      }),
    );
  });
});

describe('what must not hide a red flag', () => {
  it('"free" and reassurance do not negate a visa, a passport or a job', () => {
    expect(ids(analyze('Оформим туристическую визу бесплатно, Дубай'))).toContain('wrong_visa');
    expect(ids(analyze('We provide free tourist visa for work in Dubai'))).toContain('wrong_visa');
    expect(ids(analyze('Не переживайте за туристическую визу, работа в Дубае'))).toContain('wrong_visa');
    expect(ids(analyze("Don't worry about the tourist visa, work in Dubai"))).toContain('wrong_visa');
    expect(ids(analyze('Не бойтесь отдать паспорт работодателю'))).toContain('passport_retention');
    expect(ids(analyze('Не упустите работу хостес в Турции'))).toContain('adult_entertainment');
    // …while "free" still cancels a fee.
    expect(ids(analyze('Бесплатное оформление документов, ТОО «Агро», ул. Абая 5'))).not.toContain(
      'upfront_fees',
    );
  });
  it('a negation in another clause does not cancel a phrase', () => {
    expect(
      ids(analyze('Перелёт оплачиваем мы, никаких забот, стоимость билета вычитается из зарплаты')),
    ).toContain('debt_travel_paid');
  });
  it('an age range followed by a comma or a full stop is still an age range', () => {
    expect(ids(analyze('Официантки в кафе, девушки 19–27, рост от 165'))).toContain('gender_age_mismatch');
    expect(ids(analyze('Работа в офисе. Возраст 18-25.'))).toContain('gender_age_mismatch');
  });
  it('a scam ad that warns about scams is still read as an offer', () => {
    const v = analyze(
      'Beware of fake agencies! We are a real company. Young girls wanted for hostess work in Dubai, no experience, 4000 USD, tourist visa, we sort papers there. Watch out for scammers, DM only.',
    );
    expect(v.warning).toBe(false);
    expect(['high', 'critical']).toContain(v.risk);
  });
  it('"unless" reaches only its own sentence, and a show ballet in a night club is no theatre', () => {
    expect(ids(analyze('Российская компания. Работа в Дубае по туристической визе.'))).toContain(
      'wrong_visa',
    );
    expect(ids(analyze('Девушки 18-25 в шоу-балет для работы в ночных клубах Турции'))).toContain(
      'adult_entertainment',
    );
    expect(ids(analyze('Массажистки в салон в Дубае, диплом не нужен'))).toContain('adult_entertainment');
  });
  it('a quoted word is no company, and a company named in quotes is one', () => {
    expect(ids(analyze('Работа «мечты» в Дубае, пишите в WhatsApp +971 50 123 4567'))).toContain(
      'vague_employer',
    );
    expect(ids(analyze('Супермаркет «Береке» ищет кассира, 200 000 ₸'))).not.toContain('vague_employer');
  });
  it('Korean food, loading goods and a logistics firm named Jordan stay at home', () => {
    expect(ids(analyze('Повар в кафе «Корейская кухня», Алматы, ул. Абая 10'))).not.toContain('abroad');
    expect(ids(analyze('Грузить и разгружать товар на складе, Астана'))).not.toContain('abroad');
    expect(ids(analyze('Jordan Logistics LLP, Atyrau: drivers wanted'))).not.toContain('abroad');
  });
});
