import { Composer } from 'grammy';
import { shortTicket } from '../../../domain/dialogue/index.js';
import { cannedText } from '../../../domain/handoff/desk-content.js';
import { undeliveredText } from '../../../domain/handoff/notices.js';
import type { OperatorsContext } from '../context.js';
import { allowed, type OperatorsDeps, replyingTo, threadOf } from './deps.js';

/**
 * `/reply <name>`: a canned reply (flows/desk/replies.yaml) sent to the person of the request it is
 * written about (a reply to its card or messages, or in its topic), in her language, by the same path as
 * a counsellor's own words: the outbox, then her channel (Telegram or WhatsApp).
 */
export function cannedComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  const composer = new Composer<OperatorsContext>();
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
    const ticket = id ? await deps.tickets.get(id) : undefined;
    if (!id || !ticket) return void (await ctx.reply(t('ops.cases.reply_where'), replyingTo(m.message_id)));
    const text = cannedText(reply, ticket.lang, deps.canned.hotlineLine(ticket.lang));
    const result = await deps.tickets.reply(id, text);
    const answer =
      result === 'ok'
        ? t('ops.cases.reply_sent', { name: reply.id, ticket: shortTicket(id) })
        : undeliveredText(t, id, result === 'missing' ? 'closed' : result);
    await ctx.reply(answer, replyingTo(m.message_id));
  });
  return composer;
}
