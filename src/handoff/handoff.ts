import { DeliveryError, type DeliveryFailure, type PersonSender } from '../channels/sender.js';
import type { Effect, Reply, Translate } from '../domain/dialogue/index.js';
import { shortTicket } from '../domain/dialogue/index.js';
import { addWorkingMinutes, localDate, type WorkingHours } from '../domain/hours.js';
import type { Lang } from '../domain/language.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { PersonKey } from '../store/keys.js';
import type { StatsStore } from '../store/stats.js';
import { type Card, renderCard } from './card.js';
import type { TakeResult, TicketStore, ToOperators, ToPerson } from './store.js';
import type { Outcome, Ticket, TicketPersonal } from './ticket.js';

/**
 * The operators' chat as the handoff needs it. Telegram's group (or forum) in production; the terminal
 * prints where a card would have gone. A method rejects when the platform did not take the message;
 * `retryAfterMs` on the error says when to try again, if the platform said.
 */
export interface OperatorsDesk {
  /** A forum gets a topic per ticket. */
  readonly forum: boolean;
  /** Opens the ticket's own topic (a forum): kept at once, so a failed card does not open another. */
  openTopic?(ticket: Ticket): Promise<number>;
  /** Posts the card, in the ticket's topic when it has one. */
  postCard(ticket: Ticket, card: Card): Promise<{ messageId: number }>;
  /** Shows the card anew; returns the id of a new card when the old one could not be edited. */
  updateCard(ticket: Ticket, card: Card): Promise<number | undefined>;
  /** Posts in the ticket's topic (or as a reply to its card); returns the message id. */
  post(ticket: Ticket, text: string): Promise<number | undefined>;
  /** Deletes messages it posted (a forgotten person's words), as far as the platform allows. */
  erase?(messageIds: readonly number[]): Promise<void>;
}

export interface HandoffDeps {
  store: TicketStore;
  stats: StatsStore;
  desk: OperatorsDesk;
  /** One sender per channel (tg, wa, cli), for messages to a person outside their own update. */
  senders: ReadonlyMap<string, PersonSender>;
  t: (lang: Lang) => Translate;
  operatorsLang: Lang;
  hours: WorkingHours;
  timeZone: string;
  slaMinutes: number;
  /** The hotline line in a language, for the notice that a request is closed. */
  hotlineLine: (lang: Lang) => string;
  log: Logger;
  metrics?: Metrics;
  now?: () => number;
  /** A ticket closed: the person's dialogue no longer points at it. */
  onClosed?: (who: PersonKey, ticketId: string) => Promise<void>;
}

/** A job is someone else's for this long once claimed: the time one delivery may take. */
const LEASE_MS = 3 * 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const POLL_MS = 1000;
/** Items a job delivers in one go, so one busy ticket does not hold up the others. */
const BATCH = 20;

/**
 * Counsellor requests from open to closed: opened from a person's turn, delivered to the operators' chat
 * through a queue in Redis (nothing is lost when the chat is away: it is retried with backoff until it is
 * delivered), taken, relayed both ways, announced again when not taken in time, resolved.
 */
export class Handoff {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly attempts = new Map<string, number>();

  constructor(private readonly deps: HandoffDeps) {
    this.now = deps.now ?? Date.now;
  }

  private get ops(): Translate {
    return this.deps.t(this.deps.operatorsLang);
  }

  // --- From a person's turn ---------------------------------------------------------------------------

  /**
   * What a person's turn asked for: a request opened, a message passed on, danger announced. Returns the
   * requests that turned out closed or gone, so the person is told instead of being left writing to no one.
   */
  async apply(who: PersonKey, effects: readonly Effect[]): Promise<{ closed: string[] }> {
    const closed: string[] = [];
    if (effects.length === 0) return { closed };
    const now = this.now();
    for (const effect of effects) {
      switch (effect.type) {
        case 'open_ticket': {
          const due = addWorkingMinutes(this.deps.hours, this.deps.timeZone, now, this.deps.slaMinutes);
          await this.deps.store.open(who, effect.request, who.channel, now, due);
          this.deps.metrics?.tickets.inc({ event: 'opened' });
          break;
        }
        case 'relay':
        case 'urgent': {
          const item: ToOperators =
            effect.type === 'relay'
              ? { k: 'text', text: effect.text, urgent: effect.urgent }
              : effect.text
                ? { k: 'urgent', text: effect.text }
                : { k: 'urgent' };
          if ((await this.deps.store.fromPerson(effect.ticket, item, now)) !== 'ok')
            closed.push(effect.ticket);
          break;
        }
      }
    }
    this.kick();
    return { closed };
  }

  async forgetPerson(who: PersonKey): Promise<void> {
    await this.deps.store.forgetPerson(who, this.now());
    this.kick();
  }

  // --- From the operators' chat ----------------------------------------------------------------------

  async take(id: string, by: number, name: string): Promise<TakeResult> {
    const now = this.now();
    const result = await this.deps.store.take(id, by, name, now);
    if (!result.ok) return result;
    const ticket = result.ticket;
    this.deps.metrics?.tickets.inc({ event: 'taken' });
    await this.deps.store.toPerson(id, { k: 'taken' }, now);
    await this.deps.store.toOperators(id, { k: 'update' }, now);
    await this.deps.stats.taken(
      localDate(now, this.deps.timeZone),
      ticket.lang,
      (now - ticket.createdAt) / 1000,
    );
    this.kick();
    return result;
  }

  async resolve(
    id: string,
    outcome: Outcome,
    by: number,
    note: string | undefined,
  ): Promise<'ok' | 'missing' | 'resolved'> {
    const now = this.now();
    const personal = await this.deps.store.personal(id);
    const result = await this.deps.store.resolve(id, outcome, by, note, now);
    if (result !== 'ok') return result;
    const ticket = await this.deps.store.get(id);
    this.deps.metrics?.tickets.inc({ event: 'resolved' });
    await this.deps.store.toPerson(id, { k: 'resolved' }, now);
    await this.deps.store.toOperators(id, { k: 'update' }, now);
    if (ticket) await this.deps.stats.resolved(localDate(now, this.deps.timeZone), ticket.lang, outcome);
    if (personal.person) await this.deps.onClosed?.(personal.person, id);
    this.kick();
    return 'ok';
  }

  /** The counsellor's note on a closed request: kept with its personal part, never sent to the person. */
  async addNote(id: string, note: string): Promise<void> {
    await this.deps.store.addNote(id, note);
  }

  /** A counsellor's message for the person of a ticket. */
  async reply(id: string, text: string): Promise<'ok' | 'missing' | 'closed' | 'forgotten'> {
    const ticket = await this.deps.store.get(id);
    if (!ticket) return 'missing';
    if (ticket.forgotten) return 'forgotten';
    if (ticket.status === 'resolved') return 'closed';
    await this.deps.store.toPerson(id, { k: 'reply', text }, this.now());
    this.kick();
    return 'ok';
  }

  ticketOf(replyTo: number | undefined, threadId: number | undefined): Promise<string | undefined> {
    return this.deps.store.ticketOf(replyTo, threadId);
  }

  get(id: string): Promise<Ticket | undefined> {
    return this.deps.store.get(id);
  }

  openTickets(): Promise<Ticket[]> {
    return this.deps.store.openTickets();
  }

  // --- The outbox ------------------------------------------------------------------------------------

  /** Starts delivering in the background: at once when kicked, and every second for what is due. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Something was queued: deliver it now rather than at the next poll. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) {
        // One pass at a time; look again right after it.
        void this.running.then(() => this.schedule(0));
        return;
      }
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((err: unknown) => {
          this.deps.metrics?.errors.inc({ where: 'handoff' });
          this.deps.log.warn({ err: (err as Error)?.name }, 'handoff pass failed');
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(POLL_MS);
        });
    }, ms);
    this.timer.unref?.();
  }

  /** Delivers what is due; returns how many jobs it worked on. */
  async runOnce(): Promise<number> {
    const jobs = await this.deps.store.dueJobs(this.now());
    let worked = 0;
    for (const job of jobs) {
      // Each job's lease from when it is claimed, not from when the pass began.
      const now = this.now();
      if (!(await this.deps.store.claim(job, now, LEASE_MS))) continue;
      worked++;
      try {
        const more = await this.runJob(job, now);
        this.attempts.delete(job);
        if (more) await this.deps.store.reschedule(job, now);
      } catch (err) {
        const attempt = (this.attempts.get(job) ?? 0) + 1;
        this.attempts.set(job, attempt);
        const asked = err instanceof DeliveryError ? err.retryAfterMs : retryAfterOf(err);
        const wait = Math.min(asked ?? 1000 * 2 ** attempt, MAX_BACKOFF_MS);
        await this.deps.store.reschedule(job, now + wait);
        this.deps.log.warn({ job: job.split(':')[0], attempt, err: errorKind(err) }, 'delivery failed');
      }
    }
    return worked;
  }

  /** Runs passes until nothing is due now (tests, and shutdown). */
  async drain(maxPasses = 50): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      if ((await this.runOnce()) === 0) return;
    }
  }

  /** Returns whether the job has more to deliver right away. */
  private async runJob(job: string, now: number): Promise<boolean> {
    const at = job.indexOf(':');
    const kind = job.slice(0, at);
    const id = job.slice(at + 1);
    if (kind === 'ops') return this.deliverToOperators(id, job);
    if (kind === 'person') return this.deliverToPerson(id, job, now);
    if (kind === 'sla') await this.checkSla(id, job, now);
    else await this.deps.store.done(job);
    return false;
  }

  private async deliverToOperators(id: string, job: string): Promise<boolean> {
    const { store } = this.deps;
    const list = store.keys.toOperators(id);
    for (let i = 0; i < BATCH; i++) {
      const first = await store.peek<ToOperators>(list);
      if (!first) return !(await store.doneIfEmpty(job, list));
      const ticket = await store.get(id);
      if (ticket && first.item) {
        try {
          await this.show(ticket, first.item);
          this.deps.metrics?.deliveries.inc({ to: 'operators', result: 'ok' });
        } catch (err) {
          this.deps.metrics?.deliveries.inc({ to: 'operators', result: 'failed' });
          // Telegram refuses it for good (a bad request): retrying would hold up everything after it.
          if (!isPermanent(err)) throw err;
          this.deps.log.error({ err: errorKind(err), item: first.item.k }, "operators' chat refused an item");
        }
      }
      await store.popIf(list, first.raw);
    }
    return true;
  }

  private async show(ticket: Ticket, item: ToOperators): Promise<void> {
    const { store, desk } = this.deps;
    const t = this.ops;
    const short = shortTicket(ticket.id);
    const card = async () => renderCard(t, ticket, await this.personalOf(ticket), desk.forum);
    switch (item.k) {
      case 'card': {
        if (ticket.cardMessageId !== undefined) {
          await this.updateCard(ticket, await card());
          return;
        }
        let shown = ticket;
        if (desk.forum && desk.openTopic && ticket.threadId === undefined) {
          try {
            const threadId = await desk.openTopic(ticket);
            await store.setThread(ticket.id, threadId);
            shown = { ...ticket, threadId };
          } catch (err) {
            // No right to open topics (or topics off): the card goes to the main chat, never nowhere.
            if (!isPermanent(err)) throw err;
            this.deps.log.warn({ err: errorKind(err) }, 'no topic for a request; card in the main chat');
          }
        }
        const posted = await desk.postCard(shown, await card());
        await store.setCard(ticket.id, posted.messageId, shown.threadId);
        return;
      }
      case 'update':
        if (ticket.cardMessageId !== undefined) await this.updateCard(ticket, await card());
        return;
      case 'text': {
        const key = item.urgent ? 'ops.from_person_urgent' : 'ops.from_person';
        const posted = await desk.post(ticket, t(key, { ticket: short, text: item.text }));
        if (posted !== undefined) await store.linkMessage(ticket.id, posted, true);
        return;
      }
      case 'sla': {
        if (ticket.status !== 'open' || ticket.forgotten) return;
        const minutes = Math.round((this.now() - ticket.createdAt) / 60_000);
        await this.link(ticket, await desk.post(ticket, t('ops.sla', { ticket: short, minutes })));
        this.deps.metrics?.tickets.inc({ event: 'sla' });
        return;
      }
      case 'urgent':
        if (ticket.status === 'resolved') return;
        {
          const posted = await desk.post(
            ticket,
            [t('ops.urgent', { ticket: short }), item.text].filter(Boolean).join('\n'),
          );
          // With the person's words in it, it goes if they ask to be forgotten.
          if (posted !== undefined) await store.linkMessage(ticket.id, posted, item.text !== undefined);
          return;
        }
      case 'erase': {
        const ids = await store.takePersonWords(ticket.id);
        if (ids.length > 0) await desk.erase?.(ids);
        return;
      }
      case 'undelivered':
        await this.link(
          ticket,
          await desk.post(
            ticket,
            t('ops.undelivered', { ticket: short, reason: t(`ops.reason.${item.reason}`) }),
          ),
        );
        return;
    }
  }

  private async updateCard(ticket: Ticket, card: Card): Promise<void> {
    const reposted = await this.deps.desk.updateCard(ticket, card);
    if (reposted !== undefined) await this.deps.store.setCard(ticket.id, reposted, ticket.threadId);
  }

  /** Every message about a ticket leads back to it: a counsellor's reply to any of them reaches the person. */
  private async link(ticket: Ticket, messageId: number | undefined): Promise<void> {
    if (messageId !== undefined) await this.deps.store.linkMessage(ticket.id, messageId);
  }

  private async personalOf(ticket: Ticket): Promise<TicketPersonal> {
    return ticket.forgotten ? {} : this.deps.store.personal(ticket.id);
  }

  private async deliverToPerson(id: string, job: string, now: number): Promise<boolean> {
    const { store } = this.deps;
    const list = store.keys.toPerson(id);
    const ticket = await store.get(id);
    const personal = ticket ? await this.personalOf(ticket) : {};
    const who = personal.person;
    const sender = who ? this.deps.senders.get(who.channel) : undefined;
    for (let i = 0; i < BATCH; i++) {
      const first = await store.peek<ToPerson>(list);
      if (!first) return !(await store.doneIfEmpty(job, list));
      const item = first.item;
      if (ticket && item) {
        let failed: DeliveryFailure | undefined;
        if (!who || !sender) failed = 'failed';
        else {
          try {
            await sender.send(who.address ?? who.id, this.personMessage(ticket, item));
            this.deps.metrics?.deliveries.inc({ to: 'person', result: 'ok' });
          } catch (err) {
            failed = err instanceof DeliveryError ? err.reason : 'retry';
            this.deps.metrics?.deliveries.inc({ to: 'person', result: failed });
            if (failed === 'retry') throw err;
          }
        }
        if (failed === 'outside_window') {
          await store.markCannotMessage(id);
          await store.toOperators(id, { k: 'update' }, now);
        }
        // The counsellor learns that their words did not arrive; the item is not tried again.
        if (failed && item.k === 'reply')
          await store.toOperators(
            id,
            { k: 'undelivered', reason: ticket.forgotten ? 'forgotten' : failed },
            now,
          );
      }
      await store.popIf(list, first.raw);
    }
    return true;
  }

  private personMessage(ticket: Ticket, item: ToPerson): Reply[] {
    const t = this.deps.t(ticket.lang);
    const short = shortTicket(ticket.id);
    switch (item.k) {
      case 'taken':
        return [{ text: t(`notice.taken_${ticket.mode}`, { ticket: short }) }];
      case 'resolved':
        return [
          { text: t('notice.resolved', { ticket: short, hotline: this.deps.hotlineLine(ticket.lang) }) },
        ];
      case 'reply':
        return [
          {
            text: t('relay.from_counsellor', { ticket: short, text: item.text }),
            shortcuts: [{ data: 'R:relay', label: t('relay.answer') }],
          },
        ];
    }
  }

  private async checkSla(id: string, job: string, now: number): Promise<void> {
    const ticket = await this.deps.store.get(id);
    if (ticket?.status !== 'open') {
      await this.deps.store.done(job);
      return;
    }
    await this.deps.store.toOperators(id, { k: 'sla' }, now);
    const next = addWorkingMinutes(this.deps.hours, this.deps.timeZone, now, this.deps.slaMinutes);
    await this.deps.store.reschedule(job, next);
  }
}

/** Telegram's "retry after" on a 429, when the error carries it. */
function retryAfterOf(err: unknown): number | undefined {
  const seconds = (err as { parameters?: { retry_after?: number } })?.parameters?.retry_after;
  return typeof seconds === 'number' ? seconds * 1000 : undefined;
}

/** A request Telegram will refuse however often it is sent (400: bad request, a topic gone). */
function isPermanent(err: unknown): boolean {
  return (err as { error_code?: number })?.error_code === 400;
}

function errorKind(err: unknown): string {
  const e = err as { name?: string; error_code?: number; reason?: string };
  if (e?.error_code) return `telegram ${e.error_code}`;
  if (e?.reason) return e.reason;
  return e?.name ?? 'unknown';
}
