import { randomBytes } from 'node:crypto';
import type { ContactMode } from '../domain/dialogue/index.js';
import type { Lang } from '../domain/language.js';
import type { RiskLevel } from '../domain/risk.js';
import type { PersonKey } from '../store/keys.js';

/** How a counsellor closes a request: what came of it, for the person's file and the NGO's figures. */
export const OUTCOMES = [
  'reached',
  'no_answer',
  'lawyer',
  'psychologist',
  'police',
  'shelter',
  'not_trafficking',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

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
  outcome?: Outcome;
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
}

/** Unguessable (80 bits): a ticket id is also what the operators' buttons carry. */
export function newTicketId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let id = '';
  for (const b of bytes) id += alphabet[b & 31];
  return id;
}

export function isTicketId(id: string): boolean {
  return /^[a-kmnp-z2-9]{16}$/.test(id);
}
