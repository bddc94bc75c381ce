import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ROOT } from '../src/cli/paths.js';
import { ACCESS_TOKEN, APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, WEBHOOK } from './graph-api.js';
import { sign } from './whatsapp-updates.js';

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface TekserProcess {
  pid: number;
  url: string;
  /** Resolves when the process has exited: its code or signal, and when. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Its resident memory now, in bytes (Linux), or 0 once it is gone. */
  rss(): number;
  kill(signal: NodeJS.Signals): void;
  /** What it wrote to standard error (its JSON log lines). */
  stderr(): string;
  /** Posts a body signed as Meta signs it to its WhatsApp webhook; resolves with the status. */
  post(body: string): Promise<number>;
}

/**
 * tekser as `npm start` runs it (src/main.ts through tsx), serving WhatsApp only, against the Graph API
 * at `graphUrl` and the Redis at `redisUrl`: for the tests and the bench that kill it or measure it.
 */
export async function startTekser(options: {
  graphUrl: string;
  redisUrl: string;
  prefix: string;
  env?: Record<string, string>;
}): Promise<TekserProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.prefix,
    PORT: String(port),
    HOTLINE_PHONE: '+7 (7252) 56-27-32',
    WHATSAPP_TOKEN: ACCESS_TOKEN,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_API_URL: options.graphUrl,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (let i = 0; ; i++) {
    if (gone) throw new Error(`tekser exited at start: ${err.slice(-500)}`);
    const ok = await fetch(`${url}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (i > 600) throw new Error('tekser did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid ?? 0;
  return {
    pid,
    url,
    exited,
    rss() {
      try {
        const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
        return line ? Number(line[1]) * 1024 : 0;
      } catch {
        return 0;
      }
    },
    kill: (signal) => void child.kill(signal),
    stderr: () => err,
    async post(body) {
      const res = await fetch(`${url}${WEBHOOK}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
        body,
      }).catch(() => undefined);
      await res?.arrayBuffer().catch(() => undefined);
      return res?.status ?? 0;
    },
  };
}
