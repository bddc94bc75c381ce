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
  if (known === undefined) {
    known = readStarts(re, MOST_LITERALS);
    startsOf.set(re, known);
  }
  return known;
}

/** A pattern's sticky twin and leading strings, when it has at most `most` of them that are worth it. */
function readStarts(re: RegExp, most: number): Starts | null {
  let known: Starts | null;
  // Case-insensitive patterns would need their strings in every case, and the `v` flag's classes
  // (nested, with set operations) are not read here: both are matched everywhere.
  // A sticky pattern is tried at one place already: it keeps its own search.
  if (re.flags.includes('y')) return null;
  const literals = re.flags.includes('i') || re.flags.includes('v') ? undefined : leadingLiterals(re.source);
  // A pattern that may begin with any one letter or digit has about as many places to try as the text has
  // characters: it is matched everywhere, as are patterns with too many beginnings.
  const worth =
    !!literals && literals.length <= most && literals.every((l) => l.length > 1 || !/[\p{L}\p{N}]/u.test(l));
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
 * The strings of a set of patterns (those every match contains, those every match begins with), looked
 * for in a text by one scan for all of them instead of one scan or more per pattern: a lexicon's eighty
 * patterns each scanned the text for their strings, and most found none.
 *
 * One expression lists every string, longest first, and is searched again from the unit after each place
 * it finds: so every place where some string begins is found, with the longest string that begins there;
 * the others that begin there are its beginnings (`within`). Strings of surrogates (a flag) and patterns
 * that ignore case are left to their own scans.
 */
export interface LiteralScan {
  /** The expression of every string, longest first; null when there are none. */
  all: RegExp | null;
  /** The strings, numbered. */
  strings: string[];
  /** Per string, the numbers of the strings it begins with, itself included. */
  within: number[][];
  /** The number of each string. */
  numbers: Map<string, number>;
  /** Per pattern it reads: the numbers of its required and leading strings (undefined: none known). */
  patterns: Map<RegExp, ScannedPattern>;
}
interface ScannedPattern {
  required?: number[];
  leading?: number[];
  /** The pattern, sticky, when it has leading strings. */
  sticky?: RegExp;
}

/** Where the strings of a scan stand in one text: the places, in order, and the string of each. */
export interface LiteralsFound {
  scan: LiteralScan;
  /** Whether string k is in the text. */
  present: Uint8Array;
  /** The places where strings begin, ascending, each with one of its strings (a place may repeat). */
  at: number[];
  string: number[];
}

const hasSurrogate = (s: string) => /[\ud800-\udfff]/.test(s);

/** The scan of a set of patterns' strings, built once per set. */
export function literalScan(patterns: readonly RegExp[]): LiteralScan {
  const numbers = new Map<string, number>();
  const strings: string[] = [];
  const number = (s: string) => {
    let k = numbers.get(s);
    if (k === undefined) {
      k = strings.length;
      strings.push(s);
      numbers.set(s, k);
    }
    return k;
  };
  const usable = (list: string[] | undefined) =>
    !!list && list.every((l) => l.length > 0 && !hasSurrogate(l));
  const read = new Map<RegExp, ScannedPattern>();
  for (const re of patterns) {
    if (re.flags.includes('i') || re.flags.includes('y')) continue;
    // However many its leading strings: here their places cost nothing to find, only the tries there (the
    // company names' seventy beginnings are tried at a few dozen places, not at every character).
    const known = readStarts(re, Number.POSITIVE_INFINITY);
    const mustStrings = known?.requiredAreLeading || !required(re) ? undefined : requiredLiterals(re.source);
    const entry: ScannedPattern = {};
    if (known && usable(known.literals)) {
      entry.leading = known.literals.map(number);
      entry.sticky = known.sticky;
    }
    if (mustStrings && usable(mustStrings)) entry.required = mustStrings.map(number);
    // A pattern with strings of surrogates keeps its own scans, all of them.
    if ((known && !entry.leading) || (mustStrings && !entry.required)) continue;
    read.set(re, entry);
  }
  const within = strings.map((s) => strings.flatMap((t, k) => (s.startsWith(t) ? [k] : [])));
  const longestFirst = [...strings].sort((a, b) => b.length - a.length);
  return {
    all: strings.length > 0 ? new RegExp(longestFirst.map(escapeLiteral).join('|'), 'g') : null,
    strings,
    within,
    numbers,
    patterns: read,
  };
}

/** Every place in the text where a string of the scan begins. */
export function findLiterals(scan: LiteralScan, text: string): LiteralsFound {
  const present = new Uint8Array(scan.strings.length);
  const at: number[] = [];
  const string: number[] = [];
  const { all } = scan;
  if (all) {
    all.lastIndex = 0;
    for (let m = all.exec(text); m; m = all.exec(text)) {
      for (const k of scan.within[scan.numbers.get(m[0]) as number] as number[]) {
        present[k] = 1;
        at.push(m.index);
        string.push(k);
      }
      all.lastIndex = m.index + 1;
    }
  }
  return { scan, present, at, string };
}

/**
 * The matches of a global pattern in the text, as `text.matchAll(re)` finds them: none when the text has
 * none of the strings every match contains, and, trying the pattern only where one of its leading
 * strings stands when those are known. `found`: the strings of the text, when the caller looked for the
 * strings of all its patterns at once (`findLiterals`).
 */
export function matchAllAt(re: RegExp, text: string, found?: LiteralsFound): RegExpExecArray[] {
  const read = found?.scan.patterns.get(re);
  if (found && read) return matchAllFound(re, text, found, read);
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

/** `matchAllAt` from the places its strings were found at: the same attempts, in the same order. */
function matchAllFound(
  re: RegExp,
  text: string,
  found: LiteralsFound,
  read: ScannedPattern,
): RegExpExecArray[] {
  const { present } = found;
  if (read.required && !read.required.some((k) => present[k] === 1)) return [];
  const { leading, sticky } = read;
  if (!leading || !sticky) return execAll(re, text);
  if (!leading.some((k) => present[k] === 1)) return [];
  const out: RegExpExecArray[] = [];
  let next = 0;
  const { at, string } = found;
  for (let j = 0; j < at.length; j++) {
    const p = at[j] as number;
    if (p < next || !leading.includes(string[j] as number)) continue;
    sticky.lastIndex = p;
    const m = sticky.exec(text);
    if (m) out.push(m);
    next = m ? p + Math.max(m[0].length, 1) : p + 1;
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
