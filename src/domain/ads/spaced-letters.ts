import {
  type Chars,
  charsOfLength,
  cpAt,
  cut,
  isDigit,
  isLetter,
  isSplitter,
  isWordChar,
  letterAt,
} from './code-points.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * Joins runs of at least four single letters split by the same kind of separator. In a text written so
 * ("о п ы т  н е  н у ж е н", words two spaces apart), the short words of two or three letters are joined
 * too, where two spaces or a line's end stand on each side of them.
 */
export function joinSpacedLetters({ cp, at }: Chars): Chars {
  const single = (k: number) => letterAt(cp, k) && !letterAt(cp, k - 1) && !letterAt(cp, k + 1);
  const out = charsOfLength(cp.length);
  let n = 0;
  let i = 0;
  // Whether the text is letter-spaced: looked for once, when first asked (the cost stays linear).
  let spacedText: boolean | undefined;
  const spaced = () => {
    spacedText ??= hasSpacedRun(cp);
    return spacedText;
  };
  const singleDigit = (k: number) =>
    isDigit(cpAt(cp, k)) && !isWordChar(cpAt(cp, k - 1)) && !isWordChar(cpAt(cp, k + 1));
  const blank = (k: number) => k < 0 || k >= cp.length || cp[k] === SPACE || cp[k] === NEWLINE;
  // A sign standing alone ("1 8 - 2 5", "3 0 0 0 $").
  const lone = (k: number) => !blank(k) && !isWordChar(cp[k] as number);
  // A word's edge in letter-spaced writing, at k looking away from the word (dir -1 before it, +1 after):
  // the text's or a line's end, or two spaces; for digits also a lone sign between spaces.
  const gap = (k: number, dir: number) =>
    k < 0 || k >= cp.length || cp[k] === NEWLINE || (cp[k] === SPACE && blank(k + dir));
  const edge = (k: number, dir: number) =>
    gap(k, dir) || (cp[k] === SPACE && lone(k + dir) && blank(k + 2 * dir));
  // The letters or digits of a spaced run, every other character from i to k, without the separators.
  const keepEveryOther = (from: number, to: number) => {
    for (let l = from; l <= to; l += 2) {
      out.cp[n] = cp[l] as number;
      out.at[n++] = at[l] as number;
    }
  };
  while (i < cp.length) {
    // Digits written so too ("о т  3 0 0 0 $", "1 8 - 2 5"): joined in a letter-spaced text, where they
    // stand as a word of their own (two spaces or a lone sign on each side), not "офис в 2 3 этажа".
    if (singleDigit(i) && cp[i + 1] === SPACE && singleDigit(i + 2) && spaced() && edge(i - 1, -1)) {
      let k = i;
      while (cp[k + 1] === SPACE && singleDigit(k + 2)) k += 2;
      if (!edge(k + 1, 1)) {
        out.cp[n] = cp[i] as number;
        out.at[n++] = at[i] as number;
        i++;
        continue;
      }
      keepEveryOther(i, k);
      i = k + 1;
      continue;
    }
    if (single(i)) {
      let count = 1;
      let k = i;
      // One kind of separator throughout ("д.е.в.у.ш.к.и", "д е в у ш к и"): "т в д" of "э.с.к.о.р.т в
      // Д.у.б.а.й" is not part of it.
      const sep = cpAt(cp, i + 1);
      while (isSplitter(sep) && cp[k + 1] === sep && single(k + 2)) {
        k += 2;
        count++;
      }
      const shortWord = count >= 2 && sep === SPACE && spaced() && gap(i - 1, -1) && gap(k + 1, 1);
      if (count >= 4 || shortWord) {
        keepEveryOther(i, k);
        i = k + 1;
        continue;
      }
    }
    out.cp[n] = cp[i] as number;
    out.at[n++] = at[i] as number;
    i++;
  }
  return cut(out, n);
}

/** Whether the text has a run of four single letters one space apart ("д е в у"): it is written so. */
function hasSpacedRun(cp: number[]): boolean {
  let run = 0;
  for (let k = 0; k < cp.length; k++) {
    const c = cp[k] as number;
    if (isLetter(c) && !letterAt(cp, k - 1) && !letterAt(cp, k + 1)) {
      if (run === 0 || cp[k - 1] === SPACE) run++;
      if (run >= 4) return true;
    } else if (c !== SPACE || cpAt(cp, k + 1) === SPACE) run = 0;
  }
  return false;
}
