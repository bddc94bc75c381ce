import type { ToOperators, ToPerson } from '../domain/handoff/notices.js';
import type { CaseOutcome, Ticket, TicketStatus } from '../domain/handoff/ticket.js';
import { isLang } from '../domain/language.js';
import { isRiskLevel } from '../domain/risk.js';

/** A queue item, read, and as stored (to remove exactly it once delivered). */
export interface Queued<T> {
  raw: string;
  item: T | undefined;
}

let queued = 0;
/**
 * A queue item as stored: with a unique mark, so that two equal messages ("да", "да") are two items and
 * removing the one delivered can never remove the other. Its tag is stored as `k`, the name it had before
 * the union was called `type`: items queued by an older version are still read after a deploy.
 */
export function encodeItem(item: ToOperators | ToPerson): string {
  queued = (queued + 1) % 1_000_000_000;
  const { type, ...fields } = item;
  return JSON.stringify({
    k: type,
    ...fields,
    q: `${Date.now().toString(36)}.${queued.toString(36)}.${Math.random().toString(36).slice(2, 8)}`,
  });
}

export function decodeItem<T extends ToOperators | ToPerson>(raw: string | null): T | undefined {
  if (raw === null) return undefined;
  try {
    const { k, q: _mark, ...fields } = JSON.parse(raw) as { k?: string; q?: string };
    return (typeof k === 'string' ? { type: k, ...fields } : undefined) as T | undefined;
  } catch {
    return undefined;
  }
}

const STATUSES: readonly TicketStatus[] = ['open', 'taken', 'resolved'];

function num(v: string | undefined): number | undefined {
  return v === undefined || v === '' ? undefined : Number(v);
}

/** The fields written only once something happened (taken, resolved, posted). */
function decodeLater(h: Record<string, string>, ticket: Ticket): Ticket {
  if (isRiskLevel(h.level)) ticket.level = h.level;
  const takenBy = num(h.takenBy);
  if (takenBy !== undefined) ticket.takenBy = takenBy;
  if (h.takenName !== undefined) ticket.takenName = h.takenName;
  const takenAt = num(h.takenAt);
  if (takenAt !== undefined) ticket.takenAt = takenAt;
  if (h.outcome) ticket.outcome = h.outcome as CaseOutcome;
  const resolvedAt = num(h.resolvedAt);
  if (resolvedAt !== undefined) ticket.resolvedAt = resolvedAt;
  const card = num(h.cardMessageId);
  if (card !== undefined) ticket.cardMessageId = card;
  const thread = num(h.threadId);
  if (thread !== undefined) ticket.threadId = thread;
  return ticket;
}

/** A ticket's hash, read; undefined when it is gone or damaged. */
export function decodeTicket(h: Record<string, string>): Ticket | undefined {
  if (!h.id || !STATUSES.includes(h.status as TicketStatus) || !isLang(h.lang)) return undefined;
  return decodeLater(h, {
    id: h.id,
    status: h.status as TicketStatus,
    lang: h.lang,
    channel: h.channel ?? 'tg',
    mode: h.mode === 'call' ? 'call' : 'write',
    noNumber: h.noNumber === '1',
    when: h.when ?? 'now',
    urgent: h.urgent === '1',
    flags: h.flags ? h.flags.split(',').filter(Boolean) : [],
    createdAt: Number(h.createdAt ?? 0),
    forgotten: h.forgotten === '1',
    cannotMessage: h.cannotMessage === '1',
  });
}
