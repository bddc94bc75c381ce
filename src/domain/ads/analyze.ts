import { FLAGS, lighterSeverity, type Severity } from '../flags.js';
import { assessRisk, type RiskLevel } from '../risk.js';
import { conceptsOf, findRelations } from './concepts.js';
import { type Contact, extractContactSpans } from './contacts.js';
import { type AdLanguage, detectAdLanguage } from './language.js';
import type { Lexicon } from './lexicon.js';
import {
  anyPhraseWithin,
  findPhrases,
  keysVersion,
  type Phrase,
  phrasesBeginningWith,
  type Token,
  type TokenFacts,
  Word,
  wordKeys,
} from './matcher.js';
import { isHighPay, readPay } from './pay.js';
import { type Reading, readings } from './readings.js';
import { matchAllAt } from './regex-starts.js';

export { type AdLanguage, detectAdLanguage };

export interface FoundFlag {
  id: string;
  severity: Severity;
  /** The words of the ad that raised the flag, quoted from the original text. */
  evidence: string[];
  /** Where those words are in the original text: [start, end) character offsets. */
  spans: [number, number][];
}

export interface AdVerdict {
  risk: RiskLevel;
  score: number;
  language: AdLanguage;
  flags: FoundFlag[];
  contacts: Contact[];
  /** The text reads as a warning about scams (quoting one), not as an offer. */
  warning: boolean;
  /** The text reads like a job ad at all (job words, or a red flag): a chat message usually does not. */
  jobAd: boolean;
  /** Answers of the offer check the ad settles (question id -> option id). */
  prefill: Record<string, string>;
}

/** The cue of words every job ad uses ("вакансия", "зарплата", "hiring", "жұмыс"). */
export const JOB_AD_CUE = 'job_ad';
/** The cue of an amount of money. */
export const PAY_CUE = 'pay_amount';
/** The concept every amount of money with its currency belongs to (see `findCues`). */
export const MONEY_CONCEPT = 'money';
/** The cue of a call to apply ("пишите", "хабарласыңыз", "contact us"): how an ad ends. */
export const APPLY_CUE = 'apply_call';

/** The longest ad read; the rest of a longer text is not looked at. */
export const MAX_AD_LENGTH = 8192;

interface Hit {
  cue: string;
  start: number;
  end: number;
  /** The sentence of the view it was found in: `unless` reaches only as far as its sentence. */
  sentence: number;
  view: number;
}

/**
 * What the lexicon says of a word, remembered on the interned word (see matcher.ts `Word`): the phrases
 * it can start, its keys for the quick test of a phrase's parts, its concepts.
 */
interface WordFacts {
  /** `keysVersion()` when the keys were read: a lexicon compiled since may have brought new words. */
  version: number;
  starts: readonly Phrase[];
  keys: readonly number[];
  concepts: readonly number[];
}
function factsOf(lexicon: Lexicon, entry: Word): WordFacts {
  const version = keysVersion();
  if (entry.owner === lexicon && (entry.facts as WordFacts).version === version)
    return entry.facts as WordFacts;
  const facts: WordFacts = {
    version,
    starts: phrasesBeginningWith(lexicon.index, entry.word, entry.number),
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
  const out: ReadingFacts = { starts: new Array(n), keys: new Array(n), concepts: new Array(n) };
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    const f = factsOf(lexicon, t.entry ?? new Word(t.word, t.number));
    out.starts[i] = f.starts;
    out.keys[i] = f.keys;
    out.concepts[i] = f.concepts;
  }
  return out;
}

/**
 * Whether the words around tokens [from, to) negate them: "без опыта", "no fees", "ақы алынбайды".
 * keys: the tokens' keys (see `readingFacts`).
 */
function negated(
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
  if (anyPhraseWithin(neg.after, tokens, to, after, keys)) return true;
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

/** What ends a clause, but for dashes and colons (see `findRelations`' `joined`). */
const CLAUSE_MARKS = /[,;()[\]{}\n.!?«»"“”„]/;

/** Every unnegated match of every cue, with offsets into the original text. */
function findCues(lexicon: Lexicon, text: string, contactSpans: [number, number][]): Hit[] {
  const r = readings(text);
  const hits: Hit[] = [];
  // Words inside an e-mail, a link or a handle ("dubaijobs@…", "….co.uk") say nothing about the job.
  const inContact = (s: number, e: number) => contactSpans.some(([a, b]) => s >= a && e <= b);
  const phrases = (reading: Reading | undefined, n: number, facts: ReadingFacts) => {
    if (!reading) return;
    const { tokens } = reading;
    const { keys } = facts;
    for (const h of findPhrases(lexicon.index, tokens, facts)) {
      const cue = lexicon.cues.get(h.cue);
      if (!cue || (cue.negatable && negated(lexicon, tokens, h.from, h.to, cue.byFree, keys))) continue;
      const start = reading.start[h.from] as number;
      const end = reading.end[h.to - 1] as number;
      if (!inContact(start, end))
        hits.push({ cue: h.cue, start, end, sentence: (tokens[h.from] as Token).sentence, view: n });
    }
    // Relations of concepts: a word of a relation is negated by the words around it, or (Kazakh) by its
    // own negative ending ("сақталмайды", "алынбайды").
    const endings = lexicon.negation.afterEndings;
    const isNegated = (i: number) => {
      const w = (tokens[i] as Token).word;
      return (
        endings.some((e) => w.length > e.length + 1 && w.endsWith(e)) ||
        negated(lexicon, tokens, i, i + 1, false, keys)
      );
    };
    const relationNegated = (cue: string, i: number) => {
      const c = lexicon.source.cues[cue];
      return c?.negatable === false && !c.onlyNegated ? false : isNegated(i);
    };
    // Parted only by dashes, colons and spaces: "Виза — 1 200 $" is one clause for a relation.
    const joined = (a: number, b: number) =>
      !CLAUSE_MARKS.test(view.text.slice((tokens[a] as Token).end, (tokens[b] as Token).start));
    for (const h of findRelations(
      lexicon.concepts,
      lexicon.relations,
      tokens,
      relationNegated,
      facts.concepts,
      joined,
    )) {
      const [start, end] = widen(reading.start[h.from] as number, reading.end[h.to - 1] as number);
      if (!inContact(start, end))
        hits.push({ cue: h.cue, start, end, sentence: (tokens[h.from] as Token).sentence, view: n });
    }
  };
  const { view } = r;
  // Amounts of money with their currency ("350 000 теңге", "1 500 $", "25,000 KZT"): read once, as pay
  // below, and (one-off sums, not pay or rent by the month) as the concept `money` on their words, so a
  // relation can say "a service, then its price".
  const pay = lexicon.source.pay;
  const amounts = pay ? readPay(view.text, pay) : [];
  const money = lexicon.concepts.names.indexOf(MONEY_CONCEPT);
  const moneySpans: [number, number][] = amounts
    .filter((a) => !a.periodic)
    .map((a) => [view.map[a.start] as number, (view.map[a.end - 1] as number) + 1]);
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
    if (money < 0 || moneySpans.length === 0) return facts;
    const concepts = facts.concepts.slice();
    reading.tokens.forEach((_, k) => {
      const s = reading.start[k] as number;
      const e = reading.end[k] as number;
      if (moneySpans.some(([a, b]) => s >= a && e <= b)) concepts[k] = [...(concepts[k] ?? []), money];
    });
    return { ...facts, concepts };
  };
  const baseFacts = readingFacts(lexicon, r.base.tokens);
  phrases(r.base, 0, withMoney(r.base, baseFacts));
  // Regular expressions (amounts of money, contacts, names) read the base view only.
  const { tokens } = r.base;
  for (const cue of lexicon.cues.values()) {
    for (const re of cue.regexes) {
      for (const m of matchAllAt(re, view.text)) {
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
            )
          )
            continue;
        }
        const start = view.map[s] as number;
        const end = (view.map[e - 1] as number) + 1;
        hits.push({
          cue: cue.name,
          start,
          end,
          sentence: at >= 0 ? (tokens[at] as Token).sentence : -1,
          view: 0,
        });
      }
    }
  }
  // Amounts of pay, read as tenge a month: high pay is a comparison, whatever the currency and period.
  if (pay) {
    for (const a of amounts.filter((a) => isHighPay(a, pay))) {
      const at = firstTokenEndingAfter(tokens, a.start);
      hits.push({
        cue: pay.cue,
        start: view.map[a.start] as number,
        end: (view.map[a.end - 1] as number) + 1,
        sentence: at >= 0 ? (tokens[at] as Token).sentence : -1,
        view: 0,
      });
    }
  }
  if (r.ru) phrases(r.ru, 1, withMoney(r.ru, readingFacts(lexicon, r.ru.tokens)));
  if (r.kk) phrases(r.kk, 2, withMoney(r.kk, readingFacts(lexicon, r.kk.tokens)));
  return hits;
}

const SENTENCE_END = /[.!?\n]/g;
/** Whether the sentence going on at `offset` ends with a question mark. */
function asksAt(text: string, offset: number): boolean {
  SENTENCE_END.lastIndex = offset;
  return SENTENCE_END.exec(text)?.[0] === '?';
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

/** The cues named in some cue's `unless`, per lexicon. */
const cancellingOf = new WeakMap<Lexicon, Set<string>>();
function cancellingCues(lexicon: Lexicon): Set<string> {
  let cues = cancellingOf.get(lexicon);
  if (!cues) {
    cues = new Set([...lexicon.cues.values()].flatMap((c) => c.unless));
    cancellingOf.set(lexicon, cues);
  }
  return cues;
}

const STRAIGHT_QUOTED = /"[^"\n]*"|(?<!\p{L})'[^'\n]{8,}'(?!\p{L})/gu;
/** Typographic quotation marks: the opening one, and the marks that close it. */
const PAIRS: [string, string[]][] = [
  ['«', ['»']],
  ['“', ['”']],
  ['„', ['“', '”']],
];
/**
 * Where quotation marks enclose text: a warning quotes the ad it warns about. Typographic pairs are found
 * by looking for the closing mark once (a regular expression would look again from every opening mark
 * that has none: a text of 8,000 "«" costs n² there), straight quotes by a regular expression tried
 * only where a quotation mark stands (see regex-starts.ts).
 */
function quotedRegions(text: string): [number, number][] {
  const regions: [number, number][] = [];
  for (const [open, closes] of PAIRS) {
    let from = 0;
    for (;;) {
      const s = text.indexOf(open, from);
      if (s < 0) break;
      let e = -1;
      for (const c of closes) {
        const at = text.indexOf(c, s + 1);
        if (at >= 0 && (e < 0 || at < e)) e = at;
      }
      if (e < 0) break;
      regions.push([s, e + 1]);
      from = e + 1;
    }
  }
  for (const m of matchAllAt(STRAIGHT_QUOTED, text)) regions.push([m.index, m.index + m[0].length]);
  return regions;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACES = /\s+/g;
/** Quoted words of the original, widened to whole words so a stem match reads naturally. */
function quote(text: string, start: number, end: number): { text: string; start: number; end: number } {
  let s = start;
  let e = end;
  while (s > 0 && LETTER_OR_DIGIT.test(text[s - 1] ?? '')) s--;
  while (e < text.length && LETTER_OR_DIGIT.test(text[e] ?? '')) e++;
  return { text: text.slice(s, e).replace(SPACES, ' ').trim(), start: s, end: e };
}

/** Reads one ad: red flags with the words that raised them, contacts, language, risk. Pure. */
export function analyzeAd(lexicon: Lexicon, input: string): AdVerdict {
  const text = input.length > MAX_AD_LENGTH ? input.slice(0, MAX_AD_LENGTH) : input;
  const found = extractContactSpans(text);
  const hits = findCues(
    lexicon,
    text,
    found.map((f) => f.span),
  );
  // A cue's match counts unless a cue it names in `unless` is in the same sentence.
  // Cancelled cues cancel nothing ("шоу-балет" in a night club is no theatre, so its dancers count):
  // settle it in a few rounds.
  const where = (h: Hit, cue: string) => `${h.view}|${h.sentence}|${cue}`;
  const unlessOf = (h: Hit) => lexicon.cues.get(h.cue)?.unless ?? [];
  // Only the cues some `unless` names can cancel: only their places are looked up, and an ad with no
  // cue that has an `unless` has nothing to settle.
  const cancelling = cancellingCues(lexicon);
  let live = hits;
  for (let round = 0; round < 4 && hits.some((h) => unlessOf(h).length > 0); round++) {
    const before = live;
    const seen = new Set(before.filter((h) => cancelling.has(h.cue)).map((h) => where(h, h.cue)));
    live = hits.filter((h) => !unlessOf(h).some((u) => seen.has(where(h, u))));
    if (live.length === before.length) break;
  }
  // `unlessInAd`: cancelled by a cue anywhere in the ad ("массаж" in a gym's ad, wherever the gym is named).
  const anywhere = new Set(live.map((h) => h.cue));
  live = live.filter((h) => !(lexicon.cues.get(h.cue)?.unlessInAd ?? []).some((u) => anywhere.has(u)));
  // `needsInAd`: money asked is a fee only where a job is spoken of (not a gift collection), papers "done
  // on the spot" a visa matter only where a foreign country is named.
  live = live.filter((h) => {
    const needs = lexicon.cues.get(h.cue)?.needsInAd ?? [];
    return needs.length === 0 || needs.some((n) => anywhere.has(n));
  });
  const present = new Set(live.map((h) => h.cue));
  const counts = (name: string) => present.has(name);
  // A warning about scams quotes the ad it warns about: its red flags stand inside quotation marks.
  // A scam ad that only says "beware of fakes" still offers a job outside any quotes, and is read as one.
  const quoted = quotedRegions(text);
  const warningWords = live.filter((h) => lexicon.source.warning.includes(h.cue));
  const offerWords = live.filter((h) => lexicon.redFlagCues.has(h.cue));
  // A sentence that tells what happened ("на месте у неё забрали паспорт") reports its red flags, as quotes do.
  const reported = new Set(
    live.filter((h) => lexicon.source.reported.includes(h.cue)).map((h) => h.sentence),
  );
  // So does a question ("Жұмыс визасы ма, әлде туристік виза ма?"): an offer does not ask about itself.
  const inQuotes = offerWords.filter(
    (h) =>
      quoted.some(([a, b]) => h.start >= a && h.end <= b) || reported.has(h.sentence) || asksAt(text, h.end),
  ).length;
  const warningCount = new Set(warningWords.map((h) => h.start)).size;
  // Most of the offer's words inside quotes, or a post that keeps warning: a warning, not an offer.
  // Or one word of warning, with the offer all but wholly inside the quotes it stands in ("Абай
  // болыңыздар! Бүгін мынадай хабарлама келді: «…»").
  const quotedOffer = inQuotes >= 2 && inQuotes * 4 >= offerWords.length * 3;
  const warning =
    (warningCount >= lexicon.source.warningHits &&
      (offerWords.length === 0 ||
        inQuotes * 2 >= offerWords.length ||
        (warningCount > lexicon.source.warningHits && inQuotes > 0) ||
        (warningCount >= 2 * lexicon.source.warningHits && warningCount >= offerWords.length))) ||
    (warningCount >= 1 && quotedOffer);

  const flags: FoundFlag[] = [];
  // Whether a red flag was raised by words of the ad, not only by what it lacks.
  let saidSomething = false;
  const raise = (id: string, used: Set<string>) => {
    const flag = FLAGS.get(id);
    if (!flag) return;
    const softened = (lexicon.source.flags[id]?.softenedBy ?? []).some((cue) => present.has(cue));
    // Evidence: the ad's own words, each quote once (a long ad repeats its words).
    const spans: [number, number][] = [];
    const evidence: string[] = [];
    const quoted = new Set<string>();
    for (const h of live.filter((h) => used.has(h.cue)).sort((a, b) => a.start - b.start)) {
      const q = quote(text, h.start, h.end);
      if (spans.some(([s, e]) => q.start < e && q.end > s)) continue;
      const key = q.text.toLowerCase();
      if (quoted.has(key)) continue;
      quoted.add(key);
      spans.push([q.start, q.end]);
      evidence.push(q.text);
    }
    flags.push({ id, severity: softened ? lighterSeverity(flag.severity) : flag.severity, evidence, spans });
  };
  const lacks: [string, Set<string>][] = [];
  if (!warning) {
    for (const [id, rule] of Object.entries(lexicon.source.flags)) {
      const flag = FLAGS.get(id);
      if (!flag) continue;
      if (rule.unless.some(counts)) continue;
      const any = rule.any?.filter(counts) ?? [];
      const all = rule.all ?? [];
      const allHold = all.length > 0 && all.every(counts);
      if (any.length > 0 || allHold) {
        if (flag.severity !== 'context') saidSomething = true;
        raise(id, new Set([...any, ...(allHold ? all : [])]));
        continue;
      }
      // Raised by what the ad lacks: decided below, once it is known whether the text is a job ad.
      const lacking = !!rule.missing && !rule.missing.of.some(counts) && rule.missing.when.every(counts);
      if (lacking) lacks.push([id, new Set(rule.missing?.when ?? [])]);
    }
  }
  // A chat message may speak of work, or of a passport taken ("у меня забрали паспорт"); an ad also says
  // what the job is, how to apply or what it pays.
  const redFlags = flags.filter((f) => f.severity !== 'context').length;
  const offers = present.has(JOB_AD_CUE) || found.length > 0 || present.has(PAY_CUE) || redFlags >= 2;
  const jobAd =
    warning ||
    (saidSomething && offers) ||
    (present.has(JOB_AD_CUE) && (found.length > 0 || present.has(PAY_CUE) || present.has(APPLY_CUE)));
  // What a text lacks says something only of a job ad: a caption or a receipt has no employer either.
  if (jobAd && !warning) for (const [id, used] of lacks) raise(id, used);
  // In the lexicon's order of flags, then by severity (a stable sort): the verdict reads the same however
  // a flag was raised.
  const ruleOrder = Object.keys(lexicon.source.flags);
  flags.sort((a, b) => ruleOrder.indexOf(a.id) - ruleOrder.indexOf(b.id));
  const severities = new Map(flags.map((f) => [f.id, f.severity]));
  const risk = assessRisk(
    flags.map((f) => f.id),
    (id) => severities.get(id),
  );
  const order = new Map(risk.flags.map((id, i) => [id, i]));
  flags.sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));

  const prefill: Record<string, string> = {};
  if (!warning) {
    for (const [question, options] of Object.entries(lexicon.source.prefill)) {
      const option = Object.entries(options).find(([, names]) => names.some(counts));
      if (option) prefill[question] = option[0];
    }
  }
  return {
    risk: risk.level,
    score: risk.score,
    language: detectAdLanguage(text),
    flags,
    contacts: found.map((f) => f.contact),
    warning,
    jobAd,
    prefill,
  };
}
