import { createHmac } from 'node:crypto';

/**
 * A person as every layer names them: the channel they write on and their id there. How a person is
 * turned into a Redis key is the store's business (src/store/keys.ts).
 */
export interface PersonKey {
  /** tg (Telegram), wa (WhatsApp), cli (terminal). Kept abstract: ids are strings per channel. */
  channel: string;
  /**
   * The id that names the person in keys. On Telegram and WhatsApp a keyed hash of their platform id
   * (`personKeyId`), never the platform id itself; in the terminal, the `--user` name.
   */
  id: string;
  /**
   * Where the platform is sent a message for this person: their platform id (a Telegram chat id, a
   * WhatsApp number or user id). Kept only in values with a TTL that /forget deletes, never in a key.
   */
  address?: string;
}

/**
 * The key used by the terminal chat and the tests, where no secret is configured. Public, so it protects
 * nothing: Telegram refuses to start with it (src/main.ts), as it refuses the placeholder hotline.
 */
export const DEVELOPMENT_PERSON_KEY_SECRET = 'tekser-development-person-key-not-a-secret';

/**
 * A platform id (a Telegram chat id, a WhatsApp number) as it may name a person in a key: HMAC-SHA256
 * with a secret, 128 bits of it in hex. A plain hash of a number is undone by trying every number; a
 * keyed one is not without the secret. 128 bits: no two people of any deployment collide, and keys stay
 * short. (`state:` before the id: the input WhatsApp's keys have always been made of, so theirs stay.)
 */
export function personKeyId(secret: string, platformId: string): string {
  return createHmac('sha256', secret).update(`state:${platformId}`).digest('hex').slice(0, 32);
}
