import type { Redis } from 'ioredis';
import { handoffKeys } from './keys.js';

/**
 * How long a used list of canned replies is remembered. Its buttons are removed at the first press; this
 * covers a press already on its way, and a list Telegram would no longer let the bot edit.
 */
export const CANNED_LIST_TTL_SECONDS = 7 * 86_400;

/**
 * Whether a press on a list of canned replies (the operators' chat, the list's message) is its first: true
 * once, false after, whichever instance asks (SET NX with a TTL), so a double tap sends one reply.
 */
export function cannedListFirstPress(
  redis: Redis,
  prefix: string,
): (chatId: number, messageId: number) => Promise<boolean> {
  const key = handoffKeys(prefix).cannedListUsed;
  return async (chatId, messageId) =>
    (await redis.set(`${key}${chatId}:${messageId}`, '1', 'EX', CANNED_LIST_TTL_SECONDS, 'NX')) === 'OK';
}

/** The other half of `cannedListFirstPress`: the list's press forgotten, so it may be pressed again. */
export function cannedListRelease(
  redis: Redis,
  prefix: string,
): (chatId: number, messageId: number) => Promise<void> {
  const key = handoffKeys(prefix).cannedListUsed;
  return async (chatId, messageId) => {
    await redis.del(`${key}${chatId}:${messageId}`);
  };
}
