import type { Redis } from 'ioredis';
import type { Counsellor } from '../domain/handoff/ticket.js';
import { handoffKeys } from './keys.js';

/** How long the list of counsellors is kept after the last request one took. */
const ROSTER_DAYS = 400;

/**
 * The counsellors who have held requests, for Reassign (src/channels/telegram/operators/reassign.ts): one
 * hash, a field per counsellor, its TTL renewed whenever one takes a request. Counsellors' own names,
 * never a person's.
 */
export class CounsellorRoster {
  private readonly key: string;
  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = handoffKeys(prefix).counsellors;
  }

  async remember(id: number, name: string, now: number): Promise<void> {
    await this.redis
      .multi()
      .hset(this.key, String(id), JSON.stringify({ name: name.slice(0, 64), at: now }))
      .expire(this.key, ROSTER_DAYS * 86_400)
      .exec();
  }

  /** Every counsellor known, the most recent first. */
  async list(): Promise<Counsellor[]> {
    const all = await this.redis.hgetall(this.key);
    const out: Counsellor[] = [];
    for (const [id, raw] of Object.entries(all)) {
      try {
        const { name, at } = JSON.parse(raw) as { name?: unknown; at?: unknown };
        if (typeof name === 'string' && typeof at === 'number' && /^\d+$/.test(id))
          out.push({ id: Number(id), name, at });
      } catch {
        // A damaged field is left out.
      }
    }
    return out.sort((a, b) => b.at - a.at);
  }
}
