import { Readable, Writable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';
import type { Ran } from './spawn.js';

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * Runs a command's `main(argv, io)` in this process, as `runTs` runs it in its own: standard input from
 * a string, standard output and error collected, and only the environment given (no .env, no
 * environment of the test runner), so a case depends on nothing around it.
 */
export async function runMain(
  main: (argv: string[], io: Io) => Promise<number>,
  argv: string[],
  env: Record<string, string> = {},
  input = '',
): Promise<Ran> {
  const stdout = collector();
  const stderr = collector();
  const io: Io = {
    stdin: Readable.from([Buffer.from(input)]),
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { LOG_LEVEL: 'silent', ...env },
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
