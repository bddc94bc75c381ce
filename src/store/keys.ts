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
