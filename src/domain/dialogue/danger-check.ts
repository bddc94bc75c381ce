import { LANGS } from '../language.js';
import { matchAnswer } from '../text.js';
import { DANGER_NO_BUTTON, DANGER_YES_BUTTON } from './buttons.js';
import type { TurnContext } from './context.js';
import { helpNow } from './help-now.js';

/**
 * "Are you in danger right now?": asked after a bare cry for help ("помогите", "help", "көмектесіңіз")
 * with no words of danger, instead of sounding the alarm. Yes opens "Get help now"; No goes back to
 * exactly where she was. The place is never touched by the asking: the question waits beside it
 * (`askedDanger`) for one turn, and anything else she does simply goes on as usual.
 */
export function askIfInDanger(ctx: TurnContext): void {
  const t = ctx.t;
  ctx.state.askedDanger = true;
  ctx.replies.push({
    text: `${t('danger_check.q')}\n\n${ctx.hotlineLine()}`,
    choices: [
      { data: DANGER_YES_BUTTON, label: t('danger_check.yes') },
      { data: DANGER_NO_BUTTON, label: t('danger_check.no') },
    ],
  });
}

/** The question's answer typed: its number, or yes / no in any of the languages. */
export function typedDangerAnswer(ctx: TurnContext, text: string): 'yes' | 'no' | undefined {
  for (const lang of [ctx.state.lang, ...LANGS.filter((l) => l !== ctx.state.lang)]) {
    const t = ctx.deps.t(lang);
    const picked = matchAnswer(text, [
      { id: 'yes', label: t('danger_check.yes') },
      { id: 'no', label: t('danger_check.no') },
    ]);
    if (picked === 'yes' || picked === 'no') return picked;
  }
  return undefined;
}

/**
 * Yes: "Get help now". A check in progress is set aside (going on with it stays her choice); a callback
 * form being filled in goes out marked urgent. A Yes is honoured even from an old message.
 */
export function inDanger(ctx: TurnContext): void {
  const t = ctx.t;
  ctx.pressed = { stale: false, chosen: t('danger_check.yes') };
  const active = ctx.state.active;
  if (active && ctx.at(active, 'callback')) {
    helpNow(ctx, false, 'help_now.intro_asked');
    active.answers = { ...active.answers, [ctx.roles.answer.urgent]: 'yes' };
    ctx.say(t('callback.urgent_marked'));
    ctx.reprompt();
    return;
  }
  if (ctx.inProgress(active)) {
    ctx.state.paused = active;
    ctx.state.active = undefined;
    ctx.state.nonce++;
    helpNow(ctx, true, 'help_now.intro_asked');
    return;
  }
  helpNow(ctx, !!ctx.state.paused, 'help_now.intro_asked');
}

/** No: back to exactly where she was. A No from an older message is stale, like any old button. */
export function notInDanger(ctx: TurnContext, asked: boolean): boolean {
  if (!asked) return false;
  ctx.pressed = { stale: false, chosen: ctx.t('danger_check.no') };
  const active = ctx.state.active;
  if (active && !ctx.at(active, 'menu')) ctx.say(ctx.t('help_now.continued'));
  ctx.reprompt();
  return true;
}
