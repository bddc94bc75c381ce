import { Composer, InlineKeyboard } from 'grammy';
import type { Message, User } from 'grammy/types';
import { shortTicket } from '../../../domain/dialogue/index.js';
import { reassignQuestion } from '../../../domain/handoff/card.js';
import { isTicketId, type ReassignResult } from '../../../domain/handoff/ticket.js';
import type { OperatorsContext } from '../context.js';
import { onCardButton } from './buttons.js';
import { allowed, type OperatorsDeps, replyingTo, threadOf, threadOfButton } from './deps.js';

/** Someone a request may be handed to: a counsellor's Telegram id and how cards name her. */
interface Target {
  id: number;
  name: string;
  isBot?: boolean;
}

/** How a Telegram user is named on a card, as `nameOf` names the one who pressed Take. */
const named = (user: User): string => (user.username ? `@${user.username}` : user.first_name);

/** What the counsellor who handed a request over (or tried) is told. */
function reassignedText(deps: OperatorsDeps, id: string, to: Target, result: ReassignResult): string {
  const { t } = deps;
  const ticket = shortTicket(id);
  if (result.ok) return t('ops.cases.reassigned', { ticket, name: to.name, from: result.from });
  if (result.reason === 'same') return t('ops.cases.reassign_same', { ticket, name: to.name });
  if (result.reason === 'open') return t('ops.cases.not_taken', { ticket });
  return t(result.reason === 'resolved' ? 'ops.already_resolved' : 'ops.unknown_ticket', { ticket });
}

/** Whether this person may hold requests: a counsellor (COUNSELLOR_IDS when set), not a bot. */
function mayHold(deps: OperatorsDeps, user: { id: number; isBot?: boolean }): boolean {
  return !user.isBot && (!deps.counsellorIds || deps.counsellorIds.includes(user.id));
}

/**
 * Whom `/reassign` names: a mention of a counsellor without a username (Telegram gives her id), an
 * @username of one who has held requests, or, with no name, the author of the message it replies to.
 */
async function targetOf(
  deps: OperatorsDeps,
  m: Message,
  by: number,
): Promise<Target | 'unknown' | undefined> {
  const text = m.text ?? '';
  for (const e of m.entities ?? []) {
    if (e.type === 'text_mention') return { id: e.user.id, name: named(e.user), isBot: e.user.is_bot };
    if (e.type === 'mention') {
      const name = text.slice(e.offset, e.offset + e.length).toLowerCase();
      const known = (await deps.tickets.counsellors()).find((c) => c.name.toLowerCase() === name);
      return known ? { id: known.id, name: known.name } : 'unknown';
    }
  }
  const author = m.reply_to_message?.from;
  if (author && !author.is_bot && author.id !== by) return { id: author.id, name: named(author) };
  return undefined;
}

/** The counsellors a request may go to: those who held requests before, but not the one who holds it. */
async function pickerFor(
  deps: OperatorsDeps,
  id: string,
): Promise<{ text: string; reply_markup: InlineKeyboard } | undefined> {
  const ticket = await deps.tickets.get(id);
  const others = (await deps.tickets.counsellors()).filter(
    (c) => c.id !== ticket?.takenBy && mayHold(deps, { id: c.id }),
  );
  if (others.length === 0) return undefined;
  const question = reassignQuestion(deps.t, id, others);
  const kb = new InlineKeyboard();
  for (const b of question.buttons) kb.text(b.label, b.data).row();
  return { text: question.text, reply_markup: kb };
}

/**
 * Reassign, beside Take and Release: a taken request handed to another counsellor, atomically (a Lua
 * script), picked from those who have held requests (🔀 on the card), or named in `/reassign @name`
 * written as a reply to the request's card or messages (or in its topic), or `/reassign` as a reply to
 * one of her messages in the topic. The card and the topic then name who holds it.
 */
export function reassignComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  const composer = new Composer<OperatorsContext>();
  const hand = async (id: string, to: Target) =>
    reassignedText(deps, id, to, await deps.tickets.reassign(id, to.id, to.name));

  composer.use(
    onCardButton('reassign', async (ctx, { ticket: id }) => {
      if (!allowed(deps, ctx))
        return void (await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true }));
      const ticket = isTicketId(id) ? await deps.tickets.get(id) : undefined;
      if (ticket?.status !== 'taken') {
        const result: ReassignResult = { ok: false, reason: ticket?.status ?? 'missing' };
        const text = reassignedText(deps, id, { id: 0, name: '' }, result);
        return void (await ctx.answerCallbackQuery({ text }));
      }
      const picker = await pickerFor(deps, id);
      if (!picker)
        return void (await ctx.answerCallbackQuery({
          text: t('ops.cases.reassign_nobody'),
          show_alert: true,
        }));
      await ctx.answerCallbackQuery();
      await ctx.reply(picker.text, { reply_markup: picker.reply_markup, ...threadOfButton(ctx) });
    }),
  );

  composer.use(
    onCardButton('reassign_to', async (ctx, { ticket: id, to }) => {
      if (!allowed(deps, ctx))
        return void (await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true }));
      const target = (await deps.tickets.counsellors()).find((c) => c.id === to);
      if (!isTicketId(id) || !target || !mayHold(deps, target))
        return void (await ctx.answerCallbackQuery({ text: t('ops.unknown_ticket') }));
      const text = await hand(id, target);
      await ctx.answerCallbackQuery({ text });
      // The picker gives way to what came of it: none of its buttons can be pressed again.
      await ctx.editMessageText(text).catch(() => undefined);
    }),
  );

  composer.command('reassign', async (ctx) => {
    const m = ctx.message;
    if (!m || !ctx.from || !allowed(deps, ctx)) return;
    const answer = (text: string, extra: object = {}) =>
      ctx.reply(text, { ...threadOf(ctx), ...replyingTo(m.message_id), ...extra });
    const thread = m.is_topic_message ? m.message_thread_id : undefined;
    const id = await deps.tickets.ticketOf(m.reply_to_message?.message_id, thread);
    if (!id) return void (await answer(t('ops.cases.reassign_where')));
    const target = await targetOf(deps, m, ctx.from.id);
    if (target === 'unknown') return void (await answer(t('ops.cases.reassign_unknown')));
    if (target === undefined) {
      const picker = await pickerFor(deps, id);
      if (!picker) return void (await answer(t('ops.cases.reassign_nobody')));
      return void (await answer(picker.text, { reply_markup: picker.reply_markup }));
    }
    if (!mayHold(deps, target))
      return void (await answer(t('ops.cases.reassign_not_counsellor', { name: target.name })));
    await answer(await hand(id, target));
  });
  return composer;
}
