import { type Reply, shortTicket, type Translate } from '../dialogue/index.js';
import { quoteWords } from './quote.js';
import type { Ticket, TicketPersonal } from './ticket.js';

/** Something the operators' chat is to be shown for a ticket, in order. */
export type ToOperators =
  | { type: 'card' }
  /** The card changed (taken, resolved, forgotten): show it anew. */
  | { type: 'update' }
  | { type: 'text'; text: string; urgent: boolean }
  | { type: 'sla' }
  | { type: 'urgent'; text?: string }
  /** A counsellor's reply could not reach the person. */
  | { type: 'undelivered'; reason: string }
  /** The person asked to be forgotten: their words are taken out of the operators' chat. */
  | { type: 'erase' }
  /** Today is the request's follow-up date: the counsellors are reminded of it. */
  | { type: 'follow_up' };

/** Something the person is to be sent for a ticket, in order. */
export type ToPerson =
  | { type: 'taken' }
  | { type: 'resolved' }
  | { type: 'reply'; text: string }
  /** What the person sent (their request, their words) never reached the operators' chat. */
  | { type: 'undelivered' };

/** The words sent to the person about their request (their language is the ticket's). */
export function personNotice(t: Translate, ticket: Ticket, item: ToPerson, hotline: string): Reply[] {
  const short = shortTicket(ticket.id);
  switch (item.type) {
    case 'taken':
      return [{ text: t(`notice.taken_${ticket.mode}`, { ticket: short }) }];
    case 'resolved':
      return [{ text: t('notice.resolved', { ticket: short, hotline }) }];
    case 'undelivered':
      return [{ text: t('notice.undelivered', { ticket: short, hotline }) }];
    case 'reply':
      return [
        {
          text: t('relay.from_counsellor', { ticket: short, text: item.text }),
          shortcuts: [{ data: 'R:relay', label: t('relay.answer') }],
        },
      ];
  }
}

/** A person's words passed on to the operators' chat. */
export function fromPersonText(t: Translate, id: string, text: string, urgent: boolean): string {
  return t(urgent ? 'ops.from_person_urgent' : 'ops.from_person', {
    ticket: shortTicket(id),
    text: quoteWords(text),
  });
}

/** Words of danger from the person: the alarm, with their words when there are some. */
export function urgentText(t: Translate, id: string, text: string | undefined): string {
  const alarm = t('ops.urgent', { ticket: shortTicket(id) });
  return text ? `${alarm}\n${quoteWords(text)}` : alarm;
}

/** Not taken in time: announced again. */
export function slaText(t: Translate, id: string, minutes: number): string {
  return t('ops.sla', { ticket: shortTicket(id), minutes });
}

/** A counsellor's words did not reach the person, and why (`ops.reason.*`). */
export function undeliveredText(t: Translate, id: string, reason: string): string {
  return t('ops.undelivered', { ticket: shortTicket(id), reason: t(`ops.reason.${reason}`) });
}

/**
 * The follow-up reminder: the request, the day, and what its closing recorded (outcome, referral, note).
 * The note may name the person: the message goes with her words if she asks to be forgotten.
 */
export function followUpText(
  t: Translate,
  ticket: Ticket,
  personal: TicketPersonal,
  referralName: (id: string) => string | undefined,
): string {
  const lines = [t('ops.follow_up.reminder', { ticket: shortTicket(ticket.id), date: personal.followUp })];
  if (ticket.outcome) lines.push(t('ops.follow_up.outcome', { outcome: t(`ops.outcome.${ticket.outcome}`) }));
  const referral = personal.referral ? referralName(personal.referral) : undefined;
  if (referral) lines.push(t('ops.follow_up.referral', { name: referral }));
  if (personal.resolutionNote)
    lines.push(t('ops.follow_up.note', { note: quoteWords(personal.resolutionNote) }));
  return lines.join('\n');
}
