import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/cli/paths.js';
import { analyzeAd } from '../src/domain/ads/analyze.js';
import { loadLexicon } from '../src/infra/content.js';
import { adsOfSize, adversarialAds, readCorpus } from './ad-corpus.js';
const lexicon = loadLexicon();
const own = readCorpus(join(ROOT, 'test', 'fixtures', 'ads')).map((a) => a.text);
const openDir = join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'ads');
const open = readdirSync(openDir).length ? readCorpus(openDir).map((a) => a.text) : [];
const texts = [...own, ...open, ...adsOfSize(own, 1024), ...adsOfSize(own, 4096), ...adversarialAds().map(([, t]) => t.slice(0, 9000))];
const h = createHash('sha256');
const bad: number[] = [];
const lines: string[] = [];
for (const [i, t] of texts.entries()) { const line = JSON.stringify(analyzeAd(lexicon, t)); lines.push(line); h.update(line); }
process.stdout.write(`${texts.length} texts ${h.digest('hex').slice(0, 16)}\n`);
if (process.argv[2]) (await import('node:fs')).writeFileSync(process.argv[2], lines.join('\n'));
