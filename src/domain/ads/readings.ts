import { isLatin, normalize, type View } from './normalize.js';
import {
  endsSentence,
  fold,
  type Token,
  tokenizeWords,
  Word,
  type Words,
  type WrittenWord,
} from './tokens.js';

/**
 * The readings of one ad, each a list of words with where they stand in the original: the base (the
 * normalised text), and, when a part of the ad is written in Latin letters, the same words read as
 * Russian and as Kazakh, so that patterns written in Cyrillic also find "devushki v Dubai" and "jūmys,
 * qyzdar".
 *
 * Transliteration changes letters only, and only Latin ones, which are always inside words: the other
 * readings have the base's words at the same places, each transliterated, and the same punctuation
 * between them. So the text is cut into words once, and the other readings are made word by word from
 * the base's (each distinct word transliterated once, and remembered), never by transliterating and
 * cutting the whole text again.
 */
export interface Reading {
  /** The words (for a transliterated reading, `start` and `end` are those of the base word). */
  tokens: Token[];
  /** start[k], end[k]: where the characters of token k came from in the original text, [start, end). */
  start: number[];
  end: number[];
}

export interface Readings {
  /** The normalised text: what regular expressions are matched against. */
  view: View;
  base: Reading;
  ru?: Reading;
  kk?: Reading;
}

// Transliteration of Latin-written words into Cyrillic, so that patterns written in Cyrillic also find
// "devushki v Dubai" (Russian in Latin letters) and "jūmys, qyzdar" (Kazakh in Latin letters).
const RU_TRANSLIT: [string, string][] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['yo', 'е'],
  ['ye', 'е'],
  ['ju', 'ю'],
  ['ja', 'я'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'ц'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'кс'],
  ['y', 'ы'],
  ['z', 'з'],
];
const KK_TRANSLIT: [string, string][] = [
  ['sh', 'ш'],
  ['ch', 'ч'],
  ['zh', 'ж'],
  ['ng', 'ң'],
  ['ya', 'я'],
  ['yu', 'ю'],
  ['ia', 'я'],
  ['a', 'а'],
  ['ä', 'ә'],
  ['á', 'ә'],
  ['b', 'б'],
  ['c', 'с'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['ğ', 'ғ'],
  ['ǵ', 'ғ'],
  ['h', 'х'],
  ['ı', 'і'],
  ['i', 'і'],
  ['j', 'ж'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['ñ', 'ң'],
  ['ń', 'ң'],
  ['o', 'о'],
  ['ö', 'ө'],
  ['ó', 'ө'],
  ['p', 'п'],
  ['q', 'қ'],
  ['r', 'р'],
  ['s', 'с'],
  ['ş', 'ш'],
  ['t', 'т'],
  ['u', 'у'],
  ['ū', 'ұ'],
  ['ú', 'ү'],
  ['ü', 'ү'],
  ['v', 'в'],
  ['w', 'у'],
  ['x', 'х'],
  ['y', 'ы'],
  ['ý', 'у'],
  ['z', 'з'],
];

/** The share of Latin letters from which an ad is also read transliterated: a Latin-written line in a Cyrillic ad too. */
const LATIN_SHARE = 0.15;

/**
 * A transliteration table by its first letter, longest spelling first within a letter, as the table
 * lists them: one lookup per character instead of a scan of the whole table.
 */
type TranslitIndex = Map<string, [string, string][]>;
function indexTable(table: [string, string][]): TranslitIndex {
  const index: TranslitIndex = new Map();
  for (const entry of table) {
    const first = entry[0][0] as string;
    const list = index.get(first) ?? [];
    list.push(entry);
    index.set(first, list);
  }
  return index;
}
const RU_INDEX = indexTable(RU_TRANSLIT);
const KK_INDEX = indexTable(KK_TRANSLIT);

/**
 * A word transliterated (and folded, as tokens are), and the index in the word where the letters of its
 * last Cyrillic letter began ("sh" of "lesha"): that is where the transliterated word ends in the original.
 */
interface Transliterated {
  word: string;
  last: number;
}

/** One word by the table, as the whole text was read before: undefined when no letter changes. */
function transliterateWord(raw: string, index: TranslitIndex): Transliterated | undefined {
  let changed = false;
  let out = '';
  let last = 0;
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] as string;
    last = i;
    // The first entry of the table that matches here, as the table's order decides ("shch" before "sh").
    let hit: [string, string] | undefined;
    if (isLatin(ch)) {
      for (const entry of index.get(ch) ?? []) {
        if (raw.startsWith(entry[0], i)) {
          hit = entry;
          break;
        }
      }
    }
    if (!hit) {
      out += ch;
      i++;
      continue;
    }
    changed = true;
    out += hit[1];
    i += hit[0].length;
  }
  if (!changed) return undefined;
  // The soft sign is asked of the folded word, as the word is read ("…бәт" folds to "…бат").
  const word = fold(out);
  return { word: index === RU_INDEX ? withSoftSign(word) : withShortI(word), last };
}

/**
 * Kazakh typed in Latin letters writes "й" as "i" or "y" after a vowel ("abai bolyndar", "bolmaidy", "aylyk",
 * "keyin", "aiel"): in the folded word, "а", "е", "о" or "э" and then "и" (a folded "і") or "ы" is "й" ("абай",
 * "болмайды", "айлык", "кейин", "айел"); Kazakh has no such pair of vowels. Not after "у", where "і" is the
 * vowel it is ("toleuiniz", "kauipti", "bireuimen"), except at a word's start ("ui" is "үй").
 */
function withShortI(word: string): string {
  return SHORT_I_AT.test(word) ? word.replace(SHORT_I, '$1й').replace(HOME_I, 'уй') : word;
}
const SHORT_I_AT = /[аеоэ][иы]|^уи/;
const SHORT_I = /([аеоэ])[иы]/g;
const HOME_I = /^уи/;

/**
 * Russian typed in Latin letters drops the soft sign: an infinitive in -ать/-ять ("skazat", "rabotat"), the
 * second person in -ешь/-ишь ("rabotaesh", "platish") and a reflexive past in -лась/-лось/-лись ("ostalos",
 * "vernulas") take it back. (Not -ить, -еть, -уть: "govorit", "vernut" are as often "говорит", "вернут".)
 */
function withSoftSign(word: string): string {
  return word.length >= 5 && SOFT_ENDING.test(word) ? `${word}ь` : word;
}
const SOFT_ENDING = /(?:[ая]т|[еёи]ш|л[аои]с)$/;

/**
 * Transliterated words, remembered per table on the interned word (see tokens.ts `WrittenWord`): ads
 * repeat their words, and each other's.
 */
function transliterated(
  written: WrittenWord,
  index: TranslitIndex,
  slot: number,
): { word: Word; last: number } | undefined {
  let known = written.translit[slot];
  if (known === undefined) {
    const t = transliterateWord(written.raw, index);
    known = t ? { word: new Word(t.word, isDigitsWord(t.word)), last: t.last } : null;
    written.translit[slot] = known;
  }
  return known ?? undefined;
}
const isDigitsWord = (word: string) => word.length > 0 && /^[0-9]+$/.test(word);

/** The base reading: the view's words, and where each came from. */
function baseReading(view: View, words: Words): Reading {
  const { tokens } = words;
  const start = new Array<number>(tokens.length);
  const end = new Array<number>(tokens.length);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    start[k] = view.map[t.start] as number;
    end[k] = (view.map[t.end - 1] as number) + 1;
  }
  return { tokens, start, end };
}

/**
 * The base's words transliterated by the table, cut into sentences as the transliterated text would be
 * (a full stop after a word that became short is no longer a sentence end), or undefined when no word
 * changes. Clauses depend on punctuation only, which transliteration leaves alone.
 */
function transliteratedReading(
  view: View,
  words: Words,
  base: Reading,
  index: TranslitIndex,
  /** The table's place in `WrittenWord.translit`. */
  slot: number,
): Reading | undefined {
  const n = words.tokens.length;
  const tokens = new Array<Token>(n);
  const end = base.end.slice();
  let changed = false;
  let sentence = 0;
  for (let k = 0; k < n; k++) {
    const t = words.tokens[k] as Token;
    const translit = transliterated(words.written[k] as WrittenWord, index, slot);
    let word = t.word;
    let entry = t.entry;
    if (translit) {
      changed = true;
      word = translit.word.word;
      entry = translit.word;
      end[k] = (view.map[t.start + translit.last] as number) + 1;
    }
    sentence += words.breaks[k] as number;
    const before = tokens[k - 1];
    if (before && words.stop[k - 1] && endsSentence(before.word, before.number, words.capital[k - 1]))
      sentence++;
    // A changed word has a Latin letter, so it was no number and is none now.
    tokens[k] = { word, start: t.start, end: t.end, sentence, clause: t.clause, number: t.number, entry };
  }
  return changed ? { tokens, start: base.start, end } : undefined;
}

/** The readings of an ad: see `Reading`. */
export function readings(original: string): Readings {
  const view = normalize(original);
  const words = tokenizeWords(view, original);
  const base = baseReading(view, words);
  let latin = 0;
  let cyrillic = 0;
  for (let i = 0; i < view.text.length; i++) {
    const c = view.text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
    else if (c >= 0x400 && c <= 0x4ff) cyrillic++;
  }
  // A Cyrillic ad with an e-mail or a "WhatsApp" in it needs no second reading.
  if (latin < (latin + cyrillic) * LATIN_SHARE) return { view, base };
  const ru = transliteratedReading(view, words, base, RU_INDEX, 0);
  const kk = transliteratedReading(view, words, base, KK_INDEX, 1);
  return { view, base, ...(ru ? { ru } : {}), ...(kk ? { kk } : {}) };
}
