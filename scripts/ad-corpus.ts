import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type AdVerdict, analyzeAd } from '../src/domain/ads/analyze.js';
import type { Lexicon } from '../src/domain/ads/lexicon.js';
import { RISK_LEVELS } from '../src/domain/risk.js';

export const LabelledAdSchema = z.object({
  id: z.string(),
  lang: z.enum(['ru', 'kk', 'en', 'mixed']),
  /** True: honest; false: risky (high or critical); null: in between (the strangers' corpus only). */
  legit: z.boolean().nullable(),
  disguised: z.boolean().default(false),
  /** The strangers' corpus (test/fixtures/corpus): who wrote it, and whether it is an ad at all. */
  writer: z.string().optional(),
  script: z.string().optional(),
  style: z.string().optional(),
  kind: z.enum(['ad', 'warning', 'other']).default('ad'),
  flags: z.array(z.string()),
  risk: z.array(z.enum(RISK_LEVELS)).min(1),
  text: z.string().min(1),
});
export type LabelledAd = z.infer<typeof LabelledAdSchema>;

export function readCorpus(dir: string): LabelledAd[] {
  const ads: LabelledAd[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const items = z.array(LabelledAdSchema).parse(parseYaml(readFileSync(join(dir, file), 'utf8')));
    ads.push(...items);
  }
  return ads;
}

/**
 * A second reading of a labelled ad (`<part>/adjudicated/<writer>.yaml`): an independent annotator labelled
 * every text afresh from the brief's definitions (`second`), blind to the writer's labels and to the analyzer;
 * where the two differed, a third reader, told neither's answer, said yes or no to each flag in dispute
 * (`third`, with `kind_warning` for whether the text is a warning). `kind` and `flags` are the result: what
 * both said, and for each dispute what the third said.
 */
export const AdjudicatedSchema = z.object({
  id: z.string(),
  kind: z.enum(['ad', 'warning', 'other']),
  flags: z.array(z.string()),
  second: z.object({
    kind: z.enum(['ad', 'warning', 'other']),
    legit: z.boolean().nullable(),
    flags: z.array(z.string()),
  }),
  third: z.record(z.string(), z.boolean()).optional(),
});
export type Adjudicated = z.infer<typeof AdjudicatedSchema>;

export function readAdjudicated(dir: string): Map<string, Adjudicated> {
  const out = new Map<string, Adjudicated>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    for (const item of z.array(AdjudicatedSchema).parse(parseYaml(readFileSync(join(dir, file), 'utf8'))))
      out.set(item.id, item);
  }
  return out;
}

/** The ads with the adjudicated `kind` and `flags` in place of the writer's; every ad must have been read again. */
export function adjudicate(ads: readonly LabelledAd[], read: ReadonlyMap<string, Adjudicated>): LabelledAd[] {
  return ads.map((ad) => {
    const a = read.get(ad.id);
    if (!a) throw new Error(`${ad.id} has no second reading`);
    return { ...ad, kind: a.kind, flags: a.flags };
  });
}

/**
 * How far a careful human agrees with the writers: the second reader's flags scored against the writer's
 * as the analyzer's are (warnings the writer labelled are not scored).
 */
export function secondReaderAgreement(
  ads: readonly LabelledAd[],
  read: ReadonlyMap<string, Adjudicated>,
): { precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const ad of ads) {
    const a = read.get(ad.id);
    if (!a || ad.kind === 'warning') continue;
    const want = new Set(ad.flags);
    const got = new Set(a.second.flags);
    for (const id of got)
      if (want.has(id)) tp++;
      else fp++;
    for (const id of want) if (!got.has(id)) fn++;
  }
  return { precision: tp / Math.max(tp + fp, 1), recall: tp / Math.max(tp + fn, 1) };
}

export interface FlagScore {
  tp: number;
  fp: number;
  fn: number;
}

export interface Evaluation {
  ads: number;
  perFlag: Map<string, FlagScore>;
  micro: { precision: number; recall: number };
  /** expected level (the highest acceptable) -> predicted level -> count */
  confusion: Map<string, Map<string, number>>;
  /** Risky ads (high or critical acceptable only) rated high or critical. */
  riskyCaught: number;
  riskyTotal: number;
  /** Legitimate ads rated high or critical. */
  legitAlarmed: number;
  legitTotal: number;
  /** Ads whose verdict is outside the acceptable range. */
  outOfRange: number;
  misses: {
    id: string;
    missing: string[];
    extra: string[];
    risk: string;
    expected: string[];
    verdict: AdVerdict;
  }[];
}

/** Flags the evaluation counts: `abroad` is context, not a red flag, and is scored like the rest. */
export function evaluateAds(lexicon: Lexicon, ads: LabelledAd[]): Evaluation {
  const perFlag = new Map<string, FlagScore>();
  const score = (id: string) => {
    let s = perFlag.get(id);
    if (!s) {
      s = { tp: 0, fp: 0, fn: 0 };
      perFlag.set(id, s);
    }
    return s;
  };
  const confusion = new Map<string, Map<string, number>>();
  const ev: Evaluation = {
    ads: ads.length,
    perFlag,
    micro: { precision: 0, recall: 0 },
    confusion,
    riskyCaught: 0,
    riskyTotal: 0,
    legitAlarmed: 0,
    legitTotal: 0,
    outOfRange: 0,
    misses: [],
  };
  for (const ad of ads) {
    const verdict = analyzeAd(lexicon, ad.text);
    // A post that warns about a scam quotes the ad it warns about: writers label the quoted ad's flags, the
    // analyzer answers "this is a warning" with none. Its flags are not scored (its risk is); a warning the
    // analyzer takes for an offer still counts, through the risk of an honest text rated high.
    const scored = ad.kind !== 'warning';
    const got = new Set(scored ? verdict.flags.map((f) => f.id) : []);
    const want = new Set(scored ? ad.flags : []);
    for (const id of got) {
      if (want.has(id)) score(id).tp++;
      else score(id).fp++;
    }
    for (const id of want) if (!got.has(id)) score(id).fn++;
    const expected = [...ad.risk].sort((a, b) => RISK_LEVELS.indexOf(a) - RISK_LEVELS.indexOf(b));
    const top = expected.at(-1) as string;
    const row = confusion.get(top) ?? new Map<string, number>();
    row.set(verdict.risk, (row.get(verdict.risk) ?? 0) + 1);
    confusion.set(top, row);
    const high = verdict.risk === 'high' || verdict.risk === 'critical';
    if (ad.legit === true) {
      ev.legitTotal++;
      if (high) ev.legitAlarmed++;
    } else if (ad.legit === false && expected.every((r) => r === 'high' || r === 'critical')) {
      ev.riskyTotal++;
      if (high) ev.riskyCaught++;
    }
    const inRange = ad.risk.includes(verdict.risk);
    if (!inRange) ev.outOfRange++;
    const missing = [...want].filter((id) => !got.has(id));
    const extra = [...got].filter((id) => !want.has(id));
    if (missing.length || extra.length || !inRange) {
      ev.misses.push({ id: ad.id, missing, extra, risk: verdict.risk, expected, verdict });
    }
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of perFlag.values()) {
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
  }
  ev.micro = { precision: tp / Math.max(tp + fp, 1), recall: tp / Math.max(tp + fn, 1) };
  return ev;
}

/** Corpus ads joined to about `size` characters each (one per ad, starting there), so the words are those of real ads. */
export function adsOfSize(texts: string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    let ad = '';
    for (let k = i; ad.length < size; k++) ad += `${texts[k % texts.length]}\n\n`;
    out.push(ad.slice(0, size));
  }
  return out;
}

/** Shapes that made the analyzer slow once (runs of digits, quotes, one word), each repeated to 64 KB. */
const ADVERSARIAL_SHAPES: [string, string][] = [
  ['digits', '1'],
  ['digit words', '1 '],
  ['amounts', '1,000 '],
  ['dollars', '$'],
  ['one word', 'паспорт '],
  ['a relation', 'паспорт хранится '],
  ['ages', 'девушки 18-25 '],
  ['one letter', 'a'],
  ['emoji', '💃'],
  ['mixed scripts', 'дe'],
  ['spaced letters', 'д е в у ш к и '],
  ['open quotes', '«'],
  ['straight quotes', '"a'],
  ['phones', '+7 701 '],
  ['handles', '@a'],
  ['dots', '.'],
  ['Kazakh', 'жұмыс қыздар '],
  ['Latin Kazakh', 'qyzdar jumys '],
  ['negations', 'не '],
  ['no spaces', 'работавдубаедевушки'],
  ['spaced words and digits', 'о п ы т  н е  н у ж е н  3 0 0 0 $  '],
  // A stem read inside a run of letters, then any letters ("кафе\p{L}*…", "школ\p{L}*…"): the square of the run.
  ['a place run together', 'кафе'],
  ['schoolgirls run together', 'школьницы'],
  // A company's word run together before a quote that does not close ("отел\p{L}*" then words, then «): its cube once.
  ['a company run together before a quote', `${'отел'.repeat(511)} «`],
  // Found by the fifteenth round's review, still slow: a quote that scans on for a preposition to the line's end at
  // each opening; a domain's labels read from each dot; a question looked for to the sentence's end from each match.
  ['quotes and a cafe', '«a кафе '],
  ['a letter and a dot', 'a.'],
  ['work there is', 'есть работа '],
];
export function adversarialAds(): [string, string][] {
  return ADVERSARIAL_SHAPES.map(([name, unit]) => [name, unit.repeat(Math.ceil((64 * 1024) / unit.length))]);
}
