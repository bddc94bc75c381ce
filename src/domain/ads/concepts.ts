import { fold, type Token } from './matcher.js';
import { BoundedMap } from './memo.js';
import { stemEn, stemKk, stemRu, stemsOf } from './stem.js';

/**
 * Concepts and relations: reading meaning, not phrases. A concept is a set of words per language (a
 * document: "паспорт", "документ", "құжат", "passport", "ID"); the ad's words and the concept's are
 * compared by their stems, so one entry covers every form. A relation is a few concepts that stand in
 * one sentence, close together, in any order, none negated: "the company keeps your documents",
 * "документы хранятся у работодателя", "құжаттарыңыз агенттікте сақталады" are one relation, of a
 * document and keeping.
 *
 * Entry syntax, one word each: `word` (compared by stem in the list's language; in `any`, in every
 * language), `word*` (any word that starts so, after folding), `=word` (that word exactly, folded).
 * Kazakh is compared by root: a word whose folded form starts with the entry's root (of four letters or
 * more; shorter roots must be the word's whole stem), as Kazakh only ever adds suffixes.
 */

export interface ConceptSource {
  ru?: string[];
  kk?: string[];
  en?: string[];
  any?: string[];
}

export interface ConceptIndex {
  names: string[];
  ru: Map<string, number[]>;
  en: Map<string, number[]>;
  /** Kazakh roots of four letters or more, compared as prefixes of the folded word. */
  kkRoots: { root: string; concept: number }[];
  /** Short Kazakh roots: the word's stem must be the root. */
  kk: Map<string, number[]>;
  exact: Map<string, number[]>;
  prefixes: { text: string; concept: number }[];
  /** Concepts of a folded word, remembered. */
  cache: Map<string, readonly number[]>;
}

const MIN_KK_PREFIX_ROOT = 4;
const NONE: readonly number[] = [];

function add(map: Map<string, number[]>, key: string, concept: number) {
  const list = map.get(key) ?? [];
  if (!list.includes(concept)) list.push(concept);
  map.set(key, list);
}

export function compileConcepts(source: Record<string, ConceptSource>): ConceptIndex {
  const index: ConceptIndex = {
    names: [],
    ru: new Map(),
    en: new Map(),
    kk: new Map(),
    kkRoots: [],
    exact: new Map(),
    prefixes: [],
    cache: new BoundedMap(50_000),
  };
  for (const [name, c] of Object.entries(source)) {
    const id = index.names.length;
    index.names.push(name);
    const entries: [string, 'ru' | 'kk' | 'en' | 'any'][] = [
      ...(c.ru ?? []).map((w) => [w, 'ru'] as [string, 'ru']),
      ...(c.kk ?? []).map((w) => [w, 'kk'] as [string, 'kk']),
      ...(c.en ?? []).map((w) => [w, 'en'] as [string, 'en']),
      ...(c.any ?? []).map((w) => [w, 'any'] as [string, 'any']),
    ];
    for (const [raw, lang] of entries) {
      const entry = raw.trim().toLowerCase();
      if (entry.startsWith('=')) {
        add(index.exact, fold(entry.slice(1)), id);
        continue;
      }
      if (entry.endsWith('*')) {
        index.prefixes.push({ text: fold(entry.slice(0, -1)), concept: id });
        continue;
      }
      const word = fold(entry);
      if (lang === 'ru' || lang === 'any') add(index.ru, stemRu(word), id);
      if (lang === 'en' || lang === 'any') add(index.en, stemEn(word), id);
      if (lang === 'kk' || lang === 'any') {
        const root = stemKk(word);
        if (root.length >= MIN_KK_PREFIX_ROOT) index.kkRoots.push({ root, concept: id });
        else add(index.kk, root, id);
      }
    }
  }
  return index;
}

/** The concepts a folded word belongs to (remembered: ads repeat their words, and each other's). */
export function conceptsOf(index: ConceptIndex, word: string): readonly number[] {
  const known = index.cache.get(word);
  if (known) return known;
  const out: number[] = [];
  const push = (list: readonly number[] | undefined) => {
    for (const c of list ?? NONE) if (!out.includes(c)) out.push(c);
  };
  push(index.exact.get(word));
  for (const p of index.prefixes)
    if (word.startsWith(p.text) && !out.includes(p.concept)) out.push(p.concept);
  const stems = stemsOf(word);
  if (stems.ru !== undefined) push(index.ru.get(stems.ru));
  if (stems.en !== undefined) push(index.en.get(stems.en));
  if (stems.kk !== undefined) {
    push(index.kk.get(stems.kk));
    for (const r of index.kkRoots)
      if (word.startsWith(r.root) && !out.includes(r.concept)) out.push(r.concept);
  }
  const list = out.length > 0 ? out : NONE;
  index.cache.set(word, list);
  return list;
}

export interface Relation {
  cue: string;
  /** Counts only when one of its words is negated: "не говорите родным", "ата-анаңызға айтпаңыз". */
  onlyNegated?: boolean;
  /** The concepts in their order, within one clause ("Оформление — 300 000 тг", not "200 000 тг, оформление"). */
  ordered?: boolean;
  /** Concept ids, each to be found on a different word. */
  concepts: number[];
  /** At most this many words from the first concept's word to the last's. */
  window: number;
}

export interface RelationHit {
  cue: string;
  /** Token range [from, to): from the first word of the relation to its last. */
  from: number;
  to: number;
}

/**
 * Every relation found in the tokens: for each word of a relation's first concept, the nearest word of
 * each other concept within the window, in the same sentence, on either side, none of them negated.
 */
export function findRelations(
  index: ConceptIndex,
  relations: Relation[],
  tokens: Token[],
  isNegated: (cue: string, token: number) => boolean,
  /** concepts[k]: `conceptsOf` token k's word, when the caller remembers it. */
  concepts?: (readonly number[])[],
): RelationHit[] {
  if (relations.length === 0) return [];
  const positions = new Map<number, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    for (const c of concepts
      ? (concepts[i] as readonly number[])
      : conceptsOf(index, (tokens[i] as Token).word)) {
      const list = positions.get(c);
      if (list) list.push(i);
      else positions.set(c, [i]);
    }
  }
  if (positions.size === 0) return [];
  const negatedMemo = new Map<string, boolean>();
  const negated = (cue: string, i: number) => {
    const key = `${cue}|${i}`;
    let n = negatedMemo.get(key);
    if (n === undefined) {
      n = isNegated(cue, i);
      negatedMemo.set(key, n);
    }
    return n;
  };
  const hits: RelationHit[] = [];
  const seen = new Set<string>();
  for (const rel of relations) {
    const anchors = positions.get(rel.concepts[0] as number);
    if (!anchors || !rel.concepts.every((c) => positions.has(c))) continue;
    for (const a of anchors) {
      const sentence = (tokens[a] as Token).sentence;
      const flip = rel.onlyNegated === true;
      if (!flip && negated(rel.cue, a)) continue;
      const used = [a];
      let ok = true;
      for (const c of rel.concepts.slice(1)) {
        let best = -1;
        const list = positions.get(c) as number[];
        for (let k = lowerBound(list, a - rel.window); k < list.length; k++) {
          const q = list[k] as number;
          if (q > a + rel.window) break;
          if (used.includes(q) || (tokens[q] as Token).sentence !== sentence) continue;
          if (
            rel.ordered &&
            (q < (used.at(-1) as number) || (tokens[q] as Token).clause !== (tokens[a] as Token).clause)
          )
            continue;
          if (Math.max(...used, q) - Math.min(...used, q) > rel.window) continue;
          if (!flip && negated(rel.cue, q)) continue;
          if (best < 0 || Math.abs(q - a) < Math.abs(best - a)) best = q;
        }
        if (best < 0) {
          ok = false;
          break;
        }
        used.push(best);
      }
      if (!ok || (flip && !used.some((i) => negated(rel.cue, i)))) continue;
      const from = Math.min(...used);
      const to = Math.max(...used) + 1;
      const key = `${rel.cue}|${from}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ cue: rel.cue, from, to });
    }
  }
  return hits;
}

/** The first index of a sorted list whose value is at least `min`. */
function lowerBound(list: number[], min: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
