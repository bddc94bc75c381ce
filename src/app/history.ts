import type { EarlierRequest, SharedHistory } from '../domain/handoff/history.js';
import type { Ticket, TicketPersonal } from '../domain/handoff/ticket.js';
import { localDate } from '../domain/hours.js';
import type { TicketRepository } from './ports.js';
import { splitText } from './split-text.js';

/** The most earlier requests a card shows, the most recent first; older ones are only counted. */
export const HISTORY_SHOWN = 5;
/**
 * The longest counsellor's note a card shows of an earlier request, in UTF-16 units (as Telegram counts):
 * five of them and the card's own lines stay within one message of 4,096.
 */
export const HISTORY_NOTE = 300;
const DAY_MS = 86_400_000;

export interface HistoryDeps {
  repo: Pick<TicketRepository, 'get' | 'personal' | 'ticketsOf'>;
  /** TICKET_RETENTION_DAYS: an earlier request closed longer ago than this is not shown. */
  retentionDays: number;
  timeZone: string;
  /** A referral's name in the operators' language; undefined for "nowhere". */
  referralName?: ((id: string) => string | undefined) | undefined;
}

/** A note cut to HISTORY_NOTE at a paragraph, line or word end (the chat's own splitting), marked "…". */
function shortened(note: string): string {
  const [first = '', ...rest] = splitText(note.trim(), HISTORY_NOTE);
  return rest.length > 0 ? `${first}…` : first;
}

/** An earlier request of hers, with its personal part as kept. */
export interface Earlier {
  earlier: Ticket;
  kept: TicketPersonal;
}

/**
 * Her earlier requests that she agreed to share, when she agreed on this one too: made before it, not
 * forgotten, and closed (or, still open, made) within TICKET_RETENTION_DAYS of `now`; the most recent
 * first. What a card shows of them (`sharedHistory`) and the forum topic a new card goes to
 * (src/app/topics.ts) are both read from here.
 */
export async function sharedEarlier(
  deps: Pick<HistoryDeps, 'repo' | 'retentionDays'>,
  ticket: Ticket,
  personal: TicketPersonal,
  now: number,
): Promise<Earlier[]> {
  if (ticket.forgotten || !personal.history || !personal.person) return [];
  const { repo } = deps;
  const since = now - deps.retentionDays * DAY_MS;
  const ids = (await repo.ticketsOf(personal.person)).filter((id) => id !== ticket.id);
  const found = await Promise.all(
    ids.map(async (id) => ({ earlier: await repo.get(id), kept: await repo.personal(id) })),
  );
  return found
    .filter(
      (f): f is Earlier =>
        f.earlier !== undefined &&
        !f.earlier.forgotten &&
        f.kept.history === true &&
        f.earlier.createdAt < ticket.createdAt &&
        (f.earlier.resolvedAt ?? f.earlier.createdAt) >= since,
    )
    .sort((a, b) => b.earlier.createdAt - a.earlier.createdAt);
}

/**
 * What a request's card shows of the person's earlier requests (`sharedEarlier`): the most recent
 * HISTORY_SHOWN, the rest counted. Undefined for a forgotten request (its card shows none of her).
 */
export async function sharedHistory(
  deps: HistoryDeps,
  ticket: Ticket,
  personal: TicketPersonal,
  now: number,
): Promise<SharedHistory | undefined> {
  if (ticket.forgotten) return undefined;
  const shared = await sharedEarlier(deps, ticket, personal, now);
  const shown = shared.slice(0, HISTORY_SHOWN).map(({ earlier, kept }) => {
    const entry: EarlierRequest = { id: earlier.id, date: localDate(earlier.createdAt, deps.timeZone) };
    if (earlier.outcome) entry.outcome = earlier.outcome;
    const referral = kept.referral ? deps.referralName?.(kept.referral) : undefined;
    if (referral) entry.referral = referral;
    if (kept.resolutionNote) entry.note = shortened(kept.resolutionNote);
    return entry;
  });
  return { shown, more: shared.length - shown.length };
}
