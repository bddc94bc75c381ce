import { createHash } from 'node:crypto';
import type { Token } from './fold.js';
import type { Hit } from './hits.js';

/**
 * The second opinion on danger: a logistic regression over pieces of the person's words (3 to 5 letters
 * of each folded word, so "забрали", "zabrali" and "забрал" share most of them, and Kazakh endings do not
 * hide a stem) and over the concepts the words of danger found (with their negation). It is trained by
 * `npm run train:danger` on the open part of the strangers' corpus only (messages about danger, and job
 * ads as texts that are not cries), and its weights are data (`model.json`), reproduced by a test.
 *
 * It adds to the rules, never takes away: a message the rules read as danger stays danger, and a message
 * the rules read as a story from the past, a joke or a question before leaving stays calm. Its reasons are
 * the person's words that weighed most, shown as the rules' evidence is.
 */

/** Weights by feature: `c` + 3 to 5 letters of the folded words (with the spaces around them), `k` + a concept. */
export interface DangerModel {
  /** What it was trained on, for the record: counts only. */
  trainedOn: { messages: number; inDanger: number; ads: number; writers: number; lexicon: string };
  bias: number;
  weights: Record<string, number>;
  /**
   * Each text's features weigh 1/√n together (n: how many it has), so a long text does not weigh more for
   * being long: the offer model's (ads/offer.ts), where length says nothing of what a text is.
   */
  normalised?: boolean;
}

const SIZES = [3, 4, 5] as const;

/** One feature and the words it stands on (token indices, inclusive). */
export interface Feature {
  key: string;
  first: number;
  last: number;
}

/**
 * The features of a text: every 3-, 4- and 5-letter piece of " word word ", each once, with the words it
 * touches; and every concept found, negated ones apart. Pieces touching a `muted` word are left out.
 */
export function features(tokens: readonly Token[], hits: readonly Hit[], muted?: Uint8Array): Feature[] {
  const out: Feature[] = [];
  const seen = new Set<string>();
  // " key key key ": where each token's key starts in the joined string.
  let joined = ' ';
  const starts: number[] = [];
  for (const t of tokens) {
    starts.push(joined.length);
    joined += `${t.key} `;
  }
  // The token a position belongs to (a space belongs to the word after it, the last to the word before).
  const owner = new Int32Array(joined.length);
  let k = 0;
  for (let i = 0; i < joined.length; i++) {
    while (k + 1 < starts.length && (starts[k + 1] as number) <= i + 1) k++;
    owner[i] = k;
  }
  for (const n of SIZES) {
    for (let i = 0; i + n <= joined.length; i++) {
      const first = owner[i] as number;
      const last = owner[i + n - 1] as number;
      if (muted && (muted[first] || muted[last])) continue;
      const key = `c${joined.slice(i, i + n)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, first, last });
    }
  }
  for (const h of hits) {
    // A denied concept counts as denied; one in a condition asked about not at all.
    if (muted?.[h.first] && !h.negated) continue;
    const key = `k${h.concept}${h.negated ? '-' : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, first: h.first, last: h.last });
  }
  return out;
}

/** The model's probability that the writer is in danger now, and how much each word weighed for it. */
export function score(
  model: Pick<DangerModel, 'bias' | 'weights' | 'normalised'>,
  found: readonly Feature[],
  words: number,
): { p: number; weightByWord: Float64Array } {
  let z = model.bias;
  const weightByWord = new Float64Array(words);
  const scale = model.normalised ? 1 / Math.sqrt(Math.max(found.length, 1)) : 1;
  for (const f of found) {
    const w0 = model.weights[f.key];
    if (w0 === undefined) continue;
    const w = w0 * scale;
    z += w;
    // A piece over two words counts half for each.
    const span = f.last - f.first + 1;
    for (let i = f.first; i <= f.last; i++) weightByWord[i] = (weightByWord[i] as number) + w / span;
  }
  return { p: 1 / (1 + Math.exp(-z)), weightByWord };
}

/** A training example: its features, and whether it is of the class the model learns (danger, or no offer). */
export interface Example {
  features: readonly string[];
  danger: boolean;
}

/** Training settings: plain stochastic gradient descent on the log loss with L2, in the corpus's order. */
const EPOCHS = 30;
const RATE = 0.2;
const L2 = 1e-3;
/** Weights smaller than this are dropped from the file: they change no reading that matters. */
const KEEP = 0.01;

/**
 * The digits of the area code the project's hotline had until 2006 (now another country's range; see
 * docs/deploy.md): no weight is written with them in a row, so a search of the sources for that number finds
 * no model's weights. Joined here so that this line is no match either.
 */
const RETIRED_DIGITS = ['32', '52'].join('');

/** A weight to four decimals, moved by 0.0001 toward zero where it would be written with `RETIRED_DIGITS`. */
export function roundWeight(x: number): number {
  let r = Math.round(x * 1e4) / 1e4;
  while (String(r).includes(RETIRED_DIGITS)) r = Math.round((r - Math.sign(r) * 1e-4) * 1e4) / 1e4;
  return r;
}

/**
 * Trains the model, deterministically: the same examples in the same order give the same weights, to the
 * fourth decimal that is kept.
 */
export function train<On = DangerModel['trainedOn']>(
  examples: readonly Example[],
  trainedOn: On,
  options: { normalised?: boolean; rate?: number; l2?: number } = {},
): { trainedOn: On; bias: number; weights: Record<string, number>; normalised?: boolean } {
  // Features as numbers, once: the epochs then read and write arrays.
  const index = new Map<string, number>();
  const rows = examples.map((ex) =>
    Int32Array.from(ex.features, (f) => {
      let i = index.get(f);
      if (i === undefined) {
        i = index.size;
        index.set(f, i);
      }
      return i;
    }),
  );
  const w = new Float64Array(index.size);
  let bias = 0;
  const rate = options.rate ?? RATE;
  const l2 = options.l2 ?? L2;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let e = 0; e < rows.length; e++) {
      const row = rows[e] as Int32Array;
      // Each feature's value: 1, or 1/√n of a normalised model.
      const x = options.normalised ? 1 / Math.sqrt(Math.max(row.length, 1)) : 1;
      let sum = 0;
      for (let j = 0; j < row.length; j++) sum += w[row[j] as number] as number;
      const z = bias + sum * x;
      const g = 1 / (1 + Math.exp(-z)) - ((examples[e] as Example).danger ? 1 : 0);
      bias -= rate * g;
      for (let j = 0; j < row.length; j++) {
        const f = row[j] as number;
        const cur = w[f] as number;
        w[f] = cur - rate * (g * x + l2 * cur);
      }
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, i] of [...index].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const rounded = roundWeight(w[i] as number);
    if (Math.abs(rounded) >= KEEP) weights[f] = rounded;
  }
  return {
    trainedOn,
    bias: roundWeight(bias),
    weights,
    ...(options.normalised ? { normalised: true } : {}),
  };
}

/**
 * The words of danger the model was trained with, as a short digest: its concept features and what it
 * does not read come from them, so an edit to flows/lexicon/danger.yaml asks for `npm run train:danger`.
 */
export function lexiconDigest(entries: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
}
