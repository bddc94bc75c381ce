import type { Redis } from 'ioredis';
import { assertConnected } from './redis.js';

/** Where the flood counter also reads a person's state ahead: their key, and where to keep the state. */
export interface ReadAheadTarget {
  /** The person's state key for the limiter's key (a Telegram user id, which is their private chat's id). */
  keyFor: (chatId: string) => string;
  /** Keeps the state read for the turn's load (`RedisStore.prefetch`). */
  store: (key: string, raw: string | null) => void;
}

export interface FloodCounterOptions {
  windowMs: number;
  /** The limiter's key prefix: what follows it is the person's id. */
  keyPrefix: string;
  /** The shortcut for speed described in src/store/read-ahead.ts. */
  readAhead?: ReadAheadTarget | undefined;
  /** Redis is away: the update is let through uncounted. */
  onFailure?: () => void;
}

/**
 * The storage of @grammyjs/ratelimiter (incr, then pexpire), in one round trip: both commands go in one
 * MULTI on the first call; the plugin's own pexpire is then already done. Counted in Redis, so every
 * instance shares the count.
 */
export function floodCounter(redis: Redis, options: FloodCounterOptions) {
  const { windowMs, keyPrefix, readAhead, onFailure } = options;
  return {
    async incr(key: string): Promise<number> {
      const multi = redis.multi().incr(key).pexpire(key, windowMs, 'NX');
      const stateKey = readAhead?.keyFor(key.slice(keyPrefix.length));
      if (stateKey) multi.get(stateKey);
      let result: [Error | null, unknown][] | null;
      try {
        assertConnected(redis);
        result = await multi.exec();
      } catch {
        // Redis is away: the update is let through uncounted, so that the person gets the answer the
        // dialogue gives without its store (the hotline and emergency numbers) instead of silence.
        onFailure?.();
        return 1;
      }
      if (stateKey && readAhead) readAhead.store(stateKey, (result?.[2]?.[1] as string | null) ?? null);
      return Number(result?.[0]?.[1] ?? 1);
    },
    async pexpire(): Promise<number> {
      return 1;
    },
  };
}
