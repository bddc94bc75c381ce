import type { DialogueService } from '../../app/dialogue-service.js';
import type { Input, Reply } from '../../domain/dialogue/index.js';
import { type PersonKey, personKeyId } from '../../domain/person.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { messageIdHash } from '../../store/keys.js';
import { DeliveryError } from '../sender.js';
import { GraphDeliveryError } from './graph.js';
import type { IntakeEntry, IntakeMessage, RedisIntake, Turn } from './intake.js';
import {
  type IncomingMessage,
  type MessageStatus,
  numberChangeOf,
  senderOf,
  toInput,
  type WebhookEvent,
} from './payloads.js';
import { Limiter, PersonQueue } from './queue.js';
import type { WhatsAppSender } from './sender.js';

export const WHATSAPP_CHANNEL = 'wa';

/**
 * A WhatsApp person. The `wa_id` is their phone number, so the key is a keyed hash of it (phone numbers
 * are kept only with consent), with the app secret, as WhatsApp's keys have been made from the start; the
 * number itself is only the address messages are sent to. A person who adopted a username and hides
 * their number arrives with a business-scoped user id instead (`KZ.1349…`): keyed and addressed the same
 * way (the sender tells the two apart when it sends).
 */
export function whatsappPerson(waId: string, key: string): PersonKey {
  return { channel: WHATSAPP_CHANNEL, id: personKeyId(key, waId), address: waId };
}

export interface WhatsAppChannelDeps {
  service: DialogueService;
  sender: WhatsAppSender;
  /** The durable intake: a Redis Stream read through a consumer group. */
  intake: RedisIntake;
  log: Logger;
  /** The tag a person carries in logs instead of their number (a keyed hash). */
  tag: (waId: string) => string;
  /** The person's key in the store: a keyed hash of their number. */
  personOf: (waId: string) => PersonKey;
  /**
   * The person's state, read in the same MULTI as the message's checks, so a message costs no extra
   * round trip for its load. Safe because saves compare and set.
   */
  prefetch?: { keyFor: (who: PersonKey) => string; store: (key: string, raw: string | null) => void };
  /** One person's flood limit, as on Telegram: past `perWindow` messages, one notice, then silence. */
  flood: { perWindow: number; windowMs: number; notice: (waId: string) => Promise<string> };
  /**
   * Moves what is kept under a person's old number to their new one (WhatsApp's `user_changed_number`):
   * the dialogue's state, the open requests and where their replies go. Throws when it could not.
   */
  moveNumber?: (oldId: string, newId: string) => Promise<unknown>;
  /** Fetches a picture by its media id (src/channels/whatsapp/media.ts): without it, captions only. */
  pictures?: (mediaId: string) => Promise<Uint8Array>;
  /** Messages handled at once by this instance. */
  concurrency?: number;
  /** Entries taken from the stream and not finished yet, at most (default: 4 × concurrency). */
  maxInHand?: number;
  /** Entries another instance left pending this long are claimed by this one. */
  claimAfterMs?: number;
  /** How long one read waits for new entries. */
  blockMs?: number;
  metrics?: Metrics;
  now?: () => number;
}

export interface WhatsAppChannel {
  /**
   * Takes the events of one webhook request: messages into the intake stream (resolved once they are
   * there), the rest noted. `busy`: nothing taken (stopping, or the queue is full): Meta should retry.
   */
  accept(events: readonly WebhookEvent[]): Promise<'ok' | 'busy'>;
  /** Starts reading the intake (and claiming what dead instances left). */
  start(): Promise<void>;
  /**
   * Stops: no more requests taken, no more entries read or started; waits up to `graceMs` for the
   * messages being handled; whatever else it held stays pending for another instance (or the next start).
   */
  stop(graceMs?: number): Promise<void>;
  /** Resolves once every message taken so far is answered (tests, benchmarks). */
  idle(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Meta's kind and what it means to the dialogue, without the rest of the message. */
function intakeOf(message: IncomingMessage, from: string, person: string): IntakeMessage {
  return {
    from,
    idHash: messageIdHash(message.id),
    type: message.type,
    input: toInput(message),
    person,
  };
}

/**
 * The WhatsApp channel: turns webhook messages into the engine's inputs and its replies into WhatsApp
 * messages. It decides nothing about the dialogue. A message is in the intake stream before Meta hears
 * 200, is marked answered only once its answer was sent, and is acknowledged then; one person's messages
 * are answered in order, at most `concurrency` at once.
 */
export function createWhatsAppChannel(deps: WhatsAppChannelDeps): WhatsAppChannel {
  const queue = new PersonQueue();
  const now = deps.now ?? Date.now;
  const intake = deps.intake;
  const concurrency = deps.concurrency ?? 32;
  const limiter = new Limiter(concurrency);
  const maxInHand = deps.maxInHand ?? concurrency * 4;
  const claimAfterMs = deps.claimAfterMs ?? 30_000;
  const blockMs = deps.blockMs ?? 2000;
  /** An answer being sent is kept this long at most (a takeover happens after `claimAfterMs`). */
  const turnTtlMs = Math.max(60_000, claimAfterMs * 4);
  const counted = (event: string, by = 1) => deps.metrics?.whatsappIntake.inc({ event }, by);

  /** Stream entries taken and not finished (their ids), and messages handled without an entry. */
  const inHand = new Set<string>();
  let direct = 0;
  let accepting = true;
  let running = false;
  let reader: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let trimmer: NodeJS.Timeout | undefined;
  let slotFreed: (() => void) | undefined;
  /** Resolved (and replaced) whenever an entry is taken or finished: what `idle` waits on. */
  let wake: () => void = () => undefined;
  let progress = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const progressed = () => {
    wake();
    progress = new Promise<void>((resolve) => {
      wake = resolve;
    });
  };
  const freeSlot = () => {
    slotFreed?.();
    slotFreed = undefined;
    progressed();
  };

  /** Marks the message answered and the entry done; Redis away: it comes back, and is answered again. */
  const finish = async (m: IntakeMessage, entryId: string | undefined, answered: boolean, log: Logger) => {
    try {
      const order = m.seq ? { person: m.person, seq: m.seq } : undefined;
      if (entryId) await intake.finish(entryId, answered ? m.idHash : undefined, order);
      else if (answered) await intake.markAnswered(m.idHash);
      if (order) answeredUpTo.set(m.person, m.seq as number);
    } catch (err) {
      deps.metrics?.errors.inc({ where: 'whatsapp_intake' });
      log.warn({ kind: (err as Error)?.name }, 'whatsapp message not acknowledged');
    }
  };

  /** Whether the message was answered already, and the person's count in this window (one round trip). */
  const check = async (m: IntakeMessage, who: PersonKey) => {
    const stateKey = deps.prefetch?.keyFor(who);
    try {
      const begun = await intake.begin(m.idHash, who, deps.flood.windowMs, stateKey);
      if (stateKey && begun.state !== undefined) deps.prefetch?.store(stateKey, begun.state);
      return begun;
    } catch {
      // Redis is away: the message counts as new and uncounted; answering twice is better than not at all.
      deps.metrics?.errors.inc({ where: 'ratelimit' });
      return { answered: false, count: 1, turn: undefined };
    }
  };

  /**
   * The dialogue's answer, kept before it is sent and counted as it goes: an instance that takes the
   * message over from a dead one sends what did not go, and does not step the dialogue a second time.
   */
  const reply = async (
    m: IntakeMessage,
    who: PersonKey,
    input: Input | undefined,
    turn: Turn | undefined,
    log: Logger,
  ) => {
    let replies: Reply[];
    let skip = 0;
    if (turn) {
      replies = JSON.parse(turn.replies) as Reply[];
      skip = turn.sent;
      counted('resumed');
    } else if (input?.kind === 'media' && input.file && deps.pictures) {
      // A picture: fetched and read unless the dialogue says it belongs elsewhere (an open request).
      const file = input.file;
      const fetchPicture = deps.pictures;
      const picture = {
        caption: input.caption,
        forwarded: input.forwarded,
        ref: input.ref,
        download: () => fetchPicture(file),
      };
      replies = (await deps.service.handlePicture(who, picture, { now: now() }, log)).replies;
      await intake.recordTurn(m.idHash, JSON.stringify(replies), turnTtlMs).catch(() => undefined);
    } else if (input) {
      replies = (await deps.service.handle(who, input, { now: now() }, log)).replies;
      await intake.recordTurn(m.idHash, JSON.stringify(replies), turnTtlMs).catch(() => undefined);
    } else return;
    await deps.sender.sendFrom(m.from, replies, skip, () => intake.sentOne(m.idHash));
  };

  /** The dialogue's answer, or the flood notice (once, as the limit is crossed), or nothing. */
  const answer = async (
    m: IntakeMessage,
    who: PersonKey,
    count: number,
    turn: Turn | undefined,
    log: Logger,
  ) => {
    if (turn) return reply(m, who, undefined, turn, log);
    if (count > deps.flood.perWindow) {
      deps.metrics?.rateLimited.inc({ channel: WHATSAPP_CHANNEL });
      if (count === deps.flood.perWindow + 1)
        await deps.sender.send(m.from, [{ text: await deps.flood.notice(m.from) }]);
      return;
    }
    await reply(m, who, m.input, undefined, log);
  };

  const handle = async (m: IntakeMessage, entryId: string | undefined) => {
    const who = deps.personOf(m.from);
    // A child logger per message, with the person's tag: what happened, never what was said or who.
    const log = deps.log.child({ person: deps.tag(m.from), wa_type: m.type });
    const { answered, count, turn } = await check(m, who);
    if (answered) {
      deps.metrics?.whatsappDuplicates.inc();
      log.debug('repeated delivery skipped');
      return finish(m, entryId, false, log);
    }
    try {
      await answer(m, who, count, turn, log);
    } catch (err) {
      deps.metrics?.errors.inc({ where: 'whatsapp' });
      // Codes and kinds only: an error's message can quote what the person wrote.
      log.error(
        {
          kind: err instanceof GraphDeliveryError ? `whatsapp ${err.code}` : (err as Error)?.name,
          reason: err instanceof DeliveryError ? err.reason : undefined,
        },
        'message failed',
      );
    }
    // Handled, whatever came of it: the dialogue has moved on, so it is not handled again.
    await finish(m, entryId, true, log);
  };

  /** The number of each person's last message this instance saw answered (bounded; Redis has the truth). */
  const answeredUpTo = new Map<string, number>();

  /**
   * Waits until the person's earlier messages are answered, wherever they were taken (another instance
   * may hold the one before): one person's messages are answered in order on every instance. Gives up
   * after `claimAfterMs` (the one before was lost, or its instance died and it is being taken over).
   */
  const inTurn = async (m: IntakeMessage) => {
    if (!m.seq || m.seq <= 1 || (answeredUpTo.get(m.person) ?? 0) >= m.seq - 1) return;
    if (answeredUpTo.size > 10_000) answeredUpTo.clear();
    const until = now() + claimAfterMs;
    let waited = false;
    while (running && now() < until) {
      const done = await intake.answeredUpTo(m.person).catch(() => m.seq as number);
      if (done >= m.seq - 1) return;
      if (!waited) counted('waited_in_order');
      waited = true;
      await sleep(25);
    }
  };

  /** Queued behind the person's earlier messages; started only while running (or taken directly). */
  const dispatch = (m: IntakeMessage, entryId?: string) =>
    queue.push(m.from, async () => {
      if (entryId) await inTurn(m);
      await limiter.run(async () => {
        // Stopping: what has not started stays pending in the stream, for another instance.
        if (entryId && !running) return;
        await handle(m, entryId);
      });
    });

  const take = (entry: IntakeEntry) => {
    if (inHand.has(entry.entryId)) return;
    inHand.add(entry.entryId);
    progressed();
    void dispatch(entry, entry.entryId).then(() => {
      inHand.delete(entry.entryId);
      freeSlot();
    });
  };

  const readLoop = async () => {
    let failures = 0;
    while (running) {
      const free = maxInHand - inHand.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => {
          slotFreed = resolve;
        });
        continue;
      }
      try {
        const entries = await intake.read(free, blockMs);
        failures = 0;
        for (const entry of entries) take(entry);
      } catch (err) {
        if (!running) break;
        deps.metrics?.errors.inc({ where: 'whatsapp_intake' });
        if (failures === 0) deps.log.warn({ kind: (err as Error)?.name }, 'whatsapp intake read failed');
        await sleep(Math.min(2000, 50 * 2 ** failures++));
      }
    }
  };

  /** Keeps this instance's entries its own, and takes over what a silent one left past the timeout. */
  const tick = async () => {
    try {
      await intake.keep([...inHand]);
      const free = maxInHand - inHand.size;
      if (free <= 0) return;
      const claimed = (await intake.claim(free, claimAfterMs)).filter((e) => !inHand.has(e.entryId));
      if (claimed.length > 0) {
        counted('claimed', claimed.length);
        deps.log.info({ entries: claimed.length }, 'whatsapp messages of a stopped instance taken over');
      }
      for (const entry of claimed) take(entry);
    } catch {
      // Redis away: tried again at the next tick.
    }
  };

  /** A message WhatsApp could not deliver: counted and logged by its error codes alone. */
  const noteNotDelivered = (status: MessageStatus) => {
    const codes = status.errors?.map((e) => e.code) ?? [];
    for (const code of codes.length > 0 ? codes : ['unknown'])
      deps.metrics?.whatsappSendErrors.inc({ code: String(code), via: 'status' });
    deps.log.warn({ codes }, 'whatsapp message not delivered');
  };

  const note = (event: Exclude<WebhookEvent, { kind: 'message' }>) => {
    switch (event.kind) {
      case 'status':
        // Statuses come in any order (read before delivered); only failures matter, by code alone.
        if (event.status.status === 'failed') noteNotDelivered(event.status);
        break;
      case 'error':
        deps.metrics?.whatsappSendErrors.inc({ code: String(event.code), via: 'webhook' });
        deps.log.warn({ code: event.code }, 'whatsapp error notified');
        break;
      case 'unknown':
        deps.metrics?.whatsappUnknown.inc({ shape: event.shape });
        deps.log.info({ shape: event.shape }, 'unknown whatsapp payload skipped');
        break;
    }
  };

  /** Messages into the stream; Redis away: answered from memory (the hotline and emergency numbers). */
  const keep = async (messages: IntakeMessage[]): Promise<'ok' | 'busy'> => {
    if (messages.length === 0) return 'ok';
    try {
      const added = await intake.add(messages);
      if (added === 'full') {
        counted('refused_full');
        return 'busy';
      }
      counted('queued', messages.length - added.repeated);
      if (added.repeated > 0) deps.metrics?.whatsappDuplicates.inc(added.repeated);
      return 'ok';
    } catch (err) {
      // Rather than refused, as on Telegram: not durable, and bounded like the rest.
      if (direct + messages.length > maxInHand) {
        counted('refused_full');
        return 'busy';
      }
      deps.metrics?.errors.inc({ where: 'whatsapp_intake' });
      deps.log.warn({ kind: (err as Error)?.name }, 'whatsapp intake unavailable: answering directly');
      counted('direct', messages.length);
      for (const m of messages) {
        direct++;
        void dispatch(m).then(() => {
          direct--;
        });
      }
      return 'ok';
    }
  };

  /**
   * A new number (or business-scoped user id): the person's state and requests follow it before anything
   * else is answered.
   */
  const moveNumber = async (change: {
    from: string;
    to: string;
    kind: 'number' | 'user_id';
  }): Promise<'ok' | 'busy'> => {
    if (!deps.moveNumber) return 'ok';
    try {
      await deps.moveNumber(change.from, change.to);
      counted(change.kind === 'number' ? 'moved_number' : 'moved_user_id');
      return 'ok';
    } catch (err) {
      deps.metrics?.errors.inc({ where: 'whatsapp_intake' });
      deps.log.warn({ kind: (err as Error)?.name }, 'whatsapp number change not applied');
      return 'busy';
    }
  };

  /**
   * What becomes of a message at the webhook: queued (its intake entry), applied here (a change of
   * number), or counted and dropped. `busy`: it could not be applied, and Meta should deliver it again.
   */
  const sort = async (message: IncomingMessage): Promise<IntakeMessage | 'busy' | undefined> => {
    const change = numberChangeOf(message);
    if (change) return (await moveNumber(change)) === 'busy' ? 'busy' : undefined;
    if (message.type === 'system') {
      counted('ignored_system');
      return undefined;
    }
    // Written in a group: not a conversation with one person, answered to no one.
    if (message.group_id) {
      counted('ignored_group');
      return undefined;
    }
    // A reaction (or one taken back) asks nothing: no hint, no menu again.
    if (message.type === 'reaction') {
      counted('ignored_reaction');
      return undefined;
    }
    // Only messages with a sender (a phone number or a business-scoped user id) reach here.
    const from = senderOf(message);
    return from ? intakeOf(message, from, deps.personOf(from).id) : undefined;
  };

  return {
    async accept(events) {
      if (!accepting) {
        counted('refused_stopping');
        return 'busy';
      }
      const messages: IntakeMessage[] = [];
      for (const event of events) {
        if (event.kind !== 'message') continue;
        const taken = await sort(event.message);
        if (taken === 'busy') return 'busy';
        if (taken) messages.push(taken);
      }
      if ((await keep(messages)) === 'busy') return 'busy';
      for (const event of events) if (event.kind !== 'message') note(event);
      return 'ok';
    },
    async start() {
      if (running) return;
      running = true;
      await intake.ensureGroup().catch(() => undefined);
      reader = readLoop();
      timer = setInterval(() => void tick(), Math.max(50, Math.floor(claimAfterMs / 3)));
      timer.unref();
      const trim = () =>
        intake
          .trim()
          .then((n) => n > 0 && counted('trimmed', n))
          // The consumers of instances gone for ten times the takeover time, with nothing pending.
          .then(() => intake.forgetGoneConsumers(claimAfterMs * 10))
          .catch(() => undefined);
      trimmer = setInterval(trim, Math.max(50, Math.min(60_000, Math.floor(intake.maxAgeMs / 4))));
      trimmer.unref();
      void tick();
    },
    async stop(graceMs = 8000) {
      accepting = false;
      if (!running) return;
      running = false;
      clearInterval(timer);
      clearInterval(trimmer);
      freeSlot();
      intake.interrupt();
      await reader;
      // What has started finishes (within the grace); the rest stays pending.
      await Promise.race([queue.idle(), sleep(graceMs)]);
    },
    async idle() {
      for (;;) {
        await queue.idle();
        if (!running) return;
        const left = await intake.length().catch(() => 0);
        if (left === 0 && inHand.size === 0 && direct === 0) return;
        await Promise.race([progress, sleep(5)]);
      }
    },
  };
}
