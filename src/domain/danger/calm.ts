import type { Token } from './fold.js';
import type { Hit } from './hits.js';
import type { Concept } from './lexicon.js';

/** Signs that a text tells of the past, not of now: a year named, years ago, laughter. */
export const LAUGHTER = /[😂🤣😆😅]/u;
const YEAR = /^(19|20)\d\d$/;
/** "в 2015", "in 2019": before the year; "2015 году", "2019 жылы": after it. */
const BEFORE_YEAR = new Set(['in', 'в', 'v']);
const AFTER_YEAR = new Set(['году', 'годy', 'godu', 'жылы', 'jyly', 'zhyly', 'jili']);
/** An amount, not a year: "штраф в 2000 долларов", "2000 мың". */
const MONEY_AFTER =
  /^(долл|dollar|\$|тенге|теңге|тг|tg|tenge|руб|rub|usd|eur|евро|лир|lira|дирх|aed|сом|som|вон|won|мың|тыс|ming)/;

/**
 * A year named as a time ("в 2015 году", "2019 жылы", "in 2015"): someone's past, not now. Not an amount
 * that happens to look like one ("должна 2000 в месяц", "I owe 2000 in debt", "в 2000 долларов").
 */
export function namesAPastYear(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    if (!YEAR.test(t.word)) return false;
    const next = tokens[i + 1]?.word ?? '';
    if (AFTER_YEAR.has(next)) return true;
    return BEFORE_YEAR.has(tokens[i - 1]?.word ?? '') && !MONEY_AFTER.test(next);
  });
}

/** "лет пять назад", "five years ago", "үш жыл бұрын": years and "ago" in one clause, in any order. */
export function yearsAgo(hits: readonly Hit[], tokens: readonly Token[]): boolean {
  const clauses = (concept: Concept) =>
    new Set(hits.filter((h) => h.concept === concept).map((h) => (tokens[h.first] as Token).clause));
  const years = clauses('years');
  return [...clauses('ago')].some((c) => years.has(c));
}

/** Words that make what follows a script she must say: "чтобы говорила", "so that I say". */
const PURPOSE = new Set(['чтобы', 'чтоб', 'штобы', 'chtoby', 'chtob']);

/**
 * Whether the text says calm of its own (a story that is over, "уже дома"), not as words she is made to
 * say: "телефон дают, чтобы говорила маме что всё хорошо" is a script, not her state. Only a say that is
 * forced or a purpose ("чтобы", "заставляют", "must") discounts it: "подруга говорит, она уже дома" is
 * her friend's news, and calm.
 */
export function saysCalm(hits: readonly Hit[], tokens: readonly Token[], concept: Concept): boolean {
  const clauseOf = (i: number) => (tokens[i] as Token).clause;
  const scripted = (h: Hit) =>
    hits.some((s) => s.concept === 'say' && s.first < h.first && clauseOf(s.first) === clauseOf(h.first)) &&
    (hits.some(
      (s) =>
        (s.concept === 'must' || s.concept === 'force') &&
        s.first < h.first &&
        clauseOf(s.first) === clauseOf(h.first),
    ) ||
      tokens.some((t, i) => i < h.first && t.clause === clauseOf(h.first) && PURPOSE.has(t.word)));
  return hits.some((h) => h.concept === concept && !scripted(h));
}
