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
 * The keys of "seen before" (src/store/intel.ts). Contacts and people appear only as keyed hashes; no
 * key names a contact or a person.
 */
export const intelKeys = (prefix: string) => ({
  /** Counts of checks with one contact, by time bucket and risk; first and last seen. TTL: retention. */
  contact: (contactHash: string) => `${prefix}intel:contact:${contactHash}`,
  /** A counsellor's confirmation that a contact is dangerous. No TTL: kept until cleared. */
  flag: (contactHash: string) => `${prefix}intel:flag:${contactHash}`,
  /** One fingerprint: its counts by time bucket, first and last seen. TTL: retention. */
  ad: (adId: string) => `${prefix}intel:ad:${adId}`,
  /** The near-duplicate index: fingerprints whose band `band` starts with `bucket`. TTL: retention. */
  band: (band: number, bucket: string) => `${prefix}intel:band:${band}:${bucket}`,
  /** "This person already counted an ad like this": a keyed hash of person and band. Short TTL. */
  seen: (dedupeHash: string) => `${prefix}intel:seen:${dedupeHash}`,
});
