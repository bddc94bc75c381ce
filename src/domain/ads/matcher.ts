import { BoundedMap, codePointTest } from './memo.js';
import type { View } from './normalize.js';

/**
 * Phrase matching word by word. An ad is cut into words once; each word looks up, by its first two
 * letters, the few phrases that can start with it, and only those are tried. This is what keeps the
 * analyzer at a fraction of a millisecond an ad with a lexicon of hundreds of phrases, where one big
 * regular expression per cue took tens of milliseconds.
 */

export interface WordMatcher {
  kind: 'exact' | 'stem' | 'any' | 'number';
  /** Folded (see `fold`). */
  text: string;
}

export interface Phrase {
  cue: string;
  /** Words allowed between two parts. */
  gap: number;
  /** Each part: alternatives, each a run of words that follow each other directly. */
  parts: WordMatcher[][][];
  /**
   * For each part, the words its alternatives can begin with (`firstWordsOfRuns`): where none can, the
   * alternatives are not tried one by one. Optional: without it, every alternative is tried.
   */
  firsts?: FirstWords[];
}

export interface Token {
  /** Folded lower-case word. */
  word: string;
  start: number;
  end: number;
  /** Phrases do not reach across a line, "!", "?", ";" or a full stop that ends a sentence. */
  sentence: number;
  /** Negations do not reach across those, nor commas, colons, brackets, quotes, dashes. */
  clause: number;
  number: boolean;
  /**
   * The word, interned (see `Word`): what the analyzer knows of it is remembered there, so that a word
   * is looked up once per ad, not once per question asked of it. Optional: tokens made by hand have none.
   */
  entry?: Word;
}

/**
 * A folded word, and a place where the analyzer remembers what a lexicon says of it (see analyze.ts):
 * the phrases it can begin, the lexicon words it matches, its concepts. One lexicon at a time (the last
 * that asked), so a word's facts are found by one comparison instead of a look-up per question.
 */
export class Word {
  owner: object | undefined = undefined;
  facts: unknown = undefined;
  constructor(
    readonly word: string,
    readonly number: boolean,
  ) {}
}

/**
 * A word as the view writes it (before folding), interned: its folded form, and its transliterations
 * (filled in by readings.ts when an ad is read transliterated). One look-up per word of an ad.
 */
export interface WrittenWord {
  /** Its characters, as the view has them. */
  raw: string;
  base: Word;
  /**
   * Transliterated by each table (readings.ts numbers them), remembered: null when no letter changes,
   * undefined when not asked yet.
   */
  translit: ({ word: Word; last: number } | null | undefined)[];
}
const writtenWords = new BoundedMap<string, WrittenWord>(50_000);
function writtenWord(raw: string): WrittenWord {
  let known = writtenWords.get(raw);
  if (known === undefined) {
    const word = fold(raw);
    known = { raw, base: new Word(word, isDigits(word)), translit: [] };
    writtenWords.set(raw, known);
  }
  return known;
}

// Kazakh written with Russian letters is common in messengers ("кыздар" for "қыздар"), and и/і are
// mixed up: words are compared with these letters folded to one.
const FOLD: Record<string, string> = {
  қ: 'к',
  ғ: 'г',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  і: 'и',
  ә: 'а',
  һ: 'х',
  ё: 'е',
  ı: 'i',
};
const FOLDED = /[қғңөұүіәһёıйҚҒҢӨҰҮІӘҺЁЙA-ZА-Я]/;
const FOLD_LETTERS = /[қғңөұүіәһёı]/g;
/** Words with a letter to fold, folded: Kazakh words and words with "й" come back in ad after ad. */
const foldedWords = new BoundedMap<string, string>(50_000);
export function fold(word: string): string {
  if (!FOLDED.test(word)) return word;
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    // Every key of FOLD is one UTF-16 unit, so replacing units is replacing code points.
    folded = word.toLowerCase().replace(FOLD_LETTERS, (ch) => FOLD[ch] as string);
    foldedWords.set(word, folded);
  }
  return folded;
}

/** Letters and digits other than Latin and Cyrillic, asked of Unicode once per UTF-16 unit. */
const isOtherWordUnit = codePointTest(/[\p{L}\p{N}]/u);
/**
 * Letters and digits, one UTF-16 unit at a time: Latin, Cyrillic and digits by their codes (fast), the
 * rest by Unicode (half of a surrogate pair is no word character).
 */
function isWordChar(code: number): boolean {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x430 && code <= 0x4ff))
    return true;
  if (code < 0xaa) return code >= 0x41 && code <= 0x5a;
  return isOtherWordUnit(code);
}
/** "!", "?", ";", a line: the end of a sentence. */
const isSentenceEnd = (c: number) => c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a;
/** Those, and ".", ":", ",", brackets, quotes, dashes: the end of a clause. */
const isClauseEnd = (c: number) =>
  isSentenceEnd(c) ||
  c === 0x2e || // .
  c === 0x3a || // :
  c === 0x2c || // ,
  c === 0x28 || // (
  c === 0x29 || // )
  c === 0xab || // «
  c === 0xbb || // »
  c === 0x22 || // "
  c === 0x201c || // “
  c === 0x201d || // ”
  c === 0x2014 || // —
  c === 0x2013; // –
const WHITESPACE = /\s/;
const isDigits = (word: string) => {
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return word.length > 0;
};

/**
 * An ad's words, with what decides its sentences beside them, so that another reading of the same words
 * (transliterated, see readings.ts) is cut into sentences as its own text would be, without reading it.
 */
export interface Words {
  tokens: Token[];
  /** breaks[k]: the sentence ends between token k-1 (or the start) and token k that any word allows. */
  breaks: number[];
  /**
   * stop[k]: a full stop and a space (or the end) follow token k directly, which ends a sentence unless
   * the token is a short word or a number (see `endsSentence`).
   */
  stop: boolean[];
  /**
   * written[k]: token k's word, interned: its characters as the view has them, before `fold` (what
   * transliteration reads), its folded form, its transliterations.
   */
  written: WrittenWord[];
}

/** Whether a full stop right after this word ends a sentence: not after "ул.", "г.", "st." or a number. */
export const endsSentence = (word: string, number: boolean) => word.length > 3 && !number;

export function tokenize(view: View): Token[] {
  return tokenizeWords(view).tokens;
}

export function tokenizeWords(view: View): Words {
  const tokens: Token[] = [];
  const breaks: number[] = [];
  const stop: boolean[] = [];
  const written: WrittenWord[] = [];
  const text = view.text;
  let sentence = 0;
  let clause = 0;
  let pending = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // One UTF-16 unit at a time, as always: half of a surrogate pair is no word character.
    if (!isWordChar(code)) {
      if (isSentenceEnd(code)) {
        sentence++;
        pending++;
      }
      // A full stop ends a sentence, unless it ends an abbreviation ("ул.", "г.", "st.") or a number.
      else if (code === 0x2e && WHITESPACE.test(text[i + 1] ?? ' ')) {
        const last = tokens.at(-1);
        if (last && last.end === i) {
          stop[tokens.length - 1] = true;
          if (endsSentence(last.word, last.number)) sentence++;
        }
      }
      if (isClauseEnd(code)) clause++;
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < text.length; j++) {
      if (!isWordChar(text.charCodeAt(j))) break;
    }
    const w = writtenWord(text.slice(i, j));
    const entry = w.base;
    tokens.push({ word: entry.word, start: i, end: j, sentence, clause, number: entry.number, entry });
    written.push(w);
    breaks.push(pending);
    stop.push(false);
    pending = 0;
    i = j;
  }
  return { tokens, breaks, stop, written };
}

function wordMatches(m: WordMatcher, t: Token): boolean {
  switch (m.kind) {
    case 'exact':
      return t.word === m.text;
    case 'stem':
      return t.word.startsWith(m.text);
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

export interface PhraseIndex {
  /** By the first three letters of the first word (words of three letters or more). */
  byPrefix3: Map<string, Phrase[]>;
  /** By the first two letters, for first words of two letters. */
  byPrefix: Map<string, Phrase[]>;
  /** Phrases starting with a number. */
  numbers: Phrase[];
  /** Phrases starting with a one-letter stem or any word: tried everywhere. */
  everywhere: Phrase[];
}

const KEY = 2;

export function buildIndex(phrases: Phrase[]): PhraseIndex {
  const index: PhraseIndex = { byPrefix3: new Map(), byPrefix: new Map(), numbers: [], everywhere: [] };
  const add = (map: Map<string, Phrase[]>, key: string, phrase: Phrase) => {
    const list = map.get(key) ?? [];
    if (!list.includes(phrase)) list.push(phrase);
    map.set(key, list);
  };
  for (const phrase of phrases) {
    for (const run of phrase.parts[0] ?? []) {
      const w = run[0];
      if (!w) continue;
      if (w.kind === 'number') {
        if (!index.numbers.includes(phrase)) index.numbers.push(phrase);
      } else if (w.kind === 'any' || w.text.length < KEY) {
        if (!index.everywhere.includes(phrase)) index.everywhere.push(phrase);
      } else if (w.text.length >= 3) add(index.byPrefix3, w.text.slice(0, 3), phrase);
      else add(index.byPrefix, w.text, phrase);
    }
  }
  return index;
}

export interface PhraseHit {
  cue: string;
  /** Token range [from, to). */
  from: number;
  to: number;
}

function firstWordMatches(m: WordMatcher, word: string, number: boolean): boolean {
  switch (m.kind) {
    case 'exact':
      return word === m.text;
    case 'stem':
      return word.startsWith(m.text);
    case 'number':
      return number;
    case 'any':
      return true;
  }
}

/**
 * The phrases a word can start, in the order the index lists them (by three letters, by two, numbers,
 * everywhere), each once, and only those whose first word matches it: most words of an ad start none.
 * A pure function of the word, so it is remembered per index; ads repeat their words, and each other's.
 */
const startsCache = new WeakMap<PhraseIndex, Map<string, Phrase[]>>();
const NO_PHRASES: Phrase[] = [];
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
/** The phrases a word can start (see `startsCache`), not remembered: for callers that remember them. */
export function phrasesBeginningWith(index: PhraseIndex, word: string, number: boolean): Phrase[] {
  const out: Phrase[] = [];
  const consider = (list: Phrase[] | undefined) => {
    for (const phrase of list ?? NO_PHRASES) {
      if (out.includes(phrase)) continue;
      if ((phrase.parts[0] ?? []).some((run) => !!run[0] && firstWordMatches(run[0], word, number)))
        out.push(phrase);
    }
  };
  if (word.length >= 3) consider(index.byPrefix3.get(word.slice(0, 3)));
  consider(index.byPrefix.get(word.slice(0, KEY)));
  if (number) consider(index.numbers);
  consider(index.everywhere);
  return out.length > 0 ? out : NO_PHRASES;
}

/**
 * What is known of each token's word, when the caller remembers it (analyze.ts): the phrases of the
 * index it can start (`phrasesBeginningWith`) and its keys (`wordKeys`).
 */
export interface TokenFacts {
  starts: (readonly Phrase[])[];
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

/** Every phrase of the index found in the tokens, each cue once per starting word. */
export function findPhrases(index: PhraseIndex, tokens: Token[], facts?: TokenFacts): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const found: string[] = [];
  const starts = facts ? undefined : startsOf(index);
  const keys = facts?.keys;
  const present = keys ? presentKeys(keys) : undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const list = starts
      ? phrasesStartingWith(starts, index, t.word, t.number)
      : ((facts as TokenFacts).starts[i] as readonly Phrase[]);
    if (list.length === 0) continue;
    found.length = 0;
    for (const phrase of list) {
      if (found.includes(phrase.cue)) continue;
      if (present && !mayMatch(phrase, present)) continue;
      const end = partFrom(phrase, tokens, 0, i, t.sentence, keys);
      if (end > i) {
        found.push(phrase.cue);
        hits.push({ cue: phrase.cue, from: i, to: end });
      }
    }
  }
  return hits;
}

/** The words a list of phrases can start with: a quick test before trying them. */
export interface FirstWords {
  exact: Set<string>;
  stems: string[];
  anyWord: boolean;
  /** The ids (see `wordKeys`) of the exact words and of the stems: what a word's keys are looked up in. */
  keys: Set<number>;
  /** The same ids, as a list. */
  keyList: number[];
}

/**
 * Every exact word and stem of the phrases compiled so far, by id, in one numbering (a stem's key is
 * not an exact word's). A word's keys are the ids it matches: its own, if it is an exact word of some
 * phrase, and those of the stems it begins with. "May this word begin this part" is then a question of
 * a few small numbers, asked of a set of numbers, instead of a string look-up and a loop of `startsWith`.
 */
const exactIds = new Map<string, number>();
const stemIds = new Map<string, number>();
let longestStem = 0;
function keyOf(ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) {
    id = exactIds.size + stemIds.size;
    ids.set(text, id);
    if (ids === stemIds && text.length > longestStem) longestStem = text.length;
  }
  return id;
}
const NO_KEYS: readonly number[] = [];
/** Grows whenever a phrase brings a new exact word or stem: keys computed before are then incomplete. */
export const keysVersion = () => exactIds.size + stemIds.size;
/** The keys of a folded word: see `exactIds`. Complete for every phrase compiled before it is asked. */
export function wordKeys(word: string): readonly number[] {
  const keys: number[] = [];
  const exact = exactIds.get(word);
  if (exact !== undefined) keys.push(exact);
  for (let n = Math.min(word.length, longestStem); n >= 0; n--) {
    const stem = stemIds.get(n === word.length ? word : word.slice(0, n));
    if (stem !== undefined) keys.push(stem);
  }
  return keys.length > 0 ? keys : NO_KEYS;
}
function mayStartByKeys(first: FirstWords, keys: readonly number[]): boolean {
  if (first.anyWord) return true;
  for (let k = 0; k < keys.length; k++) if (first.keys.has(keys[k] as number)) return true;
  return false;
}
export function firstWords(phrases: Phrase[]): FirstWords {
  return firstWordsOfRuns(phrases.flatMap((p) => p.parts[0] ?? []));
}
/** The words runs of words can begin with. */
export function firstWordsOfRuns(runs: WordMatcher[][]): FirstWords {
  const out: FirstWords = { exact: new Set(), stems: [], anyWord: false, keys: new Set(), keyList: [] };
  for (const run of runs) {
    const w = run[0];
    // An empty run matches anywhere (the pattern language makes none).
    if (!w) out.anyWord = true;
    else if (w.kind === 'exact') {
      out.exact.add(w.text);
      out.keys.add(keyOf(exactIds, w.text));
    } else if (w.kind === 'stem') {
      out.stems.push(w.text);
      out.keys.add(keyOf(stemIds, w.text));
    } else out.anyWord = true;
  }
  out.keyList = [...out.keys];
  return out;
}
function mayStart(first: FirstWords, word: string): boolean {
  if (first.anyWord || first.exact.has(word)) return true;
  for (const stem of first.stems) if (word.startsWith(stem)) return true;
  return false;
}

const firstWordsCache = new WeakMap<Phrase[], FirstWords>();

/** Whether one of the phrases occurs within tokens [from, to). keys: as in `findPhrases`. */
export function anyPhraseWithin(
  phrases: Phrase[],
  tokens: Token[],
  from: number,
  to: number,
  keys?: (readonly number[])[],
): boolean {
  let first = firstWordsCache.get(phrases);
  if (!first) {
    first = firstWords(phrases);
    firstWordsCache.set(phrases, first);
  }
  for (let i = Math.max(0, from); i < Math.min(to, tokens.length); i++) {
    if (
      !(keys
        ? mayStartByKeys(first, keys[i] as readonly number[])
        : mayStart(first, (tokens[i] as Token).word))
    )
      continue;
    for (const p of phrases) {
      const end = phraseAt(p, tokens, i, keys);
      if (end > i && end <= to) return true;
    }
  }
  return false;
}
