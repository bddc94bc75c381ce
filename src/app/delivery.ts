import type { Translate } from '../domain/dialogue/index.js';
import { type Card, renderCard } from '../domain/handoff/card.js';
import { decodeJob } from '../domain/handoff/jobs.js';
import {
  fromPersonText,
  personNotice,
  slaText,
  type ToOperators,
  type ToPerson,
  undeliveredText,
  urgentText,
} from '../domain/handoff/notices.js';
import type { Ticket, TicketPersonal } from '../domain/handoff/ticket.js';
import { addWorkingMinutes, type WorkingHours } from '../domain/hours.js';
import type { Lang } from '../domain/language.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { errorKind } from './outbox-worker.js';
import {
  DeliveryError,
  type DeliveryFailure,
  isRefused,
  type OperatorsDesk,
  type OutboxJobs,
  type PersonSender,
  type TicketRepository,
} from './ports.js';

/** Items a job delivers in one go, so one busy ticket does not hold up the others. */
const BATCH = 20;

export interface DeliveryDeps {
  repo: TicketRepository;
  jobs: OutboxJobs;
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
  metrics?: Metrics | undefined;
  now?: (() => number) | undefined;
}

/**
 * The handoff's jobs in the outbox (src/app/outbox-worker.ts runs them): a ticket's queue delivered to
 * the operators' chat or to the person, in order, and the announcement of a request not taken in time.
 */
export class HandoffDelivery {
  private readonly now: () => number;
  constructor(private readonly deps: DeliveryDeps) {
    this.now = deps.now ?? Date.now;
  }

  private get ops(): Translate {
    return this.deps.t(this.deps.operatorsLang);
  }

  /** Runs one job; returns whether it has more to deliver right away. */
  readonly handle = async (job: string, now: number): Promise<boolean> => {
    const parsed = decodeJob(job);
    if (parsed?.type === 'ops') return this.toOperators(parsed.ticket, job);
    if (parsed?.type === 'person') return this.toPerson(parsed.ticket, job, now);
    if (parsed?.type === 'sla') await this.checkSla(parsed.ticket, job, now);
    else await this.deps.jobs.done(job);
    return false;
  };

  // --- To the operators' chat ------------------------------------------------------------------------

  private async toOperators(id: string, job: string): Promise<boolean> {
    const { repo } = this.deps;
    for (let i = 0; i < BATCH; i++) {
      const first = await repo.peek('operators', id);
      if (!first) return !(await repo.doneIfEmpty('operators', id, job));
      const ticket = await repo.get(id);
      if (ticket && first.item) await this.showOrDrop(ticket, first.item);
      await repo.pop('operators', id, first.raw);
    }
    return true;
  }

  /** Shows an item; one the chat refuses for good is dropped (logged), anything else is tried again. */
  private async showOrDrop(ticket: Ticket, item: ToOperators): Promise<void> {
    try {
      await this.show(ticket, item);
      this.deps.metrics?.deliveries.inc({ to: 'operators', result: 'ok' });
    } catch (err) {
      this.deps.metrics?.deliveries.inc({ to: 'operators', result: 'failed' });
      if (!isRefused(err)) throw err;
      this.deps.log.error({ err: errorKind(err), item: item.type }, "operators' chat refused an item");
    }
  }

  private async show(ticket: Ticket, item: ToOperators): Promise<void> {
    const { repo, desk } = this.deps;
    const t = this.ops;
    switch (item.type) {
      case 'card':
        return this.showCard(ticket);
      case 'update':
        if (ticket.cardMessageId !== undefined) await this.updateCard(ticket, await this.card(ticket));
        return;
      case 'text': {
        const posted = await desk.post(ticket, fromPersonText(t, ticket.id, item.text, item.urgent));
        if (posted !== undefined) await repo.linkMessage(ticket.id, posted, true);
        return;
      }
      case 'sla': {
        if (ticket.status !== 'open' || ticket.forgotten) return;
        const minutes = Math.round((this.now() - ticket.createdAt) / 60_000);
        await this.link(ticket, await desk.post(ticket, slaText(t, ticket.id, minutes)));
        this.deps.metrics?.tickets.inc({ event: 'sla' });
        return;
      }
      case 'urgent': {
        if (ticket.status === 'resolved') return;
        const posted = await desk.post(ticket, urgentText(t, ticket.id, item.text));
        // With the person's words in it, it goes if they ask to be forgotten.
        if (posted !== undefined) await repo.linkMessage(ticket.id, posted, item.text !== undefined);
        return;
      }
      case 'erase': {
        const ids = await repo.takePersonWords(ticket.id);
        if (ids.length > 0) await desk.erase?.(ids);
        return;
      }
      case 'undelivered':
        await this.link(ticket, await desk.post(ticket, undeliveredText(t, ticket.id, item.reason)));
        return;
    }
  }

  private async card(ticket: Ticket): Promise<Card> {
    return renderCard(this.ops, ticket, await this.personalOf(ticket), this.deps.desk.forum);
  }

  /** A new card, in the ticket's own topic in a forum; an update when it was posted already. */
  private async showCard(ticket: Ticket): Promise<void> {
    if (ticket.cardMessageId !== undefined) {
      await this.updateCard(ticket, await this.card(ticket));
      return;
    }
    const shown = await this.withTopic(ticket);
    const posted = await this.deps.desk.postCard(shown, await this.card(ticket));
    await this.deps.repo.setCard(ticket.id, posted.messageId, shown.threadId);
  }

  private async withTopic(ticket: Ticket): Promise<Ticket> {
    const { desk } = this.deps;
    if (!desk.forum || !desk.openTopic || ticket.threadId !== undefined) return ticket;
    try {
      const threadId = await desk.openTopic(ticket);
      await this.deps.repo.setThread(ticket.id, threadId);
      return { ...ticket, threadId };
    } catch (err) {
      // No right to open topics (or topics off): the card goes to the main chat, never nowhere.
      if (!isRefused(err)) throw err;
      this.deps.log.warn({ err: errorKind(err) }, 'no topic for a request; card in the main chat');
      return ticket;
    }
  }

  private async updateCard(ticket: Ticket, card: Card): Promise<void> {
    const reposted = await this.deps.desk.updateCard(ticket, card);
    if (reposted !== undefined) await this.deps.repo.setCard(ticket.id, reposted, ticket.threadId);
  }

  /** Every message about a ticket leads back to it: a counsellor's reply to any of them reaches the person. */
  private async link(ticket: Ticket, messageId: number | undefined): Promise<void> {
    if (messageId !== undefined) await this.deps.repo.linkMessage(ticket.id, messageId);
  }

  private async personalOf(ticket: Ticket): Promise<TicketPersonal> {
    return ticket.forgotten ? {} : this.deps.repo.personal(ticket.id);
  }

  // --- To the person ---------------------------------------------------------------------------------

  private async toPerson(id: string, job: string, now: number): Promise<boolean> {
    const { repo } = this.deps;
    const ticket = await repo.get(id);
    const personal = ticket ? await this.personalOf(ticket) : {};
    for (let i = 0; i < BATCH; i++) {
      const first = await repo.peek('person', id);
      if (!first) return !(await repo.doneIfEmpty('person', id, job));
      if (ticket && first.item) await this.sendToPerson(ticket, personal, first.item, now);
      await repo.pop('person', id, first.raw);
    }
    return true;
  }

  /** Sends one item; a failure that retrying will not fix is told to the counsellor, not tried again. */
  private async sendToPerson(
    ticket: Ticket,
    personal: TicketPersonal,
    item: ToPerson,
    now: number,
  ): Promise<void> {
    const failed = await this.trySend(ticket, personal, item);
    if (!failed) return;
    const { repo } = this.deps;
    if (failed === 'outside_window') {
      await repo.markCannotMessage(ticket.id);
      await repo.toOperators(ticket.id, { type: 'update' }, now);
    }
    // The counsellor learns that their words did not arrive; the item is not tried again.
    if (item.type === 'reply')
      await repo.toOperators(
        ticket.id,
        { type: 'undelivered', reason: ticket.forgotten ? 'forgotten' : failed },
        now,
      );
  }

  /** Why it was not delivered, or undefined when it was; throws when it is to be tried again. */
  private async trySend(
    ticket: Ticket,
    personal: TicketPersonal,
    item: ToPerson,
  ): Promise<DeliveryFailure | undefined> {
    const who = personal.person;
    const sender = who ? this.deps.senders.get(who.channel) : undefined;
    if (!who || !sender) return 'failed';
    const t = this.deps.t(ticket.lang);
    try {
      await sender.send(
        who.address ?? who.id,
        personNotice(t, ticket, item, this.deps.hotlineLine(ticket.lang)),
      );
      this.deps.metrics?.deliveries.inc({ to: 'person', result: 'ok' });
      return undefined;
    } catch (err) {
      const failed = err instanceof DeliveryError ? err.reason : 'retry';
      this.deps.metrics?.deliveries.inc({ to: 'person', result: failed });
      if (failed === 'retry') throw err;
      return failed;
    }
  }

  // --- Not taken in time -----------------------------------------------------------------------------

  private async checkSla(id: string, job: string, now: number): Promise<void> {
    const { repo, jobs } = this.deps;
    const ticket = await repo.get(id);
    if (ticket?.status !== 'open') {
      await jobs.done(job);
      return;
    }
    await repo.toOperators(id, { type: 'sla' }, now);
    const next = addWorkingMinutes(this.deps.hours, this.deps.timeZone, now, this.deps.slaMinutes);
    await jobs.reschedule(job, next);
  }
}
