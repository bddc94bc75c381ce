import type { ClientContext, Redis, Result } from 'ioredis';

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext> {
    /** Defined by TicketStore: HSET on a key that still exists (usable in a MULTI). */
    tekserHsetIfExists(key: string, ...fieldsAndValues: string[]): Result<number, Context>;
  }
}

import type { TicketRequest } from '../domain/dialogue/index.js';
import { isLang } from '../domain/language.js';
import { isRiskLevel } from '../domain/risk.js';
import { handoffKeys, type PersonKey, parsePersonRef, personRef } from '../store/keys.js';
import type { Outcome, Ticket, TicketPersonal, TicketStatus } from './ticket.js';

/** Something the operators' chat is to be shown for a ticket, in order. */
export type ToOperators =
  | { k: 'card' }
  /** The card changed (taken, resolved, forgotten): show it anew. */
  | { k: 'update' }
  | { k: 'text'; text: string; urgent: boolean }
  | { k: 'sla' }
  | { k: 'urgent'; text?: string }
  /** A counsellor's reply could not reach the person. */
  | { k: 'undelivered'; reason: string }
  /** The person asked to be forgotten: their words are taken out of the operators' chat. */
  | { k: 'erase' };

/** Something the person is to be sent for a ticket, in order. */
export type ToPerson = { k: 'taken' } | { k: 'resolved' } | { k: 'reply'; text: string };

export type TakeResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: 'missing' | 'resolved' }
  | { ok: false; reason: 'taken'; by: string; byId: number };

const TAKE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'missing'} end
if status == 'resolved' then return {'resolved'} end
if status == 'taken' then
  return {'taken', redis.call('HGET', KEYS[1], 'takenName') or '', redis.call('HGET', KEYS[1], 'takenBy') or '0'}
end
redis.call('HSET', KEYS[1], 'status', 'taken', 'takenBy', ARGV[1], 'takenName', ARGV[2], 'takenAt', ARGV[3])
return {'ok'}
`;

const RESOLVE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status == 'resolved' then return 'resolved' end
redis.call('HSET', KEYS[1], 'status', 'resolved', 'outcome', ARGV[1], 'resolvedAt', ARGV[2], 'resolvedBy', ARGV[3])
return 'ok'
`;

/** Claims a due job for a while, so that two instances do not deliver the same thing at once. */
const CLAIM = `
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not due or tonumber(due) > tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
`;

/**
 * Queues an item for a ticket that is still open: KEYS ticket, list, outbox; ARGV item, now, ttl, job.
 * Returns 'ok', or 'gone' (expired or never written) / 'resolved' so the person is told, not misled.
 */
const PUSH_IF_OPEN = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'gone' end
if status == 'resolved' then return 'resolved' end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('ZADD', KEYS[3], 'NX', tonumber(ARGV[2]), ARGV[4])
return 'ok'
`;

/** Takes a job off the outbox only if its queue is empty: an item pushed meanwhile keeps its job. */
const DONE_IF_EMPTY = `
if redis.call('LLEN', KEYS[2]) > 0 then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
`;

/** Removes the first item of a queue only if it is the one that was delivered. */
const POP_IF_FIRST = `
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LPOP', KEYS[1]) return 1 end
return 0
`;

/** Sets fields on a ticket that still exists: an expired one is not brought back without a TTL. */
const HSET_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1
`;

interface Scripts {
  tekserPushIfOpen(
    ticket: string,
    list: string,
    outbox: string,
    item: string,
    now: string,
    ttl: string,
    job: string,
  ): Promise<string>;
  tekserDoneIfEmpty(outbox: string, list: string, job: string): Promise<number>;
  tekserPopIfFirst(list: string, item: string): Promise<number>;
  tekserTake(key: string, by: string, name: string, at: string): Promise<string[]>;
  tekserResolve(key: string, outcome: string, at: string, by: string): Promise<string>;
  tekserClaim(outbox: string, job: string, now: string, until: string): Promise<number>;
}

export interface TicketStoreOptions {
  prefix: string;
  /** How long a closed ticket keeps its personal part. */
  retentionDays: number;
}

/** Tickets with no end in sight still go, a while after their retention, so nothing personal stays forever. */
const OPEN_TICKET_DAYS_EXTRA = 60;
/** The anonymous part of a closed ticket: long enough for a year's reports. */
const ANONYMOUS_DAYS = 400;
const DAY = 86_400;

/**
 * Tickets in Redis: a ticket is a hash of anonymous fields and a hash of personal ones, with two queues
 * (to the operators' chat, to the person) drained by the outbox. Every status change that two counsellors
 * or two instances could race on is one Lua script.
 */
export class TicketStore {
  readonly keys: ReturnType<typeof handoffKeys>;
  constructor(
    readonly redis: Redis,
    private readonly options: TicketStoreOptions,
  ) {
    this.keys = handoffKeys(options.prefix);
    const r = redis as Partial<Scripts> & Redis;
    if (!r.tekserTake) redis.defineCommand('tekserTake', { numberOfKeys: 1, lua: TAKE });
    if (!r.tekserResolve) redis.defineCommand('tekserResolve', { numberOfKeys: 1, lua: RESOLVE });
    if (!r.tekserClaim) redis.defineCommand('tekserClaim', { numberOfKeys: 1, lua: CLAIM });
    if (!r.tekserPushIfOpen) redis.defineCommand('tekserPushIfOpen', { numberOfKeys: 3, lua: PUSH_IF_OPEN });
    if (!r.tekserDoneIfEmpty)
      redis.defineCommand('tekserDoneIfEmpty', { numberOfKeys: 2, lua: DONE_IF_EMPTY });
    if (!r.tekserPopIfFirst) redis.defineCommand('tekserPopIfFirst', { numberOfKeys: 1, lua: POP_IF_FIRST });
    if (!r.tekserHsetIfExists)
      redis.defineCommand('tekserHsetIfExists', { numberOfKeys: 1, lua: HSET_IF_EXISTS });
  }

  private get scripts(): Scripts {
    return this.redis as unknown as Scripts;
  }

  private get openTtl(): number {
    return (this.options.retentionDays + OPEN_TICKET_DAYS_EXTRA) * DAY;
  }

  /** Opens a ticket and queues its card, in one round trip. */
  async open(who: PersonKey, request: TicketRequest, channel: string, now: number, slaDue: number) {
    const k = this.keys;
    const id = request.id;
    const fields: Record<string, string> = {
      id,
      status: 'open',
      lang: request.lang,
      channel,
      mode: request.mode,
      when: request.when,
      urgent: request.urgent ? '1' : '0',
      noNumber: request.noNumber ? '1' : '0',
      flags: (request.verdict?.flags ?? []).join(','),
      createdAt: String(now),
    };
    if (request.verdict) fields.level = request.verdict.level;
    const personal: Record<string, string> = { person: personRef(who) };
    if (who.address) personal.address = who.address;
    if (request.phone) personal.phone = request.phone;
    if (request.note) personal.note = request.note;
    await this.redis
      .multi()
      .hset(k.ticket(id), fields)
      .expire(k.ticket(id), this.openTtl)
      .hset(k.personal(id), personal)
      .expire(k.personal(id), this.openTtl)
      .sadd(k.personTickets(who), id)
      .expire(k.personTickets(who), this.openTtl)
      .zadd(k.open, now, id)
      .rpush(k.toOperators(id), stored({ k: 'card' }))
      .expire(k.toOperators(id), this.openTtl)
      .zadd(k.outbox, now, `ops:${id}`)
      .zadd(k.outbox, slaDue, `sla:${id}`)
      .exec();
  }

  async get(id: string): Promise<Ticket | undefined> {
    const h = await this.redis.hgetall(this.keys.ticket(id));
    return decodeTicket(h);
  }

  async personal(id: string): Promise<TicketPersonal> {
    const h = await this.redis.hgetall(this.keys.personal(id));
    const out: TicketPersonal = {};
    const person = h.person ? parsePersonRef(h.person) : undefined;
    if (person) out.person = h.address ? { ...person, address: h.address } : person;
    if (h.phone) out.phone = h.phone;
    if (h.note) out.note = h.note;
    if (h.resolutionNote) out.resolutionNote = h.resolutionNote;
    return out;
  }

  /** Queues something for the operators' chat; delivered as soon as the outbox gets to it. */
  async toOperators(id: string, item: ToOperators, now: number): Promise<void> {
    await this.redis
      .multi()
      .rpush(this.keys.toOperators(id), stored(item))
      .expire(this.keys.toOperators(id), this.openTtl)
      // NX: a job already waiting (maybe backing off after a failure) keeps its time.
      .zadd(this.keys.outbox, 'NX', now, `ops:${id}`)
      .exec();
  }

  /**
   * Queues a person's message (or alarm) for the operators' chat only while the ticket is open; the
   * ticket lives on while the person writes.
   */
  async fromPerson(id: string, item: ToOperators, now: number): Promise<'ok' | 'gone' | 'resolved'> {
    const k = this.keys;
    const result = await this.scripts.tekserPushIfOpen(
      k.ticket(id),
      k.toOperators(id),
      k.outbox,
      stored(item),
      String(now),
      String(this.openTtl),
      `ops:${id}`,
    );
    return result === 'ok' || result === 'resolved' ? result : 'gone';
  }

  async toPerson(id: string, item: ToPerson, now: number): Promise<void> {
    await this.redis
      .multi()
      .rpush(this.keys.toPerson(id), stored(item))
      .expire(this.keys.toPerson(id), this.openTtl)
      .zadd(this.keys.outbox, 'NX', now, `person:${id}`)
      .exec();
  }

  /** Atomic: of two counsellors pressing Take at once, one gets the ticket. */
  async take(id: string, by: number, name: string, now: number): Promise<TakeResult> {
    const [result, takenName, takenBy] = await this.scripts.tekserTake(
      this.keys.ticket(id),
      String(by),
      name.slice(0, 64),
      String(now),
    );
    if (result === 'ok') {
      await this.redis.zrem(this.keys.outbox, `sla:${id}`);
      const ticket = await this.get(id);
      return ticket ? { ok: true, ticket } : { ok: false, reason: 'missing' };
    }
    if (result === 'taken') return { ok: false, reason: 'taken', by: takenName ?? '', byId: Number(takenBy) };
    return { ok: false, reason: result === 'resolved' ? 'resolved' : 'missing' };
  }

  /** Closes a ticket; its personal part goes after the retention. */
  async resolve(
    id: string,
    outcome: Outcome,
    by: number,
    note: string | undefined,
    now: number,
  ): Promise<'ok' | 'missing' | 'resolved'> {
    const result = await this.scripts.tekserResolve(this.keys.ticket(id), outcome, String(now), String(by));
    if (result !== 'ok') return result === 'resolved' ? 'resolved' : 'missing';
    const k = this.keys;
    const multi = this.redis.multi();
    if (note) multi.hset(k.personal(id), 'resolutionNote', note);
    await multi
      .expire(k.personal(id), this.options.retentionDays * DAY)
      .expire(k.ticket(id), ANONYMOUS_DAYS * DAY)
      .zrem(k.open, id)
      .zrem(k.outbox, `sla:${id}`)
      .exec();
    return 'ok';
  }

  /**
   * Erases what the tickets of a person say about them (who they are, number, note, messages waiting to
   * be passed on) and the list of their tickets. The anonymous parts stay for the figures; the cards in the
   * operators' chat are shown anew without the personal details.
   */
  async forgetPerson(who: PersonKey, now: number): Promise<string[]> {
    const k = this.keys;
    const ids = await this.redis.smembers(k.personTickets(who));
    const multi = this.redis.multi();
    for (const id of ids) {
      multi
        .del(k.personal(id), k.toPerson(id), k.toOperators(id))
        .zrem(k.outbox, `person:${id}`)
        .tekserHsetIfExists(k.ticket(id), 'forgotten', '1')
        .rpush(k.toOperators(id), stored({ k: 'update' }), stored({ k: 'erase' }))
        .expire(k.toOperators(id), this.openTtl)
        .zadd(k.outbox, now, `ops:${id}`);
    }
    multi.del(k.personTickets(who));
    await multi.exec();
    return ids;
  }

  /** A note on a request whose personal part is still there (not forgotten, not past its retention). */
  async addNote(id: string, note: string): Promise<void> {
    await this.redis.tekserHsetIfExists(this.keys.personal(id), 'resolutionNote', note);
  }

  async markCannotMessage(id: string): Promise<void> {
    await this.redis.tekserHsetIfExists(this.keys.ticket(id), 'cannotMessage', '1');
  }

  /** Where a ticket's card is, and the message ids that lead back to it. */
  async setCard(id: string, messageId: number, threadId: number | undefined): Promise<void> {
    const k = this.keys;
    const fields: Record<string, string> = { cardMessageId: String(messageId) };
    if (threadId !== undefined) fields.threadId = String(threadId);
    const multi = this.redis.multi().tekserHsetIfExists(k.ticket(id), ...Object.entries(fields).flat());
    multi.set(k.operatorsMessage(messageId), id, 'EX', this.openTtl);
    if (threadId !== undefined) multi.set(k.operatorsThread(threadId), id, 'EX', this.openTtl);
    await multi.exec();
  }

  /** `personWords`: the message carries the person's own words (to delete them if they are forgotten). */
  async linkMessage(id: string, messageId: number, personWords = false): Promise<void> {
    const k = this.keys;
    const multi = this.redis.multi().set(k.operatorsMessage(messageId), id, 'EX', this.openTtl);
    if (personWords)
      multi.rpush(k.personWords(id), String(messageId)).expire(k.personWords(id), this.openTtl);
    await multi.exec();
  }

  /** The operators' chat messages with the person's words, taken off the list. */
  async takePersonWords(id: string): Promise<number[]> {
    const k = this.keys;
    const [[, ids]] = ((await this.redis
      .multi()
      .lrange(k.personWords(id), 0, -1)
      .del(k.personWords(id))
      .exec()) ?? [[null, []]]) as [[unknown, string[]]];
    return ids.map(Number).filter(Number.isInteger);
  }

  /** The ticket a counsellor's message in the operators' chat is about: a reply to its messages, or its topic. */
  async ticketOf(replyTo: number | undefined, threadId: number | undefined): Promise<string | undefined> {
    const k = this.keys;
    if (replyTo !== undefined) {
      const id = await this.redis.get(k.operatorsMessage(replyTo));
      if (id) return id;
    }
    if (threadId !== undefined) return (await this.redis.get(k.operatorsThread(threadId))) ?? undefined;
    return undefined;
  }

  async openTickets(): Promise<Ticket[]> {
    const ids = await this.redis.zrange(this.keys.open, 0, 99);
    const tickets = await Promise.all(ids.map((id) => this.get(id)));
    return tickets.filter((t): t is Ticket => !!t);
  }

  // --- The outbox -------------------------------------------------------------------------------------

  async dueJobs(now: number, limit = 20): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.outbox, '-inf', now, 'LIMIT', 0, limit);
  }

  async claim(job: string, now: number, leaseMs: number): Promise<boolean> {
    return (await this.scripts.tekserClaim(this.keys.outbox, job, String(now), String(now + leaseMs))) === 1;
  }

  async reschedule(job: string, at: number): Promise<void> {
    await this.redis.zadd(this.keys.outbox, at, job);
  }

  async done(job: string): Promise<void> {
    await this.redis.zrem(this.keys.outbox, job);
  }

  /** Takes a queue's job off the outbox, unless something was queued since it was found empty. */
  async doneIfEmpty(job: string, list: string): Promise<boolean> {
    return (await this.scripts.tekserDoneIfEmpty(this.keys.outbox, list, job)) === 1;
  }

  /** A topic opened for a ticket, kept at once so that a retry does not open another. */
  async setThread(id: string, threadId: number): Promise<void> {
    const k = this.keys;
    await this.redis
      .multi()
      .tekserHsetIfExists(k.ticket(id), 'threadId', String(threadId))
      .set(k.operatorsThread(threadId), id, 'EX', this.openTtl)
      .exec();
  }

  /** The first item of a queue, raw (to remove exactly it once delivered) and read. */
  async peek<T>(list: string): Promise<{ raw: string; item: T | undefined } | undefined> {
    const raw = await this.redis.lindex(list, 0);
    return raw === null ? undefined : { raw, item: parseItem<T>(raw) };
  }

  /** Removes the first item if it is still the one delivered (another instance may have been quicker). */
  async popIf(list: string, raw: string): Promise<void> {
    await this.scripts.tekserPopIfFirst(list, raw);
  }
}

let queued = 0;
/**
 * A queue item as stored: with a unique mark, so that two equal messages ("да", "да") are two items and
 * removing the one delivered can never remove the other.
 */
function stored(item: ToOperators | ToPerson): string {
  queued = (queued + 1) % 1_000_000_000;
  return JSON.stringify({
    ...item,
    q: `${Date.now().toString(36)}.${queued.toString(36)}.${Math.random().toString(36).slice(2, 8)}`,
  });
}

function parseItem<T>(raw: string | null): T | undefined {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

const STATUSES: readonly TicketStatus[] = ['open', 'taken', 'resolved'];

function decodeTicket(h: Record<string, string>): Ticket | undefined {
  if (!h.id || !STATUSES.includes(h.status as TicketStatus) || !isLang(h.lang)) return undefined;
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const ticket: Ticket = {
    id: h.id,
    status: h.status as TicketStatus,
    lang: h.lang,
    channel: h.channel ?? 'tg',
    mode: h.mode === 'call' ? 'call' : 'write',
    noNumber: h.noNumber === '1',
    when: h.when ?? 'now',
    urgent: h.urgent === '1',
    flags: h.flags ? h.flags.split(',').filter(Boolean) : [],
    createdAt: Number(h.createdAt ?? 0),
    forgotten: h.forgotten === '1',
    cannotMessage: h.cannotMessage === '1',
  };
  if (isRiskLevel(h.level)) ticket.level = h.level;
  const takenBy = num(h.takenBy);
  if (takenBy !== undefined) ticket.takenBy = takenBy;
  if (h.takenName !== undefined) ticket.takenName = h.takenName;
  const takenAt = num(h.takenAt);
  if (takenAt !== undefined) ticket.takenAt = takenAt;
  if (h.outcome) ticket.outcome = h.outcome as Outcome;
  const resolvedAt = num(h.resolvedAt);
  if (resolvedAt !== undefined) ticket.resolvedAt = resolvedAt;
  const card = num(h.cardMessageId);
  if (card !== undefined) ticket.cardMessageId = card;
  const thread = num(h.threadId);
  if (thread !== undefined) ticket.threadId = thread;
  return ticket;
}
