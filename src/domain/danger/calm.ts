import type { Token } from './fold.js';
import type { Hit } from './hits.js';
import type { Concept } from './lexicon.js';

/** Signs that a text tells of the past, not of now: a year named, years ago, laughter. */
export const LAUGHTER = /[😂🤣😆😅]/u;
const YEAR = /^(19|20)\d\d$/;
const YEAR_WORDS = new Set(['году', 'годy', 'godu', 'жылы', 'jyly', 'zhyly', 'jili', 'in', 'в', 'v']);

/** Years around the text ("в 2015 году", "2019 жылы", "in 2015"): someone's past, not now. */
export function namesAPastYear(tokens: readonly Token[]): boolean {
  return tokens.some(
    (t, i) =>
      YEAR.test(t.word) &&
      (YEAR_WORDS.has(tokens[i + 1]?.word ?? '') || YEAR_WORDS.has(tokens[i - 1]?.word ?? '')),
  );
}

/** "лет пять назад", "five years ago", "үш жыл бұрын": years and "ago" in one clause, in any order. */
export function yearsAgo(hits: readonly Hit[], tokens: readonly Token[]): boolean {
  const clauses = (concept: Concept) =>
    new Set(hits.filter((h) => h.concept === concept).map((h) => (tokens[h.first] as Token).clause));
  const years = clauses('years');
  return [...clauses('ago')].some((c) => years.has(c));
}

/**
 * Whether the text says calm of its own (a story that is over, "уже дома"), not as words she is made to
 * say: "телефон дают, чтобы говорила маме что всё хорошо" is a script, not her state.
 */
export function saysCalm(hits: readonly Hit[], tokens: readonly Token[], concept: Concept): boolean {
  const clauseOf = (h: Hit) => (tokens[h.first] as Token).clause;
  return hits.some(
    (h) =>
      h.concept === concept &&
      !hits.some((s) => s.concept === 'say' && s.first < h.first && clauseOf(s) === clauseOf(h)),
  );
}
