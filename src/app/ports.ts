import type { MediaRef, Reply, TicketRequest } from '../domain/dialogue/index.js';
import type { Card } from '../domain/handoff/card.js';
import type { ToOperators, ToPerson } from '../domain/handoff/notices.js';
import type {
  CaseOutcome,
  Counsellor,
  ReassignResult,
  RelayResult,
  ReleaseResult,
  ResolveResult,
  TakeResult,
  Ticket,
  TicketPersonal,
} from '../domain/handoff/ticket.js';
import type { Lang } from '../domain/language.js';
import type { PersonKey } from '../domain/person.js';
import type { Write } from '../store/store.js';

/**
 * What the use cases need from the world, as interfaces: the store implements the persistence ports
 * (src/store/tickets.ts, outbox.ts, stats.ts), the channels the delivery ports.
 */

// --- Delivery: to a person, to the operators' chat ----------------------------------------------------

/**
 * Why a message was not delivered. `retry`: try again later (a flood limit, a server error, the chat away);
 * `outside_window`: WhatsApp's 24-hour window has closed, only a template can reach them; `blocked`: the
 * person blocked the bot or deleted their account; `too_large`, `unsupported`: media larger than the
 * platforms take, or of a kind the other side cannot show; `failed`: anything else that retrying will not
 * fix.
 */
export type DeliveryFailure = 'retry' | 'outside_window' | 'blocked' | 'too_large' | 'unsupported' | 'failed';

/** The most bytes of one file held in memory while it is passed on: Telegram's limit for a bot's downloads. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

/** A file's bytes, held in memory only while it is passed on (never written to disk). */
export interface MediaFile {
  bytes: Uint8Array;
  mime: string;
  /** A document's file name (her words, or the counsellor's: never logged). */
  name?: string | undefined;
}

/** Media a counsellor sent, as the person's channel passes it on. */
export interface OutgoingMedia {
  media: MediaRef;
  /** Fetches its bytes from the operators' chat (when it is not copied there, as Telegram does). */
  fetch: () => Promise<MediaFile>;
}

/** The one error a channel throws when the platform did not take a message, its own errors read. */
export class DeliveryError extends Error {
  constructor(
    readonly reason: DeliveryFailure,
    /** How long the platform asked us to wait, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(`delivery failed: ${reason}`);
    this.name = 'DeliveryError';
  }
}

/**
 * Sends messages to a person on their own channel, outside a reply to their update: a counsellor's
 * answer, "a counsellor has your request". One per channel (tg, wa, cli); the handoff picks by the
 * person's channel. Rejects with a DeliveryError.
 */
export interface PersonSender {
  send(id: string, replies: Reply[]): Promise<void>;
  /**
   * A counsellor's media, with `header` (who sends it, their caption, the way to answer): copied where
   * the platform can, else fetched and uploaded. Absent: the channel passes no media on.
   */
  sendMedia?(id: string, media: OutgoingMedia, header: Reply): Promise<void>;
  /** The bytes of media the person sent on this channel (its id in `media.file`), at most `maxBytes`. */
  fetchMedia?(media: MediaRef, maxBytes: number): Promise<MediaFile>;
}

/**
 * The operators' chat as the handoff needs it. Telegram's group (or forum) in production; the terminal
 * prints where a card would have gone. A method rejects with a DeliveryError when the platform did not
 * take the message (`retry`: try again, after `retryAfterMs` when the platform said; any other reason:
 * refused for good); any other error is taken as one to retry.
 */
export interface OperatorsDesk {
  /** A forum gets a topic per ticket. */
  readonly forum: boolean;
  /**
   * The longest text one message may have, in UTF-16 code units (Telegram's 4096): longer texts are split
   * by the handoff, the card's first part carrying its buttons. None: no limit (the terminal).
   */
  readonly maxText?: number;
  /** Opens the ticket's own topic (a forum): kept at once, so a failed card does not open another. */
  openTopic?(ticket: Ticket): Promise<number>;
  /**
   * Reopens the topic of her earlier request (the ticket's `threadId`) for a new request's card; one
   * already open is no error. Rejects when the topic is gone or may not be managed.
   */
  reopenTopic?(ticket: Ticket): Promise<void>;
  /** Posts the card, in the ticket's topic when it has one. */
  postCard(ticket: Ticket, card: Card): Promise<{ messageId: number }>;
  /** Shows the card anew; returns the id of a new card when the old one could not be edited. */
  updateCard(ticket: Ticket, card: Card): Promise<number | undefined>;
  /**
   * A forum: names the ticket's topic by its status (new, urgent, taken by whom, resolved), and closes it
   * when the ticket is resolved.
   */
  showTopic?(ticket: Ticket): Promise<void>;
  /** Posts in the ticket's topic (or as a reply to its card); returns the message id. */
  post(ticket: Ticket, text: string): Promise<number | undefined>;
  /** The channel of people whose messages the desk can copy as they are (Telegram's: `tg`). */
  readonly copiesFrom?: string;
  /** The longest caption a media may carry (Telegram's 1024): a longer header goes as a message before it. */
  readonly maxCaption?: number;
  /**
   * Posts media the person sent, where `post` would, with `caption` (the header and her words) when
   * given: her own message copied (`copyFrom`, her chat on the desk's platform), or `file` uploaded.
   * Returns the message id. Absent: the desk shows no media (the terminal).
   */
  postMedia?(
    ticket: Ticket,
    media: { ref: MediaRef; caption?: string; copyFrom?: string; file?: MediaFile },
  ): Promise<number | undefined>;
  /** The bytes of a counsellor's media in this chat (its `file`), at most `maxBytes`. */
  fetchFile?(media: MediaRef, maxBytes: number): Promise<MediaFile>;
  /** Deletes messages it posted (a forgotten person's words), as far as the platform allows. */
  erase?(messageIds: readonly number[]): Promise<void>;
}

/** A delivery the platform refused for good: retrying would hold up everything after it. */
export function isRefused(err: unknown): boolean {
  return err instanceof DeliveryError && err.reason !== 'retry';
}

// --- Persistence ---------------------------------------------------------------------------------------

/** A ticket's two queues: to the operators' chat, to the person. */
export type QueueName = 'operators' | 'person';
export type QueueItem<Q extends QueueName> = Q extends 'operators' ? ToOperators : ToPerson;
/** A queue's first item, read, and as stored (to remove exactly it once delivered). */
export interface Queued<T> {
  raw: string;
  item: T | undefined;
}

/** Tickets and their queues (src/store/tickets.ts). */
export interface TicketRepository {
  open(who: PersonKey, request: TicketRequest, channel: string, now: number, slaDue: number): Promise<void>;
  /** What `open` writes, to be saved with the person's state in one step (src/store/store.ts `Write`). */
  openWrites?(who: PersonKey, request: TicketRequest, channel: string, now: number, slaDue: number): Write[];
  get(id: string): Promise<Ticket | undefined>;
  personal(id: string): Promise<TicketPersonal>;
  /** The ids of a person's requests, open and closed, while they are kept. */
  ticketsOf(who: PersonKey): Promise<string[]>;
  openTickets(): Promise<Ticket[]>;
  ticketOf(replyTo: number | undefined, threadId: number | undefined): Promise<string | undefined>;
  take(id: string, by: number, name: string, now: number): Promise<TakeResult>;
  release(id: string, slaDue: number): Promise<ReleaseResult>;
  reassign(id: string, to: number, name: string, now: number): Promise<ReassignResult>;
  resolve(
    id: string,
    outcome: CaseOutcome,
    by: number,
    note: string | undefined,
    now: number,
  ): Promise<ResolveResult>;
  addNote(id: string, note: string): Promise<void>;
  /** Referral and follow-up date of a closed request; a follow-up is queued in the outbox at `due`. */
  setCase(
    id: string,
    fields: { referral?: string; followUp?: { date: string; due: number } | null },
  ): Promise<void>;
  /** A due follow-up queued for the operators' chat, once; false when it was already. */
  followUpDue(id: string, now: number): Promise<boolean>;
  forgetPerson(who: PersonKey, now: number): Promise<string[]>;
  markCannotMessage(id: string): Promise<void>;
  fromPerson(id: string, item: ToOperators, now: number): Promise<RelayResult>;
  toOperators(id: string, item: ToOperators, now: number): Promise<void>;
  toPerson(id: string, item: ToPerson, now: number): Promise<void>;
  setCard(id: string, messageId: number, threadId: number | undefined): Promise<void>;
  setThread(id: string, threadId: number): Promise<void>;
  linkMessage(id: string, messageId: number, personWords?: boolean): Promise<void>;
  takePersonWords(id: string): Promise<number[]>;
  peek<Q extends QueueName>(queue: Q, id: string): Promise<Queued<QueueItem<Q>> | undefined>;
  pop(queue: QueueName, id: string, raw: string): Promise<void>;
  /** Takes the queue's job off the outbox, unless something was queued since it was found empty. */
  doneIfEmpty(queue: QueueName, id: string, job: string): Promise<boolean>;
}

/** Jobs due at a time, claimed for a lease (src/store/outbox.ts). */
export interface OutboxJobs {
  due(now: number): Promise<string[]>;
  claim(job: string, now: number, leaseMs: number): Promise<boolean>;
  reschedule(job: string, at: number): Promise<void>;
  done(job: string): Promise<void>;
}

/** The counsellors who have held requests, for Reassign (src/store/counsellors.ts). */
export interface CounsellorDirectory {
  remember(id: number, name: string, now: number): Promise<void>;
  list(): Promise<Counsellor[]>;
}

/** The NGO's anonymous figures that the handoff adds to (src/store/stats.ts). */
export interface HandoffFigures {
  taken(date: string, lang: Lang, secondsToTake: number): Promise<void>;
  resolved(date: string, lang: Lang, outcome: CaseOutcome): Promise<void>;
}
