import { MAX_AD_LENGTH } from '../ads/analyze.js';
import { currentStep } from '../flow/interpreter.js';
import { firstAd } from './ad-intake.js';
import { command } from './commands.js';
import type { TurnContext } from './context.js';
import { emergency } from './help-now.js';
import type { Input, PersonState, PictureText } from './types.js';

/**
 * Where a picture goes, decided on the state before anything is read: with a counsellor request open,
 * the picture belongs to the request, never to the analyzer (while she writes to the counsellor it goes to
 * them as it is, src/domain/dialogue/relay.ts; else its caption is a message); otherwise its text is read
 * and checked as an ad.
 */
export type PictureRoute = 'request' | 'analyzer';

export function pictureRoute(state: PersonState | null): PictureRoute {
  if (state?.ticket) return 'request';
  return 'analyzer';
}

/** The caption and the text read in the picture, as one message: the caption first (the person's words). */
export function pictureWords(caption: string | undefined, picture: PictureText | undefined): string {
  const read = picture && 'text' in picture ? picture.text.trim() : '';
  return [caption?.trim() ?? '', read].filter((s) => s.length > 0).join('\n\n');
}

/** The words of a message an ad could be in: a text, a caption, a picture's text with its caption. */
export function wordsOf(input: Input): string | undefined {
  if (input.kind === 'text') return input.text;
  if (input.kind === 'media')
    return input.picture ? pictureWords(input.caption, input.picture) : input.caption;
  return undefined;
}

/** The locale key that tells why a picture gave no ad, when it did not. */
const UNREAD_KEYS = { empty: 'picture.unreadable', failed: 'picture.unreadable', busy: 'picture.busy' };

/**
 * Words of danger in a picture's text that is no ad (a screenshot of her chat: "забрали паспорт, не
 * выпускают"): true when the picture was read and they are there. Read as a typed message's are
 * (`readDanger`); an ad's own words of danger are its verdict's, not a cry. The words are not kept.
 */
export function dangerInPicture(
  ctx: TurnContext,
  caption: string | undefined,
  picture: PictureText | undefined,
): boolean {
  return !!picture && 'text' in picture && ctx.deps.readDanger(pictureWords(caption, picture)).danger;
}

/**
 * A picture as someone's first message: an ad in it is read as a forwarded one, after the greeting;
 * words of danger in it that are no ad bring the numbers before the greeting, as typed ones do. Otherwise
 * the greeting, and false: the picture is then taken as at any other place (`pictureAsText`).
 */
export function firstPicture(ctx: TurnContext, caption: string | undefined, picture: PictureText): boolean {
  const words = pictureWords(caption, picture);
  if (words && firstAd(ctx, words)) return true;
  if (dangerInPicture(ctx, caption, picture)) {
    emergency(ctx, true, undefined, words);
    command(ctx, 'start');
    return true;
  }
  ctx.greet();
  return false;
}

/**
 * A picture that was read: its words checked as an ad pasted at this place (`asText`), or, when they give
 * none, the numbers when they are words of danger (as typed ones bring them, her place kept), else one
 * line saying why (no text, busy, not an ad), then the caption as a message, or the question again.
 * Returns the words to take as text, or undefined when the turn is answered here.
 */
export function pictureAsText(
  ctx: TurnContext,
  caption: string | undefined,
  picture: PictureText,
): string | undefined {
  const words = pictureWords(caption, picture);
  if ('text' in picture) {
    const analyze = ctx.deps.analyzeAd;
    const active = ctx.state.active;
    const step =
      active && ctx.deps.flows.has(active.flow) ? currentStep(ctx.flow(active.flow), active) : undefined;
    const waitsForAd = step?.kind === 'input' && step.validate === 'ad';
    if (waitsForAd || analyze?.(words.slice(0, MAX_AD_LENGTH)).jobAd) return words;
    if (dangerInPicture(ctx, caption, picture)) {
      // The caption is among the words read: it is not read again (the numbers once).
      emergency(ctx, true, undefined, words);
      ctx.reprompt();
      return undefined;
    }
    ctx.say(ctx.t('picture.not_an_ad'));
  } else ctx.say(ctx.t(UNREAD_KEYS[picture.unread]));
  if (caption?.trim()) return caption;
  ctx.reprompt();
  return undefined;
}
