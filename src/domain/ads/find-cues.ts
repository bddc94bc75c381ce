import { conceptsOf, findRelations } from './concepts.js';
import type { Lexicon } from './lexicon.js';
import { findPhrases, type TokenFacts } from './matcher.js';
import { negated } from './negation.js';
import { isHighPay, type PayAmount, readPay } from './pay.js';
import { keysVersion, type Phrase, phrasesBeginningWithParted, wordKeys } from './phrase-index.js';
import { type Reading, readings } from './readings.js';
import { findLiterals, type LiteralScan, literalScan, matchAllAt } from './regex-starts.js';
import { lowerBound } from './sorted.js';
import { type Token, Word } from './tokens.js';

/**
 * The cues of an ad: every unnegated match of a cue's phrases, relations of concepts and regular
 * expressions, and every amount of high pay, in each reading of the ad (as written, transliterated).
 */

/** The concept every amount of money with its currency belongs to (see `findCues`). */
export const MONEY_CONCEPT = 'money';
/** The concept every amount with its period belongs to ("50 000 тг за вечер", "$3000 a month": pay, or rent). */
export const WAGE_AMOUNT_CONCEPT = 'wage_amount';

/** A match of a cue, with offsets into the original text. */
export interface Hit {
  cue: string;
  start: number;
  end: number;
  /** The sentence of the view it was found in. */
  sentence: number;
  view: number;
  /**
   * The sentence of the text as written (the base reading) its words stand in, whichever reading found it: `unless`
   * reaches only as far as this sentence, so that a cue one reading finds cancels what another reading found in
   * the same words ("ailyq 2000$ zhogary": the amount is read as written, the high salary in Kazakh letters).
   */
  base: number;
}

/**
 * What the lexicon says of a word, remembered on the interned word (see tokens.ts `Word`): the phrases
 * it can start, its keys for the quick test of a phrase's parts, its concepts.
 */
interface WordFacts {
  /** `keysVersion()` when the keys were read: a lexicon compiled since may have brought new words. */
  version: number;
  starts: readonly Phrase[];
  slots: readonly number[];
  keys: readonly number[];
  concepts: readonly number[];
}
function factsOf(lexicon: Lexicon, entry: Word): WordFacts {
  const version = keysVersion();
  if (entry.owner === lexicon && (entry.facts as WordFacts).version === version)
    return entry.facts as WordFacts;
  const { selective, slots } = phrasesBeginningWithParted(lexicon.index, entry.word, entry.number);
  const facts: WordFacts = {
    version,
    starts: selective,
    slots,
    keys: wordKeys(entry.word),
    concepts: conceptsOf(lexicon.concepts, entry.word),
  };
  entry.owner = lexicon;
  entry.facts = facts;
  return facts;
}
/** The facts of every token of a reading, looked up once per token. */
interface ReadingFacts extends TokenFacts {
  concepts: (readonly number[])[];
}
function readingFacts(lexicon: Lexicon, tokens: Token[]): ReadingFacts {
  const n = tokens.length;
  const out: ReadingFacts = {
    starts: new Array(n),
    slots: new Array(n),
    keys: new Array(n),
    concepts: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    const f = factsOf(lexicon, t.entry ?? new Word(t.word, t.number));
    out.starts[i] = f.starts;
    out.slots[i] = f.slots;
    out.keys[i] = f.keys;
    out.concepts[i] = f.concepts;
  }
  return out;
}

/** The strings of a lexicon's patterns, looked for at once (regex-starts.ts), per lexicon. */
const scans = new WeakMap<Lexicon, LiteralScan>();
function scanOf(lexicon: Lexicon): LiteralScan {
  let scan = scans.get(lexicon);
  if (!scan) {
    scan = literalScan([...lexicon.cues.values()].flatMap((c) => c.regexes));
    scans.set(lexicon, scan);
  }
  return scan;
}

/** A short aside in brackets: "(CoS)", "(анкета)". */
const SHORT_ASIDE = /\([^()\n]{1,24}\)/g;
/** What ends a clause, but for dashes and colons (see `findRelations`' `joined`). */
const CLAUSE_MARKS = /[,;()[\]{}\n.!?«»"“”„]/;

/** Every unnegated match of every cue, with offsets into the original text. */
export function findCues(lexicon: Lexicon, text: string, contactSpans: [number, number][]): Hit[] {
  const r = readings(text);
  // The sentence as written that an offset of the original stands in: that of the first base word ending after it.
  const asWritten = (offset: number, otherwise: number) => {
    const k = lowerBound(r.base.end, offset + 1);
    return k < r.base.tokens.length ? (r.base.tokens[k] as Token).sentence : otherwise;
  };
  const hits: Hit[] = [];
  // Words inside an e-mail, a link or a handle ("dubaijobs@…", "….co.uk") say nothing about the job.
  const inContact = (s: number, e: number) => contactSpans.some(([a, b]) => s >= a && e <= b);
  // A cue the base reading found negated stays negated on the same words in the other readings: "not
  // hostess duties" read in Russian letters ("нот хостесс") loses its English "not", not its meaning.
  const negatedInBase: { cue: string; start: number; end: number }[] = [];
  const phrases = (reading: Reading | undefined, n: number, facts: ReadingFacts) => {
    if (!reading) return;
    const { tokens } = reading;
    const { keys } = facts;
    // A hit of this reading, in its sentence and in the sentence as written.
    const push = (cue: string, start: number, end: number, from: number) => {
      const sentence = (tokens[from] as Token).sentence;
      hits.push({
        cue,
        start,
        end,
        sentence,
        view: n,
        base: n === 0 ? sentence : asWritten(start, sentence),
      });
    };
    for (const h of findPhrases(lexicon.index, tokens, facts)) {
      const cue = lexicon.cues.get(h.cue);
      if (!cue) continue;
      const start = reading.start[h.from] as number;
      const end = reading.end[h.to - 1] as number;
      if (cue.negatable) {
        if (negated(lexicon, tokens, h.from, h.to, cue.byFree, keys, view.text)) {
          if (n === 0) negatedInBase.push({ cue: h.cue, start, end });
          continue;
        }
        if (n > 0 && negatedInBase.some((x) => x.cue === h.cue && start < x.end && end > x.start)) continue;
      }
      if (!inContact(start, end)) push(h.cue, start, end, h.from);
    }
    // Relations of concepts: a word of a relation is negated by the words around it, or (Kazakh) by its
    // own negative ending ("сақталмайды", "алынбайды").
    const endings = lexicon.negation.afterEndings;
    const isNegated = (i: number) => {
      const w = (tokens[i] as Token).word;
      return (
        endings.some((e) => w.length > e.length + 1 && w.endsWith(e)) ||
        negated(lexicon, tokens, i, i + 1, false, keys, view.text)
      );
    };
    const relationNegated = (cue: string, i: number) => {
      const c = lexicon.source.cues[cue];
      return c?.negatable === false && !c.onlyNegated ? false : isNegated(i);
    };
    // Parted only by dashes, colons and spaces: "Виза — 1 200 $" is one clause for a relation, and so is
    // "Стоимость оформления (CoS) — 2500$": a short aside in brackets parts nothing.
    const joined = (a: number, b: number) =>
      !CLAUSE_MARKS.test(
        view.text.slice((tokens[a] as Token).end, (tokens[b] as Token).start).replace(SHORT_ASIDE, ''),
      );
    for (const h of findRelations(
      lexicon.concepts,
      lexicon.relations,
      tokens,
      relationNegated,
      facts.concepts,
      joined,
    )) {
      const [start, end] = widen(reading.start[h.from] as number, reading.end[h.to - 1] as number);
      if (!inContact(start, end)) push(h.cue, start, end, h.from);
    }
  };
  const { view } = r;
  // Amounts of money with their currency ("350 000 теңге", "1 500 $", "25,000 KZT"): read once, as pay
  // below, and as concepts on their words: one-off sums as `money`, so a relation can say "a service, then
  // its price"; amounts by their period as `wage_amount` ("50 000 тг за вечер наличными").
  const pay = lexicon.source.pay;
  const amounts = pay ? readPay(view.text, pay) : [];
  const money = lexicon.concepts.names.indexOf(MONEY_CONCEPT);
  const wageAmount = lexicon.concepts.names.indexOf(WAGE_AMOUNT_CONCEPT);
  const spanOf = (a: PayAmount): [number, number] => [
    view.map[a.start] as number,
    (view.map[a.end - 1] as number) + 1,
  ];
  const moneySpans: [number, number][] = amounts.filter((a) => !a.periodic).map(spanOf);
  const wageSpans: [number, number][] = wageAmount < 0 ? [] : amounts.filter((a) => a.periodic).map(spanOf);
  // A relation's words quoted with the whole amount: "Консультация 20 000 ₸", not "Консультация 20".
  const widen = (start: number, end: number): [number, number] => {
    let s = start;
    let e = end;
    for (const [a, b] of moneySpans) {
      if (s >= a && s < b) s = a;
      if (e > a && e <= b) e = b;
    }
    return [s, e];
  };
  const withMoney = (reading: Reading, facts: ReadingFacts): ReadingFacts => {
    if ((money < 0 || moneySpans.length === 0) && wageSpans.length === 0) return facts;
    const concepts = facts.concepts.slice();
    const within = (spans: [number, number][], s: number, e: number) => {
      for (const [a, b] of spans) if (s >= a && e <= b) return true;
      return false;
    };
    for (let k = 0; k < reading.tokens.length; k++) {
      const s = reading.start[k] as number;
      const e = reading.end[k] as number;
      if (money >= 0 && within(moneySpans, s, e)) concepts[k] = [...(concepts[k] ?? []), money];
      if (within(wageSpans, s, e)) concepts[k] = [...(concepts[k] ?? []), wageAmount];
    }
    return { ...facts, concepts };
  };
  const baseFacts = readingFacts(lexicon, r.base.tokens);
  phrases(r.base, 0, withMoney(r.base, baseFacts));
  // Regular expressions (amounts of money, contacts, names) read the base view only.
  const { tokens } = r.base;
  const literals = findLiterals(scanOf(lexicon), view.text);
  for (const cue of lexicon.cues.values()) {
    for (const re of cue.regexes) {
      for (const m of matchAllAt(re, view.text, literals)) {
        if (m[0].length === 0) continue;
        const s = m.index;
        const e = s + m[0].length;
        const at = firstTokenEndingAfter(tokens, s);
        if (cue.negatable && at >= 0) {
          const to = firstTokenEndingAfter(tokens, e - 1) + 1 || tokens.length;
          if (
            negated(
              lexicon,
              tokens,
              at,
              to < 0 ? tokens.length : Math.max(to, at + 1),
              cue.byFree,
              baseFacts.keys,
              view.text,
            )
          )
            continue;
        }
        const start = view.map[s] as number;
        const end = (view.map[e - 1] as number) + 1;
        const sentence = at >= 0 ? (tokens[at] as Token).sentence : -1;
        hits.push({ cue: cue.name, start, end, sentence, view: 0, base: sentence });
      }
    }
  }
  // Amounts of pay, read as tenge a month: high pay is a comparison, whatever the currency and period.
  if (pay) {
    for (const a of amounts.filter((a) => isHighPay(a, pay))) {
      const at = firstTokenEndingAfter(tokens, a.start);
      const sentence = at >= 0 ? (tokens[at] as Token).sentence : -1;
      hits.push({
        cue: pay.cue,
        start: view.map[a.start] as number,
        end: (view.map[a.end - 1] as number) + 1,
        sentence,
        view: 0,
        base: sentence,
      });
    }
  }
  if (r.ru) phrases(r.ru, 1, withMoney(r.ru, readingFacts(lexicon, r.ru.tokens)));
  if (r.kk) phrases(r.kk, 2, withMoney(r.kk, readingFacts(lexicon, r.kk.tokens)));
  return hits;
}

/** The index of the first token that ends after `offset` (binary search), or -1. */
function firstTokenEndingAfter(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo < tokens.length ? lo : -1;
}
