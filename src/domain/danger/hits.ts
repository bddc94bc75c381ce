import { fold, type Token } from './fold.js';
import type { Concept, Entry } from './lexicon.js';

/** The concepts a message's words stand for, each with where it stands and whether it is negated. */
/** One concept found in the text, over one or more words. */
export interface Hit {
  concept: Concept;
  first: number;
  last: number;
  negated: boolean;
  /** The negation word before it, when there is one: the person's words include it. */
  negator?: number;
}

interface Stem {
  entry: Entry;
  parts: readonly string[];
  /** Which parts are whole words (written "=үйде"), not beginnings. */
  whole: readonly boolean[];
  next?: readonly string[];
  notAfter?: readonly string[];
}

/**
 * The words of danger as the reader looks them up, compiled once from the entries (lexicon.ts): stems
 * by the first two letters of their key, words by their spelling, so each word looks at few.
 */
export interface DangerLexicon {
  readonly entries: readonly Entry[];
  readonly stems: ReadonlyMap<string, readonly Stem[]>;
  readonly words: ReadonlyMap<string, readonly Entry[]>;
  /** The words of the concept `neg`, and of `aux`: those a negation may stand across. */
  readonly negators: ReadonlySet<string>;
  readonly aux: ReadonlySet<string>;
}

export function compileDangerLexicon(entries: readonly Entry[]): DangerLexicon {
  const stems = new Map<string, Stem[]>();
  const words = new Map<string, Entry[]>();
  for (const entry of entries) {
    for (const stem of entry.stems ?? []) {
      const written = stem.toLowerCase().split(' ');
      const parts = written.map((w) => fold(w.replace(/^=/, '')));
      const head = (parts[0] as string).slice(0, 2);
      const list = stems.get(head) ?? [];
      list.push({
        entry,
        parts,
        whole: written.map((w) => w.startsWith('=')),
        ...(entry.next ? { next: entry.next.map(fold) } : {}),
        ...(entry.notAfter ? { notAfter: entry.notAfter.map(fold) } : {}),
      });
      stems.set(head, list);
    }
    for (const word of entry.words ?? []) {
      const list = words.get(word) ?? [];
      list.push(entry);
      words.set(word, list);
    }
  }
  const wordsOf = (concept: Concept) =>
    new Set(entries.filter((e) => e.concept === concept).flatMap((e) => e.words ?? []) as string[]);
  return { entries, stems, words, negators: wordsOf('neg'), aux: wordsOf('aux') };
}

/** Kazakh verb negation: -ма/-ме/-ба/-бе/-па/-пе right after the root ("бер-ме-йді", "шығар-ма-йды"). */
const KK_NEGATION = /^[mbp][ae]/;
/**
 * A Kazakh verb's first person past, singular or plural, at the end of its folded key (-дым/-дім, -тым/-тім,
 * -дық/-дік, -тық/-тік): what she did not do. Not the present ("бермейміз деді": a captor's words).
 */
const KK_FIRST_PERSON = /(?:dim|tim|dik|tik)$/;

/** A stem at token i, its words all in one clause: the index of its last word, or -1. */
function matchStem(tokens: readonly Token[], i: number, stem: Stem): number {
  const last = i + stem.parts.length - 1;
  if (last >= tokens.length) return -1;
  for (let k = 0; k < stem.parts.length; k++) {
    const t = tokens[i + k] as Token;
    if (t.clause !== tokens[i]?.clause) return -1;
    const part = stem.parts[k] as string;
    if (stem.whole[k] ? t.key !== part : !t.key.startsWith(part)) return -1;
  }
  const before = tokens[i - 1];
  if (stem.notAfter && before && before.clause === tokens[i]?.clause) {
    if (stem.notAfter.some((w) => before.key.startsWith(w))) return -1;
  }
  if (stem.next) {
    const after = tokens[last + 1];
    if (!after || after.clause !== tokens[i]?.clause) return -1;
    if (!stem.next.some((n) => after.key.startsWith(n))) return -1;
    return last + 1;
  }
  return last;
}

/**
 * A negation word right before, in the same clause, perhaps across a helper word: "не отдают", "won't
 * give back", "не хотят отдавать", "haven't been paid". ("не просим отдать" negates the asking only.)
 */
function negatorBefore(lexicon: DangerLexicon, tokens: readonly Token[], i: number): number {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = tokens[k] as Token;
    if (t.clause !== tokens[i]?.clause) return -1;
    if (lexicon.negators.has(t.word)) {
      // "Don't give your passport to anyone": a command at the head of its clause is advice.
      const head = k === 0 || tokens[k - 1]?.clause !== t.clause;
      return head && ADVICE.has(t.word) ? -1 : k;
    }
    if (!lexicon.aux.has(t.word)) return -1;
  }
  return -1;
}

const ADVICE = new Set(['dont', 'never']);

/**
 * A negative command is advice to the reader ("не отдавайте паспорт", "төлқұжатыңызды бермеңіз",
 * "don't give your passport"), not something done to the writer.
 */
function imperative(t: Token): boolean {
  return /(йте|ите|ьте|ите)$/.test(t.word) || /(niz|nizder|nizdar|nder|ndar)$/.test(t.key);
}

/** Kazakh says "there is none" after the noun: "рұқсат жоқ" (no permission), "байланыс жоқ" (no contact). */
const KK_NONE = new Set(['жоқ', 'жок', 'zhok', 'zhoq', 'joq', 'jok']);

function noneAfter(tokens: readonly Token[], i: number): number {
  const next = tokens[i + 1];
  return next && next.clause === tokens[i]?.clause && KK_NONE.has(next.word) ? i + 1 : -1;
}

export function findHits(lexicon: DangerLexicon, tokens: readonly Token[]): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const advice = imperative(t);
    const before0 = advice ? -1 : negatorBefore(lexicon, tokens, i);
    const negator = before0 >= 0 ? before0 : noneAfter(tokens, i);
    const before = negator >= 0 ? { negator } : {};
    for (const entry of lexicon.words.get(t.word) ?? []) {
      hits.push({
        concept: entry.concept,
        first: i,
        last: i,
        negated: entry.negative === true || negator >= 0,
        ...before,
      });
    }
    for (const stem of lexicon.stems.get(t.key.slice(0, 2)) ?? []) {
      const last = matchStem(tokens, i, stem);
      if (last < 0) continue;
      const kkNegated =
        stem.entry.kkVerb === true &&
        stem.parts.length === 1 &&
        KK_NEGATION.test(t.key.slice((stem.parts[0] as string).length));
      // "бермедім", "жібермедім", "төлемедік": the writer's own act she did not do, nothing done to her.
      if (kkNegated && KK_FIRST_PERSON.test(t.key)) continue;
      hits.push({
        concept: stem.entry.concept,
        first: i,
        last,
        negated:
          stem.entry.negative === true || (stem.entry.kkVerb === true ? !advice && kkNegated : negator >= 0),
        ...(stem.entry.kkVerb === true ? {} : before),
      });
    }
  }
  return hits;
}
