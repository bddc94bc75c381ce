import type { Lexicon } from './lexicon.js';
import { anyPhraseWithin } from './matcher.js';
import type { Token } from './tokens.js';

/**
 * Whether the words around tokens [from, to) negate them: "без опыта", "no fees", "ақы алынбайды".
 * keys: the tokens' keys (see find-cues.ts `readingFacts`).
 */
export function negated(
  lexicon: Lexicon,
  tokens: Token[],
  from: number,
  to: number,
  byFree: boolean,
  keys: (readonly number[])[],
): boolean {
  const neg = lexicon.negation;
  const clause = tokens[from]?.clause;
  let before = from;
  while (before > 0 && from - before < neg.window && tokens[before - 1]?.clause === clause) before--;
  // "Не переживайте за визу", "don't miss": words of reassurance, not negations of what follows.
  const reassured = anyPhraseWithin(neg.ignore, tokens, before, from + 1, keys);
  if (!reassured && anyPhraseWithin(neg.before, tokens, before, from, keys)) return true;
  // "We never ask for payment or passport scans": a refusal earlier in the clause negates all it lists.
  if (neg.clause.length > 0) {
    let start = from;
    while (start > 0 && tokens[start - 1]?.clause === clause) start--;
    if (start < from && anyPhraseWithin(neg.clause, tokens, start, from, keys)) return true;
  }
  const near = from > 0 && tokens[from - 1]?.clause === clause;
  if (near && anyPhraseWithin(neg.beforeNear, tokens, from - 1, from, keys)) return true;
  // "Free" and "бесплатно" negate a payment ("бесплатное оформление"), never a visa or a passport.
  if (byFree && near && anyPhraseWithin(neg.free, tokens, from - 1, from, keys)) return true;
  // A negation inside a phrase with words between ("билеты … без удержаний"), in the clause of its end.
  const lastClause = tokens[to - 1]?.clause;
  let inner = from + 1;
  while (inner < to - 1 && tokens[inner]?.clause !== lastClause) inner++;
  if (
    to - inner > 1 &&
    (anyPhraseWithin(neg.before, tokens, inner, to - 1, keys) ||
      anyPhraseWithin(neg.beforeNear, tokens, inner, to - 1, keys))
  ) {
    return true;
  }
  let after = to;
  while (after < tokens.length && after - to < 3 && tokens[after]?.clause === lastClause) after++;
  // Of a payment, a negation that starts within three words may end further on, in the same clause:
  // "оплата за трудоустройство с вас не взимается". (Not of anything else: "телефоны на поле не нужны —
  // сдаёте старшему" does not say that phones are not taken.)
  let afterEnd = after;
  while (
    byFree &&
    afterEnd < tokens.length &&
    afterEnd - after < 3 &&
    tokens[afterEnd]?.clause === lastClause
  )
    afterEnd++;
  if (anyPhraseWithin(neg.after, tokens, to, after, keys, afterEnd)) return true;
  if (byFree && anyPhraseWithin(neg.free, tokens, to, after, keys)) return true;
  for (let i = to; i < after; i++) {
    const w = tokens[i]?.word ?? '';
    if (neg.afterEndings.some((e) => w.length > e.length && w.endsWith(e))) return true;
  }
  // A Kazakh verb of the match negated by its own ending: "жалақыдан ұсталмайды" (not deducted).
  const last = tokens[to - 1]?.word ?? '';
  if (to - from > 1 && neg.afterEndings.some((e) => last.length > e.length + 1 && last.endsWith(e)))
    return true;
  return false;
}
