import { Composer } from 'grammy';
import { undeliveredText } from '../../../domain/handoff/notices.js';
import type { OperatorsContext } from '../context.js';
import { allowed, type OperatorsDeps, replyingTo } from './deps.js';

/** A counsellor's words for a person: a reply to the ticket's card or messages, or in its topic. */
export function repliesComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  const composer = new Composer<OperatorsContext>();
  composer.on('message:text', async (ctx) => {
    const m = ctx.message;
    // "//" at the start: a note among counsellors, never passed on.
    if (m.text.startsWith('/') || !allowed(deps, ctx)) return;
    const replyTo = m.reply_to_message?.message_id;
    const thread = m.is_topic_message ? m.message_thread_id : undefined;
    if (replyTo === undefined && thread === undefined) return;
    const id = await deps.tickets.ticketOf(replyTo, thread);
    if (!id) {
      // A reply to one of the bot's messages that leads to no request: say so rather than drop it.
      if (m.reply_to_message?.from?.id === ctx.me.id)
        await ctx.reply(t('ops.not_linked'), replyingTo(m.message_id));
      return;
    }
    const result = await deps.tickets.reply(id, m.text);
    if (result !== 'ok') {
      const reason = result === 'missing' ? 'closed' : result;
      await ctx.reply(undeliveredText(t, id, reason), replyingTo(m.message_id));
    }
  });
  return composer;
}
