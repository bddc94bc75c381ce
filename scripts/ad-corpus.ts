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
];
export function adversarialAds(): [string, string][] {
  return ADVERSARIAL_SHAPES.map(([name, unit]) => [name, unit.repeat(Math.ceil((64 * 1024) / unit.length))]);
}
