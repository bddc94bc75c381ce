import type { Redis } from 'ioredis';
import { withScripts } from './lua.js';
import { assertConnected } from './redis.js';

/** Where the flood counter also reads a person's state ahead: their key, and where to keep the state. */
export interface ReadAheadTarget {
  /** The person's state key for what follows the limiter's prefix (the person's key id). */
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
 * The storage of @grammyjs/ratelimiter (incr, then pexpire), in one round trip: both commands, and the
 * read ahead, go in one Lua script (FLOOD) on the first call; the plugin's own pexpire is then already
 * done. Counted in Redis, so every instance shares the count.
 */
export function floodCounter(redis: Redis, options: FloodCounterOptions) {
  const { windowMs, keyPrefix, readAhead, onFailure } = options;
  const scripts = withScripts(redis);
  const window = String(windowMs);
  return {
    async incr(key: string): Promise<number> {
      const stateKey = readAhead?.keyFor(key.slice(keyPrefix.length));
      let result: [number, string | null] | [number];
      try {
        assertConnected(redis);
        result = stateKey
          ? await scripts.tekserFlood(2, key, stateKey, window)
          : await scripts.tekserFlood(1, key, window);
      } catch {
        // Redis is away: the update is let through uncounted, so that the person gets the answer the
        // dialogue gives without its store (the hotline and emergency numbers) instead of silence.
        onFailure?.();
        return 1;
      }
      if (stateKey && readAhead) readAhead.store(stateKey, result[1] ?? null);
      return Number(result[0] ?? 1);
    },
    async pexpire(): Promise<number> {
      return 1;
    },
  };
}
