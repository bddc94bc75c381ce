import { BoundedMap, codePointTest } from '../memo.js';
import type { View } from './normalize.js';

/**
 * An ad cut into words: each word folded (see `fold`) and interned (see `Word`), with the sentence and the
 * clause it stands in. What the matcher (matcher.ts) and the readings (readings.ts) read.
 */

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
 * A folded word, and a place where the analyzer remembers what a lexicon says of it (see find-cues.ts):
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
/**
 * Those, and ".", ":", ",", brackets, the closing » and ”, dashes: the end of a clause. An opening « is
 * not: the words it opens belong to the clause it stands in ("Никаких «сборов за оформление»"); " and “
 * end one only where they close a quote (`closesAfterWord`).
 */
const isClauseEnd = (c: number) =>
  isSentenceEnd(c) ||
  c === 0x2e || // .
  c === 0x3a || // :
  c === 0x2c || // ,
  c === 0x28 || // (
  c === 0x29 || // )
  c === 0xbb || // »
  c === 0x201d || // ”
  c === 0x2014 || // —
  c === 0x2013; // –
/**
 * Quotation marks that open a quote as often as they close one: " and “ (which closes a Russian „…“). Right
 * after a word they close it and end the clause; before one they open it, and the quoted words belong to the
 * clause they stand in.
 */
const closesAfterWord = (c: number) => c === 0x22 || c === 0x201c;
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
  /** capital[k]: the word after that full stop begins with a capital letter in the original text. */
  capital: boolean[];
  /**
   * written[k]: token k's word, interned: its characters as the view has them, before `fold` (what
   * transliteration reads), its folded form, its transliterations.
   */
  written: WrittenWord[];
}

/**
 * Short words that a full stop abbreviates, before a name as often as not: "ул. Абая", "мкр. Самал",
 * "Абай көш. 10", "г. Алматы", "Mr. Faisal", "St. Petersburg", "Gulf Star Co. Limited" (one letter is
 * always one: an initial, "т.е."). Folded as words are, with the Latin ones as the transliterated readings
 * write them ("мр", "цо"). A full stop after one never ends a sentence.
 */
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  [
    ...'ул пр пер кв мкр мк обл ст им тел моб св др см стр корп пл бул доб көш даң ауд'.split(' '),
    ...'pr ul mkr kv obl tel mob st str ave rd dr mr mrs ms jr sr no vs etc co corp inc ltd llc llp plc intl bros dept'.split(
      ' ',
    ),
    ...'мр мрс мс цо со инц инс лтд ллц ллс ллп аве рд'.split(' '),
  ].map((w) => fold(w)),
);

/**
 * Whether a full stop right after this word ends a sentence: after a word of four letters or more; after a
 * shorter word or a number only where the next word begins with a capital ("до 25 лет. Опыт не нужен",
 * "300 000 тг. Жильё бесплатно"); never after an abbreviation ("ул. Абая", "г. Алматы").
 */
export const endsSentence = (word: string, number: boolean, capital = false) =>
  !ABBREVIATIONS.has(word) && ((word.length > 3 && !number) || (capital && (number || word.length > 1)));

export function tokenize(view: View): Token[] {
  return tokenizeWords(view).tokens;
}

/** Signs, brackets and quotes between a word and a full stop: "3000$.", "(до 25 лет).", "«Ромашка»." */
const MARKS_ONLY = /^[^\s\p{L}\p{N}]+$/u;

/**
 * The words of the view, cut into clauses and sentences. `original`, the text the view was read from: a full
 * stop before a capital letter there ends a sentence after a short word or a number too (see `endsSentence`)
 * and after signs ("3000$. Виза"); without it, only after a longer word.
 */
export function tokenizeWords(view: View, original?: string): Words {
  const tokens: Token[] = [];
  const breaks: number[] = [];
  const stop: boolean[] = [];
  const capital: boolean[] = [];
  const written: WrittenWord[] = [];
  // The view's [from, to) as written in the original, the whole word it stands in: a transliterated word
  // may be shorter than the one written ("JA" read "я"), and its view maps only to the word's first letter.
  const writtenAs = (from: number, to: number) => {
    const text = original as string;
    let a = view.map[from] as number;
    let b = (view.map[to - 1] as number) + 1;
    while (a > 0 && isWordChar(text.charCodeAt(a - 1))) a--;
    while (b < text.length && isWordChar(text.charCodeAt(b))) b++;
    return text.slice(a, b);
  };
  const allCapitals = (w: string) => w === w.toUpperCase() && w !== w.toLowerCase();
  // Whether the first word after the whitespace at `from` begins with a capital letter in the original, in
  // a text that does not shout: between two words of capitals ("300 000 ТГ. В МЕСЯЦ") a capital says
  // nothing ("by HR. Contract" still ends a sentence).
  const capitalAfter = (from: number, before?: Token) => {
    if (original === undefined) return false;
    let k = from;
    while (k < text.length && WHITESPACE.test(text[k] as string)) k++;
    if (k >= text.length) return false;
    if (!allCapitals(String.fromCodePoint(original.codePointAt(view.map[k] as number) as number)))
      return false;
    let end = k;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    const wordBefore = before ? writtenAs(before.start, before.end) : '';
    const shouting =
      [...wordBefore].length >= 2 && allCapitals(wordBefore) && end > k && allCapitals(writtenAs(k, end));
    return !shouting;
  };
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
          const upper = capitalAfter(i + 1, last);
          stop[tokens.length - 1] = true;
          capital[tokens.length - 1] = upper;
          if (endsSentence(last.word, last.number, upper)) sentence++;
        } else if (last && MARKS_ONLY.test(text.slice(last.end, i)) && capitalAfter(i + 1, last)) {
          // "3000$. Виза", "(до 25 лет). Опыт": whatever the word, a sentence ends.
          sentence++;
          pending++;
        }
      }
      // " and “ end the clause only where they close a quote (`closesAfterWord`).
      if (isClauseEnd(code) || (closesAfterWord(code) && i > 0 && isWordChar(text.charCodeAt(i - 1))))
        clause++;
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
    capital.push(false);
    pending = 0;
    i = j;
  }
  return { tokens, breaks, stop, capital, written };
}
