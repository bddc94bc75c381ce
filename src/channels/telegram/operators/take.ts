import type { Composer } from 'grammy';
import { shortTicket } from '../../../domain/dialogue/index.js';
import { isTicketId, type TakeResult } from '../../../domain/handoff/ticket.js';
import type { OperatorsContext } from '../context.js';
import { onCardButton } from './buttons.js';
import { allowed, nameOf, type OperatorsDeps } from './deps.js';

/** What the counsellor who pressed Take is told. */
function tookText(deps: OperatorsDeps, id: string, result: TakeResult): string {
  const { t } = deps;
  const short = shortTicket(id);
  if (result.ok) return t('ops.took', { ticket: short });
  if (result.reason === 'taken') return t('ops.already_taken', { ticket: short, name: result.by });
  return t(result.reason === 'resolved' ? 'ops.already_resolved' : 'ops.unknown_ticket', { ticket: short });
}

/** Take: atomic, of two counsellors at once one gets the request; the other is told who did. */
export function takeComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  return onCardButton('take', async (ctx, { ticket: id }) => {
    if (!allowed(deps, ctx))
      return void (await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true }));
    if (!isTicketId(id)) return void (await ctx.answerCallbackQuery({ text: t('ops.unknown_ticket') }));
    const result = await deps.tickets.take(id, ctx.from.id, nameOf(ctx));
    await ctx.answerCallbackQuery({ text: tookText(deps, id, result), show_alert: !result.ok });
  });
}
