import type { Redis } from 'ioredis';
import type { TicketRequest } from '../domain/dialogue/index.js';
import { encodeJob } from '../domain/handoff/jobs.js';
import type { ToOperators, ToPerson } from '../domain/handoff/notices.js';
import type {
  CaseOutcome,
  ReassignResult,
  RelayResult,
  ReleaseResult,
  ResolveResult,
  TakeResult,
  Ticket,
  TicketPersonal,
} from '../domain/handoff/ticket.js';
import type { PersonKey } from '../domain/person.js';
import { handoffKeys, parsePersonRef, personRef } from './keys.js';
import { type Scripts, withScripts } from './lua.js';
import type { Write } from './store.js';
import { decodeItem, decodeTicket, encodeItem, type Queued } from './ticket-codec.js';

export interface TicketStoreOptions {
  prefix: string;
  /** How long a closed ticket keeps its personal part. */
  retentionDays: number;
}

/** A ticket's two queues: to the operators' chat, to the person. */
export type QueueName = 'operators' | 'person';
type ItemOf<Q extends QueueName> = Q extends 'operators' ? ToOperators : ToPerson;

/** Tickets with no end in sight still go, a while after their retention, so nothing personal stays forever. */
const OPEN_TICKET_DAYS_EXTRA = 60;
/** The anonymous part of a closed ticket: long enough for a year's reports. */
const ANONYMOUS_DAYS = 400;
const DAY = 86_400;

const ops = (id: string) => encodeJob({ type: 'ops', ticket: id });
const follow = (id: string) => encodeJob({ type: 'follow', ticket: id });

/**
 * Tickets in Redis: a ticket is a hash of anonymous fields and a hash of personal ones, with two queues
 * (to the operators' chat, to the person) drained through the outbox (src/store/outbox.ts). Every status
 * change that two counsellors or two instances could race on is one Lua script (src/store/lua.ts).
 */
export class TicketStore {
  readonly keys: ReturnType<typeof handoffKeys>;
  private readonly redis: Redis & Scripts;
  constructor(
    redis: Redis,
    private readonly options: TicketStoreOptions,
  ) {
    this.keys = handoffKeys(options.prefix);
    this.redis = withScripts(redis);
  }

  private get openTtl(): number {
    return (this.options.retentionDays + OPEN_TICKET_DAYS_EXTRA) * DAY;
  }

  /**
   * What opening a ticket writes: its two hashes, the person's list, the open set, the card queued and its
   * jobs. Saved with the person's state in one step (src/store/redis.ts `saveWith`), or by `open`.
   */
  openWrites(who: PersonKey, request: TicketRequest, channel: string, now: number, slaDue: number): Write[] {
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
    // Her consent to share what counsellors note with her later requests: with her details, gone with them.
    if (request.history) personal.history = '1';
    const ttl = String(this.openTtl);
    return [
      { command: 'hset', key: k.ticket(id), args: Object.entries(fields).flat() },
      { command: 'expire', key: k.ticket(id), args: [ttl] },
      { command: 'hset', key: k.personal(id), args: Object.entries(personal).flat() },
      { command: 'expire', key: k.personal(id), args: [ttl] },
      { command: 'sadd', key: k.personTickets(who), args: [id] },
      { command: 'expire', key: k.personTickets(who), args: [ttl] },
      { command: 'zadd', key: k.open, args: [String(now), id] },
      { command: 'rpush', key: k.toOperators(id), args: [encodeItem({ type: 'card' })] },
      { command: 'expire', key: k.toOperators(id), args: [ttl] },
      { command: 'zadd', key: k.outbox, args: [String(now), ops(id)] },
      { command: 'zadd', key: k.outbox, args: [String(slaDue), encodeJob({ type: 'sla', ticket: id })] },
    ];
  }

  /** Opens a ticket and queues its card, in one round trip (a MULTI). */
  async open(who: PersonKey, request: TicketRequest, channel: string, now: number, slaDue: number) {
    const multi = this.redis.multi();
    for (const w of this.openWrites(who, request, channel, now, slaDue))
      multi.call(w.command, w.key, ...w.args);
    await multi.exec();
  }

  async get(id: string): Promise<Ticket | undefined> {
    return decodeTicket(await this.redis.hgetall(this.keys.ticket(id)));
  }

  async personal(id: string): Promise<TicketPersonal> {
    const h = await this.redis.hgetall(this.keys.personal(id));
    const out: TicketPersonal = {};
    const person = h.person ? parsePersonRef(h.person) : undefined;
    if (person) out.person = h.address ? { ...person, address: h.address } : person;
    if (h.phone) out.phone = h.phone;
    if (h.note) out.note = h.note;
    if (h.resolutionNote) out.resolutionNote = h.resolutionNote;
    if (h.referral) out.referral = h.referral;
    if (h.followUp) out.followUp = h.followUp;
    if (h.history === '1') out.history = true;
    return out;
  }

  /** The ids of a person's requests (kept while her latest is, gone with /forget). */
  async ticketsOf(who: PersonKey): Promise<string[]> {
    return this.redis.smembers(this.keys.personTickets(who));
  }

  /** Queues something for the operators' chat; delivered as soon as the outbox gets to it. */
  async toOperators(id: string, item: ToOperators, now: number): Promise<void> {
    await this.redis
      .multi()
      .rpush(this.keys.toOperators(id), encodeItem(item))
      .expire(this.keys.toOperators(id), this.openTtl)
      // NX: a job already waiting (maybe backing off after a failure) keeps its time.
      .zadd(this.keys.outbox, 'NX', now, ops(id))
      .exec();
  }

  /**
   * Queues a person's message (or alarm) for the operators' chat only while the ticket is open; the
   * ticket lives on while the person writes.
   */
  async fromPerson(id: string, item: ToOperators, now: number): Promise<RelayResult> {
    const k = this.keys;
    const result = await this.redis.tekserPushIfOpen(
      k.ticket(id),
      k.toOperators(id),
      k.outbox,
      encodeItem(item),
      String(now),
      String(this.openTtl),
      ops(id),
    );
    return result === 'ok' || result === 'resolved' ? result : 'gone';
  }

  async toPerson(id: string, item: ToPerson, now: number): Promise<void> {
    await this.redis
      .multi()
      .rpush(this.keys.toPerson(id), encodeItem(item))
      .expire(this.keys.toPerson(id), this.openTtl)
      .zadd(this.keys.outbox, 'NX', now, encodeJob({ type: 'person', ticket: id }))
      .exec();
  }

  /** Atomic: of two counsellors pressing Take at once, one gets the ticket. */
  async take(id: string, by: number, name: string, now: number): Promise<TakeResult> {
    const [result, takenName, takenBy] = await this.redis.tekserTake(
      this.keys.ticket(id),
      String(by),
      name.slice(0, 64),
      String(now),
    );
    if (result === 'ok') {
      await this.redis.zrem(this.keys.outbox, encodeJob({ type: 'sla', ticket: id }));
      const ticket = await this.get(id);
      return ticket ? { ok: true, ticket } : { ok: false, reason: 'missing' };
    }
    if (result === 'taken') return { ok: false, reason: 'taken', by: takenName ?? '', byId: Number(takenBy) };
    return { ok: false, reason: result === 'resolved' ? 'resolved' : 'missing' };
  }

  /** Atomic: a taken ticket is open again, and announced again if nobody takes it by `slaDue`. */
  async release(id: string, slaDue: number): Promise<ReleaseResult> {
    const result = await this.redis.tekserRelease(this.keys.ticket(id));
    if (result !== 'ok') return result === 'open' || result === 'resolved' ? result : 'missing';
    await this.redis.zadd(this.keys.outbox, slaDue, encodeJob({ type: 'sla', ticket: id }));
    return 'ok';
  }

  /** Atomic: a taken ticket passes to another counsellor; the card and topic then show who holds it. */
  async reassign(id: string, to: number, name: string, now: number): Promise<ReassignResult> {
    const [result, from] = await this.redis.tekserReassign(
      this.keys.ticket(id),
      String(to),
      name.slice(0, 64),
      String(now),
    );
    if (result === 'ok') return { ok: true, from: from ?? '' };
    return {
      ok: false,
      reason: result === 'open' || result === 'resolved' || result === 'same' ? result : 'missing',
    };
  }

  /** Closes a ticket; its personal part goes after the retention. */
  async resolve(
    id: string,
    outcome: CaseOutcome,
    by: number,
    note: string | undefined,
    now: number,
  ): Promise<ResolveResult> {
    const result = await this.redis.tekserResolve(this.keys.ticket(id), outcome, String(now), String(by));
    if (result !== 'ok') return result === 'resolved' ? 'resolved' : 'missing';
    const k = this.keys;
    const multi = this.redis.multi();
    if (note) multi.hset(k.personal(id), 'resolutionNote', note);
    await multi
      .expire(k.personal(id), this.options.retentionDays * DAY)
      .expire(k.ticket(id), ANONYMOUS_DAYS * DAY)
      .zrem(k.open, id)
      .zrem(k.outbox, encodeJob({ type: 'sla', ticket: id }))
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
        .zrem(k.outbox, encodeJob({ type: 'person', ticket: id }), follow(id))
        .tekserHsetIfExists(k.ticket(id), 'forgotten', '1')
        // How her case ended goes with the rest of it: the figures were counted when it closed.
        .hdel(k.ticket(id), 'outcome')
        .rpush(k.toOperators(id), encodeItem({ type: 'update' }), encodeItem({ type: 'erase' }))
        .expire(k.toOperators(id), this.openTtl)
        .zadd(k.outbox, now, ops(id));
    }
    multi.del(k.personTickets(who));
    await multi.exec();
    return ids;
  }

  /** A note on a request whose personal part is still there (not forgotten, not past its retention). */
  async addNote(id: string, note: string): Promise<void> {
    await this.redis.tekserHsetIfExists(this.keys.personal(id), 'resolutionNote', note);
  }

  /**
   * What closing recorded besides the outcome (referral, follow-up date), on the personal part while it is
   * there: it expires with it and goes with /forget. A follow-up is due at `due` (ms) in the outbox;
   * `followUp: null` takes it away.
   */
  async setCase(
    id: string,
    fields: { referral?: string; followUp?: { date: string; due: number } | null },
  ): Promise<void> {
    const k = this.keys;
    if (fields.referral !== undefined)
      await this.redis.tekserHsetIfExists(k.personal(id), 'referral', fields.referral);
    if (fields.followUp === null)
      await this.redis.multi().hdel(k.personal(id), 'followUp').zrem(k.outbox, follow(id)).exec();
    else if (fields.followUp !== undefined) {
      const set = await this.redis.tekserHsetIfExists(k.personal(id), 'followUp', fields.followUp.date);
      // Only while her details are kept: a forgotten person is not to be called back.
      if (set === 1) await this.redis.zadd(k.outbox, fields.followUp.due, follow(id));
    }
  }

  /** A due follow-up: queued for the operators' chat once, whichever instance gets here (a Lua script). */
  async followUpDue(id: string, now: number): Promise<boolean> {
    const k = this.keys;
    const queued = await this.redis.tekserFollowUpOnce(
      k.outbox,
      k.toOperators(id),
      follow(id),
      encodeItem({ type: 'follow_up' }),
      String(now),
      String(this.openTtl),
      ops(id),
    );
    return queued === 1;
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

  /** A topic opened for a ticket, kept at once so that a retry does not open another. */
  async setThread(id: string, threadId: number): Promise<void> {
    const k = this.keys;
    await this.redis
      .multi()
      .tekserHsetIfExists(k.ticket(id), 'threadId', String(threadId))
      .set(k.operatorsThread(threadId), id, 'EX', this.openTtl)
      .exec();
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

  // --- A ticket's queues, as the outbox drains them ----------------------------------------------------

  private list(queue: QueueName, id: string): string {
    return queue === 'operators' ? this.keys.toOperators(id) : this.keys.toPerson(id);
  }

  /** The first item of a queue, raw (to remove exactly it once delivered) and read. */
  async peek<Q extends QueueName>(queue: Q, id: string): Promise<Queued<ItemOf<Q>> | undefined> {
    const raw = await this.redis.lindex(this.list(queue, id), 0);
    return raw === null ? undefined : { raw, item: decodeItem<ItemOf<Q>>(raw) };
  }

  /** Removes the first item if it is still the one delivered (another instance may have been quicker). */
  async pop(queue: QueueName, id: string, raw: string): Promise<void> {
    await this.redis.tekserPopIfFirst(this.list(queue, id), raw);
  }

  /** Takes a queue's job off the outbox, unless something was queued since it was found empty. */
  async doneIfEmpty(queue: QueueName, id: string, job: string): Promise<boolean> {
    return (await this.redis.tekserDoneIfEmpty(this.keys.outbox, this.list(queue, id), job)) === 1;
  }
}
