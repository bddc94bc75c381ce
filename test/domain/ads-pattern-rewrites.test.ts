import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../scripts/ad-corpus.js';
import { normalize } from '../../src/domain/ads/normalize.js';
import { findLiterals, literalScan, matchAllAt } from '../../src/domain/ads/regex-starts.js';
import { loadLexicon } from '../../src/infra/content.js';
import before from '../fixtures/ads-patterns-before.json' with { type: 'json' };
import { corpusAds } from '../helpers/ad-text.js';

const lexicon = loadLexicon();
const openAds = readCorpus(join(import.meta.dirname, '..', 'fixtures', 'corpus', 'open', 'ads')).map(
  (a) => a.text,
);

/** Every match of a pattern in a text, as index and words. */
const matches = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
/** The lexicon's pattern of a cue that begins so. */
const patternOf = (cue: string, start: string) => {
  const found = lexicon.cues.get(cue)?.regexes.find((re) => re.source.startsWith(start));
  if (!found) throw new Error(`no pattern of ${cue} begins with ${start}`);
  return found;
};
/** What stands around a name in quotes, for the patterns that read one: letters, spaces, a line's end, quotes, names. */
const NAME_PIECES = ['ь', 'ab', ' ', '  ', '\n', '«', '»', '"', 'Luna', '«Ромашка»'];
/** `n` of a piece, as one run: "кафекафе…". */
const run = (piece: string, n: number) => piece.repeat(n);

/**
 * Patterns of the lexicon written again so that they read the same strings at a cost that grows with the text, not
 * with its square or its cube, each checked against the pattern it replaced (test/fixtures/ads-patterns-before.json):
 * the same matches, at the same places, on every ad of the own and open corpora (as written and normalised), on texts
 * of its pieces at random, and on long runs of its stems, as the analyzer runs it (`matchAllAt`) and as it stands.
 *
 * A stem found inside a word and read to the word's end (`кафе\p{L}*`, `девуш\p{L}*`) was tried from every place the
 * stem stands in one run of letters, each time to the run's end: the square of the run (8 KB of "кафекафе…" took a
 * quarter of a second). Now a stem is read on only where no such stem stands earlier in its run: `STEMS(?<!STEMS
 * \p{L}*?STEMS)`, asked where a stem was found. That loses nothing: what follows the letters is no letter (a space, a
 * quote, a digit), so a try from an earlier stem of the run read the same letters to the same end, and either matched
 * through this place or showed that nothing matches here. A stem with a space in it ("қонақ үй") reads to the end of
 * another run, and is tried everywhere. company_identity also read a company's words two ways at once (`компани\p{L}*`
 * then `\s*(?:\p{L}+\s+){0,2}`: a run of letters cut in every way, the cube of the run: 1 KB of "отелотел…" before a
 * quote took more than a second); its stems read to the word's end are now followed by a space or the quote.
 */
const REWRITES: {
  cue: string;
  /** How the pattern begins now (to find it). */
  start: string;
  /** The pattern it replaced. */
  before: string;
  /** Pieces of texts that exercise it. */
  pieces: string[];
  /** Texts that were slow, or subtle, and must still match the same. */
  runs: string[];
}[] = [
  {
    cue: 'restaurant_named',
    start: '(?:(?:ресторан|кафе',
    before: before.restaurant_named,
    pieces: [
      'кафе',
      'отел',
      'hotel',
      'ресторан',
      'гостиница',
      'café',
      'restaurant',
      'қонақ үй',
      'қонақүй',
      ...NAME_PIECES,
      '“',
      '”',
    ],
    runs: [
      run('кафе', 2048),
      `${run('кафе', 500)} «Луна»`,
      `${run('а', 3000)}кафе «Луна»`,
      `қонақ үй${run('кафе', 300)} а б «Луна»`,
      // A stem with a space reads to the end of another run: tried even after a stem earlier in its own.
      'кафеқонақ үй а б «Луна»',
      `${run('қонақүй', 150)} «`,
      `${run('қонақүй', 150)} «Луна»`,
      'кафеқонақүй а б «Луна»',
    ],
  },
  {
    cue: 'minor_age',
    start: '(?:(?:девуш|',
    before: before.minor_age_girls,
    pieces: [
      'девушки',
      'девоч',
      'girl',
      'girls',
      'ages',
      'aged',
      'age',
      'возраст',
      'қыздар',
      'kyzdar',
      'работа',
      'x',
      ' ',
      ':',
      '16',
      '17-25',
      '-',
      '18',
      '25',
      '2',
      '#',
    ],
    runs: [
      run('девушки', 1200),
      `${run('девушки', 600)} 16-25`,
      `${run('ж', 4000)}девушки 17-25`,
      `${run('agesgirl', 500)}girls 16-25`,
      'Девушкиработавдубаевысокаязарплатажильебесплатноперелетзасчеткомпаниибезопытаработы 17-25'.toLowerCase(),
    ],
  },
  {
    cue: 'minor_age',
    start: '(?:shkol|школ)(?<!',
    before: before.minor_age_school,
    pieces: ['школьницы', 'школ', 'shkol', 'nitsy', 'а', ' ', '1', '15', '12', '#'],
    runs: [
      run('школьницы', 900),
      `${run('школьницы', 500)} 15`,
      'школьницывыпускницыработавдубаевысокаязарплата 15',
    ],
  },
  {
    cue: 'deduction_in_contract',
    start: '(?:п\\.|(?:пункт)',
    before: before.deduction_in_contract,
    pieces: ['пункт', 'пунктом', 'п.', 'п', ' ', '3', '3.2', '.', 'трудового ', 'договора', 'контракта', 'а'],
    runs: [
      run('пункт', 1600),
      `${run('пункт', 800)} 3.2 трудового договора`,
      `${run('а', 3000)}пунктом 4 договора`,
    ],
  },
  {
    cue: 'advice_against',
    start: '(?:(?:туристическ)',
    before: before.advice_against,
    pieces: [
      'туристическ',
      'туристическая',
      'tourist',
      ' ',
      'визы',
      'visa',
      'visas',
      'мы ',
      'не ',
      'not ',
      'используем',
      'used',
      'а',
    ],
    runs: [
      run('туристическ', 700),
      `${run('туристическ', 300)}ие визы мы не используем`,
      'tourist visas are not used',
    ],
  },
  {
    cue: 'company_identity',
    start: '(?:(?:(?:компани',
    before: before.company_identity,
    pieces: [
      'отел',
      'отель',
      'компания',
      'агентств',
      'агенттік',
      'саудаүй',
      'сауда уй',
      'демалысбаз',
      'демалыс базасы',
      'қонақүй',
      'фирма',
      'центр',
      'club',
      'group',
      'studio',
      'кафе',
      'тоо',
      'hotel',
      'hotels',
      'сауда үй',
      'агенттік',
      ...NAME_PIECES,
      "'",
    ],
    runs: [
      `${run('отел', 256)} «Л`,
      `${run('отел', 600)} «Луна»`,
      `${run('кафе', 1000)} «Луна»`,
      `${run('«a кафе ', 500)}`,
      'компаниякафе «Луна»',
      'кафекомпания а б «Луна»',
      'hotelshotels «Luna»',
      `${run('агенттік', 80)} «`,
      `${run('саудаүй', 90)} «`,
      `${run('кафе', 150)} «`,
      `${run('тоо', 200)} «`,
      'тоокафе а б «Луна»',
      'агенттікқонақүй «Луна»',
    ],
  },
];

/**
 * Every match as the analyzer finds them: the strings of all the lexicon's patterns looked for in one scan, and the
 * pattern tried only where its own stand (find-cues.ts).
 */
const scan = literalScan([...lexicon.cues.values()].flatMap((c) => c.regexes));
const found = (re: RegExp, text: string) =>
  matchAllAt(re, text, findLiterals(scan, text)).map((m) => `${m.index}:${m[0]}`);

describe('a pattern written again finds what it found before', () => {
  for (const r of REWRITES) {
    const was = new RegExp(r.before, 'gu');
    const now = patternOf(r.cue, r.start);

    it(`${r.cue} (${r.start}…): on every ad of the own and open corpora`, () => {
      for (const text of [...corpusAds, ...openAds])
        for (const t of [text, normalize(text).text]) {
          const expected = matches(was, t);
          expect(matches(now, t)).toEqual(expected);
          expect(found(now, t)).toEqual(expected);
        }
    });

    it(`${r.cue} (${r.start}…): on texts of its pieces and on long runs of its stems`, () => {
      for (const text of r.runs) {
        const expected = matches(was, text);
        expect(matches(now, text)).toEqual(expected);
        expect(found(now, text)).toEqual(expected);
      }
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...r.pieces), { maxLength: 60 }), (pieces) => {
          const text = pieces.join('');
          const expected = matches(was, text);
          expect(matches(now, text)).toEqual(expected);
          expect(found(now, text)).toEqual(expected);
        }),
        { numRuns: 4000 },
      );
    });
  }

  it('the slow texts match somewhere: the comparison is of something', () => {
    const count = (cue: string, start: string, text: string) => matches(patternOf(cue, start), text).length;
    expect(count('restaurant_named', '(?:(?:ресторан|кафе', `${run('кафе', 500)} «Луна»`)).toBe(1);
    expect(count('minor_age', '(?:(?:девуш|', `${run('девушки', 600)} 16-25`)).toBe(1);
    expect(count('minor_age', '(?:shkol|школ)(?<!', `${run('школьницы', 500)} 15`)).toBe(1);
    expect(
      count('deduction_in_contract', '(?:п\\.|(?:пункт)', `${run('пункт', 800)} 3.2 трудового договора`),
    ).toBe(1);
    expect(
      count('advice_against', '(?:(?:туристическ)', `${run('туристическ', 300)}ие визы мы не используем`),
    ).toBe(1);
    expect(count('company_identity', '(?:(?:(?:компани', `${run('отел', 600)} «Луна»`)).toBe(1);
  });
});
