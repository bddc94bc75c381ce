import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { personKeyId } from '../domain/person.js';
import { floodKeyPrefix, handoffKeys, migrationLockKey, personKey, wizardKeyId } from './keys.js';
import { withScripts } from './lua.js';

/** What the migration moved, by kind: counts only (they are logged), never a key or an id. */
export interface KeyMigrationCounts {
  /** Dialogue states (`person:tg:<id>`). */
  states: number;
  /** Lists of a person's requests (`person-tickets:tg:<id>`). */
  requestLists: number;
  /** People's and counsellors' flood counters (`ratelimit:<id>`, `ratelimit:ops:<id>`). */
  floodCounters: number;
  /** Counsellors' Resolve wizards (`ops-wizard:<chat>:<user>`). */
  wizards: number;
  /** Requests whose personal part named the person by their Telegram id (now their key id and address). */
  requests: number;
  /** Old keys dropped because their new name was written already (by this version, so newer). */
  superseded: number;
}

export interface KeyMigrationOptions {
  prefix: string;
  /** PERSON_KEY_SECRET: the key of the new names. */
  secret: string;
  /** How long the lock holds without being renewed (each batch renews it); a dead holder's lapses. */
  lockMs?: number;
  /** How often an instance waiting for another's migration looks whether it is done. */
  pollMs?: number;
  /** Keys asked of Redis at once while scanning. */
  batch?: number;
}

const LOCK_NAME = 'tg-person-keys';
const ID = '(\\d{1,20})';

type Kind = Exclude<keyof KeyMigrationCounts, 'requests' | 'superseded'>;

/**
 * The old names, after the prefix, each with its new name. Old names hold a Telegram id in digits; the
 * new ones a 32-character keyed hash, so no new name is ever taken for an old one.
 */
function renames(prefix: string, secret: string) {
  const keys = handoffKeys(prefix);
  const tg = (id: string) => ({ channel: 'tg', id: personKeyId(secret, id) });
  return [
    { kind: 'states', old: new RegExp(`^person:tg:${ID}$`), to: (id: string) => personKey(prefix, tg(id)) },
    {
      kind: 'requestLists',
      old: new RegExp(`^person-tickets:tg:${ID}$`),
      to: (id: string) => keys.personTickets(tg(id)),
    },
    {
      kind: 'floodCounters',
      old: new RegExp(`^ratelimit:${ID}$`),
      to: (id: string) => floodKeyPrefix(prefix, 'tg') + personKeyId(secret, id),
    },
    {
      kind: 'floodCounters',
      old: new RegExp(`^ratelimit:ops:${ID}$`),
      to: (id: string) => floodKeyPrefix(prefix, 'ops') + personKeyId(secret, id),
    },
    {
      kind: 'wizards',
      old: new RegExp(`^ops-wizard:(-?\\d{1,20}):${ID}$`),
      to: (chat: string, user: string) => keys.resolveWizard + wizardKeyId(secret, chat, user),
    },
  ] satisfies { kind: Kind; old: RegExp; to: (...ids: string[]) => string }[];
}

const PERSONAL = /^ticket:[^:]+:personal$/;
const OLD_REF = /^tg:(\d{1,20})$/;

/**
 * Moves every key that still names a Telegram person by their id to its new name, under the keyed hash
 * of the id (src/domain/person.ts), keeping its TTL, and rewrites requests that name the person by the
 * id (the id becomes their reply address, which the personal part keeps and /forget erases). Run at each
 * start before any update is taken in, so that a deploy loses no one's check in progress or open request.
 *
 * - One SCAN of the prefix (never KEYS): about 1 s per 500,000 keys with nothing to move (docs/deploy.md).
 * - Idempotent: a second run finds no old name and changes nothing.
 * - Two instances starting at once take turns on a lock in Redis (SET NX with a lapse, renewed each
 *   batch): the second waits until the first is done, then runs itself and finds nothing left to move.
 *   A holder that dies mid-way leaves a lock that lapses; the next one goes on where it stopped.
 * - Each move is one script, so a key is never lost between its two names.
 */
export async function migrateTelegramKeys(
  redis: Redis,
  options: KeyMigrationOptions,
): Promise<KeyMigrationCounts> {
  const lockMs = options.lockMs ?? 30_000;
  const scripts = withScripts(redis);
  const lock = migrationLockKey(options.prefix, LOCK_NAME);
  const token = randomBytes(16).toString('hex');
  while ((await redis.set(lock, token, 'PX', lockMs, 'NX')) !== 'OK')
    await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
  try {
    return await migrate(redis, options, () => scripts.tekserRenewLock(lock, token, String(lockMs)));
  } finally {
    await scripts.tekserUnlock(lock, token);
  }
}

async function migrate(
  redis: Redis,
  options: KeyMigrationOptions,
  renew: () => Promise<number>,
): Promise<KeyMigrationCounts> {
  const { prefix, secret } = options;
  const scripts = withScripts(redis);
  const rules = renames(prefix, secret);
  const counts: KeyMigrationCounts = {
    states: 0,
    requestLists: 0,
    floodCounters: 0,
    wizards: 0,
    requests: 0,
    superseded: 0,
  };
  const move = async (from: string, to: string, kind: Kind) => {
    const moved = await scripts.tekserMoveKey(from, to);
    if (moved === 1) counts[kind]++;
    if (moved === 2) counts.superseded++;
  };
  const readdress = async (key: string) => {
    const ref = OLD_REF.exec((await redis.hget(key, 'person')) ?? '');
    const id = ref?.[1];
    if (!ref || !id) return;
    const moved = await scripts.tekserReaddress(key, ref[0], `tg:${personKeyId(secret, id)}`, id);
    counts.requests += moved;
  };
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', options.batch ?? 2000);
    cursor = next;
    const work: Promise<void>[] = [];
    for (const key of keys) {
      const rest = key.slice(prefix.length);
      if (PERSONAL.test(rest)) {
        work.push(readdress(key));
        continue;
      }
      for (const rule of rules) {
        const ids = rule.old.exec(rest);
        if (!ids) continue;
        work.push(move(key, rule.to(ids[1] ?? '', ids[2] ?? ''), rule.kind));
        break;
      }
    }
    await Promise.all(work);
    await renew();
  } while (cursor !== '0');
  return counts;
}
