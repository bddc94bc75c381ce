import type { Lexicon } from './lexicon.js';
import { anyPhraseWithin, firstWordsOf, phraseAt } from './matcher.js';
import type { Phrase } from './phrase-index.js';
import { mayStartByKeys } from './phrase-index.js';
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
  text?: string,
): boolean {
  const neg = lexicon.negation;
  const clause = tokens[from]?.clause;
  const before = reach(tokens, from, -1, neg.window, clause);
  // "Не переживайте за визу", "don't miss": words of reassurance, not negations of what follows.
  const reassured = anyPhraseWithin(neg.ignore, tokens, before, from + 1, keys);
  if (!reassured && anyPhraseWithin(neg.before, tokens, before, from, keys)) return true;
  // "We never ask for payment or passport scans": a refusal earlier in the clause negates all it lists.
  if (neg.clause.length > 0) {
    const start = clauseStart(tokens, from);
    if (start < from && refusedBefore(neg.clause, tokens, start, from, keys)) return true;
    if (byFree && refusedInList(neg.clause, tokens, start, keys)) return true;
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
  const after = reach(tokens, to, 1, 3, lastClause);
  // Of a payment, a negation that starts within three words may end further on, in the same clause:
  // "оплата за трудоустройство с вас не взимается". (Not of anything else: "телефоны на поле не нужны —
  // сдаёте старшему" does not say that phones are not taken.)
  const afterEnd = byFree ? reach(tokens, after, 1, 3, lastClause) : after;
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
  return text !== undefined && negatedList(neg, tokens, from, to, keys, text);
}

/** The most items of a list stepped over, before or after the match's, to its head or its tail. */
const LIST_ITEMS = 6;
/** The most words of a clause looked at: a longer one is no item of a list, however long it runs. */
const CLAUSE_LOOK = 2 * 4 + 1;
/** The words of a clause around token k, [start, end), at most `CLAUSE_LOOK` either way. */
function clauseAt(tokens: Token[], k: number): [number, number] {
  const clause = tokens[k]?.clause;
  return [reach(tokens, k, -1, CLAUSE_LOOK, clause), reach(tokens, k, 1, CLAUSE_LOOK, clause)];
}
/**
 * An item of a list: a clause of a few words with no number ("скан паспорта до собеседования", "«параметры»"),
 * or (`joinedLong`) of twice as many that are themselves joined ("Предоплат и «взносов за оформление»").
 */
function isItem(tokens: Token[], [start, end]: [number, number], joinedLong = true): boolean {
  if (end <= start || end - start > 2 * LIST_ITEM_WORDS) return false;
  for (let k = start; k < end; k++) if ((tokens[k] as Token).number) return false;
  if (end - start <= LIST_ITEM_WORDS) return true;
  // Strictly (`joinedLong` false), a longer item only where it continues the list: "…, «общения с гостями» и работы
  // в клубах" (not "Никаких предоплат, скан паспорта и фото сразу менеджеру").
  return joinedLong ? hasJoin(tokens, start, end) : LIST_JOINS.has((tokens[start] as Token).word);
}
const hasJoin = (tokens: Token[], start: number, end: number) => {
  for (let k = start; k < end; k++) if (LIST_JOINS.has((tokens[k] as Token).word)) return true;
  return false;
};
/** Whether one of `phrases` starts at `at` and ends exactly at `end`: the denial is all the clause says. */
function denialUpTo(
  phrases: Phrase[],
  tokens: Token[],
  at: number,
  end: number,
  keys: (readonly number[])[],
): boolean {
  for (const p of phrases) if (phraseAt(p, tokens, at, keys) === end) return true;
  return false;
}
/** A line break, then a bullet: the next item of a list written line by line. */
const BULLET_LINE = /\n[ \t]*(?:[-–—•*·▪✔✅❌➖]|\d{1,2}[.)])[^\n\p{L}\d]*$/u;
/**
 * Whether a heading ends with its refusal ("Чего мы НЕ просим", "What we do NOT ask for", "Что НЕ платишь"), not
 * merely holds one ("Мы не берём предоплату, но нужны:"), and reassures no one ("Не забудьте взять:").
 */
function refusalEnds(
  neg: Lexicon['negation'],
  tokens: Token[],
  [start, end]: [number, number],
  keys: (readonly number[])[],
): boolean {
  if (anyPhraseWithin(neg.ignore, tokens, start, end, keys)) return false;
  for (let k = start; k < end; k++)
    if (denialUpTo(neg.clause, tokens, k, end, keys) || denialUpTo(neg.listHeading, tokens, k, end, keys))
      return true;
  return false;
}
/** A dash between words, not a hyphen inside one ("девушки-переводчицы"). */
const DASH = /(?:^|\s)[—–-](?:\s|$)/u;

/**
 * Whether the match stands in a list its head or its tail denies as a whole, each item a clause of a few
 * words with no number, in one sentence:
 * - a heading that refuses (`clause` or `listHeading`), ended by a colon: "Чего мы НЕ просим: фото в полный
 *   рост, в купальнике, скан паспорта до собеседования"; not any negation ("Анкеты без этого не рассматриваем:
 *   фото в купальнике…", "Никаких хлопот: визу оформим на месте");
 * - a word that opens a denied list (`listHead`), its items of four words at most, joined by "и", "or", "мен":
 *   "Никаких выходов в зал, «общения с гостями» и работы в клубах" (not "Никаких предоплат, скан паспорта и
 *   фото сразу менеджеру");
 * - a denial that is all the clause after the list says (`listTail`), after a dash or a list joined by "и":
 *   "рост, вес, «модельная внешность» — НЕ важны", "Предоплат и «взносов за оформление» НЕТ и быть не может"
 *   (not "нет фото — нет ответа", "не нужно резюме"); or ending the match's own clause, its words joined or
 *   the denial after a dash: "Шомылу киімі мен іш киім түсірілімі ЖОҚ", "модельная внешность - не важны".
 * "Фото в купальнике, договора нет" denies nothing of the photos: no dash, no join, and the denial has its own
 * subject.
 */
function negatedList(
  neg: Lexicon['negation'],
  tokens: Token[],
  from: number,
  to: number,
  keys: (readonly number[])[],
  text: string,
): boolean {
  // The clause the match starts in (a match may run on into the next item: "паспорт работодателю, отдавать").
  const own = clauseAt(tokens, from);
  const sentence = tokens[from]?.sentence;
  // Its own clause, ended by a denial, its words joined or the denial after a dash.
  if (own[1] - own[0] <= 2 * LIST_ITEM_WORDS) {
    for (let k = Math.max(to, own[1] - 3); k < own[1]; k++) {
      // Not any negation that ends a clause: "Паспорт сдаёте менеджеру и проблем не будет".
      if (!denialUpTo(neg.listTailOwn, tokens, k, own[1], keys)) continue;
      const dashed = DASH.test(text.slice((tokens[to - 1] as Token).end, (tokens[k] as Token).start));
      if (dashed || hasJoin(tokens, own[0], own[1])) return true;
    }
  }
  if (!isItem(tokens, own)) return false;
  // Back to the head.
  let item = own;
  let short = isItem(tokens, own, false);
  let joined = hasJoin(tokens, own[0], own[1]);
  const next = clauseAt(tokens, own[1]);
  if (own[1] < tokens.length && tokens[own[1]]?.sentence === sentence && isItem(tokens, next, false))
    joined ||= hasJoin(tokens, next[0], next[1]);
  for (let step = 0; step < LIST_ITEMS && item[0] > 0; step++) {
    const head = clauseAt(tokens, item[0] - 1);
    const between = text.slice((tokens[head[1] - 1] as Token).end, (tokens[item[0]] as Token).start);
    // A list goes on across lines only line by line, each behind a bullet: "Чего мы НЕ просим:\n- фото…\n- скан…".
    if (tokens[item[0] - 1]?.sentence !== sentence && !BULLET_LINE.test(between)) break;
    if (between.includes(':') && refusalEnds(neg, tokens, head, keys)) return true;
    // The head's own item starts at the word that opens the list: "просто опрятный, никаких требований по росту".
    if (joined && short) {
      for (let k = Math.max(head[0], head[1] - LIST_ITEM_WORDS); k < head[1]; k++) {
        if (!anyPhraseWithin(neg.listHead, tokens, k, k + 1, keys)) continue;
        // "Никакого опыта не нужно, паспорт и билет оформляем": a head that says all it has to say.
        if (
          !anyPhraseWithin(neg.listTail, tokens, k + 1, head[1], keys) &&
          !anyPhraseWithin(neg.before, tokens, k + 1, head[1], keys)
        )
          return true;
        break;
      }
    }
    if (!isItem(tokens, head)) break;
    short &&= isItem(tokens, head, false);
    joined ||= hasJoin(tokens, head[0], head[1]);
    item = head;
  }
  // On to the tail.
  item = own;
  joined = hasJoin(tokens, own[0], own[1]);
  for (let step = 0; step < LIST_ITEMS && item[1] < tokens.length; step++) {
    if (tokens[item[1]]?.sentence !== sentence) break;
    const tail = clauseAt(tokens, item[1]);
    const between = text.slice((tokens[item[1] - 1] as Token).end, (tokens[tail[0]] as Token).start);
    if ((joined || DASH.test(between)) && denialUpTo(neg.listTail, tokens, tail[0], tail[1], keys))
      return true;
    if (!isItem(tokens, tail)) break;
    joined ||= hasJoin(tokens, tail[0], tail[1]);
    item = tail;
  }
  return false;
}

/** The most words an item of a list has after the mark that ends the clause before it. */
const LIST_ITEM_WORDS = 4;
/** Words of money, or of a service paid for, in a refusal: "we do not charge", "денег не берём", "не берём за консультацию". */
const MONEY_REFUSED =
  /^(?:charge|charges|fee|fees|money|payment|payments|prepayment|денег|деньги|оплату|оплаты|плата|плату|платы|платежей|сборов|сбора|взнос|взносов|взноса|предоплату|предоплаты|взимаем|взимает|комисси\p{L}*|ақы|ақша|акша|төлем|толем|консультаци\p{L}*|регистраци\p{L}*|оформлени\p{L}*|consultation|registration|processing|тіркеу\p{L}*)$/u;
/** The words that join a list's last item: "visa or medical fees", "визу и билеты", "виза немесе билет". */
const LIST_JOINS = new Set([
  'и',
  'или',
  'либо',
  'and',
  'or',
  'nor',
  'немесе',
  'және',
  'жане',
  'мен',
  'ni',
  'ни',
]);
/**
 * Whether the clause starting at `start` is the short tail of a list of payments a refusal opened in the same
 * sentence: "Azure Creek does NOT charge any recruitment, visa or medical fees", "не берём денег за оформление,
 * визу и билеты". Each clause stepped over (this one and those between) is an item of a few words with no
 * amount, and the list is joined by "и", "or", "немесе" in this clause or the next: "Опыт не требуем, виза
 * 500$ заранее" and "не берём за оформление, билеты оплачиваете сами 150$" are new statements.
 */
function refusedInList(
  refusals: Lexicon['negation']['clause'],
  tokens: Token[],
  start: number,
  keys: (readonly number[])[],
): boolean {
  const itemOf = (from: number) => {
    const end = reach(tokens, from, 1, LIST_ITEM_WORDS + 1, tokens[from]?.clause);
    const words = tokens.slice(from, end);
    return { end, short: end - from <= LIST_ITEM_WORDS && words.every((t) => !t.number), words };
  };
  const here = itemOf(start);
  const next =
    here.end < tokens.length && tokens[here.end]?.sentence === tokens[start]?.sentence
      ? itemOf(here.end)
      : undefined;
  const joined = [...here.words, ...(next?.short ? next.words : [])].some((t) => LIST_JOINS.has(t.word));
  if (!joined) return false;
  let itemStart = start;
  for (let step = 0; step < 3 && itemStart > 0; step++) {
    const prev = tokens[itemStart - 1] as Token;
    const short = step === 0 ? here.short : itemOf(itemStart).short;
    if (!short || prev.sentence !== tokens[itemStart]?.sentence) return false;
    const prevStart = clauseStart(tokens, itemStart - 1);
    // A refusal of money or of a paid service ("не берём за консультацию, предоплату и регистрационный взнос"):
    // "Опыт не требуем, предоплата и анкета обязательны" refuses no payment.
    if (clauseOfMoney(tokens, prevStart) && refusedBefore(refusals, tokens, prevStart, itemStart, keys))
      return true;
    itemStart = prevStart;
  }
  return false;
}

/**
 * What is read once per clause of one reading's words, and asked again at every match in it: an ad of one long
 * clause ("девушки 18-25 девушки 18-25 …", 8 KB of it) was read from the clause's start at each of its matches, and
 * grew with the square of its length.
 */
interface ClauseMemo {
  /** Per word, the first word of its clause, and the word after its last: `reach` as far as the clause goes. */
  starts: Int32Array;
  ends: Int32Array;
  /**
   * Per keys of the words (what a phrase's words are matched by), per list of refusals, per clause start: how far
   * its words were read, and the earliest end of a refusal there.
   */
  refusals: WeakMap<(readonly number[])[], Map<Phrase[], Map<number, { read: number; earliestEnd: number }>>>;
  /** Per clause start: whether a word of money is among the clause's words (`MONEY_REFUSED`). */
  money: Map<number, boolean>;
}
/**
 * Per reading's words. A reading's words are never changed once cut (readings.ts): what is remembered of them
 * stays true for as long as they are read.
 */
const clauseMemos = new WeakMap<Token[], ClauseMemo>();
function clauseMemo(tokens: Token[]): ClauseMemo {
  let memo = clauseMemos.get(tokens);
  if (!memo) {
    const n = tokens.length;
    const sameClause = (a: number, b: number) => (tokens[a] as Token).clause === (tokens[b] as Token).clause;
    const starts = new Int32Array(n);
    for (let k = 1; k < n; k++) starts[k] = sameClause(k - 1, k) ? (starts[k - 1] as number) : k;
    const ends = new Int32Array(n);
    for (let k = n - 1; k >= 0; k--)
      ends[k] = k + 1 < n && sameClause(k, k + 1) ? (ends[k + 1] as number) : k + 1;
    memo = { starts, ends, refusals: new WeakMap(), money: new Map() };
    clauseMemos.set(tokens, memo);
  }
  return memo;
}
/** The first word of word k's clause (k a word of `tokens`: 0 <= k < tokens.length). Exported for its tests. */
export function clauseStart(tokens: Token[], k: number): number {
  if (k < 0 || k >= tokens.length) throw new RangeError(`no word ${k} among ${tokens.length}`);
  return clauseMemo(tokens).starts[k] as number;
}
/**
 * `anyPhraseWithin(refusals, tokens, start, from, keys)`: whether a refusal starts at `start` or later and ends by
 * `from` (its words read once per clause, however many matches ask). A refusal that starts at i ends after i, so the
 * earliest end among those read tells for any `from`: those that start at `from` or later end after it. Exported
 * for its tests.
 */
export function refusedBefore(
  refusals: Phrase[],
  tokens: Token[],
  start: number,
  from: number,
  keys: (readonly number[])[],
): boolean {
  const memo = clauseMemo(tokens);
  let byList = memo.refusals.get(keys);
  if (!byList) {
    byList = new Map();
    memo.refusals.set(keys, byList);
  }
  let byStart = byList.get(refusals);
  if (!byStart) {
    byStart = new Map();
    byList.set(refusals, byStart);
  }
  let state = byStart.get(start);
  if (!state) {
    state = { read: Math.max(0, start), earliestEnd: Number.POSITIVE_INFINITY };
    byStart.set(start, state);
  }
  const first = firstWordsOf(refusals);
  for (const upTo = Math.min(from, tokens.length); state.read < upTo; state.read++) {
    const i = state.read;
    if (!mayStartByKeys(first, keys[i] as readonly number[])) continue;
    for (const p of refusals) {
      const end = phraseAt(p, tokens, i, keys);
      if (end > i && end < state.earliestEnd) state.earliestEnd = end;
    }
  }
  return state.earliestEnd <= from;
}
/** Whether a word of money stands among the words of the clause that starts at word `start`, read once per clause. */
function clauseOfMoney(tokens: Token[], start: number): boolean {
  const { money, ends } = clauseMemo(tokens);
  let known = money.get(start);
  if (known === undefined) {
    known = tokens.slice(start, ends[start]).some((t) => MONEY_REFUSED.test(t.word));
    money.set(start, known);
  }
  return known;
}

/**
 * How far from token boundary k, going back (step -1) or on (step 1), words of `clause` reach, taking at
 * most `most` of them: the bound of the range [bound, k) before, or [k, bound) after.
 */
function reach(tokens: Token[], k: number, step: -1 | 1, most: number, clause: number | undefined): number {
  let bound = k;
  if (step < 0) while (bound > 0 && k - bound < most && tokens[bound - 1]?.clause === clause) bound--;
  else while (bound < tokens.length && bound - k < most && tokens[bound]?.clause === clause) bound++;
  return bound;
}
