import { realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readDanger } from '../domain/danger/index.js';
import { loadDangerLexicon } from '../infra/content.js';

const USAGE = 'usage: npm run --silent danger -- --jsonl  (lines {"id","text"} on standard input)';

export interface DangerIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** One line of input as the interface promises it: an object with an id and a text. */
function parseLine(line: string): { id: string | number; text: string } {
  let item: unknown;
  try {
    item = JSON.parse(line);
  } catch {
    throw new Error('not JSON');
  }
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('not a JSON object');
  const { id, text } = item as { id?: unknown; text?: unknown };
  if (typeof id !== 'string' && typeof id !== 'number') throw new Error('"id" must be a string or a number');
  if (typeof text !== 'string') throw new Error('"text" must be a string');
  return { id, text };
}

/** Writes one line, waiting when the reader is slower than we are. */
function writeLine(out: NodeJS.WritableStream, line: string): Promise<void> | undefined {
  if (out.write(`${line}\n`)) return undefined;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

/**
 * `npm run --silent danger -- --jsonl`: reads lines {"id","text"} and writes one line each, in order,
 * {"id","danger","evidence"} (evidence: the person's own words that matched). A malformed line gets an
 * error line on standard error and the exit code 2 at the end; the lines after it are still read.
 * Blank lines are skipped. Returns the exit code.
 */
export async function main(argv: readonly string[], io: DangerIo): Promise<number> {
  if (argv.length !== 1 || argv[0] !== '--jsonl') {
    io.stderr.write(`danger: unknown arguments: ${argv.join(' ') || '(none)'}\n${USAGE}\n`);
    return 2;
  }
  const lexicon = loadDangerLexicon();
  let code = 0;
  let n = 0;
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let item: { id: string | number; text: string };
    try {
      item = parseLine(line);
    } catch (err) {
      io.stderr.write(`danger: line ${n}: ${(err as Error).message}\n`);
      code = 2;
      continue;
    }
    const { danger, evidence } = readDanger(lexicon, item.text);
    // Evidence is what made it danger: a bare cry for help is not danger, and says nothing here.
    await writeLine(io.stdout, JSON.stringify({ id: item.id, danger, evidence: danger ? evidence : [] }));
  }
  return code;
}

/** Run only as a command, never when imported (by a test). */
function isEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`danger: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
