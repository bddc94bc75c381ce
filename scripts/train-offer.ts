import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/cli/paths.js';
import { analyzeAdWith } from '../src/domain/ads/analyze.js';
import {
  NOT_AN_OFFER,
  OFFER_MODEL_MIN_WORDS,
  OFFER_ONLY,
  type OfferModel,
  offerFeatures,
  offerTokens,
  probability,
} from '../src/domain/ads/offer.js';
import { type Example, train } from '../src/domain/danger/model.js';
import { loadLexicon } from '../src/infra/content.js';
import { type LabelledAd, readCorpus } from './ad-corpus.js';

/**
 * `npm run train:offer`: trains the second opinion on whether a text is an offer at all
 * (src/domain/ads/offer.ts) on the open part of the strangers' corpus only (never the sealed part) and the
 * project's own ads, and writes src/domain/ads/offer-model.json. `-- --cross`: each open writer's texts
 * are read by a model trained without that writer, as a new writer's would be; nothing is written.
 */
export const OFFER_MODEL_FILE = join(ROOT, 'src', 'domain', 'ads', 'offer-model.json');
/**
 * A normalised model's features move slowly (each weighs 1/√n): a larger step, and no L2 (30 epochs bound
 * the weights). Chosen with `--cross` on the open part, with the threshold.
 */
const OFFER_RATE = 10;
const OPEN_ADS = join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'ads');
const OWN_ADS = join(ROOT, 'test', 'fixtures', 'ads');

interface Text {
  ad: LabelledAd;
  /** The writer, or none for the project's own ads (always trained on). */
  writer?: string;
  notOffer: boolean;
}

/** The training texts in a fixed order: the open part's ads and other texts (not its warnings), then our own ads. */
export function offerTexts(): Text[] {
  const open = readCorpus(OPEN_ADS)
    .filter((ad) => ad.kind !== 'warning')
    .map((ad) => ({ ad, writer: ad.id.split('-')[0], notOffer: ad.kind === 'other' }));
  const own = readCorpus(OWN_ADS).map((ad) => ({ ad, notOffer: false }));
  return [...open, ...own];
}

const example = (t: Text): Example => ({
  features: offerFeatures(t.ad.text).keys.map((k) => k.key),
  danger: t.notOffer,
});

/** The model trained on these texts. */
export function trainOffer(texts: readonly Text[]): OfferModel {
  return train(
    texts.map(example),
    {
      ads: texts.filter((t) => !t.notOffer).length,
      notOffers: texts.filter((t) => t.notOffer).length,
      writers: new Set(texts.flatMap((t) => (t.writer ? [t.writer] : []))).size,
    },
    { normalised: true, rate: OFFER_RATE, l2: 0 },
  );
}

/** Leave one writer out: how many texts of each kind the model, with the rules' guard, reads as no offer. */
function cross(texts: readonly Text[]): string {
  const lexicon = loadLexicon();
  const writers = [...new Set(texts.flatMap((t) => (t.writer ? [t.writer] : [])))];
  const tally = {
    other: 0,
    otherTaken: 0,
    honest: 0,
    honestTaken: 0,
    risky: 0,
    riskyTaken: 0,
    riskyModel: 0,
  };
  // The figures of eval:ads over these texts (warnings aside), by the rules alone and with the held-out model.
  const fig = {
    rules: { tp: 0, fp: 0, fn: 0, honestHigh: 0, riskyHigh: 0 },
    model: { tp: 0, fp: 0, fn: 0, honestHigh: 0, riskyHigh: 0 },
  };
  let honestAll = 0;
  let clearlyRisky = 0;
  const clear = (t: Text) => t.ad.legit === false && t.ad.risk.every((r) => r === 'high' || r === 'critical');
  const count = (f: (typeof fig)['rules'], t: Text, v: ReturnType<typeof analyzeAdWith>) => {
    const got = new Set(v.flags.map((x) => x.id));
    const want = new Set(t.ad.flags);
    for (const id of got)
      if (want.has(id)) f.tp++;
      else f.fp++;
    for (const id of want) if (!got.has(id)) f.fn++;
    const high = v.risk === 'high' || v.risk === 'critical';
    if (t.ad.legit === true && high) f.honestHigh++;
    if (clear(t) && high) f.riskyHigh++;
  };
  for (const writer of writers) {
    const model = trainOffer(texts.filter((t) => t.writer !== writer));
    for (const t of texts.filter((x) => x.writer === writer)) {
      const v = analyzeAdWith(lexicon, t.ad.text, model);
      const taken = !!v.notAnOffer;
      count(fig.model, t, v);
      count(fig.rules, t, analyzeAdWith(lexicon, t.ad.text, undefined));
      if (t.ad.legit === true) honestAll++;
      if (clear(t)) clearlyRisky++;
      const tokens = offerTokens(t.ad.text);
      const modelAlone = tokens.length >= OFFER_MODEL_MIN_WORDS && probability(model, tokens) >= NOT_AN_OFFER;
      if (t.notOffer) {
        tally.other++;
        if (taken) tally.otherTaken++;
      } else if (t.ad.legit === false) {
        tally.risky++;
        if (taken) tally.riskyTaken++;
        if (modelAlone) tally.riskyModel++;
      } else if (t.ad.legit === true) {
        tally.honest++;
        if (taken) tally.honestTaken++;
      }
    }
    process.stderr.write('.');
  }
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)}% (${n}/${d})`;
  return [
    `\nleave one writer out, ${writers.length} writers, threshold ${NOT_AN_OFFER}, guarded by ${[...OFFER_ONLY].join(', ')}:`,
    `  texts that are no offer, read so: ${pct(tally.otherTaken, tally.other)}`,
    `  honest ads read as no offer:      ${pct(tally.honestTaken, tally.honest)}`,
    `  risky ads read as no offer:       ${pct(tally.riskyTaken, tally.risky)} (the model alone, unguarded: ${tally.riskyModel})`,
    ...(['rules', 'model'] as const).map((k) => {
      const f = fig[k];
      const p = (f.tp / Math.max(f.tp + f.fp, 1)).toFixed(3);
      const r = (f.tp / Math.max(f.tp + f.fn, 1)).toFixed(3);
      return `  ${k === 'rules' ? 'rules alone:   ' : 'with the model:'} precision ${p}, recall ${r}, risky rated high ${pct(f.riskyHigh, clearlyRisky)}, honest rated high ${pct(f.honestHigh, honestAll)}`;
    }),
    '  (over the open texts that are not warnings; the rules were tuned on every open writer, so "rules alone" is no first sight: the model\'s part is)',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cross: { type: 'boolean' } } });
  const texts = offerTexts();
  if (values.cross) process.stdout.write(`${cross(texts)}\n`);
  else {
    const model = trainOffer(texts);
    writeFileSync(OFFER_MODEL_FILE, `${JSON.stringify(model)}\n`);
    process.stdout.write(
      `wrote ${OFFER_MODEL_FILE}: ${Object.keys(model.weights).length} weights, trained on ${model.trainedOn.ads} ads and ${model.trainedOn.notOffers} texts that are no offer by ${model.trainedOn.writers} writers\n`,
    );
  }
}
