import { BoundedMap } from '../memo.js';
import {
  beginsWithStem,
  type FirstWords,
  firstWords,
  keysVersion,
  mayStart,
  mayStartByKeys,
  type Phrase,
  type PhraseIndex,
  phrasesBeginningWith,
  type WordMatcher,
} from './phrase-index.js';
import type { Token } from './tokens.js';

// The words it reads (tokens.ts) and the phrases it runs (phrase-index.ts): importable from here too.
export {
  beginsWithStem,
  buildIndex,
  type FirstWords,
  firstWords,
  firstWordsOfRuns,
  keysVersion,
  type Phrase,
  type PhraseIndex,
  phrasesBeginningWith,
  phrasesBeginningWithParted,
  type WordMatcher,
  wordKeys,
} from './phrase-index.js';
export {
  endsSentence,
  fold,
  type Token,
  tokenize,
  tokenizeWords,
  Word,
  type Words,
  type WrittenWord,
} from './tokens.js';

/**
 * Phrase matching word by word. An ad is cut into words once; each word looks up, by its first two
 * letters, the few phrases that can start with it, and only those are tried. This is what keeps the
 * analyzer at a fraction of a millisecond an ad with a lexicon of hundreds of phrases, where one big
 * regular expression per cue took tens of milliseconds.
 */

function wordMatches(m: WordMatcher, t: Token): boolean {
  switch (m.kind) {
    case 'exact':
      return t.word === m.text;
    case 'stem':
      return beginsWithStem(t.word, m.text);
    case 'number':
      return t.number;
    case 'any':
      return true;
  }
}

/** A run of words at `at`, directly one after another; the index after it, or -1. */
function runAt(run: WordMatcher[], tokens: Token[], at: number): number {
  const first = tokens[at];
  if (!first) return -1;
  for (let k = 0; k < run.length; k++) {
    const t = tokens[at + k];
    if (!t || t.sentence !== first.sentence || !wordMatches(run[k] as WordMatcher, t)) return -1;
  }
  return at + run.length;
}

/**
 * keys[k], when given, are token k's keys (see `wordKeys`): the quick test asks them instead of the
 * word.
 */
function partFrom(
  phrase: Phrase,
  tokens: Token[],
  part: number,
  from: number,
  sentence: number,
  keys?: (readonly number[])[],
): number {
  if (part === phrase.parts.length) return from;
  const alts = phrase.parts[part] as WordMatcher[][];
  const first = phrase.firsts?.[part];
  const maxSkip = part === 0 ? 0 : phrase.gap;
  for (let skip = 0; skip <= maxSkip; skip++) {
    const here = from + skip;
    const t = tokens[here];
    if (t?.sentence !== sentence) break;
    // Most words begin none of the part's alternatives (a list of countries, of pay words): one look.
    if (first && !(keys ? mayStartByKeys(first, keys[here] as readonly number[]) : mayStart(first, t.word)))
      continue;
    for (const run of alts) {
      // The run's first word at once (most runs are one word, and most first words differ).
      if (!wordMatches(run[0] as WordMatcher, t)) continue;
      const end = run.length === 1 ? here + 1 : runAt(run, tokens, here);
      if (end < 0) continue;
      const rest = partFrom(phrase, tokens, part + 1, end, sentence, keys);
      if (rest >= 0) return rest;
    }
  }
  return -1;
}

/** Matches a phrase that starts at token `at`; the token index after its end, or -1. */
export function phraseAt(phrase: Phrase, tokens: Token[], at: number, keys?: (readonly number[])[]): number {
  const first = tokens[at];
  return first ? partFrom(phrase, tokens, 0, at, first.sentence, keys) : -1;
}

export interface PhraseHit {
  cue: string;
  /** Token range [from, to). */
  from: number;
  to: number;
}

/**
 * The phrases a word can start, in the order the index lists them (by three letters, by two, numbers,
 * everywhere), each once, and only those whose first word matches it: most words of an ad start none.
 * A pure function of the word, so it is remembered per index; ads repeat their words, and each other's.
 */
const startsCache = new WeakMap<PhraseIndex, Map<string, Phrase[]>>();
function startsOf(index: PhraseIndex): Map<string, Phrase[]> {
  let cache = startsCache.get(index);
  if (!cache) {
    cache = new BoundedMap(50_000);
    startsCache.set(index, cache);
  }
  return cache;
}
function phrasesStartingWith(
  cache: Map<string, Phrase[]>,
  index: PhraseIndex,
  word: string,
  number: boolean,
): Phrase[] {
  const known = cache.get(word);
  if (known) return known;
  const list = phrasesBeginningWith(index, word, number);
  cache.set(word, list);
  return list;
}

/**
 * What is known of each token's word, when the caller remembers it (find-cues.ts): the phrases of the
 * index it can start (`phrasesBeginningWith`) and its keys (`wordKeys`).
 */
export interface TokenFacts {
  /** The phrases listed under the word's first letters (`phrasesBeginningWithParted`'s `selective`). */
  starts: (readonly Phrase[])[];
  /** Then those it starts as a number or as any word: their places in the index's `unselective`. */
  slots: (readonly number[])[];
  keys: (readonly number[])[];
}

/** The keys of every token, as bits (key k is bit k % 32 of word k / 32). */
function presentKeys(keys: (readonly number[])[]): Uint32Array {
  const bits = new Uint32Array((keysVersion() >>> 5) + 1);
  for (const list of keys) {
    for (let j = 0; j < list.length; j++) {
      const key = list[j] as number;
      bits[key >>> 5] = (bits[key >>> 5] as number) | (1 << (key & 31));
    }
  }
  return bits;
}
const hasKey = (bits: Uint32Array, key: number) =>
  key >>> 5 < bits.length && ((bits[key >>> 5] as number) & (1 << (key & 31))) !== 0;
/**
 * Whether every part of the phrase after the first has, among the tokens' keys, a word one of its
 * alternatives begins with: a part that none can begin makes the phrase impossible in these tokens,
 * and it is not tried at each place it could start (a number starts five phrases, "в" a dozen).
 */
function mayMatch(phrase: Phrase, present: Uint32Array): boolean {
  const firsts = phrase.firsts;
  if (!firsts) return true;
  for (let part = 1; part < firsts.length; part++) {
    const first = firsts[part] as FirstWords;
    if (first.anyWord) continue;
    const keys = first.keyList;
    let any = false;
    for (let j = 0; j < keys.length && !any; j++) any = hasKey(present, keys[j] as number);
    if (!any) return false;
  }
  return true;
}

/**
 * Every phrase of the index found in the tokens, each cue once per starting word. With the tokens' facts, a
 * phrase is tried only where each of its parts has a word among the tokens that may begin it (`mayMatch`): asked at
 * each word for the phrases listed under its first letters, and once for all the words for those a number or any
 * word starts (twenty begin with a number, and an ad holds forty numbers; 89 with "в", "с" and the like).
 */
export function findPhrases(index: PhraseIndex, tokens: Token[], facts?: TokenFacts): PhraseHit[] {
  if (facts) return findPhrasesByFacts(index, tokens, facts);
  const hits: PhraseHit[] = [];
  const found: string[] = [];
  const starts = startsOf(index);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const list = phrasesStartingWith(starts, index, t.word, t.number);
    if (list.length === 0) continue;
    found.length = 0;
    for (const phrase of list) {
      if (found.includes(phrase.cue)) continue;
      const end = partFrom(phrase, tokens, 0, i, t.sentence);
      if (end > i) {
        found.push(phrase.cue);
        hits.push({ cue: phrase.cue, from: i, to: end });
      }
    }
  }
  return hits;
}

function findPhrasesByFacts(index: PhraseIndex, tokens: Token[], facts: TokenFacts): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const found: string[] = [];
  const { keys } = facts;
  const present = presentKeys(keys);
  // Whether each phrase of `index.unselective` may match in these tokens, asked once.
  const unselective = index.unselective;
  const possible = new Uint8Array(unselective.length);
  for (let k = 0; k < unselective.length; k++)
    possible[k] = mayMatch(unselective[k] as Phrase, present) ? 1 : 0;
  const tryAt = (phrase: Phrase, i: number, sentence: number) => {
    if (found.includes(phrase.cue)) return;
    const end = partFrom(phrase, tokens, 0, i, sentence, keys);
    if (end > i) {
      found.push(phrase.cue);
      hits.push({ cue: phrase.cue, from: i, to: end });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const list = facts.starts[i] as readonly Phrase[];
    const slots = facts.slots[i] as readonly number[];
    if (list.length === 0 && slots.length === 0) continue;
    const sentence = (tokens[i] as Token).sentence;
    found.length = 0;
    for (let k = 0; k < list.length; k++) {
      const phrase = list[k] as Phrase;
      if (mayMatch(phrase, present)) tryAt(phrase, i, sentence);
    }
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k] as number;
      if (possible[slot] === 1) tryAt(unselective[slot] as Phrase, i, sentence);
    }
  }
  return hits;
}

const firstWordsCache = new WeakMap<Phrase[], FirstWords>();
/** The words the phrases can start with (`firstWords`), remembered per list. */
export function firstWordsOf(phrases: Phrase[]): FirstWords {
  let first = firstWordsCache.get(phrases);
  if (!first) {
    first = firstWords(phrases);
    firstWordsCache.set(phrases, first);
  }
  return first;
}

/**
 * Whether one of the phrases starts within tokens [from, to) and ends by endTo (by default, to). keys: as in
 * `findPhrases`.
 */
export function anyPhraseWithin(
  phrases: Phrase[],
  tokens: Token[],
  from: number,
  to: number,
  keys?: (readonly number[])[],
  endTo = to,
): boolean {
  const first = firstWordsOf(phrases);
  for (let i = Math.max(0, from); i < Math.min(to, tokens.length); i++) {
    if (
      !(keys
        ? mayStartByKeys(first, keys[i] as readonly number[])
        : mayStart(first, (tokens[i] as Token).word))
    )
      continue;
    for (const p of phrases) {
      const end = phraseAt(p, tokens, i, keys);
      if (end > i && end <= endTo) return true;
    }
  }
  return false;
}
