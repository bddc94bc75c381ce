import type { Translate } from '../domain/dialogue/index.js';
import { type Card, renderCard } from '../domain/handoff/card.js';
import { decodeJob } from '../domain/handoff/jobs.js';
import {
  followUpText,
  fromPersonText,
  mediaNotPassedText,
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
import { sharedHistory } from './history.js';
import { mediaTooLarge, postPersonMedia, sendCounsellorMedia } from './media-delivery.js';
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
import { splitText } from './split-text.js';
import { showTopic, topicFor } from './topics.js';

/** Items a job delivers in one go, so one busy ticket does not hold up the others. */
const BATCH = 20;
/**
 * An item the operators' chat refuses (a 400: "chat not found", rights taken away) is tried this many
 * times, with the outbox's backoff (about a minute in all), before it is given up and the person told.
 */
export const REFUSED_ATTEMPTS = 6;

/** Items carrying what the person sent: when they never reach the chat, the person must know. */
const PERSON_SENT = new Set<ToOperators['type']>(['card', 'text', 'urgent', 'media']);

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
  /** A referral's name in the operators' language (flows/desk/referrals.yaml), for reminders and history. */
  referralName?: ((id: string) => string | undefined) | undefined;
  /** TICKET_RETENTION_DAYS: how far back a card shows the person's earlier requests (src/app/history.ts). */
  retentionDays: number;
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
  /** How many times the chat refused each ticket's first item (in memory: a restart tries anew). */
  private readonly refusals = new Map<string, number>();
  constructor(private readonly deps: DeliveryDeps) {
    this.now = deps.now ?? Date.now;
  }

  private get ops(): Translate {
    return this.deps.t(this.deps.operatorsLang);
  }

  /** Runs one job; returns whether it has more to deliver right away. */
  readonly handle = async (job: string, now: number): Promise<boolean> => {
    const parsed = decodeJob(job);
    if (parsed?.type === 'ops') return this.toOperators(parsed.ticket, job, now);
    if (parsed?.type === 'person') return this.toPerson(parsed.ticket, job, now);
    if (parsed?.type === 'sla') await this.checkSla(parsed.ticket, job, now);
    // Queued once and taken off the outbox in one step: two instances never remind twice.
    else if (parsed?.type === 'follow') await this.deps.repo.followUpDue(parsed.ticket, now);
    else await this.deps.jobs.done(job);
    return false;
  };

  // --- To the operators' chat ------------------------------------------------------------------------

  private async toOperators(id: string, job: string, now: number): Promise<boolean> {
    const { repo } = this.deps;
    for (let i = 0; i < BATCH; i++) {
      const first = await repo.peek('operators', id);
      if (!first) return !(await repo.doneIfEmpty('operators', id, job));
      const ticket = await repo.get(id);
      if (ticket && first.item) await this.showOrGiveUp(ticket, first.item, first.raw, now);
      await repo.pop('operators', id, first.raw);
    }
    return true;
  }

  /**
   * Shows an item. One the chat refuses (a 400) is tried again with backoff, counted and logged (its kind,
   * never its text); after REFUSED_ATTEMPTS it is given up, and a person whose words it carried is told
   * the truth, with the hotline. Anything else is tried again until it goes through.
   */
  private async showOrGiveUp(ticket: Ticket, item: ToOperators, raw: string, now: number): Promise<void> {
    const key = `${ticket.id}\n${raw}`;
    try {
      await this.show(ticket, item);
      this.refusals.delete(key);
      this.deps.metrics?.deliveries.inc({ to: 'operators', result: 'ok' });
      return;
    } catch (err) {
      this.deps.metrics?.deliveries.inc({ to: 'operators', result: 'failed' });
      if (item.type === 'media' && err instanceof DeliveryError && err.reason === 'too_large') {
        // Larger than can be passed on: not tried again; she is told, and the counsellors see it.
        this.deps.log.info({ item: item.type, media: item.media.kind }, 'media too large to pass on');
        await mediaTooLarge(this.deps, ticket, now);
        return;
      }
      if (!isRefused(err)) throw err;
      const attempt = (this.refusals.get(key) ?? 0) + 1;
      this.deps.metrics?.errors.inc({ where: 'operators_chat' });
      this.deps.log.error(
        { err: errorKind(err), item: item.type, attempt, of: REFUSED_ATTEMPTS },
        "operators' chat refused an item",
      );
      if (this.refusals.size > 10_000) this.refusals.clear();
      if (attempt < REFUSED_ATTEMPTS) {
        this.refusals.set(key, attempt);
        throw new DeliveryError('retry');
      }
      this.refusals.delete(key);
    }
    // Given up: the person was told "passed on", and must now hear that it was not.
    if (PERSON_SENT.has(item.type) && ticket.status !== 'resolved' && !ticket.forgotten)
      await this.deps.repo.toPerson(ticket.id, { type: 'undelivered' }, now);
  }

  /** Posts a text in as many messages as the chat's limit needs; the ids of all that were posted. */
  private async postAll(ticket: Ticket, text: string): Promise<number[]> {
    const { desk } = this.deps;
    const ids: number[] = [];
    for (const part of desk.maxText ? splitText(text, desk.maxText) : [text]) {
      const id = await desk.post(ticket, part);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  private async show(ticket: Ticket, item: ToOperators): Promise<void> {
    const { repo, desk } = this.deps;
    const t = this.ops;
    switch (item.type) {
      case 'card':
        return this.showCard(ticket);
      case 'update':
        if (ticket.cardMessageId !== undefined) await this.updateCard(ticket, await this.card(ticket));
        await showTopic(this.deps, ticket);
        return;
      case 'text': {
        const posted = await this.postAll(ticket, fromPersonText(t, ticket.id, item.text, item.urgent));
        for (const id of posted) await repo.linkMessage(ticket.id, id, true);
        return;
      }
      case 'sla': {
        if (ticket.status !== 'open' || ticket.forgotten) return;
        const minutes = Math.round((this.now() - ticket.createdAt) / 60_000);
        await this.link(ticket, await this.postAll(ticket, slaText(t, ticket.id, minutes)));
        this.deps.metrics?.tickets.inc({ event: 'sla' });
        return;
      }
      case 'urgent': {
        if (ticket.status === 'resolved') return;
        const posted = await this.postAll(ticket, urgentText(t, ticket.id, item.text));
        // With the person's words in it, it goes if they ask to be forgotten.
        for (const id of posted) await repo.linkMessage(ticket.id, id, item.text !== undefined);
        return;
      }
      case 'erase': {
        const ids = await repo.takePersonWords(ticket.id);
        if (ids.length > 0) await desk.erase?.(ids);
        return;
      }
      case 'undelivered':
        await this.link(ticket, await this.postAll(ticket, undeliveredText(t, ticket.id, item.reason)));
        return;
      case 'follow_up':
        return this.showFollowUp(ticket);
      case 'media': {
        const personal = await this.personalOf(ticket);
        const posted = await postPersonMedia(this.deps, t, ticket, personal, item, (to, text) =>
          this.postAll(to, text),
        );
        for (const id of posted) await repo.linkMessage(ticket.id, id, true);
        return;
      }
      case 'media_not_passed':
        await this.link(ticket, await this.postAll(ticket, mediaNotPassedText(t, ticket.id, item.mb)));
        return;
    }
  }

  /** A follow-up reminder, on its day. */
  private async showFollowUp(ticket: Ticket): Promise<void> {
    const { repo } = this.deps;
    if (ticket.forgotten) return;
    const personal = await repo.personal(ticket.id);
    if (!personal.followUp) return;
    const text = followUpText(this.ops, ticket, personal, (id) => this.deps.referralName?.(id) ?? id);
    // In its topic or under its card (the desk falls back to the main chat when the topic is refused);
    // with the note in it, it goes if she asks to be forgotten.
    for (const id of await this.postAll(ticket, text)) await repo.linkMessage(ticket.id, id, true);
  }

  /** The card, with the person's earlier requests when she agreed to share them (read anew each time). */
  private async card(ticket: Ticket, kept?: TicketPersonal): Promise<Card> {
    const personal = kept ?? (await this.personalOf(ticket));
    const history = await sharedHistory(this.deps, ticket, personal, this.now());
    return renderCard(this.ops, ticket, personal, this.deps.desk.forum, history);
  }

  /** The card's parts within the chat's limit: the first carries the buttons, the rest follow it. */
  private cardParts(card: Card): { card: Card; rest: string[] } {
    const max = this.deps.desk.maxText;
    if (!max || card.text.length <= max) return { card, rest: [] };
    const [first = '', ...rest] = splitText(card.text, max);
    return { card: { ...card, text: first }, rest };
  }

  /**
   * A new card, in a forum in her earlier request's topic (reopened) or one of its own
   * (src/app/topics.ts); an update when it was posted already.
   */
  private async showCard(ticket: Ticket): Promise<void> {
    if (ticket.cardMessageId !== undefined) {
      await this.updateCard(ticket, await this.card(ticket));
      return;
    }
    const personal = await this.personalOf(ticket);
    const shown = await topicFor(this.deps, ticket, personal, this.now());
    const { card, rest } = this.cardParts(await this.card(ticket, personal));
    const posted = await this.deps.desk.postCard(shown, card);
    await this.deps.repo.setCard(ticket.id, posted.messageId, shown.threadId);
    // What did not fit (a long note) follows the card, and goes with the person's words on /forget.
    const below = { ...shown, cardMessageId: posted.messageId };
    for (const part of rest) {
      const id = await this.deps.desk.post(below, part);
      if (id !== undefined) await this.deps.repo.linkMessage(ticket.id, id, true);
    }
  }

  private async updateCard(ticket: Ticket, card: Card): Promise<void> {
    const reposted = await this.deps.desk.updateCard(ticket, this.cardParts(card).card);
    if (reposted !== undefined) await this.deps.repo.setCard(ticket.id, reposted, ticket.threadId);
  }

  /** Every message about a ticket leads back to it: a counsellor's reply to any of them reaches the person. */
  private async link(ticket: Ticket, messageIds: readonly number[]): Promise<void> {
    for (const id of messageIds) await this.deps.repo.linkMessage(ticket.id, id);
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
    if (item.type === 'reply' || item.type === 'media')
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
    const address = who.address ?? who.id;
    const hotline = this.deps.hotlineLine(ticket.lang);
    try {
      if (item.type === 'media')
        await sendCounsellorMedia(this.deps, t, ticket, address, sender, item, hotline);
      else await sender.send(address, personNotice(t, ticket, item, hotline));
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
