import type { Context } from 'grammy';
import type { Tickets } from '../../../app/tickets.js';
import type { Translate } from '../../../domain/dialogue/index.js';
import type { CannedReply, Referral } from '../../../domain/handoff/desk-content.js';
import type { CanonicalContact } from '../../../domain/intel/contact.js';
import type { ContactIntel } from '../../../domain/intel/seen.js';
import type { Lang } from '../../../domain/language.js';
import type { DayStats } from '../../../domain/stats.js';
import type { Logger } from '../../../infra/logger.js';

/** What counsellors do with requests (src/app/tickets.ts). */
export type CounsellorTickets = Pick<
  Tickets,
  | 'take'
  | 'resolve'
  | 'addNote'
  | 'reply'
  | 'replyMedia'
  | 'ticketOf'
  | 'get'
  | 'openTickets'
  | 'release'
  | 'heldBy'
  | 'reassign'
  | 'counsellors'
  | 'setReferral'
  | 'setFollowUp'
>;

/** "Seen before" as counsellors use it (src/store/intel.ts): /contact, /flag, /unflag. */
export interface CounsellorIntel {
  contactInfo(contact: CanonicalContact): Promise<ContactIntel>;
  flag(contact: CanonicalContact, reason: string, by: string): Promise<void>;
  unflag(contact: CanonicalContact): Promise<boolean>;
}

/** Where the Resolve wizard keeps its state (src/store/json-storage.ts in production). */
export interface WizardStorage {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface OperatorsDeps {
  chatId: number;
  /** Who may act on tickets; anyone in the chat when not given. */
  counsellorIds?: readonly number[];
  tickets: CounsellorTickets;
  /** The NGO's anonymous figures, for /stats (src/store/stats.ts). */
  stats: { read(from: string, to: string): Promise<DayStats[]> };
  /** The operators' language, fixed. */
  t: Translate;
  timeZone: string;
  /** The Resolve wizard's state (one per counsellor, with a TTL), under its key prefix. */
  wizard: {
    prefix: string;
    storage: WizardStorage;
    /** The organisations a request may be referred to (flows/desk/referrals.yaml); none: not asked. */
    referrals?: readonly Referral[];
    /** How far ahead a follow-up may be set: the request's details are kept as long (TICKET_RETENTION_DAYS). */
    followUpMaxDays?: number;
    /** The operators' language, in which organisations are named. */
    lang?: Lang;
  };
  log: Logger;
  now?: () => number;
  /** "Seen before" (INTEL_SECRET set): /contact, /flag and /unflag. */
  intel?: CounsellorIntel;
  /** Canned replies (flows/desk/replies.yaml) for /reply, and the hotline line they may carry. */
  canned?: {
    replies: readonly CannedReply[];
    hotlineLine: (lang: Lang) => string;
    /** The operators' language: the replies' labels are listed in it. */
    lang: Lang;
    /**
     * True the first time a button of this list (the operators' chat, the list's message) sends a reply,
     * false after, on every instance (src/store/once.ts): a double tap sends once.
     */
    firstPress: (chatId: number, messageId: number) => Promise<boolean>;
    /** Gives a list back when its reply could not be sent (Redis or the outbox failed): it may be pressed again. */
    releasePress: (chatId: number, messageId: number) => Promise<void>;
  };
}

/** Whether this counsellor may act on tickets. */
export function allowed(deps: OperatorsDeps, ctx: Context): boolean {
  return !!ctx.from && (!deps.counsellorIds || deps.counsellorIds.includes(ctx.from.id));
}

/** How a counsellor is named on a card: their @username, else their first name. */
export function nameOf(ctx: Context): string {
  if (!ctx.from) return '?';
  return ctx.from.username ? `@${ctx.from.username}` : ctx.from.first_name;
}

/** The topic a command came from, to answer in it. */
export function threadOf(ctx: Context): { message_thread_id?: number } {
  const m = ctx.message;
  return m?.is_topic_message && m.message_thread_id !== undefined
    ? { message_thread_id: m.message_thread_id }
    : {};
}

/** Answers in the topic of the message a button was on. */
export function threadOfButton(ctx: Context): { message_thread_id?: number } {
  const thread = ctx.callbackQuery?.message?.message_thread_id;
  return thread !== undefined ? { message_thread_id: thread } : {};
}

/** A reply to a counsellor's own message (kept when that message is gone). */
export function replyingTo(messageId: number) {
  return { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } };
}
