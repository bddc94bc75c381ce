import { join } from 'node:path';
import { ROOT } from '../src/cli/paths.js';
import { analyzeAd } from '../src/domain/ads/analyze.js';
import { loadLexicon } from '../src/infra/content.js';
import { adsOfSize, adversarialAds, readCorpus } from './ad-corpus.js';
import { percentile, round } from './bench-stats.js';

/**
 * The ad analyzer's part of `npm run bench` (`--only ads`): 1 KB and 4 KB ads built from the corpus, one at a time,
 * the 1 KB again once the analyzer is warm, and 64 KB of each adversarial shape (scripts/ad-corpus.ts).
 */

export function benchAds(quick: boolean) {
  const lexicon = loadLexicon();
  const texts = readCorpus(join(ROOT, 'test', 'fixtures', 'ads')).map((a) => a.text);
  const run = (size: number, seconds: number) => {
    const ads = adsOfSize(texts, size);
    for (const ad of ads.slice(0, 50)) analyzeAd(lexicon, ad); // warm up
    const times: number[] = [];
    const until = performance.now() + seconds * 1000;
    let n = 0;
    const start = performance.now();
    while (performance.now() < until) {
      const ad = ads[n % ads.length] as string;
      const t0 = performance.now();
      analyzeAd(lexicon, ad);
      times.push(performance.now() - t0);
      n++;
    }
    const elapsed = (performance.now() - start) / 1000;
    times.sort((a, b) => a - b);
    return {
      per_s: Math.round(n / elapsed),
      p50_ms: round(percentile(times, 0.5)),
      p99_ms: round(percentile(times, 0.99)),
    };
  };
  const k1 = run(1024, quick ? 1 : 3);
  const k4 = run(4096, quick ? 1 : 3);
  // The 1 KB ads again, the analyzer now warm (some thousands of analyses compiled it): the p99 of a bot that has
  // been up a while. The first figures include the process's first analyses, which are slower.
  const warm = run(1024, quick ? 1 : 2);
  return {
    per_s: k1.per_s,
    p99_1k_ms: k1.p99_ms,
    p50_1k_ms: k1.p50_ms,
    p50_1k_warm_ms: warm.p50_ms,
    p99_1k_warm_ms: warm.p99_ms,
    per_s_4k: k4.per_s,
    p99_4k_ms: k4.p99_ms,
    ...adversarial(lexicon),
  };
}

/** 64 KB of shapes that made the analyzer slow once (runs of digits, quotes, one word): the worst. */
function adversarial(lexicon: ReturnType<typeof loadLexicon>) {
  let worst = 0;
  let worstShape = '';
  for (const [name, text] of adversarialAds()) {
    analyzeAd(lexicon, text);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) analyzeAd(lexicon, text);
    const ms = (performance.now() - t0) / 5;
    if (ms > worst) {
      worst = ms;
      worstShape = name;
    }
  }
  return { worst_64k_ms: round(worst), worst_64k_shape: worstShape };
}
