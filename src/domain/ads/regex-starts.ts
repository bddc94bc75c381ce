/**
 * Where a lexicon's regular expression (`re:`) can begin a match, and matching it only there.
 *
 * Most `re:` patterns begin with words ("(?<![\p{L}])(?:оформлени|регистраци|…)…", "(?:в день|за день|…)…"):
 * a match can only begin where one of those words stands. An engine that scans every position of the
 * text tries the pattern (its lookbehind first) at each of them: for a few patterns that was a third of
 * the analyzer's time. `leadingLiterals` reads a pattern's source for the words every match begins with,
 * and `matchAllAt` tries the pattern only where one of them occurs: the same matches, in the same order,
 * as `text.matchAll(re)`, since a global search is exactly the same attempt at one position after another
 * and stops at the first that succeeds.
 *
 * A pattern with no such words but a leading lookbehind of one character ("(?<!\p{L})\p{L}+\s…",
 * "(?<![\d.,])1[2-7]…") is read for the characters a match can begin with instead (regex-firsts.ts):
 * in the scan of a lexicon's patterns (`literalScan`), one pass over the text finds the places where
 * each such pattern may begin (that character there, and none the lookbehind refuses before it), and
 * the pattern is tried only there: the engine's own search tried the lookbehind at every unit of the
 * text, and "(?<!\p{L})" at every unit was a fifth of the regular expressions' time. A pattern whose
 * beginning neither reader follows is matched over the whole text, as before.
 */

import { type FirstsScan, firstPlaces, firstSet } from './first-places.js';
import { longestAt, type Trie, trieOf } from './literal-trie.js';
import { beginsAtSurrogate, type Firsts } from './regex-firsts.js';
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
 * The strings make a trie, walked from every place of the text: so every place where some string begins
 * is found, with the longest string that begins there; the others that begin there are its beginnings
 * (`within`). (One expression of every string, longest first, searched again from the unit after each
 * place it found, found the same places at twice the cost: the engine tries its alternatives one by one.)
 * Strings of surrogates (a flag) and patterns that ignore case are left to their own scans.
 */
export interface LiteralScan {
  /** The trie of every string. */
  trie: Trie;
  /** The strings, numbered. */
  strings: string[];
  /** Per string, the numbers of the strings it begins with, itself included. */
  within: number[][];
  /** Per pattern it reads: the numbers of its required and leading strings (undefined: none known). */
  patterns: Map<RegExp, ScannedPattern>;
  /** The places where the patterns without leading strings may begin, looked for in one pass (`firstPlaces`). */
  firsts: FirstsScan;
}
interface ScannedPattern {
  required?: number[];
  leading?: number[];
  /** The pattern, sticky, when it has leading strings or a first set. */
  sticky?: RegExp;
  /** The number of its first set in `FirstsScan.sets`, when it is tried only where that allows. */
  firsts?: number;
}

/** Where the strings of a scan stand in one text: the places, in order, and the string of each. */
export interface LiteralsFound {
  scan: LiteralScan;
  /** Whether string k is in the text. */
  present: Uint8Array;
  /** The last place where string k begins, or -1. */
  last: Int32Array;
  /** The places where strings begin, ascending, each with one of its strings (a place may repeat). */
  at: number[];
  string: number[];
  /**
   * Per first set of the scan: the places where it may begin, ascending; found when a pattern first
   * needs them, for the sets of the patterns whose required strings the text has (`firstPlaces`).
   */
  firstPlaces?: number[][];
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
  const firsts: FirstsScan = {
    sets: [],
    densest: [],
    users: [],
    begins: new Int32Array(0x10000),
    refuses: new Int32Array(0x10000),
  };
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
    if (!entry.leading) {
      entry.firsts = firstSet(firsts, re);
      if (entry.firsts !== undefined) {
        entry.sticky = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
        firsts.users.push({ set: entry.firsts, required: entry.required });
      }
    }
    read.set(re, entry);
  }
  const within = strings.map((s) => strings.flatMap((t, k) => (s.startsWith(t) ? [k] : [])));
  return {
    trie: trieOf(strings),
    strings,
    within,
    patterns: read,
    firsts,
  };
}

/** Every place in the text where a string of the scan begins. */
export function findLiterals(scan: LiteralScan, text: string): LiteralsFound {
  const present = new Uint8Array(scan.strings.length);
  const last = new Int32Array(scan.strings.length).fill(-1);
  const at: number[] = [];
  const string: number[] = [];
  const { trie, within } = scan;
  for (let p = 0; p < text.length; p++) {
    const longest = longestAt(trie, text, p);
    if (longest < 0) continue;
    for (const k of within[longest] as number[]) {
      present[k] = 1;
      last[k] = p;
      at.push(p);
      string.push(k);
    }
  }
  return { scan, present, last, at, string };
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

/**
 * `matchAllAt` from the places its strings were found at: the same attempts, in the same order. A match
 * contains one of the required strings, so it begins at or before the last place one of them begins:
 * the places after that are not tried.
 */
function matchAllFound(
  re: RegExp,
  text: string,
  found: LiteralsFound,
  read: ScannedPattern,
): RegExpExecArray[] {
  const { present } = found;
  if (read.required && !read.required.some((k) => present[k] === 1)) return [];
  const until = read.required ? lastPlace(found, read.required) : text.length;
  const { leading, sticky } = read;
  if (!leading && sticky && read.firsts !== undefined)
    return matchAllFirsts(re, text, found, { sticky, set: read.firsts, until });
  if (!leading || !sticky) return execAll(re, text);
  if (!leading.some((k) => present[k] === 1)) return [];
  const out: RegExpExecArray[] = [];
  let next = 0;
  const { at, string } = found;
  for (let j = 0; j < at.length; j++) {
    const p = at[j] as number;
    if (p > until) break;
    if (p < next || !leading.includes(string[j] as number)) continue;
    sticky.lastIndex = p;
    const m = sticky.exec(text);
    if (m) out.push(m);
    next = m ? p + Math.max(m[0].length, 1) : p + 1;
  }
  return out;
}

/** The last place where one of these strings begins in the text, or -1. */
function lastPlace(found: LiteralsFound, strings: number[]): number {
  let place = -1;
  for (const k of strings) place = Math.max(place, found.last[k] as number);
  return place;
}

/**
 * `matchAllAt` from the places where its first set may begin: the same attempts, in the same order, as a
 * global search's but for the places where it certainly fails (regex-firsts.ts). A surrogate marked in
 * the table is a place only if `beginsAtSurrogate` says so (a pair's character in the set; never inside
 * a pair). After a match the search goes on from its end, or past the character of an empty match, as
 * `execAll`'s does.
 */
function matchAllFirsts(
  re: RegExp,
  text: string,
  found: LiteralsFound,
  { sticky, set, until }: { sticky: RegExp; set: number; until: number },
): RegExpExecArray[] {
  const firsts = found.scan.firsts.sets[set] as Firsts;
  found.firstPlaces ??= firstPlaces(found.scan.firsts, text, neededSets(found));
  const places = found.firstPlaces[set] as number[];
  // Places so dense that trying each costs more than the engine's own search (a run of "1 1 1 …").
  if (places.length > text.length / (found.scan.firsts.densest[set] as number)) return execAll(re, text);
  const out: RegExpExecArray[] = [];
  let next = 0;
  for (const p of places) {
    if (p > until) break;
    if (p < next || (firsts.first[text.charCodeAt(p)] !== 1 && !beginsAtSurrogate(firsts, text, p))) continue;
    sticky.lastIndex = p;
    const m = sticky.exec(text);
    if (!m) continue;
    out.push(m);
    const length = m[0].length;
    next = length > 0 ? p + length : p + unicodeStep(text, p);
  }
  return out;
}

/** The first sets (as bits) of the patterns whose required strings the text has, or that require none. */
function neededSets(found: LiteralsFound): number {
  let needed = 0;
  for (const { set, required } of found.scan.firsts.users)
    if (!required || required.some((k) => found.present[k] === 1)) needed |= 1 << set;
  return needed;
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
      re.lastIndex = at + (re.unicode ? unicodeStep(text, at) : 1);
    }
  }
  return out;
}

/** The units of the character at `at` to a Unicode pattern: 2 for a surrogate pair, else 1. */
const unicodeStep = (text: string, at: number) => (at + 1 < text.length && isSurrogatePair(text, at) ? 2 : 1);

const isSurrogatePair = (text: string, at: number) => {
  const high = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
};
