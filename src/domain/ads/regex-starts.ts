/**
 * Where a lexicon's regular expression (`re:`) can begin a match, and matching it only there.
 *
 * Most `re:` patterns begin with words ("(?<![\p{L}])(?:оформлени|регистраци|…)…", "(?:в день|за день|…)…"):
 * a match can only begin where one of those words stands. An engine that scans every position of the
 * text tries the pattern (its lookbehind first) at each of them: for a few patterns that was a third of
 * the analyzer's time. `leadingLiterals` reads a pattern's source for the words every match begins with,
 * and `matchAllAt` tries the pattern only where one of them occurs: the same matches, in the same order,
 * as `text.matchAll(re)`, since a global search is exactly the same attempt at one position after another
 * and stops at the first that succeeds. A pattern whose beginning this reader does not follow is matched
 * over the whole text, as before.
 */

import { leadingLiterals, requiredLiterals } from './regex-literals.js';

export { leadingLiterals, requiredLiterals };

const escapeLiteral = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

interface Starts {
  /** The pattern, sticky: tried at one position. */
  sticky: RegExp;
  literals: string[];
  /**
   * An expression that finds the next place where one of the strings begins (the strings as they are:
   * no `u`, no `i`), searched again from the place after it: one scan of the text for all the strings,
   * instead of one search per string and a sort.
   */
  finder: RegExp;
  /**
   * Whether the strings every match contains (`required`) are these same strings: a text without them
   * is then found to be one by the finder's scan, and the test of `required` would only repeat it.
   */
  requiredAreLeading: boolean;
}
/** Per pattern, read once: its sticky twin and its leading strings, or null when they are not used. */
const startsOf = new WeakMap<RegExp, Starts | null>();
/**
 * With more leading strings than these, the places to try cost more than the scan they spare: short
 * strings stand inside many words (measured on 1 KB ads: the company-name pattern's seventy beginnings,
 * tried where they stand, cost the analyzer 3% more instructions than scanning it everywhere).
 */
const MOST_LITERALS = 24;

function starts(re: RegExp): Starts | null {
  let known = startsOf.get(re);
  if (known !== undefined) return known;
  // Case-insensitive patterns would need their strings in every case, and the `v` flag's classes
  // (nested, with set operations) are not read here: both are matched everywhere.
  const literals = re.flags.includes('i') || re.flags.includes('v') ? undefined : leadingLiterals(re.source);
  // A pattern that may begin with any one letter or digit has about as many places to try as the text has
  // characters: it is matched everywhere, as are patterns with too many beginnings.
  const worth =
    !!literals &&
    literals.length <= MOST_LITERALS &&
    literals.every((l) => l.length > 1 || !/[\p{L}\p{N}]/u.test(l));
  if (literals && worth) {
    const needed = re.flags.includes('v') ? undefined : requiredLiterals(re.source);
    const same = (a: string[], b: string[]) =>
      a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
    known = {
      sticky: new RegExp(re.source, `${re.flags.replace('g', '')}y`),
      literals,
      finder: new RegExp(literals.map(escapeLiteral).join('|'), 'g'),
      requiredAreLeading: !!needed && same(needed, literals),
    };
  } else known = null;
  startsOf.set(re, known);
  return known;
}

/** The strings `matchAllAt` looks for before trying the pattern, or undefined. Exported for its tests. */
export function startsUsed(re: RegExp): string[] | undefined {
  return starts(re)?.literals;
}

/**
 * Per pattern, read once: an expression that finds one of its required strings (`requiredLiterals`), or
 * null. Case-insensitive patterns look for them ignoring case too.
 */
const requiredOf = new WeakMap<RegExp, RegExp | null>();
function required(re: RegExp): RegExp | null {
  let known = requiredOf.get(re);
  if (known !== undefined) return known;
  const strings = re.flags.includes('v') ? undefined : requiredLiterals(re.source);
  // Only strings that are no single letter or digit: those are in almost every text.
  const worth = !!strings && strings.every((l) => l.length > 1 || !/[\p{L}\p{N}]/u.test(l));
  known =
    strings && worth ? new RegExp(strings.map(escapeLiteral).join('|'), re.flags.replace(/[gy]/g, '')) : null;
  requiredOf.set(re, known);
  return known;
}

/** The expression `matchAllAt` looks for before anything else, or undefined. Exported for its tests. */
export function requiredUsed(re: RegExp): RegExp | undefined {
  return required(re) ?? undefined;
}

/**
 * The matches of a global pattern in the text, as `text.matchAll(re)` finds them: none when the text has
 * none of the strings every match contains, and, trying the pattern only where one of its leading
 * strings stands when those are known.
 */
export function matchAllAt(re: RegExp, text: string): RegExpExecArray[] {
  const known = starts(re);
  const must = known?.requiredAreLeading ? null : required(re);
  if (must && !must.test(text)) return [];
  if (!known) return execAll(re, text);
  const out: RegExpExecArray[] = [];
  const { finder, sticky } = known;
  finder.lastIndex = 0;
  for (let found = finder.exec(text); found; found = finder.exec(text)) {
    const p = found.index;
    sticky.lastIndex = p;
    const m = sticky.exec(text);
    // After a match the search goes on from its end, as matchAll's does. A match begins with one of the
    // strings, so it is never empty; a step of one is only a safeguard. Without one, the next place a
    // string begins may be inside this one ("ааа" in "аааа"): the search goes on from the next unit.
    if (m) out.push(m);
    finder.lastIndex = m ? p + Math.max(m[0].length, 1) : p + 1;
  }
  return out;
}

/**
 * `[...text.matchAll(re)]` as a loop of `exec` (no iterator): after an empty match the search steps on by
 * one character (a whole surrogate pair in a Unicode pattern), as matchAll's does.
 */
function execAll(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0].length === 0) {
      const at = re.lastIndex;
      const pair = re.unicode && at + 1 < text.length && isSurrogatePair(text, at);
      re.lastIndex = at + (pair ? 2 : 1);
    }
  }
  return out;
}

const isSurrogatePair = (text: string, at: number) => {
  const high = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
};
