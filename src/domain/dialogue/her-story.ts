import type { AdVerdict } from '../ads/analyze.js';
import type { TurnContext } from './context.js';
import { askIfInDanger } from './danger-check.js';
import { emergency } from './help-now.js';

/**
 * A text read where an ad would be that may be her own story, or someone close's ("Я сейчас в Турции, хозяин
 * забрал паспорт, из квартиры не выпускает… Что мне делать?", "Апам Кореяда… паспорты жұмыс берушіде"): it is
 * read for words of danger too, which bring the numbers first, and when it reads as a story its verdict shows
 * the signs its words show, not a level for an ad to answer (`TurnContext.asStory`, render.ts).
 */

/**
 * Whether a text read as an ad may be her own story: read as no offer (a question, a story), as a story told
 * (`told`), or with neither a contact nor a call to apply, which an ad almost always has, unless it names a
 * job and its pay and nobody in it speaks of herself or of someone close ("Hostess job in Istanbul for girls
 * 18-25, 2500$, passport kept by employer": an ad pasted without its contact line, its verdict is what she needs).
 */
export function mayBeHerStory(v: AdVerdict): boolean {
  const plainOffer = v.namesJobAndPay && !v.firstPerson && !v.someoneClose;
  return (
    !v.warning && (!!v.notAnOffer || !!v.told || (v.contacts.length === 0 && !v.callsToApply && !plainOffer))
  );
}

/**
 * Whether a text that may be her story reads as someone's story rather than an ad with no contact (a story
 * told, no offer, someone close named, her own "я"/"мені"/"me"); an ad keeps its verdict.
 */
export function readsAsStory(v: AdVerdict, inDanger = false): boolean {
  return (
    (inDanger || !askedAboutPractice(v)) && (!!v.told || !!v.notAnOffer || v.someoneClose || v.firstPerson)
  );
}

/**
 * "The employer says he will keep my passport. Is that normal?": asked with no words of danger, a question,
 * answered with why and what to ask, even in her own words ("my passport"); not a story to show signs of.
 * With words of danger ("they took my passport and will keep it until I pay. Is that legal?") it is her story.
 */
function askedAboutPractice(v: AdVerdict): boolean {
  return v.asksIfNormal && !!v.notAnOffer && !v.told;
}

/** A text read as an ad in her first message: how its verdict is shown, and the numbers first when it means danger. */
export function storyFirst(ctx: TurnContext, text: string, v: AdVerdict): void {
  if (!mayBeHerStory(v)) return;
  const danger = ctx.deps.readDanger(text).danger;
  ctx.asStory = readsAsStory(v, danger);
  if (danger) emergency(ctx, true, text);
}

/**
 * Words of danger in a text that may be her story, or is no ad, wherever the person is: the numbers first,
 * her place kept. True when they mean danger; undefined when a bare "help!" is asked about instead.
 */
export function dangerInText(
  ctx: TurnContext,
  text: string,
  read: AdVerdict | undefined,
  herStory: boolean,
): boolean | undefined {
  const reading = ctx.deps.readDanger(text);
  if (reading.danger) {
    emergency(ctx, true, text);
    // What she pasted at "send me the ad" that is no job ad, in danger: her story, its signs; so is a
    // question whether what is done to her is normal, asked in danger.
    if (!read?.jobAd || (herStory && readsAsStory(read, true))) ctx.asStory = true;
    return true;
  }
  if (reading.ask && !herStory) {
    // "Help!" alone: asked whether she is in danger now, rather than alarmed; her place stays as it is.
    askIfInDanger(ctx);
    return undefined;
  }
  return false;
}
