import type { Redis } from 'ioredis';
import type { PersonKey } from '../../domain/person.js';
import { seenMessageKey } from '../../store/keys.js';
import { assertConnected } from '../../store/redis.js';

/** Meta retries an unanswered delivery for up to 7 days; an id is remembered as long. */
export const SEEN_TTL_SECONDS = 7 * 86_400;

/** Answers whether a message id is new (true) or a repeated delivery (false). */
export type SeenCheck = (messageId: string, who: PersonKey) => Promise<boolean>;

export interface SeenOptions {
  prefix: string;
  ttlSeconds?: number;
  /**
   * The person's state, read in the same MULTI as the id is marked, so a message costs two round trips
   * in all (this one and the save), as on Telegram. Safe because saves compare and set.
   */
  prefetch?: { keyFor: (who: PersonKey) => string; store: (key: string, raw: string | null) => void };
}

/**
 * Each message id handled once: `SET key 1 NX EX ttl` in Redis, so every instance shares what was seen.
 * When Redis fails the message counts as new: answering twice is better than not at all.
 */
export function redisSeen(redis: Redis, options: SeenOptions): SeenCheck {
  const ttl = options.ttlSeconds ?? SEEN_TTL_SECONDS;
  return async (messageId, who) => {
    const key = seenMessageKey(options.prefix, who.channel, messageId);
    const stateKey = options.prefetch?.keyFor(who);
    try {
      assertConnected(redis);
      const multi = redis.multi().set(key, '1', 'EX', ttl, 'NX');
      if (stateKey) multi.get(stateKey);
      const result = await multi.exec();
      const first = result?.[0]?.[1] === 'OK';
      if (first && stateKey && options.prefetch && !result?.[1]?.[0])
        options.prefetch.store(stateKey, (result?.[1]?.[1] as string | null) ?? null);
      return first;
    } catch {
      return true;
    }
  };
}
