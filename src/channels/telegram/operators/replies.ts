import { Composer } from 'grammy';
import type { Message } from 'grammy/types';
import { undeliveredText } from '../../../domain/handoff/notices.js';
import type { ReplyResult } from '../../../domain/handoff/ticket.js';
import type { OperatorsContext } from '../context.js';
import { mediaRef } from '../media.js';
import { allowed, type OperatorsDeps, replyingTo } from './deps.js';

/** Messages a counsellor may send that are never passed on as media: said so, not dropped. */
const NOT_PASSED: ('message:sticker' | 'message:location' | 'message:contact' | 'message:poll')[] = [
  'message:sticker',
  'message:location',
  'message:contact',
  'message:poll',
];

/**
 * A counsellor's words or media for a person: a reply to the ticket's card or messages, or in its topic.
 * Photos, voice messages, audio, video and documents go on (copied, or fetched and uploaded to WhatsApp,
 * by the outbox); a sticker or a location is answered with why it was not.
 */
export function repliesComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  const composer = new Composer<OperatorsContext>();

  /** The ticket a counsellor's message is about, or undefined (told so when it replies to the bot). */
  const ticketOf = async (ctx: OperatorsContext, m: Message): Promise<string | undefined> => {
    if (!allowed(deps, ctx)) return undefined;
    const replyTo = m.reply_to_message?.message_id;
    const thread = m.is_topic_message ? m.message_thread_id : undefined;
    if (replyTo === undefined && thread === undefined) return undefined;
    const id = await deps.tickets.ticketOf(replyTo, thread);
    // A reply to one of the bot's messages that leads to no request: say so rather than drop it.
    if (!id && m.reply_to_message?.from?.id === ctx.me.id)
      await ctx.reply(t('ops.not_linked'), replyingTo(m.message_id));
    return id;
  };
  const answer = async (
    ctx: OperatorsContext,
    m: Message,
    id: string,
    result: ReplyResult | 'unsupported',
  ) => {
    if (result === 'ok') return;
    const reason = result === 'missing' ? 'closed' : result;
    await ctx.reply(undeliveredText(t, id, reason), replyingTo(m.message_id));
  };

  composer.on('message:text', async (ctx) => {
    const m = ctx.message;
    // "//" at the start: a note among counsellors, never passed on.
    if (m.text.startsWith('/')) return;
    const id = await ticketOf(ctx, m);
    if (id) await answer(ctx, m, id, await deps.tickets.reply(id, m.text));
  });

  composer.on('message', async (ctx, next) => {
    const m = ctx.message;
    const media = mediaRef(m);
    // A caption starting with "//" is a note among counsellors, like a message.
    if (!media || m.caption?.startsWith('//')) return next();
    const id = await ticketOf(ctx, m);
    if (!id) return;
    media.chat = m.chat.id;
    await answer(ctx, m, id, await deps.tickets.replyMedia(id, media, m.caption));
  });

  composer.on(NOT_PASSED, async (ctx) => {
    const m = ctx.msg;
    const id = await ticketOf(ctx, m);
    if (id) await answer(ctx, m, id, 'unsupported');
  });
  return composer;
}
