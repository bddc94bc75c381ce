import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../src/cli/paths.js';
import { readDanger } from '../src/domain/danger/index.js';
import { loadDangerLexicon } from '../src/infra/content.js';
import { prng } from './prng.js';

/**
 * Every reading of the words of danger on every text they are measured on, for changes that must change
 * none (a move of the lexicon, a speed-up):
 *
 *   npx tsx scripts/danger-snapshot.ts --write /tmp/danger.jsonl     before the change
 *   npx tsx scripts/danger-snapshot.ts --compare /tmp/danger.jsonl   after it: 0 differences
 *
 * The inputs: the labelled messages about danger (open and sealed), the job ads (the project's own, open
 * and sealed), every string written in the tests (test/**\/*.test.ts, the golden scripts, testing/), each
 * word of the lexicon alone and in a few frames ("не …", "… жоқ", "меня …"), and 20,000 seeded random
 * runs of its words. Each line is one input's full reading (danger, ask, evidence) as JSON. A sealed text
 * is never printed nor written: its line holds a digest of its reading only. Nothing prints any text:
 * only counts, a digest of the whole snapshot, and the ids that differ.
 */
const { values } = parseArgs({ options: { write: { type: 'string' }, compare: { type: 'string' } } });

const lexicon = loadDangerLexicon();
const read = (text: string) => readDanger(lexicon, text);
const entries = lexicon.entries;

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const corpus = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseYaml(readFileSync(join(dir, f), 'utf8')) as { id: string; text: string }[]);

/** [id, text, sealed] */
const inputs: [string, string, boolean][] = [];
const fixtures = join(ROOT, 'test', 'fixtures');
for (const part of ['open', 'sealed'] as const)
  for (const kind of ['danger', 'ads'] as const)
    for (const m of corpus(join(fixtures, 'corpus', part, kind)))
      inputs.push([`${part}/${kind}/${m.id}`, m.text, part === 'sealed']);
for (const m of corpus(join(fixtures, 'ads'))) inputs.push([`ads/${m.id}`, m.text, false]);

/** The strings written in the tests: quoted, not an import's path; each once, named by its digest. */
function sources(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name), keep) : keep(e.name) ? [join(dir, e.name)] : [],
    )
    .sort();
}
const LITERAL = /(from\s+|import\s*\(\s*)?(['"`])((?:(?!\2)[^\\\n]|\\.)*)\2/g;
const seen = new Set<string>();
for (const file of [
  ...sources(join(ROOT, 'test'), (n) => n.endsWith('.test.ts')),
  join(ROOT, 'test', 'golden', 'scripts.ts'),
  ...sources(join(ROOT, 'testing'), (n) => n.endsWith('.ts')),
]) {
  for (const m of readFileSync(file, 'utf8').matchAll(LITERAL)) {
    if (m[1]) continue;
    const text = (m[3] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    if (!text.trim() || seen.has(text)) continue;
    seen.add(text);
    inputs.push([`test/${digest(text)}`, text, false]);
  }
}

/** The lexicon's own words, each once, in its order: alone and in frames, then random runs of them. */
const words = [...new Set(entries.flatMap((e) => [...(e.stems ?? []), ...(e.words ?? [])]))];
const FRAMES = ['{}', 'не {}', '{} жоқ', 'меня {}', 'паспорт {}', '{} меня', 'they {} me', 'мені {} деді?'];
words.forEach((w, i) => {
  FRAMES.forEach((f, k) => {
    inputs.push([`lexicon/${i}/${k}`, f.replace('{}', w), false]);
  });
});
const GLUE = ['не', 'меня', 'паспорт', ',', '.', '?', 'если', '5000$', 'за', 'и', 'жоқ', 'мен', '😂', '2015'];
const pool = [...words, ...GLUE];
const random = prng(20261206);
for (let i = 0; i < 20_000; i++) {
  const n = 2 + Math.floor(random() * 7);
  const run: string[] = [];
  for (let k = 0; k < n; k++) run.push(pool[Math.floor(random() * pool.length)] as string);
  inputs.push([`random/${i}`, run.join(' '), false]);
}

const lines = inputs.map(([id, text, sealed]) => {
  const reading = JSON.stringify(read(text));
  return JSON.stringify(sealed ? { id, digest: digest(reading) } : { id, reading: JSON.parse(reading) });
});
const all = `${lines.join('\n')}\n`;
const ids = (ls: string[]) => new Map(ls.map((l) => [(JSON.parse(l) as { id: string }).id, l]));

if (values.write) {
  writeFileSync(values.write, all);
  process.stdout.write(`${lines.length} readings written to ${values.write} (${digest(all)})\n`);
} else if (values.compare) {
  const before = ids(readFileSync(values.compare, 'utf8').split('\n').slice(0, -1));
  const now = ids(lines);
  const differ = [...new Set([...before.keys(), ...now.keys()])].filter(
    (id) => before.get(id) !== now.get(id),
  );
  process.stdout.write(
    `${before.size} inputs in the snapshot, ${now.size} now, ${differ.length} differences by id (${digest(all)})\n`,
  );
  if (differ.length > 0) process.stdout.write(`differing ids: ${differ.slice(0, 50).join(' ')}\n`);
  if (differ.length > 0 || before.size !== now.size) process.exitCode = 1;
} else {
  process.stdout.write(`${lines.length} inputs (${digest(all)}); --write FILE or --compare FILE\n`);
}
