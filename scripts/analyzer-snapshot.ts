import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/cli/paths.js';
import { analyzeAd } from '../src/domain/ads/analyze.js';
import { normalize } from '../src/domain/ads/normalize.js';
import { loadLexicon } from '../src/infra/content.js';
import { adsOfSize, adversarialAds, readCorpus } from './ad-corpus.js';

/**
 * Every verdict of the ad analyzer on the ads it is measured on, for speed-ups that must change none:
 *
 *   npx tsx scripts/analyzer-snapshot.ts --write /tmp/snapshot.jsonl     before the change
 *   npx tsx scripts/analyzer-snapshot.ts --compare /tmp/snapshot.jsonl   after each step: 0 differences
 *
 * The inputs: every ad of test/fixtures/ads and of the open corpus (test/fixtures/corpus/open/ads), as
 * written and in upper case, the bench's 1 KB and 4 KB ads (`adsOfSize`) of both, and the bench's 64 KB
 * adversarial shapes. Each line is one input's full verdict as JSON, with a digest of its normalised
 * view (text and map: the seen-before store fingerprints it too). `scripts/ads-golden.ts` adds the
 * disguises (look-alike letters, spacing, emoji, transliteration, random Unicode).
 */
const { values } = parseArgs({ options: { write: { type: 'string' }, compare: { type: 'string' } } });

const own = readCorpus(join(ROOT, 'test', 'fixtures', 'ads')).map((a) => a.text);
const open = readCorpus(join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'ads')).map((a) => a.text);
const inputs: [string, string][] = [];
for (const [name, texts] of [
  ['own', own],
  ['open', open],
] as const) {
  texts.forEach((t, i) => {
    inputs.push([`${name} ${i}`, t], [`${name} ${i} upper`, t.toUpperCase()]);
  });
  for (const size of [1024, 4096])
    adsOfSize(texts, size).forEach((t, i) => {
      inputs.push([`${name} ${i} ${size}`, t]);
    });
}
for (const [name, text] of adversarialAds()) inputs.push([`64 KB ${name}`, text]);

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const lexicon = loadLexicon();
const lines = inputs.map(([name, text]) => {
  const view = normalize(text);
  return JSON.stringify({
    name,
    view: digest(`${view.text}\u0000${view.map.join(',')}`),
    verdict: analyzeAd(lexicon, text),
  });
});
const all = `${lines.join('\n')}\n`;

if (values.write) {
  writeFileSync(values.write, all);
  process.stdout.write(`${lines.length} verdicts written to ${values.write} (${digest(all)})\n`);
} else if (values.compare) {
  const golden = readFileSync(values.compare, 'utf8').split('\n').slice(0, -1);
  let diffs = 0;
  if (golden.length !== lines.length) {
    process.stdout.write(`the snapshot has ${golden.length} verdicts, this run ${lines.length}\n`);
    process.exitCode = 1;
  }
  for (let i = 0; i < Math.min(golden.length, lines.length); i++) {
    if (golden[i] === lines[i]) continue;
    if (++diffs <= 5) process.stdout.write(`snapshot: ${golden[i]}\nnow:      ${lines[i]}\n`);
  }
  process.stdout.write(`${lines.length} inputs, ${diffs} differences (${digest(all)})\n`);
  if (diffs > 0) process.exitCode = 1;
} else {
  process.stdout.write(`${lines.length} inputs (${digest(all)}); --write FILE or --compare FILE\n`);
}
