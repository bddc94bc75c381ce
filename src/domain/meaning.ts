import { stemsOf } from './ads/stem.js';
import { fold } from './ads/tokens.js';

/**
 * Typed answers understood by meaning: each option of a question may list, in the flow (`means`), phrases
 * that say it in any of the languages ("they keep it", "у них", "өздерінде", "whatsapp only"). A phrase
 * is found when each of its words is in the answer, in any order and any form (the words are compared by
 * their stems: "хранят" and "хранить", "сақтайды" and "сақтау", "keeps" and "keep"). The option whose
 * phrases cover most of the answer wins; a tie, or nothing found, is no answer.
 */

export interface Meant {
  id: string;
  means?: readonly string[];
  /** The numbers the answer stands for, when one number is typed ("мне 17" at an age). */
  number?: { min: number; max: number };
}

/**
 * A number said bare, as an age is ("17", "мне 17", "17 лет", "20 жаста", "I am 45", "I'm 19 years old"):
 * nothing around it that changes it ("мне нет 18", "меньше 18", "under 18", "скоро 18", "100$").
 */
const BARE_NUMBER =
  /^\s*(?:мне|мен|маған|i\s+am|i'?m)?\s*(\d{1,3})\s*(?:лет|год|года|жас|жаста|жастамын|жаспын|years?(?:\s+old)?)?\s*[.!]?\s*$/iu;

/** The number typed as the whole answer, said bare; none for anything more. */
function bareNumber(text: string): number | undefined {
  const bare = BARE_NUMBER.exec(text);
  return bare ? Number(bare[1]) : undefined;
}

/** The option whose numbers hold the one number typed, when exactly one does. */
function byNumber(text: string, options: readonly Meant[]): string | undefined {
  const n = bareNumber(text);
  if (n === undefined) return undefined;
  const within = options.filter((o) => o.number && n >= o.number.min && n <= o.number.max);
  return within.length === 1 ? within[0]?.id : undefined;
}

/** A word's keys: the word folded and its stems in each language its letters can be. */
function keysOf(word: string): string[] {
  // Folded as the analyzer folds (Kazakh letters to their everyday Russian ones, ё to е), as the stemmers expect.
  const folded = fold(word);
  const keys = [folded];
  for (const stem of Object.values(stemsOf(folded))) if (stem && !keys.includes(stem)) keys.push(stem);
  return keys;
}

/** The words of a text, lower case, apostrophes inside a word dropped ("don't" is "dont"). */
function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/['’ʼ`]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Words that turn an answer around: a phrase found beside one that it does not contain means nothing. */
const NEGATORS = new Set(['не', 'нет', 'ни', 'not', 'dont', 'doesnt', 'didnt', 'no', 'never', 'емес', 'жок']);

const phrases = new Map<string, string[][]>();
/** A phrase's words, each as its keys (cached: the flows' phrases are few and fixed). */
export function phraseKeys(phrase: string): string[][] {
  let keys = phrases.get(phrase);
  if (!keys) {
    keys = wordsOf(phrase).map(keysOf);
    phrases.set(phrase, keys);
  }
  return keys;
}

/** The answer's words found by a phrase (their places), or undefined when one of its words is missing. */
function found(phrase: string[][], typed: string[][]): number[] | undefined {
  const at: number[] = [];
  for (const word of phrase) {
    const i = typed.findIndex((t, n) => !at.includes(n) && word.some((k) => t.includes(k)));
    if (i < 0) return undefined;
    at.push(i);
  }
  return at;
}

/**
 * The option the answer means, by the one number typed or else by the phrases of each option; undefined
 * when none or several do.
 */
export function matchMeaning(text: string, options: readonly Meant[]): string | undefined {
  return byNumber(text, options) ?? byPhrases(text, options);
}

function byPhrases(text: string, options: readonly Meant[]): string | undefined {
  const words = wordsOf(text);
  if (words.length === 0 || words.length > 12) return undefined;
  const typed = words.map(keysOf);
  const negated = typed.flatMap((keys, i) => (NEGATORS.has(keys[0] as string) ? [i] : []));
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const option of options) {
    const covered = new Set<number>();
    let score = 0;
    for (const phrase of option.means ?? []) {
      const at = found(phraseKeys(phrase), typed);
      if (!at) continue;
      score += at.length;
      for (const i of at) covered.add(i);
    }
    // "they don't keep it" is not "they keep it".
    if (score === 0 || negated.some((i) => !covered.has(i))) continue;
    if (score > bestScore) {
      best = option.id;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}
