import { type AdVerdict, MAX_AD_LENGTH, offersNothing } from '../ads/analyze.js';
import { prefillFromAd } from '../ads/prefill.js';
import { renderAdVerdict } from '../ads/render.js';
import { FLAGS } from '../flags.js';
import { answer, begin } from '../flow/interpreter.js';
import { renderSeenBefore } from '../intel/render.js';
import { hasNews } from '../intel/seen.js';
import type { TurnContext } from './context.js';

/**
 * Fewer words than this are never an ad ("да", "не знаю", "Taj Mahal"); from there on, a text is an ad
 * when it reads like one (see route.ts), whatever its length.
 */
export const AD_MIN_WORDS = 3;
/** A picture's caption that does not read like an ad is still looked at when it is this long. */
export const AD_WORDS_OUTSIDE = 8;

const WORD = /[\p{L}\p{N}]/u;
/** Words of a text, counted up to the analyzer's cap (a longer text is not read further). */
export function wordCount(text: string): number {
  const capped = text.length > MAX_AD_LENGTH ? text.slice(0, MAX_AD_LENGTH) : text;
  let n = 0;
  for (const w of capped.split(/\s+/)) if (WORD.test(w)) n++;
  return n;
}

/** Reads an ad and shows what in it is suspicious; keeps only the result, never the text. */
export function adVerdict(ctx: TurnContext, text: string, known?: AdVerdict): AdVerdict | undefined {
  if (!ctx.deps.analyzeAd) return undefined;
  const verdict = known ?? ctx.deps.analyzeAd(text);
  ctx.say(
    renderAdVerdict(ctx.t, verdict, ctx.hotlineLine(), {
      asStory: ctx.asStory,
      numbersAbove: ctx.emergencyShown,
    }),
  );
  // What others' checks already found about this ad: counts, never an accusation.
  const ahead = ctx.meta.ad;
  const seen = ahead?.text === text.trim().slice(0, MAX_AD_LENGTH) ? ahead.seen : undefined;
  if (seen && ctx.deps.intel && hasNews(seen))
    ctx.say(renderSeenBefore(ctx.t, seen, { retentionDays: ctx.deps.intel.retentionDays }).join('\n'));
  ctx.state.adPrefill = undefined;
  // A warning, or a text that offers nothing (a question, a story, her story in danger): no figures,
  // nothing to prefill.
  if (offersNothing(verdict) || ctx.asStory) return verdict;
  const flags = verdict.flags.map((f) => f.id);
  ctx.stats.push({ kind: 'ad', level: verdict.risk, flags });
  ctx.state.last = { level: verdict.risk, flags, at: ctx.meta.now };
  const check = ctx.deps.flows.get(ctx.roles.flow.check);
  ctx.state.adPrefill = check ? prefillFromAd(check, verdict, ctx.roles.answer) : undefined;
  // A flag softened in every ad that raised it (said openly, by an employer that names itself) weighs
  // less in the check's verdict too; said plainly in any ad, it weighs its full severity.
  const softened = verdict.flags.filter((f) => f.severity !== FLAGS.get(f.id)?.severity).map((f) => f.id);
  const plainBefore = (ctx.state.adFlags ?? []).filter((id) => !ctx.state.adSoftened?.includes(id));
  const stillSoft = [...new Set([...(ctx.state.adSoftened ?? []), ...softened])].filter(
    (id) => !plainBefore.includes(id) && (softened.includes(id) || !flags.includes(id)),
  );
  ctx.state.adSoftened = stillSoft.length > 0 ? stillSoft : undefined;
  ctx.state.adFlags = [...new Set([...(ctx.state.adFlags ?? []), ...flags])];
  return verdict;
}

/**
 * A first message that is an ad: the greeting, then the ad read. An ad is what reads like a job ad,
 * typed, forwarded or a picture's caption alike; a forwarded chat message or a caption is not one.
 */
export function firstAd(ctx: TurnContext, text: string, beforeGreeting?: (v: AdVerdict) => void): boolean {
  const analyze = ctx.deps.analyzeAd;
  if (!analyze || wordCount(text) < AD_MIN_WORDS) return false;
  const verdict = analyze(text);
  if (!verdict.jobAd) return false;
  beforeGreeting?.(verdict);
  ctx.greet();
  takeAsAd(ctx, text, verdict);
  return true;
}

/** A text sent where no question waits, or forwarded: read as an ad, and the ad's menu after it. */
export function takeAsAd(ctx: TurnContext, input: string, known?: AdVerdict): void {
  const flow = ctx.deps.flows.get(ctx.roles.flow.ad);
  if (!flow || !ctx.deps.analyzeAd) return;
  const text = input.slice(0, MAX_AD_LENGTH);
  // The verdict says what it is when it is no ad.
  if (announcedAsAd(ctx, known)) ctx.say(ctx.t('ad.taken'));
  ctx.pendingAd = text;
  ctx.knownVerdict = known;
  const started = begin(flow);
  if (!started.state) return;
  const result = answer(flow, started.state, { text });
  if (!result.ok) return;
  if (ctx.inProgress(ctx.state.active)) ctx.state.paused = ctx.state.active;
  ctx.state.active = result.state ?? undefined;
  ctx.state.nonce++;
  ctx.run(result.events);
}

/** A warning about scams, a question or a story, or her own story in danger, is not announced as an ad. */
function announcedAsAd(ctx: TurnContext, known: AdVerdict | undefined): boolean {
  return !(known && offersNothing(known)) && !ctx.asStory;
}

/** An ad in the middle of a check: read at once, and the person's place kept. */
export function adInCheck(ctx: TurnContext, text: string, known?: AdVerdict): void {
  if (announcedAsAd(ctx, known)) ctx.say(ctx.t('ad.taken'));
  adVerdict(ctx, text, known);
  ctx.say(ctx.t('ad.back'));
  ctx.reprompt();
}

/** "Check the offer with this ad": the check opens with what the ad already answered. */
export function checkWithAd(ctx: TurnContext): void {
  const answers = ctx.state.adPrefill ?? {};
  const adFlags = ctx.state.adFlags;
  const adSoftened = ctx.state.adSoftened;
  ctx.state.adPrefill = undefined;
  // "Considering it" and "it came as an ad" go without saying; the rest is what the ad told.
  const { situation, how_found } = ctx.roles.answer;
  const given = Object.keys(answers).filter((q) => q !== situation && q !== how_found).length;
  ctx.state.active = undefined;
  if (given > 0) ctx.say(ctx.t('ad.prefilled', { count: given }));
  ctx.openFlow(ctx.roles.flow.check, answers);
  ctx.state.adFlags = adFlags;
  ctx.state.adSoftened = adSoftened;
}
