import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDangerLexicon } from '../domain/danger/index.js';
import { lexiconDigest } from '../domain/danger/model.js';
import { MODEL } from '../domain/danger/second.js';

/**
 * The words of danger (flows/lexicon/danger.yaml), as the bot reads them at start-up: the schema, concepts
 * the relations know, options that do something, no word twice in one concept; every problem a line.
 */
export function checkDanger(flowsDir: string, rel: (p: string) => string, problems: string[]): void {
  const path = join(flowsDir, 'lexicon', 'danger.yaml');
  if (!existsSync(path)) {
    problems.push(`${rel(path)}: missing (the words of danger are read from it)`);
    return;
  }
  try {
    const lexicon = parseDangerLexicon(readFileSync(path, 'utf8'), rel(path));
    if (lexiconDigest(lexicon.entries) !== MODEL.trainedOn.lexicon)
      problems.push(
        `${rel(path)}: changed since the second opinion on danger was trained: run \`npm run train:danger\` and keep the new src/domain/danger/model.json (docs/danger.md)`,
      );
  } catch (err) {
    problems.push(...(err as Error).message.split('\n'));
  }
}
