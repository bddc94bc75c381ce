import { afterAll, describe, expect, it } from 'vitest';
import { DialogueService } from '../src/app/dialogue-service.js';
import type { Input } from '../src/domain/dialogue/index.js';
import { createLogger } from '../src/infra/logger.js';
import { RedisStore } from '../src/store/redis.js';
import type { Store } from '../src/store/store.js';
import { deps as makeDeps, text } from './helpers/content.js';
import { dropPrefix, testPrefix, testRedis } from './helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('service-language');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('while the store is away', () => {
  it("answers a button in the person's language, until /forget or a day without a word", async () => {
    const real = new RedisStore(redis, { prefix, ttlSeconds: 60 });
    const state = { down: false };
    const away = async () => {
      throw Object.assign(new Error('Connection is closed.'), { code: 'ECONNREFUSED' });
    };
    const store: Store = {
      kind: 'redis',
      load: (who) => (state.down ? away() : real.load(who)),
      save: (who, s, rev, counters) => (state.down ? away() : real.save(who, s, rev, counters)),
      forget: (who) => (state.down ? away() : real.forget(who)),
      ping: async () => !state.down,
      close: async () => undefined,
    };
    const service = new DialogueService({ deps: await makeDeps(), store, log: createLogger('silent') });
    // A WhatsApp person: no platform language, so only what they said tells it.
    const who = { channel: 'wa', id: 'a1b2c3' };
    let now = Date.UTC(2026, 10, 29, 8);
    const send = async (input: Input) => (await service.handle(who, input, { now })).replies.at(-1)?.text;
    const press = () => send({ kind: 'button', data: '1:check' });

    await send({ kind: 'text', text: 'Сәлеметсіз бе' });
    state.down = true;
    expect(await press()).toContain(text('kk', 'common.unavailable'));

    // A day later without a word, the language is forgotten: Russian, the default.
    now += 25 * 3_600_000;
    expect(await press()).toContain(text('ru', 'common.unavailable'));

    state.down = false;
    await send({ kind: 'text', text: 'Сәлеметсіз бе' });
    state.down = true;
    expect(await press()).toContain(text('kk', 'common.unavailable'));
    state.down = false;
    // Forgotten: the language goes too.
    const asked = await service.handle(who, { kind: 'command', command: 'forget' }, { now });
    const yes = asked.replies.flatMap((r) => r.choices ?? []).find((c) => c.data.endsWith(':yes'));
    expect(await send({ kind: 'button', data: yes?.data ?? '' })).toBe(text('kk', 'forget.done'));
    state.down = true;
    expect(await press()).toContain(text('ru', 'common.unavailable'));
  });
});
