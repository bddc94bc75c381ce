/**
 * A lexicon's phrases compiled for the matcher (matcher.ts): the words a phrase is made of, the index of
 * phrases by the first letters of their first word, and the first words of each part, numbered as keys.
 */

export interface WordMatcher {
  kind: 'exact' | 'stem' | 'any' | 'number';
  /** Folded (see `fold`). */
  text: string;
}

/**
 * Kazakh voices a stem's last к, қ or п before a suffix that starts with a vowel: "айлық" → "айлығы",
 * "агенттік" → "агенттігі", "кітап" → "кітабы" (folded, қ is к and ғ is г). Only a stem of `MIN_VOICED`
 * letters or more whose last letter follows a vowel makes such forms (`voices`); Russian and English make none.
 */
const VOICED: Readonly<Record<string, string>> = { к: 'г', п: 'б', k: 'g', q: 'g', p: 'b' };
/** The other way: the letters each voiced letter may stand for (g for both k and q). */
const UNVOICED: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...new Set(Object.values(VOICED))].map((v) => [v, Object.keys(VOICED).filter((k) => VOICED[k] === v)]),
);
const MIN_VOICED = 4;
const isVowel = (c: string | undefined) => c !== undefined && 'аоуыиеэюяёaeiouy'.includes(c);
/**
 * Whether Kazakh voices this stem's last letter: "айлық", "агенттік", "кітап"; not "сақ" (whose "сағ-" is
 * "сағат", an hour) nor "девушк".
 */
function voices(stem: string): boolean {
  return stem.length >= MIN_VOICED && VOICED[stem.at(-1) as string] !== undefined && isVowel(stem.at(-2));
}
/** Whether a folded word begins with the stem, or with its voiced form and then a vowel ("айлығы"). */
export function beginsWithStem(word: string, stem: string): boolean {
  if (word.startsWith(stem)) return true;
  if (word.length <= stem.length || !voices(stem)) return false;
  const last = stem.at(-1) as string;
  const n = stem.length - 1;
  return word.charAt(n) === VOICED[last] && isVowel(word.charAt(n + 1)) && word.startsWith(stem.slice(0, n));
}
/** The stems a word's voiced consonant at n - 1 may stand for, as the first n letters ("айлыгы", 5 → "айлык"). */
function unvoicedPrefixes(word: string, n: number): readonly string[] {
  const c = word.charAt(n - 1);
  const forms =
    n >= MIN_VOICED && isVowel(word.charAt(n)) && isVowel(word.charAt(n - 2)) ? UNVOICED[c] : undefined;
  return forms ? forms.map((u) => word.slice(0, n - 1) + u) : [];
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

export interface PhraseIndex {
  /** By the first three letters of the first word (words of three letters or more). */
  byPrefix3: Map<string, Phrase[]>;
  /** By the first two letters, for first words of two letters. */
  byPrefix: Map<string, Phrase[]>;
  /** Phrases starting with a number. */
  numbers: Phrase[];
  /** Phrases starting with a one-letter stem or any word: tried everywhere. */
  everywhere: Phrase[];
  /**
   * The phrases of `numbers` and of `everywhere`, each once: the 110 many words may start (twenty begin
   * with a number, 89 with a word of one letter such as "в" or "с", one with any word). Numbered by their place here, so that whether one can match in an ad is asked once an
   * ad, not at each word (see matcher.ts `findPhrases`).
   */
  unselective: Phrase[];
}

const KEY = 2;

export function buildIndex(phrases: Phrase[]): PhraseIndex {
  const index: PhraseIndex = {
    byPrefix3: new Map(),
    byPrefix: new Map(),
    numbers: [],
    everywhere: [],
    unselective: [],
  };
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
  index.unselective = [...new Set([...index.numbers, ...index.everywhere])];
  return index;
}

function firstWordMatches(m: WordMatcher, word: string, number: boolean): boolean {
  switch (m.kind) {
    case 'exact':
      return word === m.text;
    case 'stem':
      return beginsWithStem(word, m.text);
    case 'number':
      return number;
    case 'any':
      return true;
  }
}

const NO_PHRASES: Phrase[] = [];
const NO_SLOTS: readonly number[] = [];
/**
 * The phrases a word can start, in the order the index lists them (by three letters, by two, numbers,
 * everywhere), each once: those listed under its first letters (`selective`), then the others, as their places
 * in `index.unselective` (`slots`). Not remembered: for callers that remember them.
 */
export function phrasesBeginningWithParted(
  index: PhraseIndex,
  word: string,
  number: boolean,
): { selective: readonly Phrase[]; slots: readonly number[] } {
  const out: Phrase[] = [];
  const consider = (list: Phrase[] | undefined) => {
    for (const phrase of list ?? NO_PHRASES) {
      if (out.includes(phrase)) continue;
      if ((phrase.parts[0] ?? []).some((run) => !!run[0] && firstWordMatches(run[0], word, number)))
        out.push(phrase);
    }
  };
  // (A voiced stem has four letters or more: its first three are the word's own.)
  if (word.length >= 3) consider(index.byPrefix3.get(word.slice(0, 3)));
  consider(index.byPrefix.get(word.slice(0, KEY)));
  const selective = out.length;
  if (number) consider(index.numbers);
  consider(index.everywhere);
  if (selective === out.length) return { selective: out.length > 0 ? out : NO_PHRASES, slots: NO_SLOTS };
  const slots = out.slice(selective).map((p) => index.unselective.indexOf(p));
  return { selective: selective > 0 ? out.slice(0, selective) : NO_PHRASES, slots };
}
/** The phrases a word can start (see matcher.ts `startsCache`), not remembered: for callers that remember them. */
export function phrasesBeginningWith(index: PhraseIndex, word: string, number: boolean): Phrase[] {
  const { selective, slots } = phrasesBeginningWithParted(index, word, number);
  if (slots.length === 0) return selective as Phrase[];
  return [...selective, ...slots.map((k) => index.unselective[k] as Phrase)];
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
    // "айлыгы" also begins the stem "айлык" (see `beginsWithStem`).
    if (n < word.length)
      for (const u of unvoicedPrefixes(word, n)) {
        const voiced = stemIds.get(u);
        if (voiced !== undefined) keys.push(voiced);
      }
  }
  return keys.length > 0 ? keys : NO_KEYS;
}
/** Whether a word with these keys (see `wordKeys`) may begin one of the runs. */
export function mayStartByKeys(first: FirstWords, keys: readonly number[]): boolean {
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
/** Whether the folded word may begin one of the runs. */
export function mayStart(first: FirstWords, word: string): boolean {
  if (first.anyWord || first.exact.has(word)) return true;
  for (const stem of first.stems) if (beginsWithStem(word, stem)) return true;
  return false;
}
