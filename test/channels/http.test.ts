import { webhookCallback } from 'grammy';
import { afterAll, describe, expect, it } from 'vitest';
import { DialogueService } from '../../src/app/dialogue-service.js';
import { createBot } from '../../src/channels/telegram/bot.js';
import { createHttpServer, TELEGRAM_WEBHOOK_PATH } from '../../src/infra/http-server.js';
import { createLogger } from '../../src/infra/logger.js';
import { createMetrics } from '../../src/infra/metrics.js';
import { RedisStore } from '../../src/store/redis.js';
import { BOT_INFO, Recorder, TOKEN } from '../../testing/bot-api.js';
import { deps as makeDeps, text } from '../helpers/content.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('http');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const SECRET = 'a-webhook-secret-of-enough-length';

async function server(options: { ready?: boolean } = {}) {
  const metrics = createMetrics();
  const recorder = new Recorder();
  const log = createLogger('silent');
  const store = new RedisStore(redis, {
    prefix,
    ttlSeconds: 60,
    onRoundTrip: (op, s) => metrics.redisSeconds.observe({ op }, s),
  });
  const bot = createBot(TOKEN, {
    service: new DialogueService({ deps: await makeDeps(), store, log, metrics }),
    log,
    metrics,
    client: { fetch: recorder.fetch, apiRoot: 'http://telegram.invalid' },
    botInfo: BOT_INFO,
  });
  const app = createHttpServer({
    metrics,
    ready: async () => options.ready ?? true,
    telegram: { handler: webhookCallback(bot, 'fastify', { secretToken: SECRET }) as never },
    bodyLimit: 100_000,
  });
  return { app, recorder };
}

const update = (id: number, text: string) => ({
  update_id: id,
  message: {
    message_id: id,
    date: 1,
    chat: { id: 7_000_001, type: 'private', first_name: 'x' },
    from: { id: 7_000_001, is_bot: false, first_name: 'x', language_code: 'en' },
    text,
  },
});

describe('the HTTP server', () => {
  it('answers /healthz, and /readyz by what it is told', async () => {
    const { app } = await server();
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const down = await server({ ready: false });
    expect((await down.app.inject({ url: '/readyz' })).statusCode).toBe(503);
  });

  it('takes Telegram updates only with the secret header, and refuses oversized bodies', async () => {
    const { app, recorder } = await server();
    const body = JSON.stringify(update(1, '/start'));
    const missing = await app.inject({
      method: 'POST',
      url: TELEGRAM_WEBHOOK_PATH,
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(missing.statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'POST',
      url: TELEGRAM_WEBHOOK_PATH,
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': 'wrong-wrong-wrong-wrong',
      },
    });
    expect(wrong.statusCode).toBe(401);
    expect(recorder.calls).toEqual([]);
    const right = await app.inject({
      method: 'POST',
      url: TELEGRAM_WEBHOOK_PATH,
      payload: body,
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    });
    expect(right.statusCode).toBe(200);
    expect(recorder.sent().at(-1)?.text).toBe(text('en', 'menu.q'));
    const huge = await app.inject({
      method: 'POST',
      url: TELEGRAM_WEBHOOK_PATH,
      payload: JSON.stringify(update(2, 'x'.repeat(200_000))),
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    });
    expect(huge.statusCode).toBe(413);
  });

  it('serves Prometheus metrics with no personal data', async () => {
    const { app } = await server();
    await app.inject({
      method: 'POST',
      url: TELEGRAM_WEBHOOK_PATH,
      payload: JSON.stringify(update(3, 'My name is Aigerim, +7 701 555 12 34')),
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/tekser_updates_total\{channel="tg",kind="text"\} 1/);
    expect(res.body).toMatch(/tekser_update_handling_seconds_bucket/);
    expect(res.body).toMatch(/tekser_redis_roundtrip_seconds_count\{op="load"\}/);
    // The name and the number (as written or normalised); digits alone appear in memory figures.
    expect(res.body).not.toMatch(/Aigerim|7015551234|701 555 12 34/);
  });
});
