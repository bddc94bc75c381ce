import { type AdVerdict, MAX_AD_LENGTH } from '../ads/analyze.js';
import { countryNamed } from '../countries.js';
import { currentStep, type FlowState } from '../flow/interpreter.js';
import type { InputStep } from '../flow/schema.js';
import { matchMeaning } from '../meaning.js';
import { parsePhone } from '../phone.js';
import { matchAnswer } from '../text.js';
import { AD_WORDS_OUTSIDE, wordCount } from './ad-intake.js';
import type { TurnContext } from './context.js';
import { languageNamed, type TextRoute } from './route.js';

/**
 * Words typed at the question she is at, once the engine has found that they answer it (engine.ts,
 * onText): a phone number, an ad or a note for a question answered in words; for a question with answers
 * to choose, an answer's number or words, what they mean, a country named at "where", or a language's name.
 */

/** At "send me the ad": what the analyzer makes of the text (read once, for routing and for the answer). */
export function pastedAd(ctx: TurnContext, route: TextRoute, text: string): AdVerdict | undefined {
  if (route.type !== 'answer' || route.step.kind !== 'input' || route.step.validate !== 'ad')
    return undefined;
  return ctx.deps.analyzeAd?.(text.slice(0, MAX_AD_LENGTH));
}

/** Words for a question answered in words: a phone number, an ad, a note. */
export function answerInWords(
  ctx: TurnContext,
  active: FlowState,
  step: InputStep,
  text: string,
  how: { forwarded: boolean; urgent: boolean; pasted: AdVerdict | undefined },
): void {
  const { forwarded, urgent } = how;
  if (step.validate === 'phone') {
    const phone = parsePhone(text);
    if (!phone) {
      if (!urgent) ctx.say(ctx.t('callback.phone.invalid'));
      ctx.reprompt();
      return;
    }
    ctx.replies.push({ text: ctx.t('callback.phone.ok'), removeKeyboard: true });
    ctx.answerText(active, phone);
    return;
  }
  let given = text;
  if (step.validate === 'ad' && ctx.deps.analyzeAd) {
    given = text.slice(0, MAX_AD_LENGTH);
    const verdict: AdVerdict = how.pasted ?? ctx.deps.analyzeAd(given);
    // "привет", "назад", a question: not an ad. Say so, and keep waiting (the menu is a tap away).
    if (!forwarded && !verdict.jobAd && wordCount(given) < AD_WORDS_OUTSIDE) {
      ctx.say(ctx.t('ad.not_an_ad'));
      ctx.reprompt();
      return;
    }
    ctx.pendingAd = given;
    ctx.knownVerdict = verdict;
  }
  // A note longer than the question takes is kept up to its limit, not refused over and over.
  if (step.validate === 'text') given = given.slice(0, step.maxLength);
  ctx.answerText(active, given);
}

/** Words for a question with answers to choose: an answer's number or words, else a language's name. */
export function answerChoice(ctx: TurnContext, active: FlowState, text: string, urgent: boolean): void {
  if (!urgent && countryAnswer(ctx, active, text)) return;
  const picked = urgent
    ? undefined
    : (matchAnswer(text, ctx.choicesFor(active)) ?? meaningOf(ctx, active, text));
  if (picked && ctx.choose(picked)) return;
  const lang = languageNamed(ctx, text);
  if (lang) {
    ctx.setLanguage(lang);
    return;
  }
  // At the menu, words that are no choice get what the bot is for; at a question, how to answer it. After
  // the numbers, a question of the offer check is not asked as if nothing had been said: only if she wants.
  const atMenu = ctx.at(active, 'menu');
  if (!urgent) ctx.say(ctx.t(atMenu ? 'menu.free_text' : 'common.hint_choice'));
  else if (ctx.at(active, 'check')) ctx.say(ctx.t('emergency.resume'));
  ctx.reprompt();
}

/** The answer typed words mean, by the phrases the flow gives its options (`means`), among those shown. */
function meaningOf(ctx: TurnContext, active: FlowState, text: string): string | undefined {
  const step = currentStep(ctx.flow(active.flow), active);
  if (step?.kind !== 'choice') return undefined;
  const shown = new Set(ctx.choicesFor(active).map((c) => c.id));
  return matchMeaning(
    text,
    step.options.filter((o) => (o.means || o.number) && shown.has(o.id)),
  );
}

/**
 * A country named at the check's "where" question ("в Дубае", "Түркияда", "Seoul"): its region is the
 * answer, and the country is kept for "Get help now".
 */
function countryAnswer(ctx: TurnContext, active: FlowState, text: string): boolean {
  const countries = ctx.deps.countries;
  if (!countries || !ctx.at(active, 'check') || active.step !== ctx.roles.answer.where) return false;
  const country = countryNamed(countries, text);
  if (!country || !ctx.choose(country.region)) return false;
  ctx.state.country = country.id;
  return true;
}
