import { codePointTest } from '../memo.js';

/**
 * Code points as the careful pass of normalisation (normalize.ts, spaced-letters.ts) reads them: which
 * script, a letter, a digit, a splitter, and the arrays it works on.
 */

export const isLatinCode = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
export const isCyrillicCode = (c: number) => c >= 0x400 && c <= 0x4ff;

const isUnicodeLetter = codePointTest(/\p{L}/u);
/** Latin and Cyrillic by their codes (the common case, fast), everything else by Unicode. -1: no letter. */
export const isLetter = (c: number) => {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x400 && c <= 0x4ff)) return true;
  if (c < 0xc0) return false;
  return isUnicodeLetter(c);
};
/** Characters that split a word in disguise: "д.е.в.у.ш.к.и", "e-s-c-o-r-t", "д е в у ш к и". */
export const isSplitter = codePointTest(/[\s.\-_*·•/|~+]/);
export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
export const isWordChar = (c: number) => isLetter(c) || isDigit(c);
/**
 * The careful pass works on code points (lower-cased) and, beside them, the index in the original each
 * came from: two plain arrays of numbers, since a kilobyte of text is a thousand characters and every step
 * below reads its neighbours. No step makes the text longer, so each writes into arrays of its input's
 * length and cuts them to what it wrote (cheaper than growing them a push at a time).
 */
export interface Chars {
  cp: number[];
  at: number[];
}
export function charsOfLength(n: number): Chars {
  return { cp: new Array<number>(n), at: new Array<number>(n) };
}
export function cut(chars: Chars, length: number): Chars {
  chars.cp.length = length;
  chars.at.length = length;
  return chars;
}
/** The code point at k, or -1 (no letter, no separator) before the start and past the end. */
export const cpAt = (cp: number[], k: number) => (k >= 0 && k < cp.length ? (cp[k] as number) : -1);
export const letterAt = (cp: number[], k: number) => isLetter(cpAt(cp, k));
