import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

/**
 * What a command reads and writes: its standard streams and its environment. `main(argv, io)` takes it,
 * so a test runs the command in its own process with streams of its own, and only the start-up smoke test
 * pays for a new process.
 */
export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/** The process's own streams and environment. */
export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** True when the module at `url` is the file node was started with (compared as URLs: spaces, Cyrillic). */
export function isEntry(url: string): boolean {
  return process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;
}

/**
 * Runs a command's `main` as the process's entry: its exit code becomes the process's. The process then
 * ends by itself, once everything the command opened is closed.
 */
export function runAsEntry(main: (argv: string[], io: Io) => Promise<number>): void {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error)?.stack || String(err)}\n`);
      process.exit(1);
    },
  );
}

/**
 * Whether the terminal chat has someone to talk to: a terminal, or input piped in (a script). An empty,
 * closed stdin (a container's, a service's) has none. Nothing is read to find out: the first `readable`
 * tells whether anything is waiting, and the chat reads it after.
 */
export async function stdinHasInput(stdin: Io['stdin']): Promise<boolean> {
  if ((stdin as { isTTY?: boolean }).isTTY) return true;
  return new Promise<boolean>((resolve) => {
    const done = (has: boolean) => {
      stdin.off('readable', onReadable);
      stdin.off('end', onEnd);
      stdin.off('error', onEnd);
      resolve(has);
    };
    const onReadable = () => done(stdin.readableLength > 0);
    const onEnd = () => done(false);
    stdin.on('readable', onReadable);
    stdin.once('end', onEnd);
    stdin.once('error', onEnd);
  });
}
