import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FLAGS } from '../flags.js';

/**
 * The ad lexicon (flows/lexicon/ads.yaml): what words in an ad are signs of what, per language, as data
 * the NGO extends without code. Cues are named groups of patterns; red flags are raised by cues (any of
 * them, or all together); a cue can be cancelled by another cue anywhere in the ad (`unless`), and every
 * match is cancelled by a negation next to it ("без оплаты", "no fees", "ақы алынбайды").
 *
 * Pattern language, one phrase per line:
 *   word        the word itself               stem*       any word that starts so
 *   *           any one word                  #           a number ("3000", "1 500")
 *   (a|b c*)    one of these words or phrases (…)?        the same, or nothing
 *   The parts of a phrase follow each other with up to `gap` other words between (default 2), within one
 *   sentence; the words inside one (…) follow each other directly.
 *   "re:..."    a regular expression instead, for what words cannot say (amounts of money).
 */

const PatternList = z.array(z.string().min(1).max(2000)).default([]);

const CueSchema = z
  .object({
    /** A negation before (or, in Kazakh, after) a match cancels it. False for cues that are negations. */
    negatable: z.boolean().default(true),
    /** The cue does not count when any of these cues is in the ad. */
    unless: z.array(z.string()).default([]),
    /** Words allowed between the words of a phrase. */
    gap: z.number().int().min(0).max(6).default(2),
    ru: PatternList,
    kk: PatternList,
    en: PatternList,
    /** Patterns in no one language: names of places, brands, numbers. */
    any: PatternList,
  })
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
        /** Words that negate only the word right after them ("без опыта", "no fees", "free"). */
        beforeNear: z.array(z.string()).default([]),
        /** Words that negate what precedes them (Kazakh "жоқ", "емес"). */
        after: z.array(z.string()),
        /** Word endings that negate a verb after the match (Kazakh "-майды", "-бейміз"). */
        afterEndings: z.array(z.string()),
        /** How many words around a match are looked at. */
        window: z.number().int().min(1).max(6).default(3),
      })
      .strict(),
    cues: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), CueSchema),
    flags: z.record(z.string(), FlagRuleSchema),
    /** When these cues are in the ad `warningHits` times, it warns about scams (quoting one): no flags. */
    warning: z.array(z.string()).default([]),
    warningHits: z.number().int().min(1).default(2),
    /** Answers of the offer check the ad settles: question -> option -> cues. */
    prefill: z.record(z.string(), z.record(z.string(), z.array(z.string()))).default({}),
  })
  .strict();
export type LexiconSource = z.infer<typeof LexiconSchema>;

export interface CompiledCue {
  name: string;
  negatable: boolean;
  unless: string[];
  /** One global regular expression for all the cue's patterns, over a normalised view. */
  regex: RegExp;
}

export interface Lexicon {
  source: LexiconSource;
  cues: Map<string, CompiledCue>;
  negBefore: RegExp;
  /** Anchored at the end: the word right before a match. */
  negNear: RegExp;
  /** Any negation word, for inside a phrase ("перелёт компенсируем, без удержаний из зарплаты"). */
  negInside: RegExp;
  negAfter: RegExp;
}

const W = '[\\p{L}\\p{N}]';
const NW = '[^\\p{L}\\p{N}]';
/** Between two words of a phrase: not across a line, "!", "?" or ";" (a dot may be an abbreviation). */
const SEP = '[^\\p{L}\\p{N}!?;\\n]+';

// Kazakh written with Russian letters is common in messengers ("кыздар" for "қыздар"), and и/і are
// mixed up: a pattern letter matches its everyday substitutes.
const LOOSE: Record<string, string> = {
  қ: '[қк]',
  ғ: '[ғг]',
  ң: '[ңн]',
  ө: '[өо]',
  ұ: '[ұүу]',
  ү: '[үұу]',
  і: '[іиы]',
  и: '[иі]',
  ә: '[әа]',
  һ: '[һх]',
  е: '[её]',
};

function escapeLetters(word: string): string {
  let out = '';
  for (const ch of word) out += LOOSE[ch] ?? ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return out;
}

function compileWord(word: string): string {
  if (word === '#') return `\\d[\\d\\s.,]*`;
  if (word === '*') return `${W}+`;
  const stem = word.endsWith('*');
  const body = escapeLetters((stem ? word.slice(0, -1) : word).toLowerCase().replace(/ё/g, 'е'));
  return `(?<!${W})${body}${stem ? `${W}*` : `(?!${W})`}`;
}

interface Part {
  /** Alternatives, each a sequence of words that follow each other directly. */
  alts: string[][];
  optional: boolean;
}

function parseParts(pattern: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (/\s/.test(pattern[i] as string)) {
      i++;
      continue;
    }
    if (pattern[i] === '(') {
      const close = pattern.indexOf(')', i);
      if (close < 0) throw new Error('a "(" without ")"');
      if (pattern.slice(i + 1, close).includes('('))
        throw new Error('"(…)" inside "(…)": write two patterns');
      const alts = pattern
        .slice(i + 1, close)
        .split('|')
        .map((a) => a.trim().split(/\s+/).filter(Boolean))
        .filter((a) => a.length > 0);
      if (alts.length === 0) throw new Error('an empty "()"');
      const optional = pattern[close + 1] === '?';
      parts.push({ alts, optional });
      i = close + (optional ? 2 : 1);
      continue;
    }
    let j = i;
    while (j < pattern.length && !/\s/.test(pattern[j] as string)) j++;
    parts.push({ alts: [[pattern.slice(i, j)]], optional: false });
    i = j;
  }
  if (parts.length === 0) throw new Error('an empty pattern');
  return parts;
}

/** One phrase of the pattern language as a regular expression source. */
export function compilePattern(pattern: string, gap: number): string {
  if (pattern.startsWith('re:')) return `(?:${pattern.slice(3)})`;
  const between = gap > 0 ? `${SEP}(?:${W}+${SEP}){0,${gap}}` : SEP;
  const parts = parseParts(pattern).map((p) => ({
    source: `(?:${p.alts.map((words) => words.map(compileWord).join(SEP)).join('|')})`,
    optional: p.optional,
  }));
  // Each optional part present or absent: one plain sequence per combination, so an absent part never
  // leaves a separator that would let the phrase begin on unrelated words.
  let variants: string[][] = [[]];
  for (const part of parts) {
    const withPart = variants.map((v) => [...v, part.source]);
    variants = part.optional ? [...withPart, ...variants] : withPart;
    if (variants.length > 64) throw new Error('too many optional parts in one pattern');
  }
  const sequences = variants.filter((v) => v.length > 0).map((v) => v.join(between));
  if (sequences.length === 0) throw new Error('a pattern of optional parts only');
  return `(?:${sequences.join('|')})`;
}

export function compileLexicon(source: LexiconSource): Lexicon {
  const cues = new Map<string, CompiledCue>();
  for (const [name, cue] of Object.entries(source.cues)) {
    const patterns = [...cue.ru, ...cue.kk, ...cue.en, ...cue.any];
    if (patterns.length === 0) throw new Error(`cue "${name}" has no patterns`);
    const regex = new RegExp(patterns.map((p) => compilePattern(p, cue.gap)).join('|'), 'gu');
    cues.set(name, { name, negatable: cue.negatable, unless: cue.unless, regex });
  }
  const words = (list: string[]) =>
    list
      .map((w) =>
        w.endsWith('*')
          ? `${escapeLetters(w.slice(0, -1).toLowerCase())}${W}*`
          : escapeLetters(w.toLowerCase()),
      )
      .join('|');
  return {
    source,
    cues,
    negBefore: new RegExp(`(?<!${W})(?:${words(source.negation.before)})(?!${W})`, 'u'),
    negNear: new RegExp(`(?<!${W})(?:${words(source.negation.beforeNear)})${NW}*$`, 'u'),
    negInside: new RegExp(
      // …followed by more words of the phrase: "visa-free" ends with "free" and negates nothing.
      `(?<=${NW})(?:${words([...source.negation.before, ...source.negation.beforeNear])})(?!${W})(?=${NW}+${W})`,
      'u',
    ),
    negAfter: new RegExp(
      `(?<!${W})(?:${words(source.negation.after)})(?!${W})|${W}(?:${words(source.negation.afterEndings)})(?!${W})`,
      'u',
    ),
  };
}

/** Parses and checks a lexicon file: unknown cues and flags, and patterns that do not compile. */
export function parseLexicon(text: string, file: string): Lexicon {
  const parsed = LexiconSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const problems = lexiconProblems(parsed.data);
  if (problems.length > 0) throw new Error(problems.map((p) => `${file}: ${p}`).join('\n'));
  return compileLexicon(parsed.data);
}

export function lexiconProblems(source: LexiconSource): string[] {
  const problems: string[] = [];
  const cueNames = new Set(Object.keys(source.cues));
  const need = (where: string, names: string[]) => {
    for (const n of names) if (!cueNames.has(n)) problems.push(`${where}: unknown cue "${n}"`);
  };
  for (const [name, cue] of Object.entries(source.cues)) {
    need(`cue "${name}"`, cue.unless);
    for (const p of [...cue.ru, ...cue.kk, ...cue.en, ...cue.any]) {
      try {
        new RegExp(compilePattern(p, cue.gap), 'u');
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
      ...(rule.missing?.of ?? []),
      ...(rule.missing?.when ?? []),
    ]);
  }
  need('warning', source.warning);
  for (const [q, options] of Object.entries(source.prefill)) {
    for (const [o, names] of Object.entries(options)) need(`prefill ${q}.${o}`, names);
  }
  return problems;
}
