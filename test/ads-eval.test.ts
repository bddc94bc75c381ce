import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAds, readCorpus } from '../scripts/ad-corpus.js';
import { ROOT } from '../src/cli/paths.js';
import { loadLexicon } from '../src/infra/content.js';

const ads = readCorpus(join(ROOT, 'test', 'fixtures', 'ads'));

describe('the labelled ad corpus', () => {
  it('is large and varied enough to mean something', () => {
    expect(ads.length).toBeGreaterThanOrEqual(150);
    expect(ads.filter((a) => a.legit).length / ads.length).toBeGreaterThanOrEqual(0.4);
    expect(ads.filter((a) => a.disguised).length).toBeGreaterThanOrEqual(15);
    for (const lang of ['ru', 'kk', 'en', 'mixed'])
      expect(
        ads.some((a) => a.lang === lang),
        lang,
      ).toBe(true);
    expect(new Set(ads.map((a) => a.id)).size).toBe(ads.length);
  });
});

describe('the analyzer on the corpus', () => {
  const ev = evaluateAds(loadLexicon(), ads);
  it('finds red flags with micro-precision and micro-recall of at least 0.9', () => {
    expect(ev.micro.precision).toBeGreaterThanOrEqual(0.9);
    expect(ev.micro.recall).toBeGreaterThanOrEqual(0.9);
  });
  it('rates at least 95% of the risky ads high or critical', () => {
    expect(ev.riskyCaught / ev.riskyTotal).toBeGreaterThanOrEqual(0.95);
  });
  it('rates at most 5% of the legitimate ads high or critical', () => {
    expect(ev.legitAlarmed / ev.legitTotal).toBeLessThanOrEqual(0.05);
  });
});
