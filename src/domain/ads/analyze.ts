import { FLAGS, type Severity } from '../flags.js';
import { assessRisk, type RiskLevel } from '../risk.js';
import { type Contact, extractContacts } from './contacts.js';
import type { Lexicon } from './lexicon.js';
import { anyPhraseWithin, findPhrases, type Token, tokenize } from './matcher.js';
import { views } from './normalize.js';

export type AdLanguage = 'ru' | 'kk' | 'en' | 'mixed';

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

/** The longest ad read; the rest of a longer text is not looked at. */
export const MAX_AD_LENGTH = 8192;

interface Hit {
  cue: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Whether the words around tokens [from, to) negate them: "без опыта", "no fees", "ақы алынбайды". */
function negated(lexicon: Lexicon, tokens: Token[], from: number, to: number): boolean {
  const neg = lexicon.negation;
  const clause = tokens[from]?.clause;
  let before = from;
  while (before > 0 && from - before < neg.window && tokens[before - 1]?.clause === clause) before--;
  if (anyPhraseWithin(neg.before, tokens, before, from)) return true;
  if (
    from > 0 &&
    tokens[from - 1]?.clause === clause &&
    anyPhraseWithin(neg.beforeNear, tokens, from - 1, from)
  ) {
    return true;
  }
  // A negation inside a phrase with words between ("билеты … без удержаний"), followed by more of it.
  if (to - from > 2 && anyPhraseWithin([...neg.before, ...neg.beforeNear], tokens, from + 1, to - 1))
    return true;
  const lastClause = tokens[to - 1]?.clause;
  let after = to;
  while (after < tokens.length && after - to < 3 && tokens[after]?.clause === lastClause) after++;
  if (anyPhraseWithin(neg.after, tokens, to, after)) return true;
  for (let i = to; i < after; i++) {
    const w = tokens[i]?.word ?? '';
    if (neg.afterEndings.some((e) => w.length > e.length && w.endsWith(e))) return true;
  }
  return false;
}

/** Every unnegated match of every cue, with offsets into the original text. */
function findCues(lexicon: Lexicon, text: string): Hit[] {
  const v = views(text);
  const hits: Hit[] = [];
  for (const view of [v.base, v.ru, v.kk]) {
    if (!view) continue;
    const tokens = tokenize(view);
    for (const h of findPhrases(lexicon.index, tokens)) {
      const cue = lexicon.cues.get(h.cue);
      if (!cue || (cue.negatable && negated(lexicon, tokens, h.from, h.to))) continue;
      const s = (tokens[h.from] as Token).start;
      const e = (tokens[h.to - 1] as Token).end;
      hits.push({ cue: h.cue, start: view.map[s] as number, end: (view.map[e - 1] as number) + 1 });
    }
    // Regular expressions (amounts of money, contacts, names in quotes) read the base view only.
    if (view !== v.base) continue;
    for (const cue of lexicon.cues.values()) {
      for (const re of cue.regexes) {
        re.lastIndex = 0;
        for (const m of view.text.matchAll(re)) {
          if (m[0].length === 0) continue;
          const s = m.index;
          const e = s + m[0].length;
          if (cue.negatable) {
            const at = tokens.findIndex((t) => t.end > s);
            const to = tokens.findIndex((t) => t.start >= e);
            if (at >= 0 && negated(lexicon, tokens, at, to < 0 ? tokens.length : Math.max(to, at + 1)))
              continue;
          }
          hits.push({ cue: cue.name, start: view.map[s] as number, end: (view.map[e - 1] as number) + 1 });
        }
      }
    }
  }
  return hits;
}

/** Quoted words of the original, widened to whole words so a stem match reads naturally. */
function quote(text: string, start: number, end: number): { text: string; start: number; end: number } {
  let s = start;
  let e = end;
  while (s > 0 && /[\p{L}\p{N}]/u.test(text[s - 1] ?? '')) s--;
  while (e < text.length && /[\p{L}\p{N}]/u.test(text[e] ?? '')) e++;
  const raw = text.slice(s, e).replace(/\s+/g, ' ').trim();
  return { text: raw.length > 80 ? `${raw.slice(0, 79)}…` : raw, start: s, end: e };
}

export function detectAdLanguage(text: string): AdLanguage {
  const counts = { ru: 0, kk: 0, en: 0 };
  for (const sentence of text.split(/[.!?\n]+/)) {
    const words = sentence.match(WORD) ?? [];
    const cyr = words.filter((w) => /[\u0400-\u04FF]/.test(w));
    const kkWords = cyr.filter((w) => /[әғқңөұүһі]/i.test(w)).length;
    const latin = words.filter((w) => /^[a-z\u00C0-\u024F]+$/i.test(w) && w.length > 1);
    // Kazakh in Latin letters: its own letters, or a q not followed by u (English "qu").
    const kkLatin = latin.filter((w) => /[äğñöūüış]|q(?!u)/i.test(w)).length;
    if (kkWords > 0 && kkWords >= cyr.length * 0.15) counts.kk += cyr.length;
    else counts.ru += cyr.length;
    if (kkLatin > 0) counts.kk += latin.length;
    else counts.en += latin.length;
  }
  const total = counts.ru + counts.kk + counts.en;
  if (total === 0) return 'ru';
  const [top, n] = (Object.entries(counts) as [AdLanguage, number][]).sort((a, b) => b[1] - a[1])[0] as [
    AdLanguage,
    number,
  ];
  return n >= total * 0.75 ? top : 'mixed';
}

/** Reads one ad: red flags with the words that raised them, contacts, language, risk. Pure. */
export function analyzeAd(lexicon: Lexicon, input: string): AdVerdict {
  const text = input.length > MAX_AD_LENGTH ? input.slice(0, MAX_AD_LENGTH) : input;
  const hits = findCues(lexicon, text);
  const present = new Set(hits.map((h) => h.cue));
  // A cue counts unless one of its `unless` cues is in the ad too.
  const counts = (name: string) =>
    present.has(name) && !(lexicon.cues.get(name)?.unless ?? []).some((u) => present.has(u));
  const warningHits = hits.filter((h) => lexicon.source.warning.includes(h.cue) && counts(h.cue));
  const warning = new Set(warningHits.map((h) => h.start)).size >= lexicon.source.warningHits;

  const flags: FoundFlag[] = [];
  // Whether a red flag was raised by words of the ad, not only by what it lacks.
  let saidSomething = false;
  if (!warning) {
    for (const [id, rule] of Object.entries(lexicon.source.flags)) {
      const flag = FLAGS.get(id);
      if (!flag) continue;
      if (rule.unless.some(counts)) continue;
      const any = rule.any?.filter(counts) ?? [];
      const all = rule.all ?? [];
      const allHold = all.length > 0 && all.every(counts);
      const lacking = !!rule.missing && !rule.missing.of.some(counts) && rule.missing.when.every(counts);
      if (!(any.length > 0 || allHold || lacking)) continue;
      if ((any.length > 0 || allHold) && flag.severity !== 'context') saidSomething = true;
      // Evidence: the words that raised it; for a flag raised by what is missing, the words it was
      // looked for around (the contacts), if any.
      const used = new Set([
        ...any,
        ...(allHold ? all : []),
        ...(lacking && any.length === 0 ? (rule.missing?.when ?? []) : []),
      ]);
      const spans: [number, number][] = [];
      const evidence: string[] = [];
      for (const h of hits.filter((h) => used.has(h.cue)).sort((a, b) => a.start - b.start)) {
        const q = quote(text, h.start, h.end);
        if (spans.some(([s, e]) => q.start < e && q.end > s)) continue;
        spans.push([q.start, q.end]);
        evidence.push(q.text);
      }
      flags.push({ id, severity: flag.severity, evidence, spans });
    }
  }
  const risk = assessRisk(flags.map((f) => f.id));
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
    contacts: extractContacts(text),
    warning,
    jobAd: warning || saidSomething || present.has(JOB_AD_CUE),
    prefill,
  };
}
