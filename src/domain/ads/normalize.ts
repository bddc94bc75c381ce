import { BoundedMap } from '../memo.js';
import {
  type Chars,
  charsOfLength,
  cpAt,
  cut,
  isCyrillicCode,
  isDigit,
  isLatinCode,
  isLetter,
  isWordChar,
  letterAt,
} from './code-points.js';
import { fastView } from './fastpath.js';
import { joinSpacedLetters } from './spaced-letters.js';

export { fastView };
/**
 * Ad text as the analyzer reads it: lower case, one script per word, spaced-out and emoji-split words
 * joined, stretched letters shortened. Every character of a view keeps the index of the original
 * character it came from, so evidence is always quoted from what the person sent.
 */
export interface View {
  text: string;
  /** map[i]: index in the original text of the view's character i. */
  map: number[];
}

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
/**
 * The tables above by code, as arrays indexed by the code (-1: not a look-alike; every code is below
 * U+0530): the careful pass works on code points, and asks of every letter of a mixed word.
 */
const byCode = (table: Record<string, string>) => {
  const codes = Object.entries(table).map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)] as const);
  const out = new Int32Array(Math.max(...codes.map(([from]) => from)) + 1).fill(-1);
  for (const [from, to] of codes) out[from] = to;
  return out;
};
/** What a code becomes by the table, or -1. */
const lookAlike = (table: Int32Array, c: number) => (c < table.length ? (table[c] as number) : -1);
const LATIN_TO_CYRILLIC_CODES = byCode(LATIN_TO_CYRILLIC);
const CYRILLIC_TO_LATIN_CODES = byCode(CYRILLIC_TO_LATIN);

/** A Latin letter, as the look-alike fold and transliteration count them. */
export const isLatin = (ch: string) => isLatinCode(ch.charCodeAt(0));
// These are tested against one code point at a time, so joining marks in the classes are what we mean.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF\uFE0E\uFE0F]/;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u20E3]/u;
/** The code that stands for a pictograph until `resolvePictographs` decides whether it splits a word. */
const PICTOGRAPH_MARK = 0x1;
/** The apostrophes ' ’ ʼ ` ´, by code. */
const isApostrophe = (c: number) => c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x60 || c === 0xb4;

/**
 * What one code point of the original becomes: nothing (invisible), one code point, or several (a
 * compatibility form, a letter whose lower case is two). A function of the code point alone, so it is
 * remembered: for the BMP in a table, for the rest (emoji, mathematical letters) in a bounded map.
 */
function carefulCodePoints(code: number): readonly number[] {
  const cp = String.fromCodePoint(code);
  if (INVISIBLE.test(cp)) return [];
  if (cp === '💲') return [0x24]; // $
  if (cp === '№') return [0x23]; // #: not "No" (its compatibility form), which would read as a negation
  // Letters drawn as emoji ("Р🅰️бота", "Ду🅱️ае", "сопровожд🅴ние"): negative circled and squared Latin letters
  // have no compatibility form; they are the letter they show.
  if (code >= 0x1f150 && code <= 0x1f169) return [0x61 + code - 0x1f150];
  if (code >= 0x1f170 && code <= 0x1f189) return [0x61 + code - 0x1f170];
  if (code >= 0x2000 && PICTOGRAPH.test(cp)) return [PICTOGRAPH_MARK];
  // Compatibility forms (full-width letters, ligatures, mathematical letters) live above U+2000.
  const plain = code >= 0x2000 ? cp.normalize('NFKC') : cp;
  const out: number[] = [];
  for (const c of plain.toLowerCase()) out.push(c === 'ё' ? 0x435 : (c.codePointAt(0) as number));
  return out;
}
const bmpCodePoints: (readonly number[] | undefined)[] = new Array(0x10000);
const astralCodePoints = new BoundedMap<number, readonly number[]>(10_000);
function codePointsOf(code: number): readonly number[] {
  if (code <= 0xffff) {
    let known = bmpCodePoints[code];
    if (!known) {
      known = carefulCodePoints(code);
      bmpCodePoints[code] = known;
    }
    return known;
  }
  let known = astralCodePoints.get(code);
  if (!known) {
    known = carefulCodePoints(code);
    astralCodePoints.set(code, known);
  }
  return known;
}

function toChars(original: string): Chars {
  // A code point becomes one character or none, except a few that become several ("ﬁ"): writing past
  // the end of an array makes it longer.
  const { cp, at } = charsOfLength(original.length);
  let n = 0;
  let i = 0;
  while (i < original.length) {
    // One code point at a time, as `for … of` reads a string: a surrogate pair is one, a lone half one.
    const code = original.codePointAt(i) as number;
    const here = i;
    i += code > 0xffff ? 2 : 1;
    if (code < 0xad) {
      // ASCII and Latin-1 punctuation: no invisible, no pictograph, no compatibility form.
      cp[n] = code >= 0x41 && code <= 0x5a ? code + 32 : code;
      at[n++] = here;
      continue;
    }
    for (const c of codePointsOf(code)) {
      cp[n] = c;
      at[n++] = here;
    }
  }
  return cut({ cp, at }, n);
}

/** "don't" is "dont": apostrophes inside words go, so patterns need not spell them. */
function dropApostrophes(chars: Chars): Chars {
  const { cp, at } = chars;
  // Each step first looks whether it has anything to do: most texts that need the careful pass need
  // only one or two of its steps, and a look is cheaper than a copy.
  if (!cp.some(isApostrophe)) return chars;
  const out = charsOfLength(cp.length);
  let n = 0;
  for (let i = 0; i < cp.length; i++) {
    const c = cp[i] as number;
    if (isApostrophe(c) && letterAt(cp, i - 1) && letterAt(cp, i + 1)) continue;
    out.cp[n] = c;
    out.at[n++] = at[i] as number;
  }
  return cut(out, n);
}

/** An emoji between two letters is a disguise ("танц💃овщицы"): dropped; elsewhere it is a space. */
function resolvePictographs(chars: Chars): Chars {
  const { cp, at } = chars;
  if (!cp.includes(PICTOGRAPH_MARK)) return chars;
  const out = charsOfLength(cp.length);
  let n = 0;
  for (let i = 0; i < cp.length; i++) {
    const c = cp[i] as number;
    if (c !== PICTOGRAPH_MARK) {
      out.cp[n] = c;
      out.at[n++] = at[i] as number;
      continue;
    }
    let j = i;
    while (j < cp.length && cp[j] === PICTOGRAPH_MARK) j++;
    const before = n > 0 ? (out.cp[n - 1] as number) : -1;
    const after = cpAt(cp, j);
    if (!(isLetter(before) && isLetter(after))) {
      out.cp[n] = 0x20;
      out.at[n++] = at[i] as number;
    }
    i = j - 1;
  }
  return cut(out, n);
}

/** One script per word: the minority script's look-alikes take the majority's letters. */
function foldHomoglyphs(chars: Chars): Chars {
  const cp = chars.cp.slice();
  // "р@бота", "д€вушек": an at sign or a euro sign between two Cyrillic letters stands for "а" or "е"
  // (never between Latin ones: "anna@mail.kz" is an address).
  for (let k = 1; k + 1 < cp.length; k++) {
    const c = cp[k] as number;
    if (
      (c === 0x40 || c === 0x20ac) &&
      isCyrillicCode(cp[k - 1] as number) &&
      isCyrillicCode(cp[k + 1] as number)
    )
      cp[k] = c === 0x40 ? 0x430 : 0x435;
  }
  let i = 0;
  while (i < cp.length) {
    if (!isWordChar(cp[i] as number)) {
      i++;
      continue;
    }
    let j = i;
    let cyr = 0;
    let lat = 0;
    // Letters only one script has ("б", "ю", "я"; "d", "f", "r") tell the word's script, whatever the
    // count of look-alikes: "tpeбуюtcя" (Latin t, p, e, c) is Cyrillic.
    let cyrOwn = 0;
    let latOwn = 0;
    while (j < cp.length && isWordChar(cp[j] as number)) {
      const c = cp[j] as number;
      if (isCyrillicCode(c)) {
        cyr++;
        if (lookAlike(CYRILLIC_TO_LATIN_CODES, c) < 0) cyrOwn++;
      } else if (isLatinCode(c)) {
        lat++;
        if (lookAlike(LATIN_TO_CYRILLIC_CODES, c) < 0) latOwn++;
      }
      j++;
    }
    if (cyr === 0 && lat > 0 && j - i > lat) {
      // A Latin word with zeros for "o" ("w0rk", "p0land", "n0"): mostly letters, no other digit ("10am").
      let zeros = 0;
      for (let k = i; k < j; k++) if (cp[k] === 0x30) zeros++;
      if (zeros === j - i - lat && lat >= zeros) for (let k = i; k < j; k++) if (cp[k] === 0x30) cp[k] = 0x6f;
    } else if (cyr > 0 && (lat > 0 || j - i > cyr)) {
      const cyrillic = cyrOwn > 0 && latOwn === 0 ? true : latOwn > 0 && cyrOwn === 0 ? false : cyr >= lat;
      const table = cyrillic ? LATIN_TO_CYRILLIC_CODES : CYRILLIC_TO_LATIN_CODES;
      const letters = Math.max(cyr, lat);
      for (let k = i; k < j; k++) {
        const c = cp[k] as number;
        const mapped = lookAlike(table, c);
        // Digits only become letters inside a word that is mostly letters ("д3вушки", not "3000тг").
        if (mapped >= 0 && (!isDigit(c) || letters >= (j - i) / 2)) cp[k] = mapped;
      }
    }
    i = j;
  }
  return { cp, at: chars.at };
}

/** "срооочно" and "urgennnt": three or more of the same letter are one; two stay two ("касса"). */
function shortenStretched(chars: Chars): Chars {
  const { cp, at } = chars;
  if (!cp.some((c, k) => k >= 2 && c === cp[k - 1] && c === cp[k - 2] && isLetter(c))) return chars;
  const out = charsOfLength(cp.length);
  let n = 0;
  let i = 0;
  while (i < cp.length) {
    const c = cp[i] as number;
    let j = i + 1;
    if (isLetter(c)) while (j < cp.length && cp[j] === c) j++;
    // A run inside a word is stretched; a word that is only the run ("ООО", a company form) is not.
    const to = j - i >= 3 && (letterAt(cp, i - 1) || letterAt(cp, j)) ? i + 1 : j;
    for (let k = i; k < to; k++) {
      out.cp[n] = c;
      out.at[n++] = at[k] as number;
    }
    i = j;
  }
  return cut(out, n);
}

function toView({ cp, at }: Chars): View {
  // A character outside the BMP is two code units: both point to where it came from.
  const units = new Array<number>(cp.length);
  const map = new Array<number>(cp.length);
  let n = 0;
  for (let i = 0; i < cp.length; i++) {
    const c = cp[i] as number;
    const from = at[i] as number;
    if (c > 0xffff) {
      units[n] = 0xd800 + ((c - 0x10000) >> 10);
      map[n++] = from;
      units[n] = 0xdc00 + ((c - 0x10000) & 0x3ff);
    } else units[n] = c;
    map[n++] = from;
  }
  units.length = n;
  map.length = n;
  let text = '';
  // In slices: a function call takes only so many arguments.
  for (let k = 0; k < n; k += 4096) text += String.fromCharCode(...units.slice(k, k + 4096));
  return { text, map };
}

/** The base view: what every pattern is matched against. */
export function normalize(original: string): View {
  return fastView(original) ?? carefulView(original);
}

/** The careful pass, character by character: what `normalize` reads when the fast path cannot. */
export function carefulView(original: string): View {
  const chars = dropApostrophes(resolvePictographs(toChars(original)));
  return toView(shortenStretched(foldHomoglyphs(joinSpacedLetters(chars))));
}
