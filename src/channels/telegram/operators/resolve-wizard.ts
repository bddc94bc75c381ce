import type { Conversation } from '@grammyjs/conversations';
import { type Context, InlineKeyboard } from 'grammy';
import { shortTicket } from '../../../domain/dialogue/index.js';
import { type CardButton, type CardButtonType, decodeCardButton } from '../../../domain/handoff/buttons.js';
import { type Card, followUpQuestion, noteQuestion, referralQuestion } from '../../../domain/handoff/card.js';
import { referralName } from '../../../domain/handoff/desk-content.js';
import { followUpAllowed, parseFollowUpDate } from '../../../domain/handoff/follow-up.js';
import { dateAfter, fromMinutes, localDate, localTime } from '../../../domain/hours.js';
import type { OperatorsContext } from '../context.js';
import type { OperatorsDeps } from './deps.js';

/** The name the Resolve wizard is entered by. */
export const RESOLVE_WIZARD = 'resolve';
/** A question left unanswered this long ends the wizard; what was answered is kept. */
export const WIZARD_STEP_MS = 30 * 60_000;
/** The longest note kept. */
const MAX_NOTE = 1000;

type Wizard = Conversation<OperatorsContext, Context>;

/** What one of the counsellor's updates is to a question: its answer, words it cannot read, or not for it. */
type Reading<T> = { value: T } | 'unreadable' | undefined;

/** Where the wizard speaks: the request's topic in a forum, and who answers it. */
interface Place {
  userId: number;
  thread: number | undefined;
}

const inPlace = (place: Place) => (place.thread !== undefined ? { message_thread_id: place.thread } : {});

function keyboard(card: Card, perRow: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  card.buttons.forEach((b, i) => {
    kb.text(b.label, b.data);
    if ((i + 1) % perRow === 0) kb.row();
  });
  return kb;
}

/** This question's button for this request, read. */
function pressed<T extends CardButtonType>(
  c: Context,
  type: T,
  id: string,
): Extract<CardButton, { type: T }> | undefined {
  const data = c.callbackQuery?.data;
  const button = data === undefined ? undefined : decodeCardButton(data);
  return button?.type === type && button.ticket === id
    ? (button as Extract<CardButton, { type: T }>)
    : undefined;
}

/**
 * Words typed for a question: a reply to it, or in a forum the next words in the request's topic (not a
 * reply to another of its messages). Commands and `//` notes are not answers.
 */
function typed(c: Context, asked: number, place: Place): string | undefined {
  const m = c.message;
  if (m?.text === undefined || m.text.startsWith('/')) return undefined;
  const replyTo = m.reply_to_message?.message_id;
  if (replyTo === asked) return m.text;
  const inTopic =
    place.thread !== undefined && m.is_topic_message === true && m.message_thread_id === place.thread;
  return inTopic && (replyTo === undefined || replyTo === place.thread) ? m.text : undefined;
}

/**
 * Asks a question and waits for this counsellor's answer to it. Anything else (another request's buttons,
 * her words to a person, another counsellor) passes on to the rest of the desk untouched; words the
 * question cannot read are answered with `unreadable` and the question waits on.
 */
async function ask<T>(
  conversation: Wizard,
  ctx: Context,
  place: Place,
  question: Card,
  read: (c: Context, asked: number) => Reading<T>,
  unreadable = '',
): Promise<{ ctx: Context; value: T; asked: number }> {
  // Short answers side by side; organisations' names, which are long, one a row.
  const perRow = question.buttons.every((b) => b.label.length <= 16) ? 3 : 1;
  const sent = await ctx.reply(question.text, {
    reply_markup: keyboard(question, perRow),
    ...inPlace(place),
  });
  for (;;) {
    const c = await conversation.wait({ maxMilliseconds: WIZARD_STEP_MS });
    const reading = c.from?.id === place.userId ? read(c, sent.message_id) : undefined;
    if (reading === undefined) return await conversation.skip();
    if (reading !== 'unreadable') return { ctx: c, value: reading.value, asked: sent.message_id };
    await c.reply(unreadable, {
      ...inPlace(place),
      reply_parameters: { message_id: c.msgId ?? sent.message_id, allow_sending_without_reply: true },
    });
  }
}

/** A question answered: its buttons give way to the answer, so none of them can be pressed again. */
async function answered(c: Context, asked: number, text: string): Promise<void> {
  if (c.callbackQuery) await c.answerCallbackQuery();
  const chat = c.chat?.id;
  if (chat !== undefined) await c.api.editMessageText(chat, asked, text).catch(() => undefined);
}

/**
 * The Resolve wizard, entered once the outcome is chosen and the request closed (src/channels/telegram/
 * operators/resolve.ts): where she was referred (flows/desk/referrals.yaml, or none), a follow-up date
 * (in 3 days, in a week, none, or typed), a note. Each answer is saved as it is given, so /cancel, a
 * question left 30 minutes or a restart in the middle loses nothing already answered. The request is
 * closed before the first question: nothing typed here can ever reach the person. Its state is the
 * plugin's, in Redis, one per counsellor, entered from the outcome button, whose message holds no
 * personal detail.
 */
export function resolveWizard(deps: OperatorsDeps) {
  const { t } = deps;
  const now = deps.now ?? Date.now;
  const lang = deps.wizard.lang ?? 'ru';
  const referrals = deps.wizard.referrals ?? [];
  const maxDays = deps.wizard.followUpMaxDays ?? 30;
  return async (conversation: Wizard, ctx: Context, id: string) => {
    const place: Place = { userId: ctx.from?.id ?? 0, thread: ctx.callbackQuery?.message?.message_thread_id };
    const ticket = shortTicket(id);

    if (referrals.length > 0) {
      const question = referralQuestion(t, id, referrals, lang);
      const referral = await ask(conversation, ctx, place, question, (c) => {
        const value = pressed(c, 'referral', id)?.referral;
        return value === undefined ? undefined : { value };
      });
      await conversation.external(() => deps.tickets.setReferral(id, referral.value));
      const name = referralName(referrals, referral.value, lang) ?? t('ops.wizard.no_referral');
      await answered(referral.ctx, referral.asked, t('ops.wizard.referral_a', { ticket, name }));
    }

    const today = await conversation.external(() => localDate(now(), deps.timeZone));
    const last = dateAfter(today, maxDays);
    const follow = await ask(
      conversation,
      ctx,
      place,
      followUpQuestion(t, id),
      (c, asked): Reading<string | null> => {
        const button = pressed(c, 'follow_up', id);
        if (button?.days !== undefined)
          return { value: button.days === 0 ? null : dateAfter(today, Math.min(button.days, maxDays)) };
        const words = typed(c, asked, place);
        if (words === undefined) return undefined;
        const date = parseFollowUpDate(words, today);
        return date && followUpAllowed(date, today, maxDays) ? { value: date } : 'unreadable';
      },
      t('ops.wizard.bad_date', { from: today, to: last }),
    );
    const date = follow.value ?? undefined;
    const due = await conversation.external(() => deps.tickets.setFollowUp(id, date));
    const when = due === undefined ? undefined : localTime(due, deps.timeZone);
    await answered(
      follow.ctx,
      follow.asked,
      when
        ? t('ops.wizard.follow_up_a', { ticket, date, day: when.date, time: fromMinutes(when.minutes) })
        : t('ops.wizard.no_follow_up_a', { ticket }),
    );

    const note = await ask(conversation, ctx, place, noteQuestion(t, id), (c, asked) => {
      if (pressed(c, 'skip_note', id)) return { value: undefined };
      const words = typed(c, asked, place);
      return words === undefined ? undefined : { value: words.slice(0, MAX_NOTE) };
    });
    const text = note.value;
    if (text) await conversation.external(() => deps.tickets.addNote(id, text));
    await answered(note.ctx, note.asked, t(text ? 'ops.noted' : 'ops.wizard.no_note_a', { ticket }));
    await note.ctx.reply(t('ops.wizard.done', { ticket }), inPlace(place));
  };
}
