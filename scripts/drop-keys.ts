import type { Redis } from 'ioredis';

/** The keys under a bench run's prefix, a batch of up to a thousand at a time (SCAN). */
export async function* scanKeys(redis: Redis, prefix: string): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) yield keys;
  } while (cursor !== '0');
}

/** Deletes a bench run's keys (everything under its prefix). */
export async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  for await (const keys of scanKeys(redis, prefix)) await redis.del(...keys);
}
