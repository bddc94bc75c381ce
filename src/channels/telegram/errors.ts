import { GrammyError } from 'grammy';
import { DeliveryError, type DeliveryFailure } from '../sender.js';

/** A Telegram refusal read as the handoff understands it, with Telegram's code for the logs. */
export class TelegramDeliveryError extends DeliveryError {
  constructor(
    reason: DeliveryFailure,
    /** `telegram <error_code>`, or `network`. */
    readonly code: string,
    retryAfterMs?: number,
  ) {
    super(reason, retryAfterMs);
  }
}

function retryAfterMs(err: GrammyError): number | undefined {
  const seconds = err.parameters?.retry_after;
  return typeof seconds === 'number' ? seconds * 1000 : undefined;
}

/**
 * A message to a person: a flood or a server error is tried again later (after Telegram's `retry_after`,
 * 5 s when it did not say), a blocked bot or a bad request is not.
 */
export function personDeliveryError(err: unknown): DeliveryError {
  if (!(err instanceof GrammyError)) return new TelegramDeliveryError('retry', 'network');
  const code = `telegram ${err.error_code}`;
  if (err.error_code === 429) return new TelegramDeliveryError('retry', code, retryAfterMs(err) ?? 5000);
  if (err.error_code === 403) return new TelegramDeliveryError('blocked', code);
  if (err.error_code >= 500) return new TelegramDeliveryError('retry', code);
  return new TelegramDeliveryError('failed', code);
}

/**
 * A message to the operators' chat: a bad request (400: a topic gone, no right to open topics, the chat
 * not found) is a refusal, which the handoff tries again a few times before it gives up and tells the
 * person (src/app/delivery.ts); anything else, a bot removed from the group (403) included, is tried
 * again until it arrives, after Telegram's `retry_after` when it said. A group upgraded to a supergroup
 * is followed by the desk before any of this.
 */
export function deskDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (!(err instanceof GrammyError))
    return new TelegramDeliveryError('retry', (err as Error)?.name ?? 'unknown');
  const code = `telegram ${err.error_code}`;
  if (err.error_code === 400) return new TelegramDeliveryError('failed', code);
  return new TelegramDeliveryError('retry', code, retryAfterMs(err));
}
