import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../src/tools/paths.js';
import { dropPrefix, testPrefix, testRedis } from './helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('main');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

function start(env: Record<string, string>, input = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: '', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
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

describe('npm start', () => {
  it('runs the terminal chat when no Telegram token is set, saying so in one line', async () => {
    const { code, stdout, stderr } = await start({ REDIS_PREFIX: prefix }, '/help\n');
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')[0]).toMatch(/^No TELEGRAM_BOT_TOKEN set: starting the terminal chat/);
    expect(stdout).toContain('/cancel');
  });

  it('stops with one clear line when Telegram is configured and Redis does not answer', async () => {
    const { code, stderr } = await start({
      TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('tekser: Redis at redis://127.0.0.1:1 does not answer; Telegram needs Redis');
  });

  it('stops with one clear line on a malformed token', async () => {
    const { code, stderr } = await start({ TELEGRAM_BOT_TOKEN: 'not-a-token' });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^tekser: configuration: TELEGRAM_BOT_TOKEN: /);
  });
});
