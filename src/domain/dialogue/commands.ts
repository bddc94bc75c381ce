import { INTEL_PRIVACY_KEY } from '../intel/render.js';
import type { TurnContext } from './context.js';
import { aboutText, helpText } from './texts.js';

/** Commands that leave a person's writing to a counsellor as it is: they only read something. */
const READ_ONLY = new Set(['help', 'about', 'privacy']);

/** A command (/start, /menu, /cancel...), typed or from the platform's menu. */
export function command(ctx: TurnContext, name: string): void {
  // A command is the way back from writing to a counsellor to the bot's own dialogues.
  if (!READ_ONLY.has(name)) ctx.stepOutOfRelay();
  const flows = ctx.roles.flow;
  switch (name) {
    case 'start':
      ctx.greet();
      ctx.openMenu();
      return;
    case 'menu':
      ctx.openMenu();
      return;
    case 'resume':
      // The person comes back (the terminal chat started again): where they were.
      if (ctx.state.active) ctx.say(ctx.t('common.welcome_back'));
      ctx.reprompt();
      return;
    case 'cancel':
      cancel(ctx);
      return;
    case 'language':
      ctx.openFlow(flows.language);
      return;
    case 'forget':
      ctx.openFlow(flows.forget);
      return;
    case 'ad':
      ctx.openFlow(flows.ad);
      return;
    case 'about':
      ctx.say(aboutText(ctx.deps, ctx.t));
      ctx.reprompt();
      return;
    case 'privacy':
      ctx.say(privacyText(ctx));
      ctx.reprompt();
      return;
    default:
      // /help and anything unknown: what the bot does and how.
      ctx.say(helpText(ctx.deps, ctx.t));
      ctx.reprompt();
  }
}

function cancel(ctx: TurnContext): void {
  const active = ctx.state.active;
  if (ctx.inProgress(active) || ctx.state.paused) {
    ctx.state.active = undefined;
    ctx.state.paused = undefined;
    ctx.say(ctx.t('cancel.done'));
    ctx.openMenu();
  } else if (active !== undefined && !ctx.at(active, 'menu')) {
    // Out of the ad check, the language choice or /forget: back to the menu.
    ctx.openMenu();
  } else {
    ctx.say(ctx.t('cancel.nothing'));
    ctx.reprompt();
  }
}

/**
 * How long a message id's hash is kept after /forget, so that a repeated delivery is answered once: the
 * WhatsApp intake's SEEN_TTL_SECONDS (src/channels/whatsapp/intake.ts), checked equal by a test.
 */
export const SEEN_MESSAGE_DAYS = 7;

function privacyText(ctx: TurnContext): string {
  const { deps, t } = ctx;
  return [
    t('privacy.text', { days: deps.stateTtlDays, retention: deps.counsellors.retentionDays }),
    t('privacy.after_forget', { seenDays: SEEN_MESSAGE_DAYS }),
    // Why /forget leaves "seen before" alone: its counts point to no one.
    deps.intel ? t(INTEL_PRIVACY_KEY, { days: deps.intel.retentionDays }) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}
