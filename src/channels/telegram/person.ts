import { type PersonKey, personKeyId } from '../../domain/person.js';

export const TELEGRAM_CHANNEL = 'tg';

/**
 * A Telegram person (a private chat, whose id is the user's id). Keys name them by a keyed hash of the
 * chat id, as WhatsApp's name a person by a keyed hash of their number; the chat id itself is only the
 * address their messages are sent to (kept in a request's personal part, which /forget erases).
 */
export function telegramPerson(chatId: number | string, secret: string): PersonKey {
  const address = String(chatId);
  return { channel: TELEGRAM_CHANNEL, id: personKeyId(secret, address), address };
}
