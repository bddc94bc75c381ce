import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { dropPrefix, testPrefix, testRedis } from './helpers/redis.js';
import { runMain } from './helpers/run.js';
import { runTs } from './helpers/spawn.js';

const redis = testRedis();
const prefix = testPrefix('main');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

/** Starts tekser in this process, with only the environment given; it stops at once in every case here. */
async function start(env: Record<string, string>, input = '') {
  const ran = await runMain(async (argv, io) => (await main(argv, io)) ?? -1, [], env, input);
  // Each case ends by itself; a case that went on serving would leave its server running.
  expect(ran.code, 'tekser went on serving').not.toBe(-1);
  return ran;
}

describe('npm start', () => {
  it('starts as its own process: the terminal chat when no Telegram token is set, saying so in one line', async () => {
    const { code, stdout, stderr } = await runTs(
      'src/main.ts',
      [],
      { TELEGRAM_BOT_TOKEN: '', REDIS_PREFIX: prefix },
      '/help\n',
    );
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')[0]).toMatch(
      /^No TELEGRAM_BOT_TOKEN and no WHATSAPP_\* set: starting the terminal chat/,
    );
    expect(stdout).toContain('/cancel');
  });

  it('stops with one clear line, not 0, when no channel is set and there is no terminal (an empty stdin)', async () => {
    // As in a container: no channel in .env, stdin empty and closed. Exiting 0 made compose restart it forever.
    const { code, stdout, stderr } = await runTs(
      'src/main.ts',
      [],
      { TELEGRAM_BOT_TOKEN: '', REDIS_PREFIX: prefix },
      '',
    );
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(/^tekser: no channel is configured .* and there is no terminal to chat in/);
    expect(stdout).toBe('');
  });

  it('runs the terminal chat when no Telegram token is set, saying so in one line', async () => {
    const { code, stdout, stderr } = await start({ REDIS_PREFIX: prefix }, '/help\n');
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')[0]).toMatch(
      /^No TELEGRAM_BOT_TOKEN and no WHATSAPP_\* set: starting the terminal chat/,
    );
    expect(stdout).toContain('/cancel');
  });

  it('refuses to serve Telegram or WhatsApp with the default hotline number, in one line that says why', async () => {
    const { code, stderr } = await start({
      TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      /^tekser: HOTLINE_PHONE is not set: Telegram and WhatsApp give it to people in danger/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to serve Telegram without PERSON_KEY_SECRET, in one line that says why', async () => {
    const { code, stderr } = await start({
      TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      HOTLINE_PHONE: '+7 (7252) 56-27-32',
      // Redis is not even asked: the refusal comes first.
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      /^tekser: PERSON_KEY_SECRET is not set: Telegram ids are kept in Redis key names only as keyed hashes/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a PERSON_KEY_SECRET too short to be one', async () => {
    const { code, stderr } = await start({ PERSON_KEY_SECRET: 'secret' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'tekser: configuration: PERSON_KEY_SECRET: at least 32 characters: generate one with `openssl rand -hex 32`',
    );
  });

  it('stops with one clear line when Telegram is configured and Redis does not answer', async () => {
    const { code, stderr } = await start({
      TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      HOTLINE_PHONE: '+7 (7252) 56-27-32',
      PERSON_KEY_SECRET: 'a-person-key-secret-for-the-tests-only',
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

  it('stops with one clear line when only some of the WhatsApp settings are set', async () => {
    const { code, stderr } = await start({ WHATSAPP_TOKEN: 'EAAtest-access-token-for-offline-tests' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'tekser: configuration: WHATSAPP_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together: set all four for WhatsApp, or none (missing: WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, WHATSAPP_PHONE_NUMBER_ID)',
    );
  });

  it('stops with one clear line when WhatsApp is configured and Redis does not answer', async () => {
    const { code, stderr } = await start({
      WHATSAPP_TOKEN: 'EAAtest-access-token-for-offline-tests',
      WHATSAPP_APP_SECRET: 'test0app0secret0000000000000000aa',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-for-tests',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      HOTLINE_PHONE: '+7 (7252) 56-27-32',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('tekser: Redis at redis://127.0.0.1:1 does not answer; WhatsApp needs Redis');
  });
});
