import { Redis } from 'ioredis';
import type { PersonState } from '../domain/dialogue/index.js';
import type { PersonKey } from '../domain/person.js';
import { personKey } from './keys.js';
import { type Scripts, withScripts } from './lua.js';
import { StateReadAhead } from './read-ahead.js';
import { type Counters, STATS_TTL_SECONDS } from './stats.js';
import { decodeState, encodeState, type Store, type Write } from './store.js';

export interface RedisStoreOptions {
  prefix: string;
  ttlSeconds: number;
  /** Told the duration of every round trip (for the metrics). */
  onRoundTrip?: (op: 'load' | 'save' | 'forget', seconds: number) => void;
}

/** Thrown, at once, for a person's update while the connection to Redis is lost. */
export class RedisAwayError extends Error {
  override name = 'RedisAwayError';
  constructor() {
    super('Redis connection lost');
  }
}

/**
 * Throws when the connection to Redis has been lost and not yet made again. A person's update then gets
 * its answer from memory at once (the hotline and the emergency numbers, their place kept where Redis
 * last had it) instead of waiting in the client's queue for the reconnection, which took 3 to 12 seconds
 * a message. Everything else (the counsellors' outbox, a relayed message after its state is saved)
 * still waits in the queue and goes through a short blip. A client still making its first connection
 * is let through: its commands wait for it.
 */
export function assertConnected(redis: Redis): void {
  const status = redis.status;
  if (status === 'reconnecting' || status === 'close' || status === 'end') throw new RedisAwayError();
}

/** One GET to load and one compare-and-set (a Lua script) to save: two round trips an update. */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly scripts: Scripts;
  /** States read ahead in the flood counter's round trip (src/store/read-ahead.ts). */
  private readonly readAhead = new StateReadAhead();
  constructor(
    readonly redis: Redis,
    private readonly options: RedisStoreOptions,
  ) {
    this.scripts = withScripts(redis);
  }

  private async timed<T>(op: 'load' | 'save' | 'forget', run: () => Promise<T>): Promise<T> {
    assertConnected(this.redis);
    if (!this.options.onRoundTrip) return run();
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.options.onRoundTrip(op, (performance.now() - started) / 1000);
    }
  }

  /** The Redis key of a person on a channel, for reading it ahead. */
  keyOf(who: PersonKey): string {
    return personKey(this.options.prefix, who);
  }

  /** Keeps a state read ahead for the next load of that key (an old one is caught by the save). */
  prefetch(key: string, raw: string | null): void {
    this.readAhead.keep(key, raw);
  }

  async load(who: PersonKey): Promise<PersonState | null> {
    const key = personKey(this.options.prefix, who);
    const ahead = this.readAhead.take(key);
    if (ahead.found) return decodeState(ahead.raw);
    return decodeState(await this.timed('load', () => this.redis.get(key)));
  }

  async reload(who: PersonKey): Promise<PersonState | null> {
    this.readAhead.drop(personKey(this.options.prefix, who));
    return this.load(who);
  }

  async save(
    who: PersonKey,
    state: PersonState,
    expectedRev?: number,
    counters?: Counters,
  ): Promise<boolean> {
    const key = personKey(this.options.prefix, who);
    if (expectedRev === undefined) {
      await this.timed('save', () => this.redis.set(key, encodeState(state), 'EX', this.options.ttlSeconds));
      return true;
    }
    // Compare and set in one round trip: a Lua script reads the stored revision and writes only if it
    // is the one this update started from.
    const args = [String(expectedRev), encodeState(state), String(this.options.ttlSeconds)];
    const fields = counters ? Object.entries(counters.fields) : [];
    const keys = fields.length > 0 && counters ? [key, counters.key] : [key];
    if (fields.length > 0) {
      args.push(String(STATS_TTL_SECONDS));
      for (const [f, n] of fields) args.push(f, String(n));
    }
    const saved = await this.timed('save', () => this.scripts.tekserSaveIf(keys.length, ...keys, ...args));
    return saved === 1;
  }

  async saveWith(
    who: PersonKey,
    state: PersonState,
    expectedRev: number,
    counters: Counters | undefined,
    writes: readonly Write[],
  ): Promise<boolean> {
    const key = personKey(this.options.prefix, who);
    const all: Write[] = [...writes];
    const fields = counters ? Object.entries(counters.fields) : [];
    if (counters && fields.length > 0) {
      for (const [f, n] of fields) all.push({ command: 'hincrby', key: counters.key, args: [f, String(n)] });
      all.push({ command: 'expire', key: counters.key, args: [String(STATS_TTL_SECONDS)] });
    }
    // Every key is named in KEYS, as Redis asks of a script; a write refers to its key by index.
    const keys = [key];
    const index = new Map<string, number>();
    const encoded = all.map((w) => {
      let i = index.get(w.key);
      if (i === undefined) {
        keys.push(w.key);
        i = keys.length;
        index.set(w.key, i);
      }
      return [w.command, i, ...w.args];
    });
    const args = [
      String(expectedRev),
      encodeState(state),
      String(this.options.ttlSeconds),
      JSON.stringify(encoded),
    ];
    const saved = await this.timed('save', () =>
      this.scripts.tekserSaveIfWith(keys.length, ...keys, ...args),
    );
    return saved === 1;
  }

  async forget(who: PersonKey): Promise<void> {
    await this.timed('forget', () => this.redis.del(personKey(this.options.prefix, who)));
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Where Redis is: a URL, or a Sentinel set that names the current primary (the URL then gives the rest). */
export interface RedisTarget {
  url: string;
  /** Sentinels, `host:port` each; with them, the primary is asked for by `sentinelName` and followed. */
  sentinels?: readonly { host: string; port: number }[] | undefined;
  sentinelName?: string | undefined;
}

/** The primary through Sentinel: its name, and the password, user and database the URL gives. */
function sentinelOptions(target: RedisTarget) {
  const u = new URL(target.url);
  const db = Number(u.pathname.replace(/^\//, ''));
  return {
    sentinels: target.sentinels?.map((s) => ({ host: s.host, port: s.port })),
    name: target.sentinelName ?? 'mymaster',
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
  };
}

/**
 * Connects, and answers whether Redis is there within `timeoutMs`. Returns the client either way so the
 * caller decides; a client that did not connect is disconnected and null is returned. Given Sentinels,
 * it connects to the primary they name, and to the new one after a failover.
 */
export async function connectRedis(target: string | RedisTarget, timeoutMs = 1500): Promise<Redis | null> {
  const options = {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    // A command fails after two reconnect attempts instead of waiting forever. A person's own update
    // does not wait even that long: see `assertConnected`.
    maxRetriesPerRequest: 2,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
  const redis =
    typeof target !== 'string' && target.sentinels?.length
      ? new Redis({ ...sentinelOptions(target), ...options })
      : new Redis(typeof target === 'string' ? target : target.url, options);
  redis.on('error', () => {
    // Connection errors are reported by the commands that fail; without a listener ioredis prints them.
  });
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
    await redis.ping();
    return redis;
  } catch {
    redis.disconnect();
    return null;
  }
}
