import { createHash } from 'node:crypto';

/**
 * Every Redis key tekser writes, built here and nowhere else, under the deployment's prefix (and a test
 * file's own prefix in tests).
 */
export interface PersonKey {
  /** tg (Telegram), wa (WhatsApp), cli (terminal). Kept abstract: ids are strings per channel. */
  channel: string;
  id: string;
}

export function personKey(prefix: string, who: PersonKey): string {
  return `${prefix}person:${who.channel}:${who.id}`;
}

/**
 * A message id seen on a channel, to handle a repeated delivery once. Hashed: a WhatsApp message id
 * encodes the sender's phone number.
 */
export function seenMessageKey(prefix: string, channel: string, messageId: string): string {
  return `${prefix}seen:${channel}:${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}`;
}
