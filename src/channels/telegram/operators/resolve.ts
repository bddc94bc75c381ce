import { Composer, type Context, InlineKeyboard } from 'grammy';
import { shortTicket } from '../../../domain/dialogue/index.js';
import { outcomeQuestion } from '../../../domain/handoff/card.js';
import { isTicketId } from '../../../domain/handoff/ticket.js';
import type { OperatorsContext } from '../context.js';
import { onCardButton } from './buttons.js';
import { allowed, nameOf, type OperatorsDeps, threadOfButton } from './deps.js';
import { RESOLVE_WIZARD } from './wizard.js';

/** Whether the counsellor may close this ticket now; if not, the button is answered why not. */
async function closable(deps: OperatorsDeps, ctx: Context, id: string): Promise<boolean> {
  const { t } = deps;
  if (!allowed(deps, ctx)) {
    await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true });
    return false;
  }
  const ticket = isTicketId(id) ? await deps.tickets.get(id) : undefined;
  if (!ticket) {
    await ctx.answerCallbackQuery({ text: t('ops.unknown_ticket') });
    return false;
  }
  if (ticket.status === 'resolved') {
    await ctx.answerCallbackQuery({ text: t('ops.already_resolved', { ticket: shortTicket(id) }) });
    return false;
  }
  return true;
}

/** Resolve: first the outcome, asked without any wizard (nothing waits yet). */
function askOutcome(deps: OperatorsDeps): Composer<OperatorsContext> {
  return onCardButton('resolve', async (ctx, { ticket: id }) => {
    if (!(await closable(deps, ctx, id))) return;
    await ctx.answerCallbackQuery();
    const question = outcomeQuestion(deps.t, id);
    const outcomes = new InlineKeyboard();
    for (const b of question.buttons) outcomes.text(b.label, b.data).row();
    await ctx.reply(question.text, { reply_markup: outcomes, ...threadOfButton(ctx) });
  });
}

/**
 * The outcome chosen: the request closes now, and the wizard asks the rest (referral, follow-up, note:
 * src/channels/telegram/operators/resolve-wizard.ts). One wizard per counsellor: a new one ends hers.
 */
function closeWithOutcome(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  return onCardButton('outcome', async (ctx, { ticket: id, outcome }) => {
    if (outcome === undefined) {
      await ctx.answerCallbackQuery({ text: t('ops.unknown_ticket') });
      return;
    }
    if (!(await closable(deps, ctx, id))) return;
    const short = shortTicket(id);
    const result = await deps.tickets.resolve(id, outcome, ctx.from.id, undefined);
    if (result !== 'ok') {
      await ctx.answerCallbackQuery({
        text: t(result === 'resolved' ? 'ops.already_resolved' : 'ops.unknown_ticket', { ticket: short }),
      });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx
      .editMessageText(
        t('ops.resolved', { ticket: short, name: nameOf(ctx), outcome: t(`ops.outcome.${outcome}`) }),
      )
      .catch(() => undefined);
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(RESOLVE_WIZARD, id);
  });
}

/**
 * A wizard's button with no wizard waiting for it (answered, cancelled, left too long, or another
 * counsellor's): said so, and nothing changes.
 */
function staleWizardButtons(deps: OperatorsDeps): Composer<OperatorsContext> {
  const stale = async (ctx: OperatorsContext) =>
    void (await ctx.answerCallbackQuery({ text: deps.t('ops.wizard_expired'), show_alert: true }));
  return new Composer<OperatorsContext>(
    onCardButton('referral', stale),
    onCardButton('follow_up', stale),
    onCardButton('skip_note', stale),
  );
}

/** Closing a request: Resolve, the outcome (which starts the wizard), and the wizard's stale buttons. */
export function resolveComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  return new Composer<OperatorsContext>(askOutcome(deps), closeWithOutcome(deps), staleWizardButtons(deps));
}
