import { createHash } from 'node:crypto';

import { type PersonKey, personKeyId } from '../domain/person.js';

/**
 * Every Redis key tekser writes, built here and nowhere else, under the deployment's prefix (and a test
 * file's own prefix in tests).
 */
export function personKey(prefix: string, who: PersonKey): string {
  return `${prefix}person:${who.channel}:${who.id}`;
}

/**
 * A person as one string in a ticket ("tg:<key id>"), to find their state and list of requests again;
 * the reply address is kept beside it (the ticket's personal part), never in a key.
 */
export function personRef(who: PersonKey): string {
  return `${who.channel}:${who.id}`;
}

export function parsePersonRef(ref: string): PersonKey | undefined {
  const at = ref.indexOf(':');
  if (at <= 0) return undefined;
  return { channel: ref.slice(0, at), id: ref.slice(at + 1) };
}

/** The handoff's keys: each ticket's anonymous part, its personal part, and its queues. */
export const handoffKeys = (prefix: string) => ({
  ticket: (id: string) => `${prefix}ticket:${id}`,
  /** Who the person is, their number and note: erased by /forget and after the retention. */
  personal: (id: string) => `${prefix}ticket:${id}:personal`,
  toOperators: (id: string) => `${prefix}ticket:${id}:to-operators`,
  /** The operators' chat messages that carry the person's own words: deleted there by /forget. */
  personWords: (id: string) => `${prefix}ticket:${id}:person-words`,
  toPerson: (id: string) => `${prefix}ticket:${id}:to-person`,
  personTickets: (who: PersonKey) => `${prefix}person-tickets:${who.channel}:${who.id}`,
  open: `${prefix}tickets:open`,
  /**
   * Jobs due at a time (score: ms): `ops:<id>`, `person:<id>`, `sla:<id>`, `follow:<id>`
   * (src/domain/handoff/jobs.ts).
   */
  outbox: `${prefix}outbox`,
  /** An operators' chat message (a card, a relayed message) -> its ticket, for a counsellor's reply. */
  operatorsMessage: (messageId: number) => `${prefix}ops-message:${messageId}`,
  operatorsThread: (threadId: number) => `${prefix}ops-thread:${threadId}`,
  /** The Resolve wizard's state, one per counsellor: followed by a keyed hash of chat and counsellor. */
  resolveWizard: `${prefix}ops-wizard:`,
  /**
   * A list of canned replies under a card, once one of its buttons sent a reply: followed by the operators'
   * chat and the list's message id. With a TTL; names no one.
   */
  cannedListUsed: `${prefix}ops-canned-used:`,
  /** Counsellors who took a request (Telegram id -> name, when), for Reassign. With a TTL. */
  counsellors: `${prefix}ops-counsellors`,
  /** The supergroup the configured operators' group became (Telegram's migrate_to_chat_id). No TTL. */
  operatorsChatMoved: (chatId: number) => `${prefix}ops-chat-moved:${chatId}`,
});

/** Anonymous counters per local day. */
export function statsKey(prefix: string, date: string): string {
  return `${prefix}stats:${date}`;
}
export function takeTimesKey(prefix: string, date: string): string {
  return `${prefix}stats:${date}:take-seconds`;
}

/**
 * A message id seen on a channel, to handle a repeated delivery once. Hashed: a WhatsApp message id
 * encodes the sender's phone number.
 */
export function seenMessageKey(prefix: string, channel: string, messageId: string): string {
  return seenHashKey(prefix, channel, messageIdHash(messageId));
}

/** A message id as it may be kept (in a key, in the WhatsApp intake stream): its hash. */
export function messageIdHash(messageId: string): string {
  return createHash('sha256').update(messageId).digest('hex').slice(0, 32);
}

/** `seenMessageKey` from the id's hash. */
export function seenHashKey(prefix: string, channel: string, idHash: string): string {
  return `${prefix}seen:${channel}:${idHash}`;
}

/**
 * A Telegram update id taken in by the webhook (short TTL), so Telegram's repeated delivery of one update
 * is answered once, on whichever instance it lands. An update id says nothing about a person.
 */
export function telegramUpdateKey(prefix: string, updateId: number): string {
  return `${prefix}seen:tg-update:${updateId}`;
}

/**
 * WhatsApp's intake: a Redis Stream of accepted messages, read through a consumer group (one for all
 * instances), each entry deleted once answered and the rest trimmed by age.
 */
export function whatsappIntakeKey(prefix: string): string {
  return `${prefix}wa:intake`;
}

/**
 * A WhatsApp message's answer while it is being sent: the replies and how many of its messages went, so
 * an instance taking over from a dead one sends the rest instead of stepping the dialogue again. Deleted
 * once the message is answered; a short TTL otherwise.
 */
export function whatsappTurnKey(prefix: string, idHash: string): string {
  return `${prefix}wa:turn:${idHash}`;
}

/**
 * A WhatsApp person's order across instances: `seq`, the number of their last message taken in, and
 * `done`, of the last one answered. Under the keyed hash of their number, with the intake's short TTL.
 */
export function whatsappOrderKey(prefix: string, personId: string): string {
  return `${prefix}wa:order:${personId}`;
}

/**
 * Where a flood counter's key begins: `tg` and `wa` for people, `ops` for counsellors in the operators'
 * chat. What follows is the person's key id (a keyed hash), never their platform id.
 */
export function floodKeyPrefix(prefix: string, kind: string): string {
  return `${prefix}ratelimit:${kind}:`;
}

/** A person's flood counter. */
export function floodKey(prefix: string, who: PersonKey): string {
  return `${floodKeyPrefix(prefix, who.channel)}${who.id}`;
}

/** The lock two instances starting at once take turns on to move keys to new names (src/store/key-migration.ts). */
export function migrationLockKey(prefix: string, name: string): string {
  return `${prefix}migration:${name}:lock`;
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

/**
 * The Resolve wizard's key after `handoffKeys(prefix).resolveWizard`: one per counsellor and chat, as a
 * keyed hash of both ids (`chat:user`), so that no key names a counsellor's Telegram id.
 */
export function wizardKeyId(secret: string, chatId: number | string, userId: number | string): string {
  return personKeyId(secret, `${chatId}:${userId}`);
}
