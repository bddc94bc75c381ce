import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../src/cli/paths.js';
import { personKeyId } from '../src/domain/person.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  FakeGraphApi,
  PHONE_NUMBER_ID,
  VERIFY_TOKEN,
} from '../testing/graph-api.js';
import { message, notification, sign } from '../testing/whatsapp-updates.js';
import { text } from './helpers/content.js';
import { freePort } from './helpers/own-redis.js';
import { dropPrefix, keysUnder, REDIS_URL, testPrefix, testRedis } from './helpers/redis.js';
import { TSX } from './helpers/spawn.js';

/**
 * The real tekser process (`npm start`, as a child process) against telegram-test-api, an emulator of
 * the Bot API, over real HTTP long polling. Its limits: it serves only a few methods (getMe,
 * getUpdates, sendMessage, editMessageText, answerCallbackQuery, deleteWebhook, …; setMyCommands fails
 * and tekser goes on), it answers getUpdates at once instead of waiting, and its users press no inline
 * buttons here: the person answers by typing the numbers, which tekser accepts as it accepts buttons.
 */

const redis = testRedis();
const prefix = testPrefix('e2e');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

async function waitFor<T>(what: string, f: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const PERSON_KEY_SECRET = 'e2e-person-key-secret-0123456789abcdef';

interface BotMessage {
  message: { text: string };
}

function startTekser(apiURL: string, httpPort: number, token: string, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...TSX, join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: token,
      HOTLINE_PHONE: '+7 (7252) 00-00-00',
      PERSON_KEY_SECRET,
      TELEGRAM_API_ROOT: apiURL,
      TELEGRAM_WEBHOOK_URL: '',
      TELEGRAM_WEBHOOK_SECRET: '',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: String(httpPort),
      LOG_LEVEL: 'silent',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

/**
 * The emulator's person `userId` writing to tekser (`token`), which can be started, killed and started
 * again, each time on a free port of its own.
 */
function restartable(server: TelegramServer, token: string, userId: number) {
  const client = server.getClient(token, { userId, chatId: userId, timeout: 10_000, interval: 50 });
  const texts = async () =>
    ((await client.getUpdates()) as unknown as { result: BotMessage[] }).result.map((u) => u.message.text);
  /** The bot's messages read until `expected` is the last (at most 20 reads). */
  const until = async (expected: string) => {
    let got: string[] = [];
    for (let i = 0; i < 20 && got.at(-1) !== expected; i++) got = [...got, ...(await texts())];
    return got;
  };
  /** tekser started, once its /healthz answers. */
  const boot = async (extra: Record<string, string> = {}) => {
    const port = await freePort();
    const t = startTekser(server.config.apiURL, port, token, extra);
    await waitFor('/healthz', async () =>
      (await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined,
    );
    return t;
  };
  const answer = (typed: string) => client.sendMessage(client.makeMessage(typed));
  /** /start, then "1" twice (check an offer; still weighing it): the last message, the question where. */
  const toWhere = async () => {
    await client.sendCommand(client.makeCommand('/start'));
    await until(text('ru', 'menu.q'));
    await answer('1');
    await until(text('ru', 'offer.situation.q'));
    await answer('1');
    return (await until(text('ru', 'offer.where.q'))).at(-1);
  };
  return { boot, until, answer, toWhere };
}

/** The person of the end-to-end check: their id must never reach the metrics. */
const PERSON_ID = 7_012_345_678_901;

describe('tekser end to end', () => {
  it('killed (SIGKILL) mid-check and started again, takes the person on from where they were', async () => {
    const apiPort = await freePort();
    const server = new TelegramServer({ port: apiPort, host: '127.0.0.1', storeTimeout: 60 });
    await server.start();
    const token = '454545:e2e-kill-token-aaaaaaaaaaaaaaaaaaaaaaaaa';
    const { boot, toWhere, answer, until } = restartable(server, token, 6161);
    let tekser = await boot();
    try {
      expect(await toWhere()).toBe(text('ru', 'offer.where.q'));

      tekser.child.kill('SIGKILL');
      await tekser.exited;
      tekser = await boot();
      await answer('2');
      // Russia: the next question is the age, the first two answers kept.
      expect((await until(text('ru', 'offer.age.q'))).at(-1)).toBe(text('ru', 'offer.age.q'));
    } finally {
      tekser.child.kill('SIGTERM');
      await tekser.exited;
      await server.stop();
    }
  }, 60_000);

  it('in webhook mode, registers its webhook with the secret and takes only signed updates', async () => {
    const apiPort = await freePort();
    const httpPort = await freePort();
    const server = new TelegramServer({ port: apiPort, host: '127.0.0.1', storeTimeout: 60 });
    await server.start();
    const token = '434343:e2e-webhook-token-aaaaaaaaaaaaaaaaaaaaaa';
    const secret = 'e2e-webhook-secret-0123456789';
    const tekser = startTekser(server.config.apiURL, httpPort, token, {
      TELEGRAM_WEBHOOK_URL: 'https://tekser.example.org',
      TELEGRAM_WEBHOOK_SECRET: secret,
    });
    try {
      await waitFor('/healthz', async () =>
        (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).ok ? true : undefined,
      );
      const registered = await waitFor('setWebhook', async () => {
        const hooks = (
          server as unknown as {
            webhooks: Record<string, { url: string; secret_token?: string; allowed_updates?: string[] }>;
          }
        ).webhooks;
        return hooks[token];
      });
      expect(registered.url).toBe('https://tekser.example.org/webhooks/telegram');
      expect(registered.secret_token).toBe(secret);
      expect(registered.allowed_updates).toEqual(['message', 'edited_message', 'callback_query']);
      const update = {
        update_id: 1,
        message: {
          message_id: 1,
          date: 1,
          chat: { id: 5151, type: 'private', first_name: 'w' },
          from: { id: 5151, is_bot: false, first_name: 'w' },
          text: '/start',
          entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        },
      };
      const post = (headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${httpPort}/webhooks/telegram`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(update),
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ 'x-telegram-bot-api-secret-token': 'not-the-secret-at-all' })).status).toBe(401);
      expect((await post({ 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
      const client = server.getClient(token, { userId: 5151, chatId: 5151, timeout: 10_000, interval: 50 });
      // The reply is several messages; getUpdates returns as soon as the first is there: ask until the
      // menu's question has come (or waitFor gives up), keeping what each answer brought.
      const texts: string[] = [];
      await waitFor('the menu', async () => {
        const sent = (await client.getUpdates()) as unknown as { result: BotMessage[] };
        texts.push(...sent.result.map((u) => u.message.text));
        return texts.includes(text('ru', 'menu.q')) ? true : undefined;
      }).catch(() => undefined);
      expect(texts).toContain(text('ru', 'menu.q'));
    } finally {
      tekser.child.kill('SIGTERM');
      const code = await tekser.exited;
      await server.stop();
      expect(code, tekser.stderr()).toBe(0);
    }
  }, 60_000);

  it('deployed over a version that named keys by Telegram id, takes the person on from where they were', async () => {
    const apiPort = await freePort();
    const server = new TelegramServer({ port: apiPort, host: '127.0.0.1', storeTimeout: 60 });
    await server.start();
    const token = '474747:e2e-deploy-token-aaaaaaaaaaaaaaaaaaaaaaa';
    const userId = 5_123_456_789;
    const { boot, toWhere, answer, until } = restartable(server, token, userId);
    let tekser = await boot();
    try {
      expect(await toWhere()).toBe(text('ru', 'offer.where.q'));
      tekser.child.kill('SIGTERM');
      await tekser.exited;
      // As the version before left it: the state under the person's Telegram id (RENAME keeps the TTL).
      const hashed = `${prefix}person:tg:${personKeyId(PERSON_KEY_SECRET, String(userId))}`;
      await redis.rename(hashed, `${prefix}person:tg:${userId}`);

      tekser = await boot({ LOG_LEVEL: 'info' });
      await answer('2');
      expect((await until(text('ru', 'offer.age.q'))).at(-1)).toBe(text('ru', 'offer.age.q'));
      expect(await redis.exists(`${prefix}person:tg:${userId}`)).toBe(0);
      expect(await redis.ttl(hashed)).toBeGreaterThan(0);
      for (const key of await keysUnder(redis, prefix))
        expect(key.slice(prefix.length)).not.toContain(String(userId));
      // The move is logged by its counts only.
      const moved = tekser
        .stderr()
        .split('\n')
        .find((l) => l.includes('telegram keys moved to keyed names'));
      expect(JSON.parse(moved ?? '{}')).toMatchObject({ states: 1 });
      expect(tekser.stderr()).not.toContain(String(userId));
    } finally {
      tekser.child.kill('SIGTERM');
      await tekser.exited;
      await server.stop();
    }
  }, 60_000);

  it('takes a person through a whole offer check over HTTP long polling, then stops cleanly on SIGTERM', async () => {
    const apiPort = await freePort();
    const httpPort = await freePort();
    const server = new TelegramServer({ port: apiPort, host: '127.0.0.1', storeTimeout: 60 });
    await server.start();
    const token = '424242:e2e-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaa';
    // This person answers at a machine's pace: the flood limit would (rightly) cut them.
    const { child, exited, stderr } = startTekser(server.config.apiURL, httpPort, token, {
      RATE_LIMIT_PER_10S: '1000',
    });
    try {
      await waitFor('/healthz', async () =>
        (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).ok ? true : undefined,
      );
      expect((await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status).toBe(200);

      // An id long enough never to appear by chance in a metric's value (memory bytes, timestamps).
      const client = server.getClient(token, {
        userId: PERSON_ID,
        chatId: PERSON_ID,
        timeout: 10_000,
        interval: 50,
      });
      const say = async (message: string) => {
        if (message.startsWith('/')) await client.sendCommand(client.makeCommand(message));
        else await client.sendMessage(client.makeMessage(message));
        const updates = (await client.getUpdates()) as unknown as { result: BotMessage[] };
        return updates.result.map((u) => u.message.text);
      };
      let replies = await say('/start');
      // Several bot messages can come in more than one batch: wait for the question.
      const until = async (last: string[], expected: string) => {
        let got = last;
        for (let i = 0; i < 20 && got.at(-1) !== expected; i++) {
          const more = (await client.getUpdates()) as unknown as { result: BotMessage[] };
          got = [...got, ...more.result.map((u) => u.message.text)];
        }
        return got;
      };
      replies = await until(replies, text('ru', 'menu.q'));
      expect(replies.at(-1), JSON.stringify(replies)).toBe(text('ru', 'menu.q'));
      replies = await until(await say('1'), text('ru', 'offer.situation.q'));
      const asked: string[] = [];
      for (let i = 0; i < 40 && replies.at(-1) !== text('ru', 'verdict.next.q'); i++) {
        asked.push(replies.at(-1) ?? '');
        replies = await say('1');
        if (replies.at(-1) === text('ru', 'verdict.next.q')) break;
        // The verdict and the next question may arrive apart.
        if (!replies.at(-1)?.endsWith('?')) replies = await until(replies, text('ru', 'verdict.next.q'));
      }
      expect(asked.length, JSON.stringify(replies)).toBeGreaterThanOrEqual(18);
      expect(replies.join('\n')).toContain(text('ru', 'verdict.level.low'));

      const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
      expect(metrics).toMatch(/tekser_updates_total\{channel="tg",kind="text"\} \d+/);
      expect(metrics).not.toContain(String(PERSON_ID));
    } finally {
      child.kill('SIGTERM');
      // Exit code 0: it stopped in order (after 10 seconds it would have exited with 1).
      const code = await exited;
      await server.stop();
      expect(code, stderr()).toBe(0);
    }
  }, 60_000);

  it('serves Telegram and WhatsApp from one process and one HTTP server, then stops cleanly on SIGTERM', async () => {
    const apiPort = await freePort();
    const httpPort = await freePort();
    const server = new TelegramServer({ port: apiPort, host: '127.0.0.1', storeTimeout: 60 });
    await server.start();
    const graph = await new FakeGraphApi().start();
    const token = '464646:e2e-both-token-aaaaaaaaaaaaaaaaaaaaaaaaa';
    const tekser = startTekser(server.config.apiURL, httpPort, token, {
      WHATSAPP_TOKEN: ACCESS_TOKEN,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_API_URL: graph.url,
    });
    const base = `http://127.0.0.1:${httpPort}`;
    try {
      await waitFor('/healthz', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
      const challenge = await fetch(
        `${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=424242`,
      );
      expect(challenge.status).toBe(200);
      expect(await challenge.text()).toBe('424242');
      const waId = '77019990001';
      const body = JSON.stringify(notification([message('text', waId, { text: { body: 'Сәлем' } })]));
      const post = (signature?: string) =>
        fetch(`${base}/webhooks/whatsapp`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(signature ? { 'x-hub-signature-256': signature } : {}),
          },
          body,
        });
      expect((await post()).status).toBe(401);
      expect((await post(sign(body))).status).toBe(200);
      const menu = await waitFor('the WhatsApp menu', async () =>
        graph.sentTo(waId).find((m) => m.text === text('kk', 'menu.q')),
      );
      expect(menu.kind).toBe('list');

      const client = server.getClient(token, { userId: 7171, chatId: 7171, timeout: 10_000, interval: 50 });
      await client.sendCommand(client.makeCommand('/start'));
      const got = await waitFor('the Telegram menu', async () => {
        const updates = (await client.getUpdates()) as unknown as { result: BotMessage[] };
        const texts = updates.result.map((u) => u.message.text);
        return texts.includes(text('ru', 'menu.q')) ? texts : undefined;
      });
      expect(got).toContain(text('ru', 'menu.q'));
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/tekser_updates_total\{channel="wa",kind="text"\} 1/);
      expect(metrics).toMatch(/tekser_whatsapp_webhook_requests_total\{result="ok"\} 1/);
      expect(metrics).not.toContain(waId);
    } finally {
      tekser.child.kill('SIGTERM');
      const code = await tekser.exited;
      await server.stop();
      await graph.stop();
      expect(code, tekser.stderr()).toBe(0);
    }
  }, 60_000);
});
