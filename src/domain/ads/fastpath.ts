import { BoundedMap } from '../memo.js';
import type { View } from './normalize.js';

/**
 * The fast path of normalisation (see normalize.ts): most ads have nothing the careful, character by
 * character pass undoes, and are read as they are, lower-cased, "ё" as "е", every character where it
 * was. Whether an ad may take it was first decided by a regular expression per reason; it is now
 * decided by one pass over the text, code by code, which tells exactly what those expressions tell
 * (test/domain/ads-fastpath.test.ts keeps them as the reference): about a tenth of an ad's time went to
 * those scans.
 */

// What makes the careful, character-by-character pass necessary, as expressions over one UTF-16 unit
// each (the expressions of the decision were not Unicode-aware: they read units), asked once per unit.
const L = 'a-zа-яёәғқңөұүһі';
/** Characters outside these take the careful pass: the careful pass decides what they are. */
const UNUSUAL = /[^\t-\u04ff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]/;
const INVISIBLE = /[\u00AD\u200B\u200C\u200E\u200F\u2060\uFEFF]/;
const LETTER = new RegExp(`[${L}]`, 'i');
const CYRILLIC = /[а-яёәғқңөұүһі]/i;
const LATIN = /[a-z]/i;
const APOSTROPHE = /['’ʼ`´]/i;
const SPLITTER = /[\s.\-_*·•/|~+]/i;

// What a unit is, as bits: asked of the expressions above the first time the unit is seen.
const KNOWN = 1;
/** In `L`, ignoring case. */
const IN_L = 2;
const IN_CYRILLIC = 4;
const IN_LATIN = 8;
const IS_APOSTROPHE = 16;
const IS_SPLITTER = 32;
/** Unusual or invisible: the careful pass, whatever is around it. */
const CAREFUL = 64;
/** A letter of `L` below U+0500, Latin or Cyrillic: two side by side mix scripts. */
const LATIN_SCRIPT = 128;
const CYRILLIC_SCRIPT = 256;
const IS_DIGIT = 512;
const IS_ZERO = 1024;
const unitBits = new Uint16Array(0x10000);
/**
 * How a case-insensitive expression compares a unit (`Canonicalize` of the language for expressions
 * without the `u` flag): its upper case when that is one unit, unless it would turn a non-ASCII unit
 * into an ASCII one. Filled in with the bits.
 */
const canonical = new Uint16Array(0x10000);
function learn(u: number): number {
  const ch = String.fromCharCode(u);
  const inL = LETTER.test(ch);
  const latin = LATIN.test(ch);
  const cyrillic = CYRILLIC.test(ch);
  const bits =
    KNOWN |
    (inL ? IN_L : 0) |
    (cyrillic ? IN_CYRILLIC : 0) |
    (latin ? IN_LATIN : 0) |
    (APOSTROPHE.test(ch) ? IS_APOSTROPHE : 0) |
    (SPLITTER.test(ch) ? IS_SPLITTER : 0) |
    (UNUSUAL.test(ch) || INVISIBLE.test(ch) ? CAREFUL : 0) |
    (inL && u < 0x500 && latin ? LATIN_SCRIPT : 0) |
    (inL && u < 0x500 && !latin && cyrillic ? CYRILLIC_SCRIPT : 0) |
    (u >= 0x30 && u <= 0x39 ? IS_DIGIT : 0) |
    (u === 0x30 ? IS_ZERO : 0);
  unitBits[u] = bits;
  const upper = ch.toUpperCase();
  canonical[u] = upper.length === 1 && !(u >= 128 && upper.charCodeAt(0) < 128) ? upper.charCodeAt(0) : u;
  return bits;
}
/** The bits of the unit at i, or 0 (nothing) before the start and past the end. */
function bitsAt(text: string, i: number): number {
  if (i < 0 || i >= text.length) return 0;
  const u = text.charCodeAt(i);
  const bits = unitBits[u] as number;
  return bits === 0 ? learn(u) : bits;
}

/**
 * Whether the text needs the careful pass, as each of these expressions (case-insensitive) would find:
 * an unusual or invisible character; an apostrophe inside a word, `[L]['’ʼ\`´][L]`; digits for letters,
 * `[а-яё…]\d+[а-яё…]`; an at or a euro sign for a letter, `[а-яё…][@€][а-яё…]`; a zero for an "o", `[a-z]0|0[a-z]`; spaced letters,
 * `(?:^|[^L])[L]S[L]S[L]S[L](?![L])` with S a splitter; stretched letters (not "ООО"),
 * `[L]([L])\1\1|([L])\2\2[L]`; and a Latin letter next to a Cyrillic one. The bits of units i - 1,
 * i, i + 1 and i + 2 are at hand as the loop moves on.
 */
function needsCarefulPass(text: string): boolean {
  const n = text.length;
  let before = 0;
  let here = bitsAt(text, 0);
  let next = bitsAt(text, 1);
  for (let i = 0; i < n; i++) {
    const after = bitsAt(text, i + 2);
    if (here & CAREFUL) return true;
    if (
      (here & LATIN_SCRIPT && before & CYRILLIC_SCRIPT) ||
      (here & CYRILLIC_SCRIPT && before & LATIN_SCRIPT)
    )
      return true;
    if (here & IN_L) {
      // An apostrophe inside a word.
      if (next & IS_APOSTROPHE && after & IN_L) return true;
      // A zero beside a Latin letter.
      if (here & IN_LATIN && (next & IS_ZERO || before & IS_ZERO)) return true;
      // Three of one letter, with a letter before or after them.
      const c = canonical[text.charCodeAt(i)] as number;
      if (
        after !== 0 &&
        canonical[text.charCodeAt(i + 1)] === c &&
        canonical[text.charCodeAt(i + 2)] === c &&
        (before & IN_L || bitsAt(text, i + 3) & IN_L)
      )
        return true;
      // Spaced letters: four letters of `L`, one splitter between each two, none beside them.
      if (
        !(before & IN_L) &&
        next & IS_SPLITTER &&
        after & IN_L &&
        bitsAt(text, i + 3) & IS_SPLITTER &&
        bitsAt(text, i + 4) & IN_L &&
        bitsAt(text, i + 5) & IS_SPLITTER &&
        bitsAt(text, i + 6) & IN_L &&
        !(bitsAt(text, i + 7) & IN_L)
      )
        return true;
      // An at or a euro sign between Cyrillic letters ("р@бота", "д€вушек").
      if (here & IN_CYRILLIC && after & IN_CYRILLIC) {
        const sign = text.charCodeAt(i + 1);
        if (sign === 0x40 || sign === 0x20ac) return true;
      }
      // Digits between Cyrillic letters.
      if (here & IN_CYRILLIC && next & IS_DIGIT) {
        let j = i + 1;
        while (bitsAt(text, j) & IS_DIGIT) j++;
        if (bitsAt(text, j) & IN_CYRILLIC) return true;
      }
    }
    before = here;
    here = next;
    next = after;
  }
  return false;
}

// Emoji (with their skin tones, joiners and variation selectors) between words are only spaces. A flag
// (two regional indicators) is not: it names a country ("Работа в 🇦🇪"), and the careful pass keeps it.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: tested one code point at a time
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u20E3\uFE0F\uFE0E\u200D]/u;
const PICTOGRAPH_IN_WORD =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: a skin tone is one more code point of the run
  /\p{L}[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u20E3\uFE0F\uFE0E\u200D]+\p{L}/u;
const LETTER_CP = /^\p{L}$/u;
/** Whether each BMP code point is a pictograph (0 not asked yet, 1 no, 2 yes); the others, remembered. */
const bmpPictographs = new Uint8Array(0x10000);
const astralPictographs = new BoundedMap<number, boolean>(10_000);
function isPictograph(cp: number): boolean {
  if (cp > 0xffff) {
    let known = astralPictographs.get(cp);
    if (known === undefined) {
      known = PICTOGRAPH.test(String.fromCodePoint(cp));
      astralPictographs.set(cp, known);
    }
    return known;
  }
  let known = bmpPictographs[cp] as number;
  if (known === 0) {
    known = PICTOGRAPH.test(String.fromCharCode(cp)) ? 2 : 1;
    bmpPictographs[cp] = known;
  }
  return known === 2;
}

/**
 * The runs of pictographs, [start, end) in units: what `[…]+` of `PICTOGRAPH`'s class with the `u`
 * flag matches, read code point by code point. Below U+00A9 (©) and in the Cyrillic block there is
 * none: the common case, by code.
 */
function pictographRuns(text: string): [number, number][] {
  const runs: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const u = text.charCodeAt(i);
    if (u < 0xa9 || (u >= 0x400 && u <= 0x4ff)) {
      i++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;
    if (!isPictograph(cp)) {
      i += size;
      continue;
    }
    const start = i;
    i += size;
    for (;;) {
      if (i >= text.length) break;
      const next = text.codePointAt(i) as number;
      if (!isPictograph(next)) break;
      i += next > 0xffff ? 2 : 1;
    }
    runs.push([start, i]);
  }
  return runs;
}

/**
 * Whether an emoji stands between two letters ("танц💃овщицы"), as `PICTOGRAPH_IN_WORD` says, from the
 * runs of pictographs: a run with a letter on each side. One scan of the emoji instead of a letter test
 * at every character. "ℹ" is both a letter and a pictograph, so text with it is asked of the expression.
 */
function pictographInWord(original: string, runs: [number, number][]): boolean {
  if (original.includes('ℹ')) return PICTOGRAPH_IN_WORD.test(original);
  for (const [at, after] of runs) {
    let before = at - 1;
    const unit = original.charCodeAt(before);
    if (unit >= 0xdc00 && unit <= 0xdfff && before > 0) {
      const lead = original.charCodeAt(before - 1);
      if (lead >= 0xd800 && lead <= 0xdbff) before--;
    }
    if (before < 0) continue;
    if (after >= original.length) continue;
    const letter = (i: number) => LETTER_CP.test(String.fromCodePoint(original.codePointAt(i) as number));
    if (letter(before) && letter(after)) return true;
  }
  return false;
}

/**
 * The text with emoji as spaces, a unit each, so every character stays where it was: "💲" becomes "$ ",
 * "№" "#". Built from the runs already found (the same text as replacing "💲", then the runs, by
 * expressions: "$" and " " join no run).
 */
function withoutPictographs(original: string, runs: [number, number][]): string {
  let out = '';
  let last = 0;
  for (const [at, end] of runs) {
    out += original.slice(last, at);
    out += original
      .slice(at, end)
      .split('💲')
      .map((part) => ' '.repeat(part.length))
      .join('$ ');
    last = end;
  }
  out += original.slice(last);
  return out.includes('№') ? out.replace(/№/g, '#') : out;
}

/** 0, 1, 2, …: every fast view's map is a copy of its beginning. */
let identity: number[] = [];
function identityMap(length: number): number[] {
  if (identity.length < length) {
    identity = new Array<number>(Math.max(length, 2 * identity.length));
    for (let i = 0; i < identity.length; i++) identity[i] = i;
  }
  return identity.slice(0, length);
}

/** The fast path's view, or undefined when the text needs the careful pass. */
export function fastView(original: string): View | undefined {
  const runs = pictographRuns(original);
  if (runs.length > 0 && pictographInWord(original, runs)) return undefined;
  // Emoji become as many spaces as they have code units, so every character stays where it was.
  const plain = runs.length > 0 || original.includes('№') ? withoutPictographs(original, runs) : original;
  if (needsCarefulPass(plain)) return undefined;
  if (plain.normalize('NFKC') !== plain) return undefined;
  const text = plain.toLowerCase().replace(/ё/g, 'е');
  if (text.length !== original.length) return undefined;
  return { text, map: identityMap(text.length) };
}
