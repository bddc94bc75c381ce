import { afterAll, describe, expect, it } from 'vitest';
import { dropPrefix, testPrefix, testRedis } from './helpers/redis.js';
import { runTs } from './helpers/spawn.js';

const redis = testRedis();
const prefix = testPrefix('main');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

function start(env: Record<string, string>, input = '') {
  return runTs('src/main.ts', [], { TELEGRAM_BOT_TOKEN: '', ...env }, input);
}

describe('npm start', () => {
  it('runs the terminal chat when no Telegram token is set, saying so in one line', async () => {
    const { code, stdout, stderr } = await start({ REDIS_PREFIX: prefix }, '/help\n');
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')[0]).toMatch(
      /^No TELEGRAM_BOT_TOKEN and no WHATSAPP_\* set: starting the terminal chat/,
    );
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
