/**
 * A person as every layer names them: the channel they write on and their id there. How a person is
 * turned into a Redis key is the store's business (src/store/keys.ts).
 */
export interface PersonKey {
  /** tg (Telegram), wa (WhatsApp), cli (terminal). Kept abstract: ids are strings per channel. */
  channel: string;
  id: string;
  /**
   * Where the platform is sent a message for this person, when that is not the id: a WhatsApp person's
   * id is a keyed hash of their number, so that no phone number names a key. Never part of a key.
   */
  address?: string;
}
