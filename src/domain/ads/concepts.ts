import { BoundedMap } from '../memo.js';
import { lowerBound } from './sorted.js';
import { stemEn, stemKk, stemRu, stemsOf } from './stem.js';
import { fold, type Token } from './tokens.js';

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
 *
 * An entry of several words ("алып қой*", "жұмыс беруші*", "ата-ана*", "в город") is a sequence: its
 * words, each compared as above (`=` makes every word exact, `*` the last a prefix), on consecutive words
 * of the ad; the concept is then on each word of the sequence. Kazakh says "took away" in two words
 * ("алып қойды"), and neither word alone means it.
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
  /** Entries of several words: the hidden concepts of their words, in order, and the concept they name. */
  sequences: { parts: number[]; concept: number }[];
  /** The sequence (its place in `sequences`) each first part begins: every part is a concept of its own. */
  sequenceAt: Map<number, number>;
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
    sequences: [],
    sequenceAt: new Map(),
  };
  /** Files one word of an entry under the concept `id`. */
  const addWord = (id: number, entry: string, lang: 'ru' | 'kk' | 'en' | 'any') => {
    if (entry.startsWith('=')) {
      add(index.exact, fold(entry.slice(1)), id);
      return;
    }
    if (entry.endsWith('*')) {
      index.prefixes.push({ text: fold(entry.slice(0, -1)), concept: id });
      return;
    }
    const word = fold(entry);
    if (lang === 'ru' || lang === 'any') add(index.ru, stemRu(word), id);
    if (lang === 'en' || lang === 'any') add(index.en, stemEn(word), id);
    if (lang === 'kk' || lang === 'any') {
      const root = stemKk(word);
      if (root.length >= MIN_KK_PREFIX_ROOT) index.kkRoots.push({ root, concept: id });
      else add(index.kk, root, id);
    }
  };
  const sources = Object.entries(source);
  for (const [name] of sources) index.names.push(name);
  sources.forEach(([name, c], id) => {
    const entries: [string, 'ru' | 'kk' | 'en' | 'any'][] = [
      ...(c.ru ?? []).map((w) => [w, 'ru'] as [string, 'ru']),
      ...(c.kk ?? []).map((w) => [w, 'kk'] as [string, 'kk']),
      ...(c.en ?? []).map((w) => [w, 'en'] as [string, 'en']),
      ...(c.any ?? []).map((w) => [w, 'any'] as [string, 'any']),
    ];
    for (const [raw, lang] of entries) {
      const entry = raw.trim().toLowerCase();
      const words = entry
        .replace(/^=/, '')
        .split(/[\s-]+/)
        .filter(Boolean);
      if (words.length < 2) {
        addWord(id, entry, lang);
        continue;
      }
      const exact = entry.startsWith('=');
      const parts = words.map((w, k) => {
        const part = index.names.length;
        index.names.push(`${name}#${index.sequences.length}.${k}`);
        addWord(part, exact && !(k === words.length - 1 && w.endsWith('*')) ? `=${w}` : w, lang);
        return part;
      });
      index.sequenceAt.set(parts[0] as number, index.sequences.length);
      index.sequences.push({ parts, concept: id });
    }
  });
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
    const stem = stems.kk;
    for (const r of index.kkRoots)
      if ((word.startsWith(r.root) || stem.startsWith(r.root)) && !out.includes(r.concept))
        out.push(r.concept);
  }
  const list = out.length > 0 ? out : NONE;
  index.cache.set(word, list);
  return list;
}

/**
 * The concepts of each word of an ad, with those of entries of several words added where their words
 * stand in a row (see `compileConcepts`), and where each such sequence begins and ends, so that the ad's
 * words quoted for a relation hold the whole sequence ("алып қояды", not "алып").
 */
export function withSequences(
  index: ConceptIndex,
  perWord: (readonly number[])[],
): { perWord: (readonly number[])[]; spans: Map<number, [number, number]> } {
  const spans = new Map<number, [number, number]>();
  if (index.sequences.length === 0) return { perWord, spans };
  let out: (readonly number[])[] | undefined;
  for (let i = 0; i < perWord.length; i++) {
    const here = perWord[i] as readonly number[];
    if (here.length === 0) continue;
    // Only the sequences that begin on this word, in the lexicon's order.
    let starting: number[] | undefined;
    for (const c of here) {
      const seq = index.sequenceAt.get(c);
      if (seq === undefined) continue;
      starting ??= [];
      starting.push(seq);
    }
    if (!starting) continue;
    if (starting.length > 1) starting.sort((a, b) => a - b);
    for (const seq of starting) {
      const { parts, concept } = index.sequences[seq] as { parts: number[]; concept: number };
      if (i + parts.length > perWord.length) continue;
      if (!parts.every((p, k) => (perWord[i + k] as readonly number[]).includes(p))) continue;
      out ??= perWord.slice();
      for (let k = 0; k < parts.length; k++) {
        const list = out[i + k] as readonly number[];
        if (!list.includes(concept)) out[i + k] = [...list, concept];
        const [from, to] = spans.get(i + k) ?? [i, i + parts.length];
        spans.set(i + k, [Math.min(from, i), Math.max(to, i + parts.length)]);
      }
    }
  }
  return { perWord: out ?? perWord, spans };
}

export interface Relation {
  cue: string;
  /** Counts only when one of its words is negated: "не говорите родным", "ата-анаңызға айтпаңыз". */
  onlyNegated?: boolean;
  /** Counts only when its first concept's word is negated: "не выходим без бригадира" (the rule itself). */
  negatedAnchor?: boolean;
  /** The concepts in their order, within one clause ("Оформление — 300 000 тг", not "200 000 тг, оформление"). */
  ordered?: boolean;
  /** The concepts within one clause, in any order ("алдын ала 200 мың теңге", not "before departure, $1,100"). */
  clause?: boolean;
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
  /**
   * Whether tokens a < b are parted only by a dash or a colon ("Виза — 1 200 $", "Оформление: 300 000 тг"):
   * one clause for `ordered` and `clause` relations, though the tokenizer ends a clause there.
   */
  joined?: (a: number, b: number) => boolean,
): RelationHit[] {
  if (relations.length === 0) return [];
  const { perWord, spans } = withSequences(index, concepts ?? tokens.map((t) => conceptsOf(index, t.word)));
  const positions = new Map<number, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    for (const c of perWord[i] as readonly number[]) {
      const list = positions.get(c);
      if (list) list.push(i);
      else positions.set(c, [i]);
    }
  }
  if (positions.size === 0) return [];
  // Whether a word is negated for a cue, asked once per cue and word: cues numbered as met, the answer in a map by
  // number (a key of cue and word as text cost more than the look-up it spared).
  const cueNumbers = new Map<string, number>();
  const negatedMemo = new Map<number, boolean>();
  const negated = (cue: string, i: number) => {
    let c = cueNumbers.get(cue);
    if (c === undefined) {
      c = cueNumbers.size;
      cueNumbers.set(cue, c);
    }
    const key = c * tokens.length + i;
    let n = negatedMemo.get(key);
    if (n === undefined) {
      n = isNegated(cue, i);
      negatedMemo.set(key, n);
    }
    return n;
  };
  const sameClause = (a: number, q: number) =>
    (tokens[q] as Token).clause === (tokens[a] as Token).clause ||
    joined?.(Math.min(a, q), Math.max(a, q)) === true;
  const hits: RelationHit[] = [];
  const seen = new Set<string>();
  for (const rel of relations) {
    const anchors = positions.get(rel.concepts[0] as number);
    if (!anchors || !rel.concepts.every((c) => positions.has(c))) continue;
    for (const a of anchors) {
      const sentence = (tokens[a] as Token).sentence;
      const flip = rel.onlyNegated === true || rel.negatedAnchor === true;
      if (rel.negatedAnchor && !negated(rel.cue, a)) continue;
      if (!flip && negated(rel.cue, a)) continue;
      const used = [a];
      // The span of the words used so far: a word is taken only if the span with it stays within the window.
      let low = a;
      let high = a;
      let ok = true;
      for (let ci = 1; ci < rel.concepts.length; ci++) {
        const c = rel.concepts[ci] as number;
        let best = -1;
        const list = positions.get(c) as number[];
        for (let k = lowerBound(list, a - rel.window); k < list.length; k++) {
          const q = list[k] as number;
          if (q > a + rel.window) break;
          if (used.includes(q) || (tokens[q] as Token).sentence !== sentence) continue;
          if ((rel.clause || rel.ordered) && !sameClause(a, q)) continue;
          if (rel.ordered && q < (used.at(-1) as number)) continue;
          if (Math.max(high, q) - Math.min(low, q) > rel.window) continue;
          if (!flip && negated(rel.cue, q)) continue;
          if (best < 0 || Math.abs(q - a) < Math.abs(best - a)) best = q;
        }
        if (best < 0) {
          ok = false;
          break;
        }
        used.push(best);
        low = Math.min(low, best);
        high = Math.max(high, best);
      }
      if (!ok || (flip && !used.some((i) => negated(rel.cue, i)))) continue;
      const from = Math.min(low, spans.get(low)?.[0] ?? low);
      const to = Math.max(high + 1, spans.get(high)?.[1] ?? 0);
      const key = `${rel.cue}|${from}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ cue: rel.cue, from, to });
    }
  }
  return hits;
}
