import { BoundedMap, codePointTest } from '../memo.js';

export type AdLanguage = 'ru' | 'kk' | 'en' | 'mixed';

/**
 * The language of an ad, by counting words sentence by sentence: Cyrillic words are Russian, or Kazakh
 * when enough of a sentence's words have Kazakh letters; Latin words are English, Kazakh in Latin letters
 * when one has Kazakh Latin letters, or Russian in Latin letters when three or more go without any of
 * English's little words. The ad's language is the one with three quarters of the words, else `mixed`.
 *
 * Words are runs of letters and digits (`[\p{L}\p{N}]+`), sentences end at `.`, `!`, `?` and lines. The
 * text is read once, code by code: most words are only ASCII or only Cyrillic letters and digits, and
 * what the count needs of them comes from their codes, with no substring and no expression; any other
 * word is asked of the expressions in `unusualWordKind`, and the answer remembered.
 */
export function detectAdLanguage(text: string): AdLanguage {
  const counts = { ru: 0, kk: 0, en: 0 };
  const sentence: Sentence = { cyr: 0, kkWords: 0, latin: 0, kkLatin: 0, english: false };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a) {
      endSentence(counts, sentence);
      i++;
      continue;
    }
    const unit = wordUnits(text, i);
    if (unit === 0) {
      i += surrogatePairLength(text, i);
      continue;
    }
    // A word: only ASCII or only Cyrillic letters and digits, counted from its codes; else asked of the
    // expressions.
    const start = i;
    let asciiLetters = 0;
    let cyrillic = 0;
    let kazakh = false;
    let qNotU = false;
    let plain = true;
    for (let u = unit; u > 0; u = wordUnits(text, i)) {
      const code = text.charCodeAt(i);
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) {
        asciiLetters++;
        // The unit after a word is no "u": reading past the word's end is reading "not u".
        if ((code === 0x71 || code === 0x51) && (text.charCodeAt(i + 1) | 0x20) !== 0x75) qNotU = true;
      } else if (code >= 0x400 && code <= 0x4ff) {
        cyrillic++;
        // Russian's own letters, а–я and А–Я, are not Kazakh: only the rest is looked up.
        if ((code < 0x410 || code > 0x44f) && KAZAKH_CODES.has(code)) kazakh = true;
      } else if (code < 0x30 || code > 0x39) plain = false;
      i += u;
    }
    const length = i - start;
    let kind: number;
    if (!plain || (asciiLetters > 0 && cyrillic > 0)) kind = unusualWordKind(text.slice(start, i));
    else if (cyrillic > 0) kind = CYRILLIC | (kazakh ? KAZAKH : 0);
    else if (asciiLetters === length && length > 1) {
      kind = LATIN | (qNotU ? KAZAKH_LATIN : 0);
      if (length <= ENGLISH_LONGEST && ENGLISH.has(text.slice(start, i).toLowerCase())) kind |= ENGLISH_WORD;
    } else kind = 0;
    if (kind & CYRILLIC) sentence.cyr++;
    if (kind & KAZAKH) sentence.kkWords++;
    if (kind & LATIN) sentence.latin++;
    if (kind & KAZAKH_LATIN) sentence.kkLatin++;
    if (kind & ENGLISH_WORD) sentence.english = true;
  }
  endSentence(counts, sentence);
  const total = counts.ru + counts.kk + counts.en;
  if (total === 0) return 'ru';
  const [top, n] = (Object.entries(counts) as [AdLanguage, number][]).sort((a, b) => b[1] - a[1])[0] as [
    AdLanguage,
    number,
  ];
  return n >= total * 0.75 ? top : 'mixed';
}

/** The counts of the sentence being read. */
interface Sentence {
  cyr: number;
  kkWords: number;
  latin: number;
  kkLatin: number;
  english: boolean;
}

/** Adds a sentence's words to the ad's counts, and starts the next sentence. */
function endSentence(counts: Record<'ru' | 'kk' | 'en', number>, s: Sentence): void {
  if (s.kkWords > 0 && s.kkWords >= s.cyr * 0.15) counts.kk += s.cyr;
  else counts.ru += s.cyr;
  if (s.kkLatin > 0) counts.kk += s.latin;
  else if (s.latin >= 3 && !s.english) {
    // Latin words with none of English's little words: Russian written in Latin ("rabota v Dubae").
    counts.ru += s.latin;
  } else counts.en += s.latin;
  s.cyr = 0;
  s.kkWords = 0;
  s.latin = 0;
  s.kkLatin = 0;
  s.english = false;
}

/** English's most frequent little words: a Latin sentence without any is not English. */
const ENGLISH = new Set(
  'the a an and or for to of in on at with from by is are be we you your our it this that no not as per all will can'.split(
    ' ',
  ),
);
/** A longer word is none of them: it need not be cut out and lower-cased to be looked up. */
const ENGLISH_LONGEST = Math.max(...[...ENGLISH].map((w) => w.length));

// What the language count needs to know of a word, as bits.
const CYRILLIC = 1;
const KAZAKH = 2;
const LATIN = 4;
const KAZAKH_LATIN = 8;
const ENGLISH_WORD = 16;
/** Kazakh's own letters, both cases: in U+0400–U+04FF, exactly what /[әғқңөұүһі]/i matches. */
const KAZAKH_CODES = new Set([...'әғқңөұүһіӘҒҚҢӨҰҮҺІ'].map((c) => c.charCodeAt(0)));

/** The bits of a word that is not only ASCII or only Cyrillic letters and digits, remembered. */
const unusualKinds = new BoundedMap<string, number>(50_000);
function unusualWordKind(w: string): number {
  let kind = unusualKinds.get(w);
  if (kind !== undefined) return kind;
  kind = 0;
  if (/[\u0400-\u04FF]/.test(w)) {
    kind |= CYRILLIC;
    if (/[әғқңөұүһі]/i.test(w)) kind |= KAZAKH;
  }
  if (/^[a-z\u00C0-\u024F]+$/i.test(w) && w.length > 1) {
    kind |= LATIN;
    // Kazakh in Latin letters: its own letters, or a q not followed by u (English "qu").
    if (/[äğñöūüış]|q(?!u)/i.test(w)) kind |= KAZAKH_LATIN;
    if (ENGLISH.has(w.toLowerCase())) kind |= ENGLISH_WORD;
  }
  unusualKinds.set(w, kind);
  return kind;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Whether a BMP code is a letter or digit, asked of Unicode once per code. */
const isBmpWordChar = codePointTest(WORD_CHAR);
/**
 * How many UTF-16 units the word character at `i` takes (1, or 2 for a surrogate pair), or 0 when the
 * character there is not a letter or digit. ASCII and Cyrillic by their codes; the rest asked of
 * Unicode once per code.
 */
function wordUnits(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80)
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ? 1 : 0;
  // U+0482–U+0489 are a sign and combining marks, the rest of the Cyrillic block letters.
  if (c >= 0x400 && c <= 0x4ff) return c < 0x482 || c > 0x489 ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdfff) {
    const pair = surrogatePairLength(text, i);
    return pair === 2 && WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return isBmpWordChar(c) ? 1 : 0;
}

/** 2 where a high surrogate at `i` is followed by a low one, else 1. */
function surrogatePairLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}
