import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carefulView, type View } from '../../src/domain/ads/normalize.js';
import { anyAdText, corpusAds, corpusAdWith } from '../helpers/ad-text.js';

/*
 * The careful pass of normalisation, written as it first was: one string per character, each step a
 * regular expression or a lookup by string. The analyzer now works on code points with the answers of
 * those expressions remembered per code; it must read every text exactly as this does.
 */

// Latin letters that look like Cyrillic ones, and back. A word written mostly in one script has the
// look-alikes of the other folded into it: "дeвушки" with a Latin e is "девушки".
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  i: 'і',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  '0': 'о',
  '3': 'з',
  '6': 'б',
};
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  н: 'h',
  і: 'i',
  к: 'k',
  м: 'm',
  о: 'o',
  р: 'p',
  т: 't',
  х: 'x',
  у: 'y',
  ѕ: 's',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  '0': 'o',
};
const isCyrillic = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c >= 0x400 && c <= 0x4ff;
};
const isLatin = (ch: string) => {
  const c = ch.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
};
const LETTER = /\p{L}/u;
/** Latin and Cyrillic by their codes (the common case, fast), everything else by Unicode. */
const isLetter = (ch: string) => {
  const c = ch.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x400 && c <= 0x4ff)) return true;
  if (c < 0xc0) return false;
  return LETTER.test(ch);
};
// These are tested against one code point at a time, so joining marks in the classes are what we mean.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF\uFE0E\uFE0F]/;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u20E3]/u;
/** Characters that split a word in disguise: "д.е.в.у.ш.к.и", "e-s-c-o-r-t", "д е в у ш к и". */
const SPLITTER = /[\s.\-_*·•/|~+]/;
const isWordChar = (ch: string) => isLetter(ch) || (ch >= '0' && ch <= '9');

/**
 * The careful pass works on characters (one code point each, lower-cased) and, beside them, the index in
 * the original each came from: two plain arrays, not an object per character, since a kilobyte of text
 * is a thousand of them and every step below reads its neighbours.
 */
interface Chars {
  ch: string[];
  at: number[];
}

function toChars(original: string): Chars {
  const ch: string[] = [];
  const at: number[] = [];
  let pos = 0;
  for (const cp of original) {
    const here = pos;
    pos += cp.length;
    const code = cp.codePointAt(0) as number;
    if (code < 0xad) {
      // ASCII and Latin-1 punctuation: no invisible, no pictograph, no compatibility form.
      ch.push(code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : cp);
      at.push(here);
      continue;
    }
    if (INVISIBLE.test(cp)) continue;
    if (cp === '💲') {
      ch.push('$');
      at.push(here);
      continue;
    }
    if (cp === '№') {
      // Not "No" (its compatibility form), which would read as a negation.
      ch.push('#');
      at.push(here);
      continue;
    }
    // Letters drawn as emoji (negative circled and squared Latin letters): the letters they show.
    if ((code >= 0x1f150 && code <= 0x1f169) || (code >= 0x1f170 && code <= 0x1f189)) {
      ch.push(String.fromCharCode(0x61 + code - (code >= 0x1f170 ? 0x1f170 : 0x1f150)));
      at.push(here);
      continue;
    }
    if (code >= 0x2000 && PICTOGRAPH.test(cp)) {
      ch.push('\u0001'); // a pictograph: decided below whether it splits a word
      at.push(here);
      continue;
    }
    // Compatibility forms (full-width letters, ligatures, mathematical letters) live above U+2000.
    const plain = code >= 0x2000 ? cp.normalize('NFKC') : cp;
    for (const c of plain.toLowerCase()) {
      ch.push(c === 'ё' ? 'е' : c);
      at.push(here);
    }
  }
  return { ch, at };
}

const APOSTROPHE = /['’ʼ`´]/;
const letterAt = (ch: string[], k: number) => isLetter(ch[k] ?? ' ');

/** "don't" is "dont": apostrophes inside words go, so patterns need not spell them. */
function dropApostrophes({ ch, at }: Chars): Chars {
  const out: Chars = { ch: [], at: [] };
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i] as string;
    if (APOSTROPHE.test(c) && letterAt(ch, i - 1) && letterAt(ch, i + 1)) continue;
    out.ch.push(c);
    out.at.push(at[i] as number);
  }
  return out;
}

/** An emoji between two letters is a disguise ("танц💃овщицы"): dropped; elsewhere it is a space. */
function resolvePictographs({ ch, at }: Chars): Chars {
  const out: Chars = { ch: [], at: [] };
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i] as string;
    if (c !== '\u0001') {
      out.ch.push(c);
      out.at.push(at[i] as number);
      continue;
    }
    let j = i;
    while (j < ch.length && ch[j] === '\u0001') j++;
    const before = out.ch.at(-1) ?? ' ';
    const after = ch[j] ?? ' ';
    if (!(isLetter(before) && isLetter(after))) {
      out.ch.push(' ');
      out.at.push(at[i] as number);
    }
    i = j - 1;
  }
  return out;
}

/**
 * Joins runs of at least four single letters split by the same kind of separator; in a letter-spaced text
 * (four single letters one space apart somewhere), also the words of two or three letters between two
 * spaces or line ends, and runs of single digits one space apart.
 */
function joinSpacedLetters({ ch, at }: Chars): Chars {
  const out: Chars = { ch: [], at: [] };
  let i = 0;
  const single = (k: number) => isLetter(ch[k] ?? '') && !letterAt(ch, k - 1) && !letterAt(ch, k + 1);
  const spaced = /(?<!\p{L})\p{L}(?: \p{L}){3}(?!\p{L})/u.test(ch.join(''));
  const word = (k: number) => /^[\p{L}0-9]$/u.test(ch[k] ?? '');
  const digit = (k: number) => /^[0-9]$/.test(ch[k] ?? '') && !word(k - 1) && !word(k + 1);
  const edge = (a: string | undefined, b: string | undefined) =>
    a === undefined || a === '\n' || (a === ' ' && (b === undefined || b === ' ' || b === '\n'));
  // A digit run stands as a word: two spaces or a line's end, or a lone sign between spaces, on each side.
  const sign = (c: string | undefined) =>
    c !== undefined && c !== ' ' && c !== '\n' && !/^[\p{L}0-9]$/u.test(c);
  const side = (a: string | undefined, b: string | undefined, c: string | undefined) =>
    edge(a, b) || (a === ' ' && sign(b) && (c === undefined || c === ' ' || c === '\n'));
  while (i < ch.length) {
    if (spaced && digit(i) && ch[i + 1] === ' ' && digit(i + 2) && side(ch[i - 1], ch[i - 2], ch[i - 3])) {
      let k = i;
      while (ch[k + 1] === ' ' && digit(k + 2)) k += 2;
      if (!side(ch[k + 1], ch[k + 2], ch[k + 3])) {
        out.ch.push(ch[i] as string);
        out.at.push(at[i] as number);
        i++;
        continue;
      }
      for (let l = i; l <= k; l += 2) {
        out.ch.push(ch[l] as string);
        out.at.push(at[l] as number);
      }
      i = k + 1;
      continue;
    }
    if (single(i)) {
      let count = 1;
      let k = i;
      // One kind of separator throughout ("д.е.в.у.ш.к.и", "д е в у ш к и"): "т в д" of "э.с.к.о.р.т в
      // Д.у.б.а.й" is not part of it.
      const sep = ch[i + 1] ?? '';
      while (SPLITTER.test(sep) && ch[k + 1] === sep && single(k + 2)) {
        k += 2;
        count++;
      }
      const short =
        count >= 2 && sep === ' ' && spaced && edge(ch[i - 1], ch[i - 2]) && edge(ch[k + 1], ch[k + 2]);
      if (count >= 4 || short) {
        // The letters, every other character from i to k, without the separators.
        for (let l = i; l <= k; l += 2) {
          out.ch.push(ch[l] as string);
          out.at.push(at[l] as number);
        }
        i = k + 1;
        continue;
      }
    }
    out.ch.push(ch[i] as string);
    out.at.push(at[i] as number);
    i++;
  }
  return out;
}

/** One script per word: the minority script's look-alikes take the majority's letters. */
function foldHomoglyphs(chars: Chars): Chars {
  const ch = chars.ch.slice();
  // An at or a euro sign between Cyrillic letters is "а" or "е".
  for (let k = 1; k + 1 < ch.length; k++)
    if ((ch[k] === '@' || ch[k] === '€') && isCyrillic(ch[k - 1] ?? '') && isCyrillic(ch[k + 1] ?? ''))
      ch[k] = ch[k] === '@' ? 'а' : 'е';
  let i = 0;
  while (i < ch.length) {
    if (!isWordChar(ch[i] ?? '')) {
      i++;
      continue;
    }
    let j = i;
    let cyr = 0;
    let lat = 0;
    let cyrOwn = 0;
    let latOwn = 0;
    while (j < ch.length && isWordChar(ch[j] ?? '')) {
      const c = ch[j] ?? '';
      if (isCyrillic(c)) {
        cyr++;
        if (!(c in CYRILLIC_TO_LATIN)) cyrOwn++;
      } else if (isLatin(c)) {
        lat++;
        if (!(c in LATIN_TO_CYRILLIC)) latOwn++;
      }
      j++;
    }
    const zeros = ch.slice(i, j).filter((c) => c === '0').length;
    if (cyr === 0 && lat > 0 && zeros > 0 && zeros === j - i - lat && lat >= zeros) {
      for (let k = i; k < j; k++) if (ch[k] === '0') ch[k] = 'o';
    } else if (cyr > 0 && (lat > 0 || j - i > cyr)) {
      const cyrillic = cyrOwn > 0 && latOwn === 0 ? true : latOwn > 0 && cyrOwn === 0 ? false : cyr >= lat;
      const table = cyrillic ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
      const letters = Math.max(cyr, lat);
      for (let k = i; k < j; k++) {
        const c = ch[k] as string;
        const mapped = table[c];
        // Digits only become letters inside a word that is mostly letters ("д3вушки", not "3000тг").
        if (mapped && (!/\d/.test(c) || letters >= (j - i) / 2)) ch[k] = mapped;
      }
    }
    i = j;
  }
  return { ch, at: chars.at };
}

/** "срооочно" and "urgennnt": three or more of the same letter are one; two stay two ("касса"). */
function shortenStretched({ ch, at }: Chars): Chars {
  const out: Chars = { ch: [], at: [] };
  let i = 0;
  while (i < ch.length) {
    const c = ch[i] as string;
    let j = i + 1;
    if (isLetter(c)) while (ch[j] === c) j++;
    // A run inside a word is stretched; a word that is only the run ("ООО", a company form) is not.
    const inWord = letterAt(ch, i - 1) || letterAt(ch, j);
    const to = j - i >= 3 && inWord ? i + 1 : j;
    for (let k = i; k < to; k++) {
      out.ch.push(ch[k] as string);
      out.at.push(at[k] as number);
    }
    i = j;
  }
  return out;
}

function referenceToView({ ch, at }: Chars): View {
  const map: number[] = [];
  for (let i = 0; i < ch.length; i++) {
    // A character outside the BMP is two code units: both point to where it came from.
    const c = ch[i] as string;
    for (let k = 0; k < c.length; k++) map.push(at[i] as number);
  }
  return { text: ch.join(''), map };
}

function referenceCarefulView(original: string): View {
  const chars = dropApostrophes(resolvePictographs(toChars(original)));
  return referenceToView(shortenStretched(foldHomoglyphs(joinSpacedLetters(chars))));
}

const corpus = corpusAds;
/** What the careful pass undoes, and characters at the edges of its rules. */
const PIECES = [
  ..."aeoсрxкмтнвіуа0369 .-_*·•/|~+'’ʼ`´ёЁİıΣςσ\u0001\t\n\u00a0\u2028".split(''),
  '💃',
  '🔥',
  '👍🏽',
  '❤️',
  '🇦🇪',
  '1️⃣',
  '💲',
  '🅰️',
  '🅐',
  'ℹ',
  '©',
  '\u200b',
  '\u00ad',
  '\u200d',
  '\ufe0f',
  '№',
  'ﬁ',
  'Ａ',
  '𝐝',
  '𝐃',
  'e\u0301',
  '™',
  '½',
  'ȿ',
  'Ȿ',
  'K',
  'ѕ',
  'ԁ',
  'ԛ',
  'һ',
  '\ud800',
  '\udc00',
  'ооо',
  'ООО',
  'срооочно',
  'д е в у ш к и',
  'э.с.к.о.р.т',
  'д3вушки',
  "don't",
];
const edited = corpusAdWith(PIECES, 8);

describe('the careful pass reads as it always did', () => {
  it('on every corpus ad', () => {
    for (const text of corpus) expect(carefulView(text)).toEqual(referenceCarefulView(text));
  });
  it('on corpus ads with disguises put in anywhere', () => {
    fc.assert(
      fc.property(edited, (text) => {
        expect(carefulView(text)).toEqual(referenceCarefulView(text));
      }),
      { numRuns: 2000 },
    );
  });
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(anyAdText(PIECES), (text) => {
        expect(carefulView(text)).toEqual(referenceCarefulView(text));
      }),
      { numRuns: 4000 },
    );
  });
});
