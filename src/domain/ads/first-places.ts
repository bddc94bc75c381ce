import { type Firsts, readFirsts } from './regex-firsts.js';

/**
 * Where the patterns without leading strings may begin (regex-starts.ts `literalScan`): their first sets, each
 * once, as bits of one table, and the places of all of them found in one pass over a text.
 */

/**
 * The first sets (regex-firsts.ts) of the patterns that begin with a negative lookbehind of one character
 * ("(?<!\p{L})", "(?<![\d.,])") and have no leading strings, each set once (two patterns that begin
 * alike share it), as bits of one table: a pass over the text finds the places of every set at once.
 */
export interface FirstsScan {
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

/**
 * The number of the pattern's first set in the scan, added when new; undefined when the pattern is
 * matched everywhere: its first set unknown, or no leading lookbehind of one character to refuse places
 * with (a pattern that begins with a character or a class is found as fast by the engine's own search:
 * measured on 1 KB ads, "\d…" or "(?:с|от|…)" tried where a pass found their first characters cost more
 * than their search), or too many sets already.
 */
export function firstSet(scan: FirstsScan, re: RegExp): number | undefined {
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
 * Per first set of the scan, the places of the text where a match may begin: its unit in the set, and
 * the unit before it (if any) not one the set's lookbehind refuses. One pass for all the sets `needed`
 * (bits); the others have none. A set found too dense (`DENSEST_PLACES`) is no longer looked for: its
 * list stops one place past its limit, which tells `matchAllFirsts` so.
 */
export function firstPlaces(scan: FirstsScan, text: string, needed: number): number[][] {
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
