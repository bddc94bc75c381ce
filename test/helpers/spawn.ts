import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../src/cli/paths.js';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Node's arguments to run a TypeScript file in this one process, with tsx's loader. (tsx's own command
 * starts a second process to run it, which a SIGKILL of the first would leave running.)
 */
export const TSX = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href];

/** Runs a TypeScript entry point of tekser as its own process, as `npm start` or `npm run chat` do. */
export function runTs(entry: string, args: string[], env: Record<string, string>, input = ''): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, join(ROOT, entry), ...args], {
      cwd: ROOT,
      // A fixed locale: the terminal chat greets in the system's language when it knows it.
      env: { ...process.env, LOG_LEVEL: 'silent', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
