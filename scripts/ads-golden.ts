import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/cli/paths.js';
import { analyzeAd } from '../src/domain/ads/analyze.js';
import { loadLexicon } from '../src/infra/content.js';
import { readCorpus } from './ad-corpus.js';
import { disguisedAds } from './ad-disguises.js';

/**
 * Golden verdicts of the ad analyzer, for changes that must not change a single one (speed-ups).
 *
 *   npx tsx scripts/ads-golden.ts --write /tmp/ads-golden.jsonl     before the change
 *   npx tsx scripts/ads-golden.ts --compare /tmp/ads-golden.jsonl   after each step: 0 differences
 *
 * The inputs are generated, always the same (a seeded generator): the corpus ads as they are, joined to
 * 1, 4, 9 and 12 KB, and disguised in every way the analyzer undoes (case, look-alike letters, spaced and
 * dotted letters, emoji inside words, stretched letters, Latin transliteration), cut at random points,
 * spliced together, and random Unicode. Each line is one input's full verdict, as JSON.
 */
const { values } = parseArgs({
  options: { write: { type: 'string' }, compare: { type: 'string' }, count: { type: 'boolean' } },
});

const corpus = readCorpus(join(ROOT, 'test', 'fixtures', 'ads')).map((a) => a.text);

const lexicon = loadLexicon();
const all = disguisedAds(corpus);
if (values.count) process.stdout.write(`${all.length} inputs\n`);
const lines = all.map((text) => JSON.stringify(analyzeAd(lexicon, text)));
const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

if (values.write) {
  writeFileSync(values.write, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.length} verdicts written to ${values.write} (${digest(lines.join('\n'))})\n`);
} else if (values.compare) {
  const golden = readFileSync(values.compare, 'utf8').split('\n').slice(0, -1);
  let diffs = 0;
  if (golden.length !== lines.length) {
    process.stdout.write(`golden has ${golden.length} verdicts, the generator makes ${lines.length}\n`);
    process.exitCode = 1;
  }
  for (let i = 0; i < Math.min(golden.length, lines.length); i++) {
    if (golden[i] === lines[i]) continue;
    diffs++;
    if (diffs <= 5) {
      process.stdout.write(
        `#${i}: ${JSON.stringify(all[i]?.slice(0, 200))}\n  golden: ${golden[i]}\n  now:    ${lines[i]}\n`,
      );
    }
  }
  process.stdout.write(`${lines.length} inputs, ${diffs} differences\n`);
  if (diffs > 0) process.exitCode = 1;
} else {
  process.stdout.write(
    `${lines.length} inputs (${digest(lines.join('\n'))}); --write FILE or --compare FILE\n`,
  );
}
