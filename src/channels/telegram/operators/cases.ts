import { Composer } from 'grammy';
import { shortTicket } from '../../../domain/dialogue/index.js';
import { isTicketId, type ReleaseResult } from '../../../domain/handoff/ticket.js';
import type { OperatorsContext } from '../context.js';
import { onCardButton } from './buttons.js';
import { allowed, type OperatorsDeps, threadOf } from './deps.js';

/** What the counsellor who pressed Release is told. */
function releasedText(deps: OperatorsDeps, id: string, result: ReleaseResult): string {
  const ticket = shortTicket(id);
  if (result === 'ok') return deps.t('ops.cases.released', { ticket });
  if (result === 'open') return deps.t('ops.cases.not_taken', { ticket });
  return deps.t(result === 'resolved' ? 'ops.already_resolved' : 'ops.unknown_ticket', { ticket });
}

/**
 * Who holds a request: Release gives a taken one back to everyone (the card shows it waiting again, and
 * it is announced again if nobody takes it in time); /mine lists what this counsellor holds.
 */
export function casesComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  const now = deps.now ?? Date.now;
  const composer = new Composer<OperatorsContext>();
  composer.use(
    onCardButton('release', async (ctx, { ticket: id }) => {
      if (!allowed(deps, ctx))
        return void (await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true }));
      if (!isTicketId(id)) return void (await ctx.answerCallbackQuery({ text: t('ops.unknown_ticket') }));
      const result = await deps.tickets.release(id);
      await ctx.answerCallbackQuery({ text: releasedText(deps, id, result), show_alert: result !== 'ok' });
    }),
  );
  composer.command('mine', async (ctx) => {
    if (!allowed(deps, ctx) || !ctx.from) return;
    const held = await deps.tickets.heldBy(ctx.from.id);
    const lines = held.map((tk) =>
      t('ops.cases.mine_line', {
        ticket: shortTicket(tk.id),
        age: Math.round((now() - tk.createdAt) / 60_000),
        lang: tk.lang,
      }),
    );
    const text =
      lines.length > 0 ? [t('ops.cases.mine_title'), ...lines].join('\n') : t('ops.cases.mine_none');
    await ctx.reply(text, threadOf(ctx));
  });
  return composer;
}
