import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../src/cli/paths.js';
import { evaluateDanger, formatDangerEvaluation } from '../src/domain/danger/evaluate.js';
import { readDanger as readWith } from '../src/domain/danger/index.js';
import { loadDangerLexicon } from '../src/infra/content.js';
import { OPEN_DANGER_DIR, readDangerCorpus } from './danger-corpus.js';

/**
 * `npm run eval:danger [-- --dir DIR] [--quiet]`: the words of danger against a labelled set of messages,
 * then against job ads, which are not messages about danger but reach the same reader when forwarded.
 */
const lexicon = loadDangerLexicon();
const readDanger = (text: string) => readWith(lexicon, text);
const { values } = parseArgs({ options: { dir: { type: 'string' }, quiet: { type: 'boolean' } } });
const messages = readDangerCorpus(values.dir ?? OPEN_DANGER_DIR);
const ev = evaluateDanger(messages, readDanger);
process.stdout.write(`${formatDangerEvaluation(ev, !values.quiet)}\n`);

if (!values.dir) {
  const folders = [
    join(ROOT, 'test', 'fixtures', 'ads'),
    join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'ads'),
  ];
  let ads = 0;
  const alarmed: string[] = [];
  for (const folder of folders) {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml'))) {
      for (const ad of parseYaml(readFileSync(join(folder, file), 'utf8')) as {
        id: string;
        text: string;
      }[]) {
        ads++;
        const r = readDanger(ad.text);
        if (r.danger) alarmed.push(`  ${ad.id}: ${r.evidence.join(' | ')}`);
      }
    }
  }
  process.stdout.write(`\njob ads and warnings read as danger: ${alarmed.length}/${ads}\n`);
  if (!values.quiet) process.stdout.write(`${alarmed.join('\n')}\n`);
}
