import { afterAll, describe, expect, it } from 'vitest';
import { DialogueService } from '../../src/app/dialogue-service.js';
import { createBot } from '../../src/channels/telegram/bot.js';
import { telegramWebhook } from '../../src/channels/telegram/webhook.js';
import { createHttpServer, TELEGRAM_WEBHOOK_PATH } from '../../src/infra/http-server.js';
import { createLogger } from '../../src/infra/logger.js';
import { createMetrics } from '../../src/infra/metrics.js';
import { RedisStore } from '../../src/store/redis.js';
import { BOT_INFO, Recorder, TOKEN } from '../../testing/bot-api.js';
import { deps as makeDeps, text } from '../helpers/content.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('telegram-webhook');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const SECRET = 'a-webhook-secret-of-enough-length';

/** tekser's webhook as main.ts builds it; Bot API calls wait for `release` when `held`. */
async function server(options: { held?: boolean } = {}) {
  const metrics = createMetrics();
  const recorder = new Recorder();
  const log = createLogger('silent');
  let release = () => {};
  const gate = options.held ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  const fetch = (async (...args: Parameters<typeof recorder.fetch>) => {
    await gate;
    return recorder.fetch(...args);
  }) as typeof recorder.fetch;
  const store = new RedisStore(redis, { prefix, ttlSeconds: 60 });
  const bot = createBot(TOKEN, {
    service: new DialogueService({ deps: await makeDeps(), store, log, metrics }),
    log,
    metrics,
    client: { fetch, apiRoot: 'http://telegram.invalid' },
    botInfo: BOT_INFO,
  });
  const webhook = telegramWebhook({ bot, secret: SECRET, redis, prefix, log, metrics });
  const app = createHttpServer({
    metrics,
    ready: async () => true,
    telegram: { handler: webhook.handler as never },
  });
  return { app, recorder, webhook, release: () => release() };
}

let nextChat = 7_100_000;
const update = (id: number, chat: number, text: string) => ({
  update_id: id,
  message: {
    message_id: id,
    date: 1,
    chat: { id: chat, type: 'private', first_name: 'x' },
    from: { id: chat, is_bot: false, first_name: 'x', language_code: 'en' },
    text,
  },
});
const post = (app: Awaited<ReturnType<typeof server>>['app'], body: unknown, secret = SECRET) =>
  app.inject({
    method: 'POST',
    url: TELEGRAM_WEBHOOK_PATH,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
  });

describe("Telegram's webhook", () => {
  it('refuses a request without the secret', async () => {
    const { app, recorder, webhook } = await server();
    const res = await post(app, update(1, nextChat++, '/start'), 'wrong-wrong-wrong-wrong-wrong-wrong');
    expect(res.statusCode).toBe(401);
    await webhook.drain(5000);
    expect(recorder.calls).toEqual([]);
  });

  it('answers a repeated delivery of one update once, on any instance', async () => {
    const chat = nextChat++;
    const body = update(9_000_001, chat, '/start');
    const one = await server();
    const other = await server();
    expect((await post(one.app, body)).statusCode).toBe(200);
    // Telegram did not get the first 200 in time and delivers again, here and to another instance.
    expect((await post(one.app, body)).statusCode).toBe(200);
    expect((await post(other.app, body)).statusCode).toBe(200);
    await one.webhook.drain(10_000);
    await other.webhook.drain(10_000);
    const answers = [...one.recorder.sent(), ...other.recorder.sent()].filter((m) => m.chat_id === chat);
    expect(answers.filter((m) => m.text === text('en', 'menu.q'))).toHaveLength(1);
    // The next update is a new one, and is answered.
    expect((await post(one.app, update(9_000_002, chat, '/menu'))).statusCode).toBe(200);
    await one.webhook.drain(10_000);
    expect(one.recorder.sent().filter((m) => m.text === text('en', 'menu.q'))).toHaveLength(2);
  });

  it('answers Telegram before the update is handled, and finishes the handling after', async () => {
    const chat = nextChat++;
    const { app, recorder, webhook, release } = await server({ held: true });
    // Every Bot API call hangs: grammY's webhookCallback would hold this request until its timeout.
    const res = await post(app, update(9_000_101, chat, '/start'));
    expect(res.statusCode).toBe(200);
    expect(webhook.inFlight()).toBe(1);
    expect(recorder.sent()).toEqual([]);
    release();
    await webhook.drain(10_000);
    expect(webhook.inFlight()).toBe(0);
    expect(recorder.sent().at(-1)?.text).toBe(text('en', 'menu.q'));
  });

  it('refuses a body that is not an update', async () => {
    const { app } = await server();
    expect((await post(app, { hello: 1 })).statusCode).toBe(400);
  });
});
