import { afterAll, describe, expect, it } from 'vitest';
import { floodCounter } from '../../src/store/flood-counter.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('flood');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('the flood counter', () => {
  const keyPrefix = `${prefix}ratelimit:`;

  it('counts in one window: the TTL is set by the first update and not moved by the next ones', async () => {
    const counter = floodCounter(redis, { windowMs: 10_000, keyPrefix });
    const key = `${keyPrefix}1`;
    expect(await counter.incr(key)).toBe(1);
    await redis.pexpire(key, 5_000);
    expect(await counter.incr(key)).toBe(2);
    expect(await counter.incr(key)).toBe(3);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it("reads the person's state ahead in the same round trip, and tells a missing one", async () => {
    const kept = new Map<string, string | null>();
    const counter = floodCounter(redis, {
      windowMs: 10_000,
      keyPrefix,
      readAhead: { keyFor: (id) => `${prefix}person:tg:${id}`, store: (key, raw) => kept.set(key, raw) },
    });
    await redis.set(`${prefix}person:tg:7`, '{"v":1}');
    expect(await counter.incr(`${keyPrefix}7`)).toBe(1);
    expect(await counter.incr(`${keyPrefix}8`)).toBe(1);
    expect(kept.get(`${prefix}person:tg:7`)).toBe('{"v":1}');
    expect(kept.has(`${prefix}person:tg:8`)).toBe(true);
    expect(kept.get(`${prefix}person:tg:8`)).toBeNull();
    expect(await redis.pttl(`${keyPrefix}8`)).toBeGreaterThan(0);
  });
});
