import type { Redis } from 'ioredis';
import type { CaseOutcome } from '../domain/handoff/ticket.js';
import type { Lang } from '../domain/language.js';
import { type DayStats, daysBetween } from '../domain/stats.js';
import { statsKey, takeTimesKey } from './keys.js';

// The figures' pure functions live in the domain; src/tools/stats.ts still reads them from here.
export { countersFor, type DayStats, median, metricNames, type Summary, summarize } from '../domain/stats.js';

/**
 * The NGO's anonymous counters in Redis: a hash per local day (`<lang>:<metric>` -> count) and the list of
 * seconds from request to Take. What the fields mean: src/domain/stats.ts.
 */

/** Two years and a bit: enough for a donor's annual report and the one before. */
export const STATS_TTL_SECONDS = 800 * 86_400;

export interface Counters {
  key: string;
  fields: Record<string, number>;
}

export class StatsStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  key(date: string): string {
    return statsKey(this.prefix, date);
  }

  async taken(date: string, lang: Lang, secondsToTake: number): Promise<void> {
    const times = takeTimesKey(this.prefix, date);
    await this.redis
      .multi()
      .hincrby(this.key(date), `${lang}:callbacks:taken`, 1)
      .expire(this.key(date), STATS_TTL_SECONDS)
      .rpush(times, String(Math.max(0, Math.round(secondsToTake))))
      .expire(times, STATS_TTL_SECONDS)
      .exec();
  }

  async resolved(date: string, lang: Lang, outcome: CaseOutcome): Promise<void> {
    await this.redis
      .multi()
      .hincrby(this.key(date), `${lang}:callbacks:resolved:${outcome}`, 1)
      .expire(this.key(date), STATS_TTL_SECONDS)
      .exec();
  }

  /** Every day from `from` to `to` (inclusive, "YYYY-MM-DD"), in one round trip. */
  async read(from: string, to: string): Promise<DayStats[]> {
    const dates = daysBetween(from, to);
    const pipeline = this.redis.pipeline();
    for (const d of dates) {
      pipeline.hgetall(this.key(d));
      pipeline.lrange(takeTimesKey(this.prefix, d), 0, -1);
    }
    const results = (await pipeline.exec()) ?? [];
    return dates.map((date, i) => {
      const fields = (results[i * 2]?.[1] ?? {}) as Record<string, string>;
      const takes = ((results[i * 2 + 1]?.[1] ?? []) as string[]).map(Number);
      const counts: Record<string, number> = {};
      for (const [f, v] of Object.entries(fields)) counts[f] = Number(v);
      return { date, counts, takeSeconds: takes };
    });
  }
}
