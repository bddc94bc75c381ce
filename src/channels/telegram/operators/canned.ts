import { Composer, InlineKeyboard } from 'grammy';
import { shortTicket } from '../../../domain/dialogue/index.js';
import { cannedQuestion } from '../../../domain/handoff/card.js';
import { type CannedReply, cannedText } from '../../../domain/handoff/desk-content.js';
import { undeliveredText } from '../../../domain/handoff/notices.js';
import { isTicketId } from '../../../domain/handoff/ticket.js';
import type { OperatorsContext } from '../context.js';
import { onCardButton } from './buttons.js';
import { allowed, type OperatorsDeps, replyingTo, threadOf, threadOfButton } from './deps.js';

type Canned = NonNullable<OperatorsDeps['canned']>;

/**
 * Sends a canned reply to the person of request `id`, in her language, by the same path as a counsellor's
 * own words: the outbox, then her channel (Telegram or WhatsApp). What the counsellors' chat is told;
 * undefined when there is no such request.
 */
/** Sends a list's reply; when sending throws, nothing went out, and the list is given back to be pressed again. */
async function sendFromList(
  deps: OperatorsDeps,
  canned: Canned,
  at: { chat: number; list: number | undefined },
  id: string,
  reply: CannedReply,
): Promise<string | undefined> {
  try {
    return isTicketId(id) ? await sendCanned(deps, canned, id, reply) : undefined;
  } catch (err) {
    if (at.list !== undefined) await canned.releasePress(at.chat, at.list).catch(() => undefined);
    throw err;
  }
}

async function sendCanned(
  deps: OperatorsDeps,
  canned: Canned,
  id: string,
  reply: CannedReply,
): Promise<string | undefined> {
  const { t } = deps;
  const ticket = await deps.tickets.get(id);
  if (!ticket) return undefined;
  const text = cannedText(reply, ticket.lang, canned.hotlineLine(ticket.lang));
  const result = await deps.tickets.reply(id, text);
  return result === 'ok'
    ? t('ops.cases.reply_sent', { name: reply.id, ticket: shortTicket(id) })
    : undeliveredText(t, id, result === 'missing' ? 'closed' : result);
}

/**
 * Canned replies (flows/desk/replies.yaml): `/reply <name>` about a request (a reply to its card or
 * messages, or in its topic), or 💬 on its card, which lists them as buttons (labelled in the operators'
 * language); either sends the reply with `sendCanned` and says so in the chat. A list sends one reply: its
 * first press wins (`firstPress`), its buttons are then removed, and a later press is told so.
 */
export function cannedComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  const composer = new Composer<OperatorsContext>();

  composer.use(
    onCardButton('canned', async (ctx, { ticket: id }) => {
      if (!allowed(deps, ctx))
        return void (await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true }));
      const replies = deps.canned?.replies ?? [];
      if (!deps.canned || replies.length === 0)
        return void (await ctx.answerCallbackQuery({ text: t('ops.cases.replies_none'), show_alert: true }));
      const ticket = isTicketId(id) ? await deps.tickets.get(id) : undefined;
      // A stale button: what /reply would have said about this request (in the order tickets.reply checks).
      if (!ticket || ticket.forgotten || ticket.status === 'resolved') {
        const reason = ticket?.forgotten ? 'forgotten' : 'closed';
        return void (await ctx.answerCallbackQuery({ text: undeliveredText(t, id, reason) }));
      }
      const question = cannedQuestion(t, id, replies, deps.canned.lang);
      const kb = new InlineKeyboard();
      for (const b of question.buttons) kb.text(b.label, b.data).row();
      await ctx.answerCallbackQuery();
      const card = ctx.callbackQuery.message?.message_id;
      await ctx.reply(question.text, {
        reply_markup: kb,
        ...threadOfButton(ctx),
        ...(card === undefined ? {} : replyingTo(card)),
      });
    }),
  );

  composer.use(
    onCardButton('canned_send', async (ctx, { ticket: id, reply: name }) => {
      if (!allowed(deps, ctx))
        return void (await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true }));
      const reply = deps.canned?.replies.find((r) => r.id === name);
      if (!deps.canned || !reply)
        return void (await ctx.answerCallbackQuery({ text: t('ops.cases.reply_unknown'), show_alert: true }));
      // One reply a list: a second tap (or a second press before the buttons are gone) sends nothing.
      const list = ctx.callbackQuery.message?.message_id;
      const chat = ctx.chat?.id ?? deps.chatId;
      if (list !== undefined && !(await deps.canned.firstPress(chat, list)))
        return void (await ctx.answerCallbackQuery({ text: t('ops.cases.reply_used') }));
      const sent = await sendFromList(deps, deps.canned, { chat, list }, id, reply);
      const answer = sent ?? undeliveredText(t, id, 'closed');
      await ctx.answerCallbackQuery();
      // The list is spent: its buttons go (a list too old to edit keeps them, and says so when pressed).
      if (list !== undefined)
        await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
      await ctx.reply(answer, { ...threadOfButton(ctx), ...(list === undefined ? {} : replyingTo(list)) });
    }),
  );

  composer.command('reply', async (ctx) => {
    if (!allowed(deps, ctx) || !ctx.message) return;
    const m = ctx.message;
    const replies = deps.canned?.replies ?? [];
    const names = replies.map((r) => `${r.id} — ${r.label[deps.canned?.lang ?? 'ru']}`).join('\n');
    const name = ctx.match.trim().toLowerCase();
    const reply = replies.find((r) => r.id === name);
    if (!reply || !deps.canned)
      return void (await ctx.reply(t('ops.cases.reply_usage', { names }), {
        ...threadOf(ctx),
        ...replyingTo(m.message_id),
      }));
    const thread = m.is_topic_message ? m.message_thread_id : undefined;
    const id = await deps.tickets.ticketOf(m.reply_to_message?.message_id, thread);
    const answer = id ? await sendCanned(deps, deps.canned, id, reply) : undefined;
    await ctx.reply(answer ?? t('ops.cases.reply_where'), replyingTo(m.message_id));
  });
  return composer;
}
