import { shortTicket, type Translate } from '../dialogue/index.js';
import { quoteWords } from './quote.js';
import type { CaseOutcome } from './ticket.js';

/**
 * A person's earlier requests as a new request's card shows them, when she agreed on both (the earlier
 * one and the new one) and the earlier one closed within TICKET_RETENTION_DAYS (src/app/history.ts finds
 * them). Only what closing recorded: the date, the outcome, where she was referred, the counsellor's note.
 */
export interface EarlierRequest {
  id: string;
  /** The day it was made, "YYYY-MM-DD" in the counsellors' time zone. */
  date: string;
  /** None: it is still open. */
  outcome?: CaseOutcome;
  /** The organisation's name, in the operators' language. */
  referral?: string;
  /** The counsellor's note, already shortened to fit a card. */
  note?: string;
}

/** What a card shows of her history: the most recent earlier requests, and how many older ones are left out. */
export interface SharedHistory {
  shown: readonly EarlierRequest[];
  more: number;
}

/**
 * The card's history block. Nothing shared (she said no, now or then; nothing earlier; past retention) is
 * one line, the same whatever the reason, so a refusal is never told apart from a first request.
 * `undefined`: no line at all (a forgotten person's card).
 */
export function historyLines(t: Translate, history: SharedHistory | undefined): string[] {
  if (!history) return [];
  if (history.shown.length === 0) return [t('ops.history.none')];
  const lines = [t('ops.history.title')];
  for (const r of history.shown) {
    const outcome = r.outcome ? t(`ops.outcome.${r.outcome}`) : t('ops.history.open');
    lines.push(t('ops.history.entry', { date: r.date, ticket: shortTicket(r.id), outcome }));
    if (r.referral) lines.push(t('ops.follow_up.referral', { name: r.referral }));
    if (r.note) lines.push(t('ops.follow_up.note', { note: quoteWords(r.note) }));
  }
  if (history.more > 0) lines.push(t('ops.history.more', { count: history.more }));
  return lines;
}
