import type { Effect, MediaRef } from '../domain/dialogue/index.js';
import type { ToOperators, ToPerson } from '../domain/handoff/notices.js';
import type {
  CaseOutcome,
  Counsellor,
  ReassignResult,
  ReleaseResult,
  ReplyResult,
  ResolveResult,
  TakeResult,
  Ticket,
} from '../domain/handoff/ticket.js';
import { addWorkingMinutes, localDate, shiftStartOn, type WorkingHours } from '../domain/hours.js';
import type { PersonKey } from '../domain/person.js';
import type { Metrics } from '../infra/metrics.js';
import type { Write } from '../store/store.js';
import type { CounsellorDirectory, HandoffFigures, TicketRepository } from './ports.js';

export interface TicketsDeps {
  repo: TicketRepository;
  figures: HandoffFigures;
  hours: WorkingHours;
  timeZone: string;
  slaMinutes: number;
  /** Something was queued for the outbox: deliver it now. */
  kick: () => void;
  /** A ticket closed: the person's dialogue no longer points at it. */
  onClosed?: ((who: PersonKey, ticketId: string) => Promise<void>) | undefined;
  /** Who has held requests, for Reassign. */
  counsellors?: CounsellorDirectory | undefined;
  metrics?: Metrics | undefined;
  now?: (() => number) | undefined;
}

/** What a person's message, media (or alarm) becomes in the operators' chat. */
function relayed(effect: Extract<Effect, { type: 'relay' | 'relay_media' | 'urgent' }>): ToOperators {
  if (effect.type === 'relay') return { type: 'text', text: effect.text, urgent: effect.urgent };
  if (effect.type === 'relay_media') {
    const { media, caption, urgent } = effect;
    return caption ? { type: 'media', media, caption, urgent } : { type: 'media', media, urgent };
  }
  return effect.text ? { type: 'urgent', text: effect.text } : { type: 'urgent' };
}

/**
 * Counsellor requests from open to closed: opened from a person's turn, taken, relayed both ways,
 * resolved. What is to be shown or sent is queued; the outbox delivers it (src/app/delivery.ts).
 */
export class Tickets {
  private readonly now: () => number;
  constructor(private readonly deps: TicketsDeps) {
    this.now = deps.now ?? Date.now;
  }

  // --- From a person's turn ---------------------------------------------------------------------------

  /**
   * What a person's turn asked for: a request opened, a message passed on, danger announced. Returns the
   * requests that turned out closed or gone, so the person is told instead of being left writing to no one.
   */
  async apply(who: PersonKey, effects: readonly Effect[], opened = false): Promise<{ closed: string[] }> {
    const closed: string[] = [];
    if (effects.length === 0) return { closed };
    const now = this.now();
    const { repo } = this.deps;
    for (const effect of effects) {
      if (effect.type === 'open_ticket') {
        // `opened`: written with the person's state already (`openWrites`).
        if (!opened) await repo.open(who, effect.request, who.channel, now, this.slaDue(now));
        this.deps.metrics?.tickets.inc({ event: 'opened' });
      } else if ((await repo.fromPerson(effect.ticket, relayed(effect), now)) !== 'ok') {
        closed.push(effect.ticket);
      }
    }
    this.deps.kick();
    return { closed };
  }

  /**
   * The writes that open this turn's requests, to be saved with the person's state in one step; undefined
   * when the turn opens none or the repository cannot give them (then `apply` opens them after the save).
   */
  openWrites(who: PersonKey, effects: readonly Effect[]): Write[] | undefined {
    const { repo } = this.deps;
    if (!repo.openWrites) return undefined;
    const now = this.now();
    const writes: Write[] = [];
    for (const effect of effects)
      if (effect.type === 'open_ticket')
        writes.push(...repo.openWrites(who, effect.request, who.channel, now, this.slaDue(now)));
    return writes.length > 0 ? writes : undefined;
  }

  private slaDue(now: number): number {
    return addWorkingMinutes(this.deps.hours, this.deps.timeZone, now, this.deps.slaMinutes);
  }

  async forgetPerson(who: PersonKey): Promise<void> {
    await this.deps.repo.forgetPerson(who, this.now());
    this.deps.kick();
  }

  // --- From the operators' chat ----------------------------------------------------------------------

  async take(id: string, by: number, name: string): Promise<TakeResult> {
    const now = this.now();
    const { repo } = this.deps;
    const result = await repo.take(id, by, name, now);
    if (!result.ok) return result;
    const ticket = result.ticket;
    await this.deps.counsellors?.remember(by, name, now);
    this.deps.metrics?.tickets.inc({ event: 'taken' });
    await repo.toPerson(id, { type: 'taken' }, now);
    await repo.toOperators(id, { type: 'update' }, now);
    await this.deps.figures.taken(
      localDate(now, this.deps.timeZone),
      ticket.lang,
      (now - ticket.createdAt) / 1000,
    );
    this.deps.kick();
    return result;
  }

  /** Gives a taken request back: open again on the card, announced again when nobody takes it in time. */
  async release(id: string): Promise<ReleaseResult> {
    const now = this.now();
    const result = await this.deps.repo.release(id, this.slaDue(now));
    if (result !== 'ok') return result;
    await this.deps.repo.toOperators(id, { type: 'update' }, now);
    this.deps.kick();
    return result;
  }

  /** Hands a taken request to another counsellor: the card and the topic then show who holds it. */
  async reassign(id: string, to: number, name: string): Promise<ReassignResult> {
    const now = this.now();
    const result = await this.deps.repo.reassign(id, to, name, now);
    if (!result.ok) return result;
    await this.deps.counsellors?.remember(to, name, now);
    await this.deps.repo.toOperators(id, { type: 'update' }, now);
    this.deps.kick();
    return result;
  }

  /** The counsellors who have held requests, the most recent first (Reassign offers them). */
  async counsellors(): Promise<Counsellor[]> {
    return (await this.deps.counsellors?.list()) ?? [];
  }

  /** The requests a counsellor holds, oldest first. */
  async heldBy(counsellor: number): Promise<Ticket[]> {
    return (await this.deps.repo.openTickets()).filter(
      (t) => t.status === 'taken' && t.takenBy === counsellor,
    );
  }

  async resolve(
    id: string,
    outcome: CaseOutcome,
    by: number,
    note: string | undefined,
  ): Promise<ResolveResult> {
    const now = this.now();
    const { repo } = this.deps;
    const personal = await repo.personal(id);
    const result = await repo.resolve(id, outcome, by, note, now);
    if (result !== 'ok') return result;
    const ticket = await repo.get(id);
    this.deps.metrics?.tickets.inc({ event: 'resolved' });
    await repo.toPerson(id, { type: 'resolved' }, now);
    await repo.toOperators(id, { type: 'update' }, now);
    if (ticket) await this.deps.figures.resolved(localDate(now, this.deps.timeZone), ticket.lang, outcome);
    if (personal.person) await this.deps.onClosed?.(personal.person, id);
    this.deps.kick();
    return 'ok';
  }

  /** The counsellor's note on a closed request: kept with its personal part, never sent to the person. */
  async addNote(id: string, note: string): Promise<void> {
    await this.deps.repo.addNote(id, note);
  }

  /** Where the person of a closed request was referred (an id of flows/desk/referrals.yaml, or "none"). */
  async setReferral(id: string, referral: string): Promise<void> {
    await this.deps.repo.setCase(id, { referral });
  }

  /**
   * The day to come back to a closed request ("YYYY-MM-DD", local), or none: the counsellors are reminded
   * in their chat at the start of that day's work (the next working day's, on a day off). Returns when.
   */
  async setFollowUp(id: string, date: string | undefined): Promise<number | undefined> {
    if (date === undefined) {
      await this.deps.repo.setCase(id, { followUp: null });
      return undefined;
    }
    const due = shiftStartOn(this.deps.hours, this.deps.timeZone, date);
    await this.deps.repo.setCase(id, { followUp: { date, due } });
    this.deps.kick();
    return due;
  }

  /** A counsellor's message for the person of a ticket. */
  reply(id: string, text: string): Promise<ReplyResult> {
    return this.toOpenTicket(id, { type: 'reply', text });
  }

  /** A counsellor's photo, voice message, audio, video or document for the person, with its caption. */
  replyMedia(id: string, media: MediaRef, caption: string | undefined): Promise<ReplyResult> {
    return this.toOpenTicket(id, caption ? { type: 'media', media, caption } : { type: 'media', media });
  }

  private async toOpenTicket(id: string, item: ToPerson): Promise<ReplyResult> {
    const ticket = await this.deps.repo.get(id);
    if (!ticket) return 'missing';
    if (ticket.forgotten) return 'forgotten';
    if (ticket.status === 'resolved') return 'closed';
    await this.deps.repo.toPerson(id, item, this.now());
    this.deps.kick();
    return 'ok';
  }

  ticketOf(replyTo: number | undefined, threadId: number | undefined): Promise<string | undefined> {
    return this.deps.repo.ticketOf(replyTo, threadId);
  }

  get(id: string): Promise<Ticket | undefined> {
    return this.deps.repo.get(id);
  }

  openTickets(): Promise<Ticket[]> {
    return this.deps.repo.openTickets();
  }
}
