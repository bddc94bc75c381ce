import { Composer, type Filter } from 'grammy';
import { type CardButton, type CardButtonType, decodeCardButton } from '../../../domain/handoff/buttons.js';
import type { OperatorsContext } from '../context.js';

type ButtonContext = Filter<OperatorsContext, 'callback_query:data'>;

function isOfType<T extends CardButtonType>(
  button: CardButton | undefined,
  type: T,
): button is Extract<CardButton, { type: T }> {
  return button?.type === type;
}

/**
 * A Composer that handles one kind of operators' button (src/domain/handoff/buttons.ts), with the button
 * read and typed; any other callback passes on.
 */
export function onCardButton<T extends CardButtonType>(
  type: T,
  handler: (ctx: ButtonContext, button: Extract<CardButton, { type: T }>) => Promise<unknown>,
): Composer<OperatorsContext> {
  const composer = new Composer<OperatorsContext>();
  composer.on('callback_query:data', async (ctx, next) => {
    const button = decodeCardButton(ctx.callbackQuery.data);
    if (!isOfType(button, type)) return next();
    await handler(ctx, button);
  });
  return composer;
}
