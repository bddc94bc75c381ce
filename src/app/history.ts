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

/**
 * What a request's card shows of the person's earlier requests: only when she agreed on this one, and of
 * those only the ones she agreed on too, made before it, not forgotten, and closed (or, still open, made)
 * within TICKET_RETENTION_DAYS of `now`. Undefined for a forgotten request (its card shows none of her).
 */
export async function sharedHistory(
  deps: HistoryDeps,
  ticket: Ticket,
  personal: TicketPersonal,
  now: number,
): Promise<SharedHistory | undefined> {
  if (ticket.forgotten) return undefined;
  const none: SharedHistory = { shown: [], more: 0 };
  if (!personal.history || !personal.person) return none;
  const { repo } = deps;
  const since = now - deps.retentionDays * DAY_MS;
  const ids = (await repo.ticketsOf(personal.person)).filter((id) => id !== ticket.id);
  const found = await Promise.all(
    ids.map(async (id) => ({ earlier: await repo.get(id), kept: await repo.personal(id) })),
  );
  const shared = found
    .filter(
      (f): f is { earlier: Ticket; kept: TicketPersonal } =>
        f.earlier !== undefined &&
        !f.earlier.forgotten &&
        f.kept.history === true &&
        f.earlier.createdAt < ticket.createdAt &&
        (f.earlier.resolvedAt ?? f.earlier.createdAt) >= since,
    )
    .sort((a, b) => b.earlier.createdAt - a.earlier.createdAt);
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
