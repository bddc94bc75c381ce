import { Readable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';
import type { Ran } from './spawn.js';

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
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdin: Readable.from([Buffer.from(input)]),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { LOG_LEVEL: 'silent', ...env },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
