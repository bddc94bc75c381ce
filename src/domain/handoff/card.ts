import { shortTicket, type Translate } from '../dialogue/index.js';
import { flagTextKey } from '../flags.js';
import type { Lang } from '../language.js';
import { formatPhone } from '../phone.js';
import { encodeCardButton } from './buttons.js';
import { type CannedReply, NO_REFERRAL, type Referral } from './desk-content.js';
import { FOLLOW_UP_DAYS } from './follow-up.js';
import { historyLines, type SharedHistory } from './history.js';
import { oneLine, quoteWords } from './quote.js';
import { CASE_OUTCOMES, type Counsellor, type Ticket, type TicketPersonal } from './ticket.js';

/** A button in the operators' chat: what it says, and its data (src/domain/handoff/buttons.ts). */
export interface DeskButton {
  label: string;
  data: string;
}

export interface Card {
  text: string;
  buttons: DeskButton[];
}

const LANGUAGE_NAMES: Record<string, string> = { ru: 'русский', kk: 'қазақша', en: 'English' };

/** How the person wants to be reached, and when. */
function contactLine(t: Translate, ticket: Ticket, forum: boolean): string {
  const when = t(`ops.when.${ticket.when}`);
  if (ticket.mode === 'call') return t('ops.card.call', { when });
  return t(ticket.noNumber ? 'ops.card.write_no_number' : 'ops.card.write', {
    when,
    thread: forum ? t('ops.card.thread') : '',
  });
}

/** The verdict's level and flags, never the ad or the answers. */
function verdictLines(t: Translate, ticket: Ticket): string[] {
  if (!ticket.level) return [t('ops.card.no_verdict')];
  const lines = [t('ops.card.verdict', { level: t(`ops.level.${ticket.level}`) })];
  if (ticket.flags.length > 0)
    lines.push(
      t('ops.card.flags', { flags: ticket.flags.map((f) => t(flagTextKey(f, 'title'))).join('; ') }),
    );
  return lines;
}

/** Where the ticket stands: who took it, how it closed, whether the person was forgotten. */
function statusLines(t: Translate, ticket: Ticket): string[] {
  const lines: string[] = [];
  if (ticket.cannotMessage) lines.push(t('ops.card.cannot_message'));
  if (ticket.takenName !== undefined && ticket.status !== 'open')
    lines.push(t('ops.card.taken', { name: oneLine(ticket.takenName) }));
  if (ticket.status === 'resolved' && ticket.outcome)
    lines.push(t('ops.card.resolved', { outcome: t(`ops.outcome.${ticket.outcome}`) }));
  if (ticket.forgotten) lines.push(t('ops.card.forgotten'));
  return lines;
}

function cardButtons(t: Translate, ticket: Ticket): DeskButton[] {
  const buttons: DeskButton[] = [];
  // A forgotten person cannot be reached: nothing to take, only to close.
  if (ticket.status === 'open' && !ticket.forgotten)
    buttons.push({ label: t('ops.take'), data: encodeCardButton({ type: 'take', ticket: ticket.id }) });
  if (ticket.status === 'taken')
    buttons.push(
      { label: t('ops.cases.release'), data: encodeCardButton({ type: 'release', ticket: ticket.id }) },
      { label: t('ops.cases.reassign'), data: encodeCardButton({ type: 'reassign', ticket: ticket.id }) },
    );
  // Canned replies (flows/desk/replies.yaml) while she can still be written to.
  if (ticket.status !== 'resolved' && !ticket.forgotten)
    buttons.push({
      label: t('ops.cases.replies'),
      data: encodeCardButton({ type: 'canned', ticket: ticket.id }),
    });
  if (ticket.status !== 'resolved')
    buttons.push({ label: t('ops.resolve'), data: encodeCardButton({ type: 'resolve', ticket: ticket.id }) });
  return buttons;
}

/**
 * A ticket as counsellors see it: what they need to reach the person and to know what it is about (the
 * verdict's level and flags, never the ad or the answers). The phone only when the person agreed; her
 * earlier requests (`history`) only when she agreed, last, so a long one is what a split card carries on.
 */
export function renderCard(
  t: Translate,
  ticket: Ticket,
  personal: TicketPersonal,
  forum: boolean,
  history?: SharedHistory,
): Card {
  const lines = [t(ticket.urgent ? 'ops.card.urgent' : 'ops.card.new', { ticket: shortTicket(ticket.id) })];
  lines.push(
    t('ops.card.lang', {
      lang: LANGUAGE_NAMES[ticket.lang] ?? ticket.lang,
      channel: t(`ops.channel.${ticket.channel}`),
    }),
  );
  lines.push(contactLine(t, ticket, forum));
  if (personal.phone) lines.push(t('ops.card.phone', { phone: formatPhone(personal.phone) }));
  // The person's own words, quoted line by line: a note cannot add a phone or an alarm line to the card.
  if (personal.note) lines.push(t('ops.card.note', { note: quoteWords(personal.note) }));
  lines.push(...verdictLines(t, ticket), ...statusLines(t, ticket), ...historyLines(t, history));
  return { text: lines.join('\n'), buttons: cardButtons(t, ticket) };
}

/** The question after Resolve: how did it end? One button per outcome, one a row. */
export function outcomeQuestion(t: Translate, id: string): Card {
  return {
    text: t('ops.resolve_q', { ticket: shortTicket(id) }),
    buttons: CASE_OUTCOMES.map((outcome) => ({
      label: t(`ops.outcome.${outcome}`),
      data: encodeCardButton({ type: 'outcome', ticket: id, outcome }),
    })),
  };
}

/** The wizard's referral question: one button per organisation (in the operators' language), and none. */
export function referralQuestion(t: Translate, id: string, referrals: readonly Referral[], lang: Lang): Card {
  return {
    text: t('ops.wizard.referral_q', { ticket: shortTicket(id) }),
    buttons: [
      ...referrals.map((r) => ({
        label: r.name[lang],
        data: encodeCardButton({ type: 'referral', ticket: id, referral: r.id }),
      })),
      {
        label: t('ops.wizard.no_referral'),
        data: encodeCardButton({ type: 'referral', ticket: id, referral: NO_REFERRAL }),
      },
    ],
  };
}

/** 💬 on the card: one button per canned reply, one a row, labelled in the operators' language. */
export function cannedQuestion(t: Translate, id: string, replies: readonly CannedReply[], lang: Lang): Card {
  return {
    text: t('ops.cases.replies_q', { ticket: shortTicket(id) }),
    buttons: replies.map((r) => ({
      label: r.label[lang],
      data: encodeCardButton({ type: 'canned_send', ticket: id, reply: r.id }),
    })),
  };
}

/** The wizard's follow-up question: in 3 days, in a week, none; or a date typed in reply. */
export function followUpQuestion(t: Translate, id: string): Card {
  return {
    text: t('ops.wizard.follow_up_q', { ticket: shortTicket(id) }),
    buttons: FOLLOW_UP_DAYS.map((days) => ({
      label: t(`ops.wizard.after_${days}`),
      data: encodeCardButton({ type: 'follow_up', ticket: id, days }),
    })),
  };
}

/** The question after the outcome, referral and follow-up: a note, or Skip. */
export function noteQuestion(t: Translate, id: string): Card {
  return {
    text: t('ops.note_q'),
    buttons: [{ label: t('ops.skip'), data: encodeCardButton({ type: 'skip_note', ticket: id }) }],
  };
}

/** Reassign: whom to hand the request to, of the counsellors who held requests before (at most 8). */
export function reassignQuestion(t: Translate, id: string, counsellors: readonly Counsellor[]): Card {
  return {
    text: t('ops.cases.reassign_q', { ticket: shortTicket(id) }),
    buttons: counsellors.slice(0, 8).map((c) => ({
      label: oneLine(c.name),
      data: encodeCardButton({ type: 'reassign_to', ticket: id, to: c.id }),
    })),
  };
}
