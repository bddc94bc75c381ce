import type { Redis } from 'ioredis';

/** A key's JSON value in Redis, rewritten with its TTL on every write (a plugin's storage adapter). */
export interface JsonStorage {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The operators' Resolve wizard keeps its state here (@grammyjs/conversations' storage adapter). */
export function redisJsonStorage(redis: Redis, ttlSeconds: number): JsonStorage {
  return {
    async read(key) {
      const raw = await redis.get(key);
      return raw ? JSON.parse(raw) : undefined;
    },
    async write(key, value) {
      await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
    },
    async delete(key) {
      await redis.del(key);
    },
  };
}
