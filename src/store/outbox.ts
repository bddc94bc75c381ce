import type { Redis } from 'ioredis';
import { handoffKeys } from './keys.js';
import { type Scripts, withScripts } from './lua.js';

/**
 * The outbox: jobs due at a time, in one sorted set (score: ms). A job is claimed for a lease before it
 * is worked on, so that two instances never deliver the same thing at once.
 */
export class RedisOutbox {
  private readonly redis: Redis & Scripts;
  private readonly key: string;
  constructor(redis: Redis, prefix: string) {
    this.redis = withScripts(redis);
    this.key = handoffKeys(prefix).outbox;
  }

  async due(now: number, limit = 20): Promise<string[]> {
    return this.redis.zrangebyscore(this.key, '-inf', now, 'LIMIT', 0, limit);
  }

  async claim(job: string, now: number, leaseMs: number): Promise<boolean> {
    return (await this.redis.tekserClaim(this.key, job, String(now), String(now + leaseMs))) === 1;
  }

  async reschedule(job: string, at: number): Promise<void> {
    await this.redis.zadd(this.key, at, job);
  }

  async done(job: string): Promise<void> {
    await this.redis.zrem(this.key, job);
  }
}
