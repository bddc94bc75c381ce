import {
  type Conversation,
  type ConversationFlavor,
  conversations,
  createConversation,
} from '@grammyjs/conversations';
import { RedisAdapter } from '@grammyjs/storage-redis';
import { Bot, type Context, InlineKeyboard } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Redis } from 'ioredis';

/**
 * The reference tekser is measured against: the same questions written the way most grammY bots would —
 * one @grammyjs/conversations function with the Redis storage adapter, `waitFor` per question — fed the
 * same kind of updates over the same Redis. Only for `npm run bench`.
 */
type Ctx = ConversationFlavor<Context>;

/** What getMe would say, so the benches' bots need no network to start. */
export function benchBotInfo(id: number, username: string): UserFromGetMe {
  return {
    id,
    is_bot: true,
    first_name: username,
    username,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}

export interface ReferenceQuestion {
  text: string;
  options: { id: string; label: string }[];
}

export function referenceBot(
  token: string,
  redis: Redis,
  prefix: string,
  questions: ReferenceQuestion[],
  fetchImpl: typeof fetch,
): Bot<Ctx> {
  const bot = new Bot<Ctx>(token, {
    client: { fetch: fetchImpl, apiRoot: 'http://bench.invalid' },
    botInfo: benchBotInfo(2, 'reference_bench_bot'),
  });
  bot.use(
    conversations({
      storage: {
        type: 'key',
        prefix: `${prefix}ref:`,
        adapter: new RedisAdapter({ instance: redis, ttl: 600 }),
      },
    }),
  );
  async function offerCheck(conversation: Conversation<Ctx, Context>, ctx: Context) {
    const answers: Record<string, string> = {};
    for (const [i, q] of questions.entries()) {
      const kb = new InlineKeyboard();
      for (const o of q.options) kb.text(o.label, o.id).row();
      await ctx.reply(q.text, { reply_markup: kb });
      const answer = await conversation.waitFor('callback_query:data');
      await answer.answerCallbackQuery();
      answers[String(i)] = answer.callbackQuery.data;
    }
    await ctx.reply(`verdict: ${Object.keys(answers).length} answers`);
  }
  bot.use(createConversation(offerCheck, 'offer'));
  bot.command('start', (ctx) => ctx.conversation.enter('offer'));
  return bot;
}
