import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastView } from '../../src/domain/ads/normalize.js';
import { corpusAds, corpusAdWith } from '../helpers/ad-text.js';

/**
 * The fast path's decision, written as it first was: one regular expression per reason, each over the
 * whole text. The analyzer now decides more cheaply (pictograph runs, a prefilter before the stretched-
 * letter expression, a character loop for mixed scripts); it must decide exactly as this does, so that
 * every ad is read through the same path, and so gets the same verdict, as before.
 */
const L = 'a-zа-яёәғқңөұүһі';
const REFERENCE_NEEDS = [
  /[а-яёәғқңөұүһі][a-z]|[a-z][а-яёәғқңөұүһі]/i,
  /[\u00AD\u200B\u200C\u200E\u200F\u2060\uFEFF]/,
  new RegExp(
    `(?:^|[^${L}])[${L}][\\s.\\-_*·•/|~+][${L}][\\s.\\-_*·•/|~+][${L}][\\s.\\-_*·•/|~+][${L}](?![${L}])`,
    'i',
  ),
  new RegExp(`[${L}]([${L}])\\1\\1|([${L}])\\2\\2[${L}]`, 'i'),
  new RegExp(`[${L}]['’ʼ\`´][${L}]`, 'i'),
  /[а-яёәғқңөұүһі]\d+[а-яёәғқңөұүһі]/i,
  // Added with the at and euro signs for letters ("р@бота", "д€вушек").
  /[а-яёәғқңөұүһі][@€][а-яёәғқңөұүһі]/i,
  /[a-z]0|0[a-z]/i,
  /[^\t-\u04ff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]/,
];
// A flag (regional indicators) is no pictograph: it names a country, and only the careful pass keeps it.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: a skin tone is one more code point of the run
const REFERENCE_PICTOGRAPHS = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u20E3\uFE0F\uFE0E\u200D]+/gu;
const REFERENCE_PICTOGRAPH_IN_WORD =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: a skin tone is one more code point of the run
  /\p{L}[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u20E3\uFE0F\uFE0E\u200D]+\p{L}/u;

function referenceFastView(original: string): { text: string; map: number[] } | undefined {
  if (REFERENCE_PICTOGRAPH_IN_WORD.test(original)) return undefined;
  const plain = original
    .replace(/💲/gu, '$ ')
    .replace(REFERENCE_PICTOGRAPHS, (m) => ' '.repeat(m.length))
    .replace(/№/g, '#');
  if (plain.normalize('NFKC') !== plain || REFERENCE_NEEDS.some((re) => re.test(plain))) return undefined;
  const text = plain.toLowerCase().replace(/ё/g, 'е');
  if (text.length !== original.length) return undefined;
  return { text, map: Array.from({ length: text.length }, (_, i) => i) };
}

const corpus = corpusAds;
/** What turns an ad into one the careful pass must read, or nearly so. */
const DISGUISES = [
  '💃',
  '🔥',
  '👍🏽',
  '❤️',
  '🇦🇪',
  '1️⃣',
  '💲',
  '🔥💲🔥',
  '💲💲',
  'ℹ',
  'ℹ️',
  '©',
  '\u200b',
  '\u00ad',
  '№',
  'ﬁ',
  'Ａ',
  '𝐝',
  'e',
  'a',
  'о',
  'с',
  'ооо',
  'ООО',
  'aaa',
  '000',
  '...',
  "'",
  '’',
  '3',
  ' ',
  '.',
  '-',
  'д е в у ш к и',
  'э.с.к.о.р.т',
  'İ',
  'ё',
  'Ё',
  'қ',
  'é',
  'e\u0301',
  '\u00a0',
  '™',
  '½',
  'ȿ',
  'Ȿ',
  'K',
  '\ud800',
];
const disguised = corpusAdWith(DISGUISES, 6);

describe('the fast path of normalisation decides as it always did', () => {
  it('on every corpus ad', () => {
    for (const text of corpus) expect(fastView(text)).toEqual(referenceFastView(text));
  });
  it('on corpus ads with disguises, emoji and look-alikes put in anywhere', () => {
    fc.assert(
      fc.property(disguised, (text) => {
        expect(fastView(text)).toEqual(referenceFastView(text));
      }),
      { numRuns: 2000 },
    );
  });
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: fc.constantFrom(..."аеоcрxаaoеёЁқӘiІ  .-💃🔥ℹ’'3".split('')), maxLength: 60 }),
        ),
        (text) => {
          expect(fastView(text)).toEqual(referenceFastView(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('on text of the letters, digits and marks each reason reads, in both cases', () => {
    // Letters of both scripts (and the units that only look like them or change case oddly), digits,
    // zeros, apostrophes, splitters: every reason's expression, and the places where they begin and end.
    // Each alphabet but the last has one script, so that mixed scripts do not hide the other reasons.
    const alphabets = [
      [...'оОеЕаАдДәӘіІёЁқҚ .-_*·•/|~+,309\n\u00a0@€'],
      [..."aAeEkKoOx0'’ʼ`´ .-_*/|,9\n\u212a\u017f\u0130\u0131"],
      [..."aAkKeEoOxX0039оОеЕаАкКәӘіІёЁқҚ'’ʼ`´ .-_*·•/|~+,\n\t\u00a0\u2009\u212a\u017f\u0130\u0131\u1c80@€"],
    ];
    for (const units of alphabets) {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom(...units), maxLength: 40 }), (text) => {
          expect(fastView(text)).toEqual(referenceFastView(text));
        }),
        { numRuns: 10000 },
      );
    }
  });
});
