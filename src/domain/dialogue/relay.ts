import { MAX_RELAYED, type TurnContext } from './context.js';
import { emergencyText } from './help-now.js';
import type { Input } from './types.js';

/** Words for the counsellor in parts of MAX_RELAYED characters (by characters: an emoji is never split). */
function parts(text: string): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let at = 0; at < chars.length; at += MAX_RELAYED) out.push(chars.slice(at, at + MAX_RELAYED).join(''));
  return out;
}

/**
 * A message from someone writing to their counsellor: it goes to the counsellor (danger marked, with the
 * numbers for them first), and the dialogue stays aside.
 */
export function relayMessage(
  ctx: TurnContext,
  ticket: string,
  text: string,
  urgent: boolean,
  alarm = urgent,
): void {
  if (alarm) ctx.say(emergencyText(ctx, true));
  // A long message goes in parts rather than cut.
  for (const part of parts(text)) ctx.effects.push({ type: 'relay', ticket, text: part, urgent });
  // Every message is answered: a short receipt.
  ctx.sayWhileRelaying('relay.sent');
}

/**
 * Media from someone writing to their counsellor: a photo, voice message, audio, video or document goes
 * on as it is, its caption read like any message (words of danger bring the numbers and mark it urgent).
 * A sticker, a location or anything else that cannot be passed on is answered with why, in her language.
 */
export function relayMedia(ctx: TurnContext, ticket: string, input: Extract<Input, { kind: 'media' }>): void {
  if (input.media === 'sticker') {
    ctx.sayWhileRelaying('relay.sticker');
    return;
  }
  const media = input.ref;
  if (!media) {
    ctx.sayWhileRelaying('relay.unsupported');
    return;
  }
  const caption = input.caption?.trim() ?? '';
  const reading = caption ? ctx.deps.readDanger(caption) : undefined;
  const urgent = !!reading && (reading.danger || reading.ask);
  if (reading?.danger) ctx.say(emergencyText(ctx, true));
  const words = parts(caption);
  // A caption too long for one message goes before the media as words, in parts.
  if (words.length > 1)
    for (const part of words) ctx.effects.push({ type: 'relay', ticket, text: part, urgent });
  ctx.effects.push(
    words.length === 1
      ? { type: 'relay_media', ticket, media, caption, urgent }
      : { type: 'relay_media', ticket, media, urgent },
  );
  ctx.sayWhileRelaying('relay.sent');
}
