import { afterAll, describe, expect, it } from 'vitest';
import { telegramPerson } from '../../src/channels/telegram/person.js';
import { personKeyId } from '../../src/domain/person.js';
import { migrateTelegramKeys } from '../../src/store/key-migration.js';
import { handoffKeys, migrationLockKey, personKey, wizardKeyId } from '../../src/store/keys.js';
import { TicketStore } from '../../src/store/tickets.js';
import { dropPrefix, keysUnder, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const base = testPrefix('key-migration');
const SECRET = 'a-person-key-secret-for-these-tests';
afterAll(async () => {
  await dropPrefix(redis, base);
  await redis.quit();
});

let prefixes = 0;
const freshPrefix = () => `${base}${prefixes++}:`;
const DAY = 86_400;

/** Keys as the version before wrote them for one Telegram person, a counsellor and their request. */
async function oldKeys(prefix: string, person = 5_550_001) {
  const counsellor = 7_000_000_071;
  const ops = -1_001_234_567_890;
  await redis
    .multi()
    .set(`${prefix}person:tg:${person}`, '{"rev":3,"lang":"kk"}', 'EX', 30 * DAY)
    .sadd(`${prefix}person-tickets:tg:${person}`, 'T1ABC')
    .expire(`${prefix}person-tickets:tg:${person}`, 90 * DAY)
    .set(`${prefix}ratelimit:${person}`, '4', 'PX', 9_000)
    .set(`${prefix}ratelimit:ops:${counsellor}`, '2', 'PX', 9_000)
    .set(`${prefix}ops-wizard:${ops}:${counsellor}`, '{"v":0}', 'EX', DAY)
    .hset(`${prefix}ticket:T1ABC`, 'id', 'T1ABC', 'status', 'open', 'lang', 'kk', 'channel', 'tg')
    .expire(`${prefix}ticket:T1ABC`, 90 * DAY)
    .hset(`${prefix}ticket:T1ABC:personal`, 'person', `tg:${person}`, 'phone', '+77051234567')
    .expire(`${prefix}ticket:T1ABC:personal`, 90 * DAY)
    .exec();
  return { person, counsellor, ops };
}

/** Every key under the prefix with its value and TTL in seconds (rounded up, so a second's drift shows). */
async function snapshot(prefix: string) {
  const out: Record<string, { value: unknown; ttl: number }> = {};
  for (const key of (await keysUnder(redis, prefix)).sort()) {
    const type = await redis.type(key);
    const value =
      type === 'string'
        ? await redis.get(key)
        : type === 'set'
          ? (await redis.smembers(key)).sort()
          : type === 'hash'
            ? await redis.hgetall(key)
            : type;
    out[key.slice(prefix.length)] = { value, ttl: Math.ceil((await redis.pttl(key)) / 1000) };
  }
  return out;
}

describe('moving Telegram keys to keyed names at start', () => {
  it('renames every old key to its new name with its value and TTL, and readdresses the request', async () => {
    const prefix = freshPrefix();
    const { person, counsellor, ops } = await oldKeys(prefix);
    // Not Telegram's, or new already: left alone.
    await redis.set(`${prefix}person:wa:${'a'.repeat(32)}`, '{}', 'EX', DAY);
    await redis.set(`${prefix}person:cli:local`, '{}', 'EX', DAY);
    await redis.set(`${prefix}stats:2026-05-01`, '1');
    const before = await snapshot(prefix);

    const counts = await migrateTelegramKeys(redis, { prefix, secret: SECRET });
    expect(counts).toEqual({
      states: 1,
      requestLists: 1,
      floodCounters: 2,
      wizards: 1,
      requests: 1,
      superseded: 0,
    });

    const who = telegramPerson(person, SECRET);
    const h = (id: number) => personKeyId(SECRET, String(id));
    const renamed: [old: string, now: string][] = [
      [`person:tg:${person}`, personKey('', who)],
      [`person-tickets:tg:${person}`, handoffKeys('').personTickets(who)],
      [`ratelimit:${person}`, `ratelimit:tg:${h(person)}`],
      [`ratelimit:ops:${counsellor}`, `ratelimit:ops:${h(counsellor)}`],
      [`ops-wizard:${ops}:${counsellor}`, `ops-wizard:${wizardKeyId(SECRET, ops, counsellor)}`],
    ];
    const after = await snapshot(prefix);
    for (const [old, now] of renamed) {
      expect(after[old], old).toBeUndefined();
      expect(after[now]?.value, now).toEqual(before[old]?.value);
      // The same TTL: at most what it was, and not a second less.
      expect(after[now]?.ttl, now).toBeGreaterThan(0);
      expect(after[now]?.ttl, now).toBeLessThanOrEqual(before[old]?.ttl ?? 0);
      expect(after[now]?.ttl, now).toBeGreaterThanOrEqual((before[old]?.ttl ?? 0) - 1);
    }
    const untouched = ['person:cli:local', 'stats:2026-05-01', 'ticket:T1ABC', `person:wa:${'a'.repeat(32)}`];
    for (const key of untouched) expect(after[key], key).toEqual(before[key]);
    // The request names the person by their key id now; the chat id is its reply address.
    const personal = after['ticket:T1ABC:personal'];
    expect(personal?.value).toEqual({
      person: `tg:${who.id}`,
      address: String(person),
      phone: '+77051234567',
    });
    expect(personal?.ttl).toBeGreaterThanOrEqual((before['ticket:T1ABC:personal']?.ttl ?? 0) - 1);
    const tickets = new TicketStore(redis, { prefix, retentionDays: 30 });
    expect((await tickets.personal('T1ABC')).person).toEqual(who);
    // Nothing left that names the person or the counsellor, and the lock is gone.
    for (const key of Object.keys(after)) {
      expect(key).not.toContain(String(person));
      expect(key).not.toContain(String(counsellor));
    }
    expect(await redis.exists(migrationLockKey(prefix, 'tg-person-keys'))).toBe(0);
  });

  it('run twice, changes nothing the second time', async () => {
    const prefix = freshPrefix();
    await oldKeys(prefix);
    await migrateTelegramKeys(redis, { prefix, secret: SECRET });
    const once = await snapshot(prefix);
    const again = await migrateTelegramKeys(redis, { prefix, secret: SECRET });
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(await snapshot(prefix)).toEqual(once);
  });

  it('keeps what this version wrote already: a newer state stays, lists of requests are merged', async () => {
    const prefix = freshPrefix();
    const { person } = await oldKeys(prefix);
    const who = telegramPerson(person, SECRET);
    await redis.set(personKey(prefix, who), '{"rev":1,"lang":"en"}', 'EX', DAY);
    await redis.sadd(handoffKeys(prefix).personTickets(who), 'T2DEF');
    await redis.expire(handoffKeys(prefix).personTickets(who), DAY);
    const counts = await migrateTelegramKeys(redis, { prefix, secret: SECRET });
    expect(counts.superseded).toBe(2);
    expect(await redis.get(personKey(prefix, who))).toBe('{"rev":1,"lang":"en"}');
    expect((await redis.smembers(handoffKeys(prefix).personTickets(who))).sort()).toEqual(['T1ABC', 'T2DEF']);
    // The longer TTL of the two lists.
    expect(await redis.ttl(handoffKeys(prefix).personTickets(who))).toBeGreaterThan(89 * DAY);
    expect(await redis.exists(`${prefix}person:tg:${person}`, `${prefix}person-tickets:tg:${person}`)).toBe(
      0,
    );
  });

  it('two instances starting at once take turns: one moves everything, the other waits and finds nothing', async () => {
    const prefix = freshPrefix();
    const people = 3000;
    for (let i = 0; i < people; i += 500) {
      const multi = redis.multi();
      for (let j = i; j < i + 500; j++)
        multi.set(`${prefix}person:tg:${9_000_000 + j}`, `{"rev":${j}}`, 'EX', DAY);
      await multi.exec();
    }
    const other = redis.duplicate();
    try {
      const [a, b] = await Promise.all([
        migrateTelegramKeys(redis, { prefix, secret: SECRET, batch: 100, pollMs: 5 }),
        migrateTelegramKeys(other, { prefix, secret: SECRET, batch: 100, pollMs: 5 }),
      ]);
      expect(a.states + b.states).toBe(people);
      expect(Math.min(a.states, b.states)).toBe(0);
      expect(a.superseded + b.superseded).toBe(0);
    } finally {
      await other.quit();
    }
    const keys = await keysUnder(redis, `${prefix}person:tg:`);
    expect(keys).toHaveLength(people);
    expect(keys.every((k) => /:[0-9a-f]{32}$/.test(k))).toBe(true);
    expect(await redis.get(personKey(prefix, telegramPerson(9_000_042, SECRET)))).toBe('{"rev":42}');
  });

  it('waits while another instance holds the lock, and goes on once it lapses (a holder that died)', async () => {
    const prefix = freshPrefix();
    const { person } = await oldKeys(prefix);
    const lock = migrationLockKey(prefix, 'tg-person-keys');
    await redis.set(lock, 'another instance', 'PX', 60_000);
    let done = false;
    const waiting = migrateTelegramKeys(redis, { prefix, secret: SECRET, pollMs: 5 }).then((c) => {
      done = true;
      return c;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(done).toBe(false);
    expect(await redis.exists(`${prefix}person:tg:${person}`)).toBe(1);
    // The holder's lock lapses (as a dead instance's does).
    await redis.pexpire(lock, 1);
    expect((await waiting).states).toBe(1);
    expect(await redis.exists(`${prefix}person:tg:${person}`)).toBe(0);
  });
});
