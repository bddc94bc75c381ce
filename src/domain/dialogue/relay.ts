import { MAX_RELAYED, type TurnContext } from './context.js';
import { emergencyText } from './help-now.js';

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
  // A long message goes in parts rather than cut (by characters: an emoji is never split).
  const chars = Array.from(text);
  for (let at = 0; at < chars.length; at += MAX_RELAYED)
    ctx.effects.push({ type: 'relay', ticket, text: chars.slice(at, at + MAX_RELAYED).join(''), urgent });
  // Every message is answered: a short receipt.
  ctx.sayWhileRelaying('relay.sent');
}
