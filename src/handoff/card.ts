import { shortTicket, type Translate } from '../domain/dialogue/index.js';
import { flagTextKey } from '../domain/flags.js';
import { formatPhone } from '../domain/phone.js';
import type { Ticket, TicketPersonal } from './ticket.js';

/** What an operators' button carries: short, and the ticket's unguessable id. */
export const TAKE = 'tk:';
export const RESOLVE = 'rs:';
export const OUTCOME = 'ro:';
export const SKIP_NOTE = 'rn:';

export interface Card {
  text: string;
  buttons: { label: string; data: string }[];
}

const LANGUAGE_NAMES: Record<string, string> = { ru: 'русский', kk: 'қазақша', en: 'English' };

/**
 * A ticket as counsellors see it: what they need to reach the person and to know what it is about (the
 * verdict's level and flags, never the ad or the answers). The phone only when the person agreed.
 */
export function renderCard(t: Translate, ticket: Ticket, personal: TicketPersonal, forum: boolean): Card {
  const short = shortTicket(ticket.id);
  const lines = [t(ticket.urgent ? 'ops.card.urgent' : 'ops.card.new', { ticket: short })];
  lines.push(
    t('ops.card.lang', {
      lang: LANGUAGE_NAMES[ticket.lang] ?? ticket.lang,
      channel: t(`ops.channel.${ticket.channel}`),
    }),
  );
  const when = t(`ops.when.${ticket.when}`);
  if (ticket.mode === 'call') lines.push(t('ops.card.call', { when }));
  else
    lines.push(
      t(ticket.noNumber ? 'ops.card.write_no_number' : 'ops.card.write', {
        when,
        thread: forum ? t('ops.card.thread') : '',
      }),
    );
  if (personal.phone) lines.push(t('ops.card.phone', { phone: formatPhone(personal.phone) }));
  if (personal.note) lines.push(t('ops.card.note', { note: personal.note }));
  if (ticket.level) {
    lines.push(t('ops.card.verdict', { level: t(`ops.level.${ticket.level}`) }));
    if (ticket.flags.length > 0)
      lines.push(
        t('ops.card.flags', { flags: ticket.flags.map((f) => t(flagTextKey(f, 'title'))).join('; ') }),
      );
  } else lines.push(t('ops.card.no_verdict'));
  if (ticket.cannotMessage) lines.push(t('ops.card.cannot_message'));
  if (ticket.takenName !== undefined && ticket.status !== 'open')
    lines.push(t('ops.card.taken', { name: ticket.takenName }));
  if (ticket.status === 'resolved' && ticket.outcome)
    lines.push(t('ops.card.resolved', { outcome: t(`ops.outcome.${ticket.outcome}`) }));
  if (ticket.forgotten) lines.push(t('ops.card.forgotten'));

  const buttons: Card['buttons'] = [];
  // A forgotten person cannot be reached: nothing to take, only to close.
  if (ticket.status === 'open' && !ticket.forgotten)
    buttons.push({ label: t('ops.take'), data: `${TAKE}${ticket.id}` });
  if (ticket.status !== 'resolved') buttons.push({ label: t('ops.resolve'), data: `${RESOLVE}${ticket.id}` });
  return { text: lines.join('\n'), buttons };
}
