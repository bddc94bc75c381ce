import { type AnsweringDeps, messageAnswerer } from './answering.js';
import { type ArrivalDeps, webhookEvents } from './events.js';
import type { IntakeEntry, IntakeMessage } from './intake.js';
import type { WebhookEvent } from './payloads.js';
import { Limiter, PersonQueue } from './queue.js';

export { WHATSAPP_CHANNEL, whatsappPerson } from './person.js';

/**
 * Everything the channel uses: what answering a message needs (answering.ts), what sorting the webhook's
 * events needs (events.ts), and how the intake stream is read here.
 */
export interface WhatsAppChannelDeps extends AnsweringDeps, ArrivalDeps {
  /** Messages handled at once by this instance. */
  concurrency?: number;
  /** Entries taken from the stream and not finished yet, at most (default: 4 × concurrency). */
  maxInHand?: number;
  /** Entries another instance left pending this long are claimed by this one. */
  claimAfterMs?: number;
  /** How long one read waits for new entries. */
  blockMs?: number;
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

  /** The number of each person's last message this instance saw answered (bounded; Redis has the truth). */
  const answeredUpTo = new Map<string, number>();
  const handle = messageAnswerer(deps, { now, counted, turnTtlMs, answeredUpTo });
  const { sort, note } = webhookEvents(deps, counted);

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
