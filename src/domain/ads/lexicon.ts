import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FLAGS } from '../flags.js';
import { type ConceptIndex, compileConcepts, type Relation } from './concepts.js';
import { compilePhrases } from './patterns.js';
import { CURRENCY_CODES } from './pay.js';
import { buildIndex, type Phrase, type PhraseIndex } from './phrase-index.js';
import { takeShared } from './shared.js';
import { fold } from './tokens.js';

/**
 * The ad lexicon (flows/lexicon/ads.yaml): what words in an ad are signs of what, per language, as data
 * the NGO extends without code. Cues are named groups of patterns; red flags are raised by cues (any of
 * them, or all together); a cue can be cancelled by another cue anywhere in the ad (`unless`), and every
 * match is cancelled by a negation next to it ("без оплаты", "no fees", "ақы алынбайды"). Options several
 * cues share are written once, as a named set (`shared:`) each of them takes with `with:`.
 *
 * Pattern language, one phrase per line:
 *   word        the word itself               stem*       any word that starts so
 *   *           any one word                  #           a number ("3000", "1 500")
 *   (a|b c*)    one of these words or phrases (…)?        the same, or nothing
 *   The parts of a phrase follow each other with up to `gap` other words between (default 2), within one
 *   sentence; the words inside one (…) follow each other directly. Kazakh letters match their everyday
 *   Russian substitutes (қ/к, ғ/г, ң/н, ө/о, ұ/ү/у, і/и, ә/а, һ/х).
 *   "re:..."    a regular expression instead, for what words cannot say (amounts of money).
 */

// A pattern may list a hundred stems twice over (company_identity: the words of a company, and its guard against
// reading one run of letters from each of them, see test/domain/ads-pattern-rewrites.test.ts).
const PatternList = z.array(z.string().min(1).max(4000)).default([]);

const CueSchema = z
  .object({
    /** A negation before (or, in Kazakh, after) a match cancels it. False for cues that are negations. */
    negatable: z.boolean().default(true),
    /** "Free", "бесплатно" cancel it too: for payments only ("бесплатное оформление"). */
    byFree: z.boolean().default(false),
    /** The cue does not count when any of these cues is in the same sentence. */
    unless: z.array(z.string()).default([]),
    /** The cue does not count when any of these cues is anywhere in the ad. */
    unlessInAd: z.array(z.string()).default([]),
    /**
     * A match does not count where a match of any of these cues covers some of its words: "нөмірлерді
     * телефонға сақтаңыз" (save the numbers onto your phone) keeps no phone, while "телефон сдаёте менеджеру,
     * номера запишите себе в телефон" in the same sentence still hands one over.
     */
    unlessHere: z.array(z.string()).default([]),
    /**
     * The cue counts only when one of these cues is somewhere in the text: money asked is a fee only where
     * a job is spoken of (`job_ad`), "papers done on the spot" a visa matter only where a foreign country is.
     */
    needsInAd: z.array(z.string()).default([]),
    /** Words allowed between the words of a phrase. */
    gap: z.number().int().min(0).max(6).default(2),
    ru: PatternList,
    kk: PatternList,
    en: PatternList,
    /** Patterns in no one language: names of places, brands, numbers. */
    any: PatternList,
    /**
     * Relations of concepts (see concepts.ts), each "concept concept …": the concepts on different words
     * of one sentence, at most `window` words from first to last, in any order, none negated.
     */
    relations: z.array(z.string().min(1)).default([]),
    /** The relations count only when one of their words is negated ("не говорите родным"). */
    onlyNegated: z.boolean().default(false),
    /** The relations count only when their first concept's word is negated ("не выходим без бригадира"). */
    negatedAnchor: z.boolean().default(false),
    /** The relations' concepts in their order, within one clause. */
    ordered: z.boolean().default(false),
    /** The relations' concepts within one clause, in any order. */
    clause: z.boolean().default(false),
    window: z.number().int().min(1).max(12).default(6),
  })
  .strict();

const ConceptWords = z.array(z.string().min(1).max(80)).default([]);
const ConceptSchema = z
  .object({ ru: ConceptWords, kk: ConceptWords, en: ConceptWords, any: ConceptWords })
  .strict();

const FlagRuleSchema = z
  .object({
    any: z.array(z.string()).optional(),
    all: z.array(z.string()).optional(),
    /**
     * Raised by what the ad lacks: none of `of` is in it (while every cue of `when` is). An ad with no
     * company name, registration or address has a vague employer, whatever words it uses.
     */
    missing: z
      .object({ of: z.array(z.string()).min(1), when: z.array(z.string()).default([]) })
      .strict()
      .optional(),
    unless: z.array(z.string()).default([]),
    /**
     * Cues that make the flag weigh one severity less when the ad has them: a fare deducted "as written in
     * the employment contract", by a named employer, is still said, but it is not the trap it is unsaid.
     */
    softenedBy: z.array(z.string()).default([]),
  })
  .strict()
  .refine(
    (r) => (r.any?.length ?? 0) + (r.all?.length ?? 0) + (r.missing ? 1 : 0) > 0,
    'a flag needs `any`, `all` or `missing`',
  );

export const LexiconSchema = z
  .object({
    version: z.number().int().min(1),
    negation: z
      .object({
        /** Words that negate what follows them within a few words ("не", "never", "not"). */
        before: z.array(z.string()),
        /** Words that negate only the word right after them ("без опыта", "no fees"). */
        beforeNear: z.array(z.string()).default([]),
        /**
         * A refusal that negates all it lists, to the end of its clause: "we never ask for payment or
         * passport scans", "не просим ни денег, ни копий паспорта".
         */
        clause: z.array(z.string()).default([]),
        /** Words that negate a payment right before or after them ("бесплатно", "free", "тегін"). */
        free: z.array(z.string()).default([]),
        /** Phrases that look like negations but reassure ("не переживайте", "don't miss"). */
        ignore: z.array(z.string()).default([]),
        /**
         * Words that open a list all of whose items they deny, across its commas: "Никаких выходов в зал,
         * «общения с гостями» и работы в клубах" (see negation.ts `negatedList`).
         */
        listHead: z.array(z.string()).default([]),
        /**
         * Words that deny the list before them, standing first in their clause: "рост, вес, «модельная
         * внешность» — НЕ важны", "Предоплат и «взносов» НЕТ" (as well as `after`).
         */
        listTail: z.array(z.string()).default([]),
        /**
         * Besides `clause`, the refusals a heading ended by a colon denies its list with: "Что НЕ платишь: «регистрацию»,
         * «бронь места»".
         */
        listHeading: z.array(z.string()).default([]),
        /** Words that negate what precedes them (Kazakh "жоқ", "емес"). */
        after: z.array(z.string()),
        /** Word endings that negate a verb after the match (Kazakh "-майды", "-бейміз"). */
        afterEndings: z.array(z.string()),
        /** How many words around a match are looked at. */
        window: z.number().int().min(1).max(6).default(3),
      })
      .strict(),
    /** Concepts: words per language, compared by stem (see concepts.ts). */
    concepts: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), ConceptSchema).default({}),
    /**
     * Options several cues have in common, under a name: a cue takes a set with `with: <name>`
     * (`takeShared`, before this schema reads the cues). Checked here as a cue's keys, all optional.
     */
    shared: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), CueSchema.partial()).default({}),
    cues: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), CueSchema),
    flags: z.record(z.string(), FlagRuleSchema),
    /** When these cues are in the ad `warningHits` times, it warns about scams (quoting one): no flags. */
    warning: z.array(z.string()).default([]),
    warningHits: z.number().int().min(1).default(2),
    /** Cues that tell what happened to people ("у неё забрали паспорт"): red flags in their sentence are reported, not offered. */
    reported: z.array(z.string()).default([]),
    /**
     * Cues that head a list of what must not happen ("Что работодатель НЕ имеет права делать: 1. Забирать
     * паспорт…"): red flags on the list's lines after them are reported, not offered.
     */
    listHeader: z.array(z.string()).default([]),
    /**
     * Amounts of pay read as tenge a month (see pay.ts): an amount at or above the threshold raises `cue`.
     */
    pay: z
      .object({
        cue: z.string(),
        rates: z.record(z.string().regex(/^[a-z]{3}$/), z.number().positive()),
        highMonthly: z.object({ tenge: z.number().positive(), foreign: z.number().positive() }).strict(),
        highMonthlyIn: z.record(z.string().regex(/^[a-z]{3}$/), z.number().positive()).optional(),
      })
      .strict()
      .optional(),
    /** Answers of the offer check the ad settles: question -> option -> cues. */
    prefill: z.record(z.string(), z.record(z.string(), z.array(z.string()))).default({}),
  })
  .strict();
export type LexiconSource = z.infer<typeof LexiconSchema>;

export interface CompiledCue {
  name: string;
  negatable: boolean;
  byFree: boolean;
  unless: string[];
  unlessInAd: string[];
  unlessHere: string[];
  needsInAd: string[];
  /** The cue's phrases, matched word by word (see matcher.ts). */
  phrases: Phrase[];
  /** The cue's `re:` patterns, over a normalised view. */
  regexes: RegExp[];
}

export interface Lexicon {
  source: LexiconSource;
  cues: Map<string, CompiledCue>;
  /** Phrases of every cue, by the first letters of the word they start with. */
  index: PhraseIndex;
  /** The concepts, and the relations of every cue. */
  concepts: ConceptIndex;
  relations: Relation[];
  /** The cues that raise red flags (not those that only name a place or a company). */
  redFlagCues: Set<string>;
  negation: {
    before: Phrase[];
    beforeNear: Phrase[];
    clause: Phrase[];
    after: Phrase[];
    free: Phrase[];
    ignore: Phrase[];
    listHead: Phrase[];
    /** `listTail` and `after`: a denial that is all its clause says. */
    listTail: Phrase[];
    /** `listTail` alone: a denial ending the match's own clause ("… іш киім түсірілімі ЖОҚ"). */
    listTailOwn: Phrase[];
    listHeading: Phrase[];
    afterEndings: string[];
    window: number;
  };
}

export function compileLexicon(source: LexiconSource): Lexicon {
  const cues = new Map<string, CompiledCue>();
  const all: Phrase[] = [];
  for (const [name, cue] of Object.entries(source.cues)) {
    const patterns = [...cue.ru, ...cue.kk, ...cue.en, ...cue.any];
    if (patterns.length === 0 && cue.relations.length === 0) throw new Error(`cue "${name}" has no patterns`);
    const phrases: Phrase[] = [];
    const regexes: RegExp[] = [];
    for (const p of patterns) {
      if (p.startsWith('re:')) regexes.push(new RegExp(p.slice(3), 'gu'));
      else phrases.push(...compilePhrases(p, cue.gap, name));
    }
    all.push(...phrases);
    cues.set(name, {
      name,
      negatable: cue.negatable,
      byFree: cue.byFree,
      unless: cue.unless,
      unlessInAd: cue.unlessInAd,
      unlessHere: cue.unlessHere,
      needsInAd: cue.needsInAd,
      phrases,
      regexes,
    });
  }
  const concepts = compileConcepts(source.concepts);
  const conceptId = new Map(concepts.names.map((n, i) => [n, i]));
  const relations: Relation[] = [];
  for (const [name, cue] of Object.entries(source.cues)) {
    for (const r of cue.relations) {
      const ids = r.split(/\s+/).map((c) => conceptId.get(c));
      if (ids.some((id) => id === undefined)) throw new Error(`cue "${name}": unknown concept in "${r}"`);
      relations.push({
        cue: name,
        concepts: ids as number[],
        window: cue.window,
        onlyNegated: cue.onlyNegated,
        negatedAnchor: cue.negatedAnchor,
        ordered: cue.ordered,
        clause: cue.clause,
      });
    }
  }
  const words = (list: string[]) => list.flatMap((w) => compilePhrases(w, 0, ''));
  // Compiled once each: a list's denials are its own words and the negations after a match.
  const after = words(source.negation.after);
  const listTailOwn = words(source.negation.listTail);
  const redFlagCues = new Set<string>();
  for (const [id, rule] of Object.entries(source.flags)) {
    if (FLAGS.get(id)?.severity === 'context') continue;
    for (const cue of [...(rule.any ?? []), ...(rule.all ?? [])]) redFlagCues.add(cue);
  }
  return {
    source,
    cues,
    index: buildIndex(all),
    concepts,
    relations,
    redFlagCues,
    negation: {
      before: words(source.negation.before),
      beforeNear: words(source.negation.beforeNear),
      clause: words(source.negation.clause),
      after,
      free: words(source.negation.free),
      ignore: words(source.negation.ignore),
      listHead: words(source.negation.listHead),
      listTail: [...listTailOwn, ...after],
      listTailOwn,
      listHeading: words(source.negation.listHeading),
      afterEndings: source.negation.afterEndings.map(fold),
      window: source.negation.window,
    },
  };
}

/** Parses and checks a lexicon file: unknown cues and flags, and patterns that do not compile. */
export function parseLexicon(text: string, file: string): Lexicon {
  const { raw, problems: sharing } = takeShared(parseYaml(text));
  const parsed = LexiconSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error([...sharing, ...issues].map((p) => `${file}: ${p}`).join('\n'));
  }
  const problems = [...sharing, ...lexiconProblems(parsed.data)];
  if (problems.length > 0) throw new Error(problems.map((p) => `${file}: ${p}`).join('\n'));
  return compileLexicon(parsed.data);
}

export function lexiconProblems(source: LexiconSource): string[] {
  const problems: string[] = [];
  const cueNames = new Set(Object.keys(source.cues));
  const need = (where: string, names: string[]) => {
    for (const n of names) if (!cueNames.has(n)) problems.push(`${where}: unknown cue "${n}"`);
  };
  const conceptNames = new Set(Object.keys(source.concepts));
  for (const [name, cue] of Object.entries(source.cues)) {
    need(`cue "${name}"`, [...cue.unless, ...cue.unlessInAd, ...cue.unlessHere, ...cue.needsInAd]);
    if ([...cue.ru, ...cue.kk, ...cue.en, ...cue.any].length === 0 && cue.relations.length === 0)
      problems.push(`cue "${name}" has no patterns and no relations`);
    for (const r of cue.relations) {
      const names = r.split(/\s+/);
      if (names.length < 2) problems.push(`cue "${name}": relation "${r}" needs two concepts or more`);
      for (const c of names) if (!conceptNames.has(c)) problems.push(`cue "${name}": unknown concept "${c}"`);
    }
    for (const p of [...cue.ru, ...cue.kk, ...cue.en, ...cue.any]) {
      try {
        if (p.startsWith('re:')) new RegExp(p.slice(3), 'u');
        else compilePhrases(p, cue.gap, name);
      } catch (err) {
        problems.push(`cue "${name}": pattern "${p}" does not compile: ${(err as Error).message}`);
      }
    }
  }
  for (const [flag, rule] of Object.entries(source.flags)) {
    if (!FLAGS.has(flag)) problems.push(`flag "${flag}" is not in the red-flag catalogue`);
    need(`flag "${flag}"`, [
      ...(rule.any ?? []),
      ...(rule.all ?? []),
      ...rule.unless,
      ...rule.softenedBy,
      ...(rule.missing?.of ?? []),
      ...(rule.missing?.when ?? []),
    ]);
  }
  need('warning', source.warning);
  need('reported', source.reported);
  need('listHeader', source.listHeader);
  if (source.pay) {
    need('pay', [source.pay.cue]);
    for (const code of CURRENCY_CODES)
      if (source.pay.rates[code] === undefined) problems.push(`pay: no rate for "${code}"`);
    for (const code of Object.keys(source.pay.highMonthlyIn ?? {}))
      if (source.pay.rates[code] === undefined) problems.push(`pay: highMonthlyIn "${code}" has no rate`);
  }
  for (const [q, options] of Object.entries(source.prefill)) {
    for (const [o, names] of Object.entries(options)) need(`prefill ${q}.${o}`, names);
  }
  return problems;
}
