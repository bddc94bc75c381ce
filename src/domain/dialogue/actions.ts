import { isLang } from '../language.js';
import { adVerdict, checkWithAd } from './ad-intake.js';
import { type ActionRegistry, newPerson } from './context.js';
import { askForCounsellor, openTicket } from './request.js';
import { aboutText, counsellorText, helpText } from './texts.js';
import { verdict } from './verdict.js';

/**
 * What each named action of the flows does (flows/*.yaml name them; the interpreter only reports them).
 * One entry per action of the flow language: the type makes a missing one a compile error.
 */
export const ACTION_HANDLERS: ActionRegistry = {
  verdict: (ctx, _value, from) => {
    if (from) verdict(ctx, from);
  },
  menu: (ctx) => {
    ctx.state.active = undefined;
    ctx.openMenu();
  },
  language: (ctx) => ctx.openFlow(ctx.roles.flow.language),
  set_language: (ctx, value) => {
    if (isLang(value)) ctx.setLanguage(value);
  },
  counsellor: (ctx) => askForCounsellor(ctx),
  hotline: (ctx) => {
    ctx.say(counsellorText(ctx.deps, ctx.t));
    ctx.state.active = undefined;
    ctx.openMenu();
  },
  open_ticket: (ctx, _value, from) => {
    if (from) openTicket(ctx, from);
  },
  relay: (ctx) => ctx.startRelay(),
  about: (ctx) => {
    ctx.say(aboutText(ctx.deps, ctx.t));
    ctx.openMenu();
  },
  help: (ctx) => {
    ctx.say(helpText(ctx.deps, ctx.t));
    ctx.openMenu();
  },
  ad_verdict: (ctx) => {
    if (ctx.pendingAd !== undefined) adVerdict(ctx, ctx.pendingAd, ctx.knownVerdict);
  },
  check_with_ad: (ctx) => checkWithAd(ctx),
  forget: (ctx) => {
    // Nothing of this person is kept, not even the language: the reply is the last thing they get.
    ctx.forget = true;
    ctx.state = newPerson(ctx.state.lang);
    ctx.say(ctx.t('forget.done'));
  },
};
