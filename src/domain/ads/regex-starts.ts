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

import { beginsAtSurrogate, type Firsts, readFirsts } from './regex-firsts.js';
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
  /** The number of each string. */
  numbers: Map<string, number>;
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

/**
 * The first sets (regex-firsts.ts) of the patterns that begin with a negative lookbehind of one character
 * ("(?<!\p{L})", "(?<![\d.,])") and have no leading strings, each set once (two patterns that begin
 * alike share it), as bits of one table: a pass over the text finds the places of every set at once.
 */
interface FirstsScan {
  sets: Firsts[];
  /** Per set: at most one place in this many units (`DENSEST_PLACES`). */
  densest: number[];
  /** The patterns tried from a set: its number, and the strings they require (a set is needed when one is present). */
  users: { set: number; required: number[] | undefined }[];
  /** Per unit: bit k when set k may begin with it (or must look closer, at a surrogate). */
  begins: Int32Array;
  /** Per unit: bit k when no match of set k begins right after it. */
  refuses: Int32Array;
}
/**
 * A pattern is tried at the places of its first set when they are at most one in so many units of the
 * text; at more, it is matched everywhere, where the engine's own search costs less than a try at each.
 * That search tries the lookbehind at every unit: cheap for a small class ("(?<![\d.,])", a nanosecond
 * or two a unit), dear for a Unicode property ("(?<!\p{L})", about thirty), against some twenty to
 * sixty for a try. So one place in eight units at most for the first (64 KB of "1,000 1,000 …" has one
 * in six), one in two for the second (1 KB ads have a word start in about eight units).
 */
const DENSEST_PLACES = { small: 8, property: 2 };
/** A lookbehind's class of more characters than these is a Unicode property, dear to test. */
const SMALL_CLASS = 1024;
/** The number of first sets one pass looks for: the bits of a table's numbers. */
const MOST_FIRST_SETS = 31;

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
    numbers,
    patterns: read,
    firsts,
  };
}

/**
 * The number of the pattern's first set in the scan, added when new; undefined when the pattern is
 * matched everywhere: its first set unknown, or no leading lookbehind of one character to refuse places
 * with (a pattern that begins with a character or a class is found as fast by the engine's own search:
 * measured on 1 KB ads, "\d…" or "(?:с|от|…)" tried where a pass found their first characters cost more
 * than their search), or too many sets already.
 */
function firstSet(scan: FirstsScan, re: RegExp): number | undefined {
  const firsts = readFirsts(re);
  if (!firsts?.after) return undefined;
  const known = scan.sets.findIndex((f) => sameFirsts(f, firsts));
  if (known >= 0) return known;
  if (scan.sets.length >= MOST_FIRST_SETS) return undefined;
  const k = scan.sets.length;
  scan.sets.push(firsts);
  markBits(scan.begins, firsts.first, 1 << k);
  const refused = markBits(scan.refuses, firsts.after, 1 << k);
  scan.densest.push(refused > SMALL_CLASS ? DENSEST_PLACES.property : DENSEST_PLACES.small);
  return k;
}

/** Sets `bit` in `bits` for every unit the table marks; the number of them. */
function markBits(bits: Int32Array, table: Uint8Array, bit: number): number {
  let marked = 0;
  for (let u = 0; u < 0x10000; u++) {
    if (table[u] !== 0) {
      bits[u] = (bits[u] as number) | bit;
      marked++;
    }
  }
  return marked;
}

/** Whether two first sets are the same tables ("(?<!\p{L})\p{L}" and "(?<![\p{L}])\p{L}"). */
function sameFirsts(a: Firsts, b: Firsts): boolean {
  if (a.key === b.key) return true;
  return sameTable(a.after, b.after) && sameTable(a.first, b.first) && a.astral?.source === b.astral?.source;
}
function sameTable(x: Uint8Array | undefined, y: Uint8Array | undefined): boolean {
  if (x === y) return true;
  if (!x || !y) return false;
  for (let u = 0; u < 0x10000; u++) if (x[u] !== y[u]) return false;
  return true;
}

/**
 * Strings as a trie over UTF-16 units: node 0 is the root, and each step from a node by a unit leads to
 * the node of the longer beginning, looked up in one table addressed by a hash of both.
 */
interface Trie {
  /** The node after the first unit, per unit; -1 when no string begins with it. */
  first: Int32Array;
  /** Per slot of the table: the node a step leaves (-1: an empty slot), its unit, the node it leads to. */
  from: Int32Array;
  unit: Int32Array;
  to: Int32Array;
  /** The table's size less one (a power of two), and the bits of a hash that address it. */
  mask: number;
  shift: number;
  /** Per node: the number of the string that ends there, or -1. */
  ends: Int32Array;
}

/** The trie of the strings: their beginnings are its nodes, the string k ends at its last. */
function trieOf(strings: readonly string[]): Trie {
  const first = new Int32Array(0x10000).fill(-1);
  const steps: [number, number, number][] = [];
  const known = new Map<string, number>();
  const ends: number[] = [-1];
  strings.forEach((s, k) => {
    let node = 0;
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      let next = node === 0 ? (first[u] as number) : (known.get(`${node} ${u}`) ?? -1);
      if (next < 0) {
        next = ends.length;
        ends.push(-1);
        if (node === 0) first[u] = next;
        else {
          known.set(`${node} ${u}`, next);
          steps.push([node, u, next]);
        }
      }
      node = next;
    }
    ends[node] = k;
  });
  // A table at most a quarter full: a step that is not there is found missing at its first slot or so.
  let bits = 4;
  while (1 << bits < steps.length * 4) bits++;
  const size = 1 << bits;
  const trie: Trie = {
    first,
    from: new Int32Array(size).fill(-1),
    unit: new Int32Array(size),
    to: new Int32Array(size),
    mask: size - 1,
    shift: 32 - bits,
    ends: Int32Array.from(ends),
  };
  for (const [node, u, next] of steps) {
    let h = slot(trie, node, u);
    while (trie.from[h] !== -1) h = (h + 1) & trie.mask;
    trie.from[h] = node;
    trie.unit[h] = u;
    trie.to[h] = next;
  }
  return trie;
}

/** Where the step from `node` by `u` is looked for first in the trie's table: the high bits of a hash of both. */
const slot = (trie: Trie, node: number, u: number) =>
  Math.imul(Math.imul(node, 0x9e3779b1) ^ u, 0x85ebca6b) >>> trie.shift;

/** The node the step from `node` (not the root) by the unit `u` leads to, or -1. */
function step(trie: Trie, node: number, u: number): number {
  const { from, unit, mask } = trie;
  for (let h = slot(trie, node, u); from[h] !== -1; h = (h + 1) & mask)
    if (from[h] === node && unit[h] === u) return trie.to[h] as number;
  return -1;
}

/** The number of the longest string that begins at `p` in the text, or -1. */
function longestAt(trie: Trie, text: string, p: number): number {
  let node = trie.first[text.charCodeAt(p)] as number;
  if (node < 0) return -1;
  let longest = trie.ends[node] as number;
  for (let q = p + 1; q < text.length; q++) {
    node = step(trie, node, text.charCodeAt(q));
    if (node < 0) break;
    const end = trie.ends[node] as number;
    if (end >= 0) longest = end;
  }
  return longest;
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
 * Per first set of the scan, the places of the text where a match may begin: its unit in the set, and
 * the unit before it (if any) not one the set's lookbehind refuses. One pass for all the sets `needed`
 * (bits); the others have none. A set found too dense (`DENSEST_PLACES`) is no longer looked for: its
 * list stops one place past its limit, which tells `matchAllFirsts` so.
 */
function firstPlaces(scan: FirstsScan, text: string, needed: number): number[][] {
  const places: number[][] = scan.sets.map(() => []);
  const { begins, refuses } = scan;
  const most = scan.densest.map((d) => Math.floor(text.length / d));
  let looked = needed;
  let refused = 0;
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    let bits = (begins[c] as number) & looked & ~refused;
    refused = refuses[c] as number;
    while (bits !== 0) {
      const low = bits & -bits;
      const k = 31 - Math.clz32(low);
      const list = places[k] as number[];
      list.push(p);
      if (list.length > (most[k] as number)) looked &= ~low;
      bits ^= low;
    }
  }
  return places;
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
