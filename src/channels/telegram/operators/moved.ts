import type { Redis } from 'ioredis';
import { handoffKeys } from '../../../store/keys.js';

/**
 * The operators' chat as it is now: the configured id, or the supergroup its group became (Telegram's
 * migrate_to_chat_id), kept in Redis so that a restart goes on there until OPERATORS_CHAT_ID is updated.
 */
export async function operatorsChatNow(redis: Redis, prefix: string, configured: number): Promise<number> {
  const moved = Number(await redis.get(handoffKeys(prefix).operatorsChatMoved(configured)).catch(() => null));
  return Number.isSafeInteger(moved) && moved !== 0 ? moved : configured;
}

/** Keeps the supergroup the configured group became, for the next start (no TTL: it is no one's data). */
export async function rememberMovedChat(
  redis: Redis,
  prefix: string,
  configured: number,
  to: number,
): Promise<void> {
  await redis.set(handoffKeys(prefix).operatorsChatMoved(configured), String(to));
}
