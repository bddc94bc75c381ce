import type { ClientContext, Redis, Result } from 'ioredis';
import type { Input } from '../../domain/dialogue/index.js';
import type { PersonKey } from '../../domain/person.js';
import {
  floodKey,
  seenHashKey,
  whatsappIntakeKey,
  whatsappOrderKey,
  whatsappTurnKey,
} from '../../store/keys.js';
import { assertConnected } from '../../store/redis.js';

/** Meta retries an unanswered delivery for up to 7 days; an answered id is remembered as long. */
export const SEEN_TTL_SECONDS = 7 * 86_400;

/** The consumer group every instance reads the intake through. */
export const INTAKE_GROUP = 'tekser';

/**
 * One accepted message, as little as answering it needs: where to answer, the hash of its id (to mark
 * it answered), its kind (for logs) and what it means to the dialogue. Its words are a person's message:
 * never logged, and the entry is deleted once answered (or trimmed by age).
 */
export interface IntakeMessage {
  /** The person's WhatsApp id: the address of the answer. */
  from: string;
  /** The hash of Meta's message id (the id itself encodes the person's number). */
  idHash: string;
  /** WhatsApp's kind of message, for logs. */
  type: string;
  /** What it means to the dialogue; absent when there is nothing to answer (a reaction taken back). */
  input?: Input | undefined;
  /** The person's key (a keyed hash of their number): their messages are numbered under it. */
  person: string;
  /** Its number among the person's messages (from 1), given as it enters the stream. */
  seq?: number;
}

/** An answer being sent: the replies (JSON) and how many of its messages went out. */
export interface Turn {
  replies: string;
  sent: number;
}

export interface IntakeEntry extends IntakeMessage {
  /** The stream entry's id. */
  entryId: string;
}

export interface RedisIntakeOptions {
  prefix: string;
  /** This instance's name in the consumer group. */
  consumer: string;
  /** Past this many entries waiting, new requests are refused (503) until the queue shrinks. */
  maxLength: number;
  /** Entries older than this are trimmed: a person's words are not kept longer. */
  maxAgeMs: number;
  seenTtlSeconds?: number;
  now?: () => number;
}

/**
 * Adds messages not answered yet, in order, unless the stream is full: one round trip per request. Each
 * added message gets its number among its person's messages, so that instances answer them in order.
 * KEYS[1]: the stream; then per message its seen key and its person's order key. ARGV[1]: the length
 * limit; ARGV[2]: the oldest id kept (MINID); ARGV[3]: the order keys' TTL (ms); then per message: its id
 * hash, from, type, input (JSON or ""). Returns -1 when full, else how many were skipped as answered.
 */
const ADD = `
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return -1 end
local repeated = 0
for i = 0, (#KEYS - 1) / 2 - 1 do
  local seen = KEYS[2 + i * 2]
  local order = KEYS[3 + i * 2]
  local a = 4 + i * 4
  if redis.call('EXISTS', seen) == 1 then
    repeated = repeated + 1
  else
    local seq = redis.call('HINCRBY', order, 'seq', 1)
    redis.call('PEXPIRE', order, ARGV[3])
    redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[2], '*', 'm', ARGV[a], 'f', ARGV[a + 1], 'k', ARGV[a + 2], 'i', ARGV[a + 3], 'p', order, 's', seq)
  end
end
return repeated
`;

/** Marks a person's message answered in their order (never backwards). KEYS[1]: order key; ARGV: seq, TTL. */
const DONE = `
local done = tonumber(redis.call('HGET', KEYS[1], 'done') or '0')
if tonumber(ARGV[1]) > done then redis.call('HSET', KEYS[1], 'done', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext> {
    tekserIntakeAdd(numKeys: number, ...args: string[]): Promise<number>;
    tekserIntakeDone(key: string, seq: string, ttlMs: string): Result<number, Context>;
  }
}

type RawEntry = [string, string[] | null];

function decode(raw: RawEntry): IntakeEntry | undefined {
  const [entryId, list] = raw;
  if (!list) return undefined;
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < list.length; i += 2) fields.set(list[i] as string, list[i + 1] as string);
  const from = fields.get('f');
  const idHash = fields.get('m');
  if (!from || !idHash) return undefined;
  let input: Input | undefined;
  const rawInput = fields.get('i');
  if (rawInput) {
    try {
      input = JSON.parse(rawInput) as Input;
    } catch {
      input = undefined;
    }
  }
  const order = fields.get('p');
  const seq = Number(fields.get('s'));
  return {
    entryId,
    from,
    idHash,
    type: fields.get('k') ?? 'unknown',
    input,
    // The person's key is the order key's last part.
    person: order ? order.slice(order.lastIndexOf(':') + 1) : '',
    ...(Number.isSafeInteger(seq) && seq > 0 ? { seq } : {}),
  };
}

/**
 * WhatsApp's intake as a Redis Stream with one consumer group: messages are added before Meta is
 * answered 200, read by any instance, acknowledged (and deleted) only once answered; what a dead
 * instance left pending is claimed again after a while. Blocking reads use a connection of their own.
 */
export class RedisIntake {
  readonly key: string;
  private readonly now: () => number;
  private readonly seenTtl: number;
  private groupReady = false;

  constructor(
    private readonly redis: Redis,
    /** A connection for XREADGROUP … BLOCK only (a blocked connection serves no one else). */
    private readonly blocking: Redis,
    private readonly options: RedisIntakeOptions,
  ) {
    this.key = whatsappIntakeKey(options.prefix);
    this.now = options.now ?? Date.now;
    this.seenTtl = options.seenTtlSeconds ?? SEEN_TTL_SECONDS;
    if (!(redis as { tekserIntakeAdd?: unknown }).tekserIntakeAdd) {
      redis.defineCommand('tekserIntakeAdd', { lua: ADD });
      redis.defineCommand('tekserIntakeDone', { lua: DONE, numberOfKeys: 1 });
    }
  }

  get consumer(): string {
    return this.options.consumer;
  }

  private orderKey(person: string): string {
    return whatsappOrderKey(this.options.prefix, person);
  }

  /** The number of the person's last message answered (0: none known). */
  async answeredUpTo(person: string): Promise<number> {
    assertConnected(this.redis);
    return Number((await this.redis.hget(this.orderKey(person), 'done')) ?? 0);
  }

  private seenKey(idHash: string): string {
    return seenHashKey(this.options.prefix, 'wa', idHash);
  }

  /**
   * Adds messages (skipping those answered already). `full`: nothing was added, the queue is at its
   * limit. Throws when Redis is away.
   */
  async add(messages: readonly IntakeMessage[]): Promise<{ repeated: number } | 'full'> {
    if (messages.length === 0) return { repeated: 0 };
    assertConnected(this.redis);
    const keys = [this.key];
    for (const m of messages) keys.push(this.seenKey(m.idHash), this.orderKey(m.person));
    const args = [
      String(this.options.maxLength),
      `${Math.max(0, this.now() - this.options.maxAgeMs)}-0`,
      String(this.options.maxAgeMs),
    ];
    for (const m of messages) args.push(m.idHash, m.from, m.type, m.input ? JSON.stringify(m.input) : '');
    const result = await this.redis.tekserIntakeAdd(keys.length, ...keys, ...args);
    return result < 0 ? 'full' : { repeated: result };
  }

  /** Creates the group (reading from the stream's start) unless it exists. */
  async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.key, INTAKE_GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error)?.message).includes('BUSYGROUP')) throw err;
    }
    this.groupReady = true;
  }

  /** Runs a group command, making the group again if the stream was deleted meanwhile. */
  private async inGroup<T>(run: () => Promise<T>): Promise<T> {
    if (!this.groupReady) await this.ensureGroup();
    try {
      return await run();
    } catch (err) {
      if (!String((err as Error)?.message).includes('NOGROUP')) throw err;
      await this.ensureGroup();
      return run();
    }
  }

  /** New entries for this consumer, waiting up to `blockMs` for some. */
  async read(count: number, blockMs: number): Promise<IntakeEntry[]> {
    const result = (await this.inGroup(() =>
      this.blocking.xreadgroup(
        'GROUP',
        INTAKE_GROUP,
        this.options.consumer,
        'COUNT',
        count,
        'BLOCK',
        blockMs,
        'STREAMS',
        this.key,
        '>',
      ),
    )) as [string, RawEntry[]][] | null;
    return (result?.[0]?.[1] ?? []).flatMap((raw) => decode(raw) ?? []);
  }

  /**
   * Entries another consumer (a dead instance) left pending longer than `minIdleMs`, now this one's.
   * Entries trimmed meanwhile leave the pending list on the way.
   */
  async claim(count: number, minIdleMs: number): Promise<IntakeEntry[]> {
    const found: IntakeEntry[] = [];
    let cursor = '0-0';
    do {
      const result = (await this.inGroup(() =>
        this.redis.xautoclaim(
          this.key,
          INTAKE_GROUP,
          this.options.consumer,
          minIdleMs,
          cursor,
          'COUNT',
          count - found.length,
        ),
      )) as [string, RawEntry[], string[]?];
      cursor = result[0];
      for (const raw of result[1]) {
        const entry = decode(raw);
        if (entry) found.push(entry);
        // An entry that cannot be read can never be answered: acknowledged, or it comes back forever.
        else await this.finish(raw[0]);
      }
    } while (cursor !== '0-0' && found.length < count);
    return found;
  }

  /** Tells the group these entries are still being worked on (their idle time starts again). */
  async keep(entryIds: readonly string[]): Promise<void> {
    if (entryIds.length === 0) return;
    await this.redis.xclaim(this.key, INTAKE_GROUP, this.options.consumer, 0, ...entryIds, 'JUSTID');
  }

  /**
   * Before a message is handled, in one round trip: whether it was answered already, the person's flood
   * count in this window, and (optionally) their state read ahead.
   */
  async begin(
    idHash: string,
    who: PersonKey,
    windowMs: number,
    stateKey?: string,
  ): Promise<{ answered: boolean; count: number; turn?: Turn; state?: string | null }> {
    assertConnected(this.redis);
    const flood = floodKey(this.options.prefix, who);
    const multi = this.redis
      .multi()
      .exists(this.seenKey(idHash))
      .incr(flood)
      .pexpire(flood, windowMs, 'NX')
      .hgetall(whatsappTurnKey(this.options.prefix, idHash));
    if (stateKey) multi.get(stateKey);
    const result = await multi.exec();
    const answered = result?.[0]?.[1] === 1;
    const count = Number(result?.[1]?.[1] ?? 1);
    const saved = result?.[3]?.[1] as Record<string, string> | undefined;
    const turn = saved?.r ? { replies: saved.r, sent: Number(saved.n ?? 0) } : undefined;
    const base = turn ? { answered, count, turn } : { answered, count };
    if (!stateKey || result?.[4]?.[0]) return base;
    return { ...base, state: (result?.[4]?.[1] as string | null) ?? null };
  }

  /** Keeps a message's answer before it is sent (for `turnTtlMs`), so that a takeover resumes it. */
  async recordTurn(idHash: string, replies: string, turnTtlMs: number): Promise<void> {
    assertConnected(this.redis);
    const key = whatsappTurnKey(this.options.prefix, idHash);
    await this.redis.multi().hset(key, 'r', replies, 'n', 0).pexpire(key, turnTtlMs).exec();
  }

  /** One more of the answer's messages went out (not waited for: a lost count resends one message). */
  sentOne(idHash: string): void {
    if (this.redis.status !== 'ready') return;
    this.redis.hincrby(whatsappTurnKey(this.options.prefix, idHash), 'n', 1).catch(() => undefined);
  }

  /** Marks a message answered (its id's hash, for a week) without an entry: Redis was away at intake. */
  async markAnswered(idHash: string): Promise<void> {
    assertConnected(this.redis);
    await this.redis.set(this.seenKey(idHash), '1', 'EX', this.seenTtl);
  }

  /**
   * After a message was answered (or deliberately not): marked answered, acknowledged and deleted, in
   * one MULTI.
   */
  async finish(entryId: string, idHash?: string, order?: { person: string; seq: number }): Promise<void> {
    const multi = this.redis.multi();
    if (order?.person)
      multi.tekserIntakeDone(this.orderKey(order.person), String(order.seq), String(this.options.maxAgeMs));
    if (idHash)
      multi
        .set(this.seenKey(idHash), '1', 'EX', this.seenTtl)
        .del(whatsappTurnKey(this.options.prefix, idHash));
    multi.xack(this.key, INTAKE_GROUP, entryId).xdel(this.key, entryId);
    await multi.exec();
  }

  /**
   * Removes from the group the consumers of instances gone long ago (nothing pending, idle past
   * `idleMs`): each start is a consumer of its own, and the group would otherwise list them for ever.
   */
  async forgetGoneConsumers(idleMs: number): Promise<number> {
    assertConnected(this.redis);
    const consumers = (await this.redis.xinfo('CONSUMERS', this.key, INTAKE_GROUP)) as unknown[][];
    let gone = 0;
    for (const row of consumers) {
      const info = new Map<string, unknown>();
      for (let i = 0; i + 1 < row.length; i += 2) info.set(String(row[i]), row[i + 1]);
      const name = String(info.get('name'));
      if (name === this.options.consumer || Number(info.get('pending')) > 0) continue;
      if (Number(info.get('idle')) < idleMs) continue;
      await this.redis.xgroup('DELCONSUMER', this.key, INTAKE_GROUP, name);
      gone++;
    }
    return gone;
  }

  /** How long an entry may stay, answered or not. */
  get maxAgeMs(): number {
    return this.options.maxAgeMs;
  }

  /**
   * Deletes the entries older than the age limit, exactly (XADD's own trimming is approximate, and does
   * not happen while nothing is added): a person's words are not kept longer, even when no one writes.
   */
  async trim(): Promise<number> {
    assertConnected(this.redis);
    return this.redis.xtrim(this.key, 'MINID', `${Math.max(0, this.now() - this.options.maxAgeMs)}-0`);
  }

  /** Ends a read in progress and closes the reading connection (stopping). */
  interrupt(): void {
    this.blocking.disconnect();
  }

  /** Entries in the stream: waiting, and in someone's hands. */
  async length(): Promise<number> {
    assertConnected(this.redis);
    return this.redis.xlen(this.key);
  }
}
