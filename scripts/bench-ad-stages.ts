import { analyzeAd } from '../src/domain/ads/analyze.js';
import { extractContactSpans } from '../src/domain/ads/contacts.js';
import { findCues } from '../src/domain/ads/find-cues.js';
import { detectAdLanguage } from '../src/domain/ads/language.js';
import type { Lexicon } from '../src/domain/ads/lexicon.js';
import { normalize } from '../src/domain/ads/normalize.js';
import { notAnOffer, OFFER_MODEL } from '../src/domain/ads/offer.js';
import { readPay } from '../src/domain/ads/pay.js';
import { readings } from '../src/domain/ads/readings.js';
import { findLiterals, literalScan, matchAllAt } from '../src/domain/ads/regex-starts.js';

/**
 * Where an ad's time goes (`npm run bench -- --only ad-stages`): each stage of the analyzer run on its own over
 * the same 1 KB ads, in microseconds an ad, the best of several rounds. A cost model for whoever makes the
 * analyzer faster: what each stage costs, so that a change is aimed where the time is. The stages overlap as
 * the analyzer nests them (the cues include the readings, the patterns and the pay); "the rest of the cues" is
 * what is left of them: phrases, relations of concepts and negation, in every reading.
 */
export interface AdStage {
  stage: string;
  us_per_ad: number;
}

/** The stages' costs over `ads` (1 KB each). */
export function benchAdStages(lexicon: Lexicon, ads: string[], rounds = 6): AdStage[] {
  const views = ads.map((a) => normalize(a).text);
  const patterns = [...lexicon.cues.values()].flatMap((c) => c.regexes);
  const scan = literalScan(patterns);
  const pay = lexicon.source.pay;
  /** The best time of `rounds` rounds over every ad, in microseconds an ad. */
  const time = (run: (i: number) => unknown): number => {
    for (let i = 0; i < ads.length; i++) run(i); // warm up
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      for (let i = 0; i < ads.length; i++) run(i);
      best = Math.min(best, (performance.now() - t0) / ads.length);
    }
    return Math.round(best * 10_000) / 10;
  };
  // The whole analysis once over every ad first: the words of the ads are then known to every stage.
  for (const ad of ads) analyzeAd(lexicon, ad);
  const cues = time((i) => findCues(lexicon, ads[i] as string, []));
  const read = time((i) => readings(ads[i] as string));
  const regexes = time((i) => {
    const text = views[i] as string;
    const found = findLiterals(scan, text);
    for (const re of patterns) matchAllAt(re, text, found);
  });
  const payTime = pay ? time((i) => readPay(views[i] as string, pay)) : 0;
  const whole = time((i) => analyzeAd(lexicon, ads[i] as string));
  return [
    { stage: 'the whole analysis', us_per_ad: whole },
    { stage: 'cues (findCues)', us_per_ad: cues },
    { stage: '  readings: normalised view, words, transliterations', us_per_ad: read },
    { stage: '    of which the normalised view', us_per_ad: time((i) => normalize(ads[i] as string)) },
    { stage: '  regular expressions, with their literal scan', us_per_ad: regexes },
    { stage: '  amounts of pay', us_per_ad: payTime },
    {
      // The cues' best time less three other best times: an estimate, never below nothing.
      stage: '  the rest of the cues (estimate): phrases, relations, negation',
      us_per_ad: Math.max(0, Math.round((cues - read - regexes - payTime) * 10) / 10),
    },
    {
      stage: 'the offer model, asked of every ad',
      us_per_ad: time((i) => notAnOffer(OFFER_MODEL, ads[i] as string)),
    },
    { stage: 'contacts', us_per_ad: time((i) => extractContactSpans(ads[i] as string)) },
    { stage: 'language', us_per_ad: time((i) => detectAdLanguage(ads[i] as string)) },
  ];
}
