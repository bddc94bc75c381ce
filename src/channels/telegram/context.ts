import type { ConversationFlavor } from '@grammyjs/conversations';
import type { Composer, Context, MiddlewareFn } from 'grammy';

/**
 * The operators' chat's context: grammY's, with the conversations plugin's flavour (the Resolve wizard).
 * People's handlers never use the flavour, so the bot itself stays a `Bot<Context>`.
 */
export type OperatorsContext = ConversationFlavor<Context>;

/**
 * The operators' composer as a middleware of the bot. The conversations plugin, its first middleware,
 * adds `ctx.conversation` before any of its handlers reads it; grammY's types cannot say that a
 * middleware adds a property to the bot's context, hence this one narrowing, here and nowhere else.
 */
export function operatorsMiddleware(composer: Composer<OperatorsContext>): MiddlewareFn<Context> {
  const run = composer.middleware();
  return (ctx, next) => run(ctx as OperatorsContext, next);
}
