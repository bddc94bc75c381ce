/**
 * The strings of a lexicon's patterns as one trie (regex-starts.ts `literalScan`): walked from every place of a
 * text, it finds the longest string that begins there.
 */

/**
 * Strings as a trie over UTF-16 units: node 0 is the root, and each step from a node by a unit leads to
 * the node of the longer beginning, looked up in one table addressed by a hash of both.
 */
export interface Trie {
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
export function trieOf(strings: readonly string[]): Trie {
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
export function longestAt(trie: Trie, text: string, p: number): number {
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
