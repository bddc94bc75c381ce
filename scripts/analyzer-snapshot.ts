import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/cli/paths.js';
import { analyzeAd } from '../src/domain/ads/analyze.js';
import { normalize } from '../src/domain/ads/normalize.js';
import { loadLexicon } from '../src/infra/content.js';
import { adsOfSize, adversarialAds, readCorpus } from './ad-corpus.js';
import { disguisedAds } from './ad-disguises.js';

/**
 * Every verdict of the ad analyzer on the ads it is measured on, for changes that must change none
 * (speed-ups, a lexicon written more compactly):
 *
 *   npx tsx scripts/analyzer-snapshot.ts --write /tmp/snapshot.jsonl     before the change
 *   npx tsx scripts/analyzer-snapshot.ts --compare /tmp/snapshot.jsonl   after each step: 0 differences
 *
 * The inputs: every ad of test/fixtures/ads, of the open corpus (test/fixtures/corpus/open/ads) and of the
 * sealed one, as written and in upper case, the bench's 1 KB and 4 KB ads (`adsOfSize`) of each, the
 * bench's 64 KB adversarial shapes, then each set disguised (`disguisedAds`: the first of these is exactly
 * `scripts/ads-golden.ts`'s inputs). Each line is one input's full verdict as JSON, with a digest of its
 * normalised view (text and map: the seen-before store fingerprints it too); for the sealed ads, a digest
 * of the verdict instead, so that none of their words is written down. It prints counts and the names of
 * the inputs whose verdict changed (a set and a number), never a text or a verdict.
 */
const { values } = parseArgs({ options: { write: { type: 'string' }, compare: { type: 'string' } } });

const corpus = (...dir: string[]) => readCorpus(join(ROOT, 'test', 'fixtures', ...dir)).map((a) => a.text);
const sets = [
  { name: 'own', texts: corpus('ads'), sealed: false },
  { name: 'open', texts: corpus('corpus', 'open', 'ads'), sealed: false },
] as const;
const sealedSet = { name: 'sealed', texts: corpus('corpus', 'sealed', 'ads'), sealed: true } as const;

interface Input {
  name: string;
  text: string;
  sealed: boolean;
}
const inputs: Input[] = [];
const asWritten = ({ name, texts, sealed }: (typeof sets)[number] | typeof sealedSet) => {
  texts.forEach((text, i) => {
    inputs.push(
      { name: `${name} ${i}`, text, sealed },
      { name: `${name} ${i} upper`, text: text.toUpperCase(), sealed },
    );
  });
  for (const size of [1024, 4096])
    adsOfSize(texts, size).forEach((text, i) => {
      inputs.push({ name: `${name} ${i} ${size}`, text, sealed });
    });
};
// In the order of the first snapshots (own, open, 64 KB), the sealed and the disguised sets after them.
for (const set of sets) asWritten(set);
for (const [name, text] of adversarialAds()) inputs.push({ name: `64 KB ${name}`, text, sealed: false });
asWritten(sealedSet);
for (const set of [...sets, sealedSet])
  disguisedAds(set.texts).forEach((text, i) => {
    inputs.push({ name: `${set.name} disguised ${i}`, text, sealed: set.sealed });
  });

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const lexicon = loadLexicon();
const lines = inputs.map(({ name, text, sealed }) => {
  const view = normalize(text);
  const verdict = analyzeAd(lexicon, text);
  return JSON.stringify({
    name,
    view: digest(`${view.text}\u0000${view.map.join(',')}`),
    verdict: sealed ? digest(JSON.stringify(verdict)) : verdict,
  });
});
const all = `${lines.join('\n')}\n`;
const counts = () => [...sets, sealedSet].map((s) => `${s.name} ${s.texts.length} ads`).join(', ');

/** What differs between two lines, by name: the line's parts, and the verdict's fields when it is kept. */
function difference(before: string, now: string): string {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(now) as Record<string, unknown>;
  const parts = ['name', 'view', 'verdict'].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  const va = a.verdict;
  const vb = b.verdict;
  if (typeof va === 'object' && va && typeof vb === 'object' && vb) {
    const fields = Object.keys({ ...va, ...vb }).filter(
      (k) =>
        JSON.stringify((va as Record<string, unknown>)[k]) !==
        JSON.stringify((vb as Record<string, unknown>)[k]),
    );
    return `${String(b.name)}: ${parts.join(', ')} (${fields.join(', ')})`;
  }
  return `${String(b.name)}: ${parts.join(', ')}`;
}

if (values.write) {
  writeFileSync(values.write, all);
  process.stdout.write(`${lines.length} verdicts written to ${values.write} (${counts()}; ${digest(all)})\n`);
} else if (values.compare) {
  const golden = readFileSync(values.compare, 'utf8').split('\n').slice(0, -1);
  let diffs = 0;
  if (golden.length !== lines.length) {
    process.stdout.write(`the snapshot has ${golden.length} verdicts, this run ${lines.length}\n`);
    process.exitCode = 1;
  }
  for (let i = 0; i < Math.min(golden.length, lines.length); i++) {
    if (golden[i] === lines[i]) continue;
    if (++diffs <= 20) process.stdout.write(`differs: ${difference(golden[i] ?? '{}', lines[i] ?? '{}')}\n`);
  }
  process.stdout.write(`${lines.length} inputs (${counts()}), ${diffs} differences (${digest(all)})\n`);
  if (diffs > 0) process.exitCode = 1;
} else {
  process.stdout.write(
    `${lines.length} inputs (${counts()}; ${digest(all)}); --write FILE or --compare FILE\n`,
  );
}
