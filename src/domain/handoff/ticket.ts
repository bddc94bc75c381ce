import type { ContactMode } from '../dialogue/index.js';
import type { Lang } from '../language.js';
import type { PersonKey } from '../person.js';
import type { RiskLevel } from '../risk.js';

/** How a counsellor closes a request: what came of it, for the person's file and the NGO's figures. */
export const CASE_OUTCOMES = [
  'reached',
  'no_answer',
  'lawyer',
  'psychologist',
  'police',
  'shelter',
  'not_trafficking',
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export function isCaseOutcome(value: string): value is CaseOutcome {
  return (CASE_OUTCOMES as readonly string[]).includes(value);
}

export type TicketStatus = 'open' | 'taken' | 'resolved';

/** A request for a counsellor: the anonymous part, kept for the NGO's figures after it closes. */
export interface Ticket {
  id: string;
  status: TicketStatus;
  lang: Lang;
  channel: string;
  mode: ContactMode;
  /** Asked for a call, kept no number: written to, though they may be able to talk. */
  noNumber: boolean;
  when: string;
  urgent: boolean;
  level?: RiskLevel;
  flags: string[];
  createdAt: number;
  takenBy?: number;
  takenName?: string;
  takenAt?: number;
  outcome?: CaseOutcome;
  resolvedAt?: number;
  /** The card in the operators' chat, once posted; its topic in a forum. */
  cardMessageId?: number;
  threadId?: number;
  /** The person asked to be forgotten: the personal part is gone. */
  forgotten: boolean;
  /** WhatsApp's 24-hour window closed: the counsellor must call. */
  cannotMessage: boolean;
}

/** The personal part: who the person is, how to reach them, their note. */
export interface TicketPersonal {
  person?: PersonKey;
  phone?: string;
  note?: string;
  /** The counsellor's note on closing: may name the person, so it goes with the personal part. */
  resolutionNote?: string;
  /** Where the person was referred on closing (an id of flows/desk/referrals.yaml, or "none"). */
  referral?: string;
  /** The day to come back to her ("YYYY-MM-DD", local): a reminder is posted at that day's start of work. */
  followUp?: string;
  /** She agreed that counsellors may see their notes of her earlier requests, and later of this one. */
  history?: boolean;
}

/** What came of a counsellor pressing Take: of two at once, one gets the ticket. */
export type TakeResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: 'missing' | 'resolved' }
  | { ok: false; reason: 'taken'; by: string; byId: number };

export type ResolveResult = 'ok' | 'missing' | 'resolved';
/** What came of Release: given back, or it was not taken (waiting, closed, gone). */
export type ReleaseResult = 'ok' | 'open' | 'missing' | 'resolved';
/** A counsellor as Reassign offers her: her Telegram id, how she is named on cards, when she last held one. */
export interface Counsellor {
  id: number;
  name: string;
  at: number;
}

/** What came of Reassign: handed over (from whom), or why not (not taken, closed, gone, already hers). */
export type ReassignResult =
  | { ok: true; from: string }
  | { ok: false; reason: 'open' | 'missing' | 'resolved' | 'same' };
export type ReplyResult = 'ok' | 'missing' | 'closed' | 'forgotten';
/** Where a person's message to a request went: queued, or the request is closed or gone. */
export type RelayResult = 'ok' | 'gone' | 'resolved';

/** 16 letters and digits, no look-alikes: 80 bits, made in src/app/ticket-id.ts. */
export function isTicketId(id: string): boolean {
  return /^[a-kmnp-z2-9]{16}$/.test(id);
}
