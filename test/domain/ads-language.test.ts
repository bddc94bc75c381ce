import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAdLanguage } from '../../src/domain/ads/language.js';
import { anyAdText, corpusAds, corpusAdWith } from '../helpers/ad-text.js';

/**
 * The language count, written as it first was: sentences split by an expression, words found by an
 * expression, each word's kind asked of four more. The analyzer now reads the text once, code by code;
 * it must count exactly as this does.
 */
const ENGLISH = new Set(
  'the a an and or for to of in on at with from by is are be we you your our it this that no not as per all will can'.split(
    ' ',
  ),
);
function referenceLanguage(text: string): string {
  const counts = { ru: 0, kk: 0, en: 0 };
  for (const sentence of text.split(/[.!?\n]+/)) {
    let cyr = 0;
    let kkWords = 0;
    let latin = 0;
    let kkLatin = 0;
    let english = false;
    for (const [w] of sentence.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (/[\u0400-\u04FF]/.test(w)) {
        cyr++;
        if (/[әғқңөұүһі]/i.test(w)) kkWords++;
      }
      if (/^[a-z\u00C0-\u024F]+$/i.test(w) && w.length > 1) {
        latin++;
        if (/[äğñöūüış]|q(?!u)/i.test(w)) kkLatin++;
        if (ENGLISH.has(w.toLowerCase())) english = true;
      }
    }
    if (kkWords > 0 && kkWords >= cyr * 0.15) counts.kk += cyr;
    else counts.ru += cyr;
    if (kkLatin > 0) counts.kk += latin;
    else if (latin >= 3 && !english) counts.ru += latin;
    else counts.en += latin;
  }
  const total = counts.ru + counts.kk + counts.en;
  if (total === 0) return 'ru';
  const [top, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] as [string, number];
  return n >= total * 0.75 ? top : 'mixed';
}

const corpus = corpusAds;
/** Words and pieces of words where the kinds differ: Kazakh letters, q and qu, look-alikes, marks. */
const PIECES = [
  ...'aqQuUeiоаеқӘіІғüñışäūöÄ́ё҂҃҈҉ѐӀ1 .!?\n,-'.split(''),
  'the',
  'The',
  'your',
  'qu',
  'Qatar',
  'qyzdar',
  'jūmys',
  'девушки',
  'қыздар',
  'дeвушки',
  'e\u0301',
  '𝐝',
  '𝟏',
  '💃',
  '\ud800',
  '\udc00',
  'ǅ',
  'ﬁ',
  'Ａ',
];
const edited = corpusAdWith(PIECES, 8);

describe('the language count reads as it always did', () => {
  it('on every corpus ad', () => {
    for (const text of corpus) expect(detectAdLanguage(text)).toBe(referenceLanguage(text));
  });
  it('on corpus ads with letters of every kind put in anywhere', () => {
    fc.assert(
      fc.property(edited, (text) => {
        expect(detectAdLanguage(text)).toBe(referenceLanguage(text));
      }),
      { numRuns: 3000 },
    );
  });
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(anyAdText(PIECES), (text) => {
        expect(detectAdLanguage(text)).toBe(referenceLanguage(text));
      }),
      { numRuns: 5000 },
    );
  });
});
