import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readCorpus } from '../../scripts/ad-corpus.js';
import { DIRS } from '../../src/cli/paths.js';
import { analyzeAd } from '../../src/domain/ads/analyze.js';
import { type CanonicalContact, hashPerson, parseContact } from '../../src/domain/intel/contact.js';
import { type AdIntel, adIntel } from '../../src/domain/intel/seen.js';
import { loadLexicon } from '../../src/infra/content.js';
import { IntelStore, type IntelStoreOptions } from '../../src/store/intel.js';
import { connectRedis, RedisAwayError } from '../../src/store/redis.js';
import { OwnRedis } from '../helpers/own-redis.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(redis, p);
  await redis.quit();
});

const SECRET = 'test-secret-a-0123456789abcdef0123456789';
const DAY = 86_400_000;

/** A store on a prefix of its own, with a clock the test moves. */
function makeStore(options: Partial<IntelStoreOptions> = {}) {
  const prefix = testPrefix('intel');
  prefixes.push(prefix);
  const clock = { now: Date.UTC(2026, 10, 1) };
  const store = new IntelStore(redis, {
    prefix,
    secret: SECRET,
    retentionDays: 365,
    now: () => clock.now,
    ...options,
  });
  return { store, prefix, clock };
}

const lexicon = loadLexicon();
const corpus = new Map(readCorpus(join(DIRS.root, 'test/fixtures/ads')).map((a) => [a.id, a.text]));
const reposts = parseYaml(readFileSync(join(DIRS.root, 'test/fixtures/intel/reposts.yaml'), 'utf8')) as {
  of: string;
  text: string;
  rewritten?: boolean;
}[];

function intelOf(text: string): AdIntel {
  const intel = adIntel(text, analyzeAd(lexicon, text));
  if (!intel) throw new Error('not an ad');
  return intel;
}
const person = (id: string) => hashPerson(SECRET, { channel: 'tg', id });
const phone = (written: string) => parseContact(written) as CanonicalContact;

/** Every key under a prefix with its type and value, as text. */
async function dump(prefix: string): Promise<string> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'hash'
          ? await redis.hgetall(key)
          : type === 'zset'
            ? await redis.zrange(key, 0, -1)
            : type === 'string'
              ? await redis.get(key)
              : type;
      out.push(`${key} ${JSON.stringify(value)}`);
    }
  } while (cursor !== '0');
  return out.join('\n');
}

const DUBAI = `Требуются девушки до 25 лет европейской внешности для работы в офисе в Дубае.
Знание английского не обязательно! ЗП от 2 500 $ + проживание. Пишите: +7 701 123 4567`;
const DUBAI_AGAIN = `СРОЧНО! Требуются девушки до 27 лет европейской внешности для работы в офисе в Дубае 🇦🇪
Знание английского не обязательно!!! ЗП от 3 000 $ + проживание. WhatsApp 8(701)123-45-67`;
const SHOP = `Кассир в супермаркет «Береке», график 2/2, ЗП 200 000 ₸, официальное оформление.
Адрес: ул. Абая 5, Тараз. Звоните 87011234567`;

describe('seen before, in Redis', () => {
  it('recognises a reposted ad with changed wording and the number written another way', async () => {
    const { store } = makeStore();
    expect(await store.record(intelOf(DUBAI), person('1'))).toBe(true);
    const again = intelOf(DUBAI_AGAIN);
    expect(again.contacts).toEqual([phone('+7 701 123 4567')]);
    const seen = await store.lookup(again);
    expect(seen.repost).toMatchObject({ count: 1, changed: true });
    const risk = intelOf(DUBAI).risk;
    expect(risk).toMatch(/high|critical/);
    expect(seen.contacts[0]).toMatchObject({ kind: 'phone', count: 1, byRisk: { [risk]: 1 } });
    // A different ad with the same number: the number is known, the ad is not.
    const shop = await store.lookup(intelOf(SHOP));
    expect(shop.repost).toBeUndefined();
    expect(shop.contacts[0]?.count).toBe(1);
  });

  it('finds every repost of the fixtures and matches no other ad of the corpus', async () => {
    const { store } = makeStore();
    let n = 0;
    for (const [, text] of corpus) {
      const intel = adIntel(text, analyzeAd(lexicon, text));
      if (intel) await store.record({ ...intel, contacts: [] }, person(`p${n++}`));
    }
    for (const r of reposts.filter((r) => !r.rewritten)) {
      const seen = await store.lookup({ contacts: [], fingerprint: intelOf(r.text).fingerprint as string });
      // Its original, once: no other ad of the corpus counted with it.
      expect(seen.repost?.count, r.of).toBe(1);
    }
  });

  it('counts what was there before this check, not this check itself', async () => {
    const { store } = makeStore();
    const ad = intelOf(DUBAI);
    const first = await store.lookup(ad);
    expect(first.repost).toBeUndefined();
    expect(first.contacts[0]?.count).toBe(0);
    await store.record(ad, person('1'));
    // The next person sees one check before theirs.
    const second = await store.lookup(ad);
    expect(second.contacts[0]?.count).toBe(1);
    expect(second.repost).toMatchObject({ count: 1, changed: false });
  });

  it('counts one person re-checking the same ad once, and another person again', async () => {
    const { store } = makeStore();
    const ad = intelOf(DUBAI);
    expect(await store.record(ad, person('1'))).toBe(true);
    expect(await store.record(ad, person('1'))).toBe(false);
    // The same person, the ad slightly changed: still once.
    expect(await store.record(intelOf(DUBAI_AGAIN), person('1'))).toBe(false);
    expect(await store.record(ad, person('2'))).toBe(true);
    const seen = await store.lookup(ad);
    expect(seen.contacts[0]?.count).toBe(2);
    expect(seen.repost?.count).toBe(2);
    // The same person, a different ad with the same number: a different ad counts.
    expect(await store.record(intelOf(SHOP), person('1'))).toBe(true);
    expect((await store.lookup(ad)).contacts[0]?.count).toBe(3);
  });

  it('de-duplicates by the contacts an ad too short to fingerprint', async () => {
    const { store } = makeStore();
    const short = intelOf('Кипр. Требуется танцовщица. +7 701 123 45 67');
    expect(short.fingerprint).toBeUndefined();
    expect(await store.record(short, person('1'))).toBe(true);
    expect(await store.record(short, person('1'))).toBe(false);
    expect(await store.record(short, person('2'))).toBe(true);
    expect(await store.lookup(short)).toEqual({
      contacts: [expect.objectContaining({ count: 2 })],
    });
    expect(await store.lookup({ contacts: [] })).toEqual({ contacts: [] });
    expect(await store.record({ contacts: [], risk: 'low' }, person('1'))).toBe(false);
  });

  it('never flags by volume: a thousand checks of one number leave it unflagged', async () => {
    const { store } = makeStore();
    const ad = intelOf(DUBAI);
    for (let i = 0; i < 1000; i++) await store.record(ad, person(`spam-${i}`));
    const info = await store.contactInfo(phone('87011234567'));
    expect(info.count).toBe(1000);
    expect(info.flagged).toBeUndefined();
  });

  it('flags and unflags a contact, whatever way a counsellor writes it', async () => {
    const { store } = makeStore();
    await store.record(intelOf(DUBAI), person('1'));
    await store.flag(
      phone('+7 701 123 45 67'),
      'took the passports of three women; she calls from 87011234567',
      'tg:42',
    );
    const seen = await store.lookup(intelOf(DUBAI_AGAIN));
    expect(seen.contacts[0]?.flagged).toMatchObject({
      reason: 'took the passports of three women; she calls from …',
      at: expect.any(Number),
    });
    expect((await store.contactInfo(phone('8 (701) 123-45-67'))).flagged).toBeDefined();
    await expect(store.flag(phone('87011234567'), '  ', 'tg:42')).rejects.toThrow(/reason/);
    expect(await store.unflag(phone('87011234567'))).toBe(true);
    expect(await store.unflag(phone('87011234567'))).toBe(false);
    expect((await store.lookup(intelOf(DUBAI))).contacts[0]?.flagged).toBeUndefined();
    // Counts are untouched by a flag or its removal.
    expect((await store.contactInfo(phone('87011234567'))).count).toBe(1);
  });

  it('keeps counts for the retention period (TTL refreshed on record), de-dup keys for days, flags for ever', async () => {
    const { store, prefix } = makeStore({ retentionDays: 2, dedupeSeconds: 600 });
    await store.record(intelOf(DUBAI), person('1'));
    await store.flag(phone('87011234567'), 'confirmed', 'tg:42');
    const ttls: Record<string, number[]> = {};
    for (const key of await redis.keys(`${prefix}*`)) {
      const kind = key.slice(prefix.length).split(':')[1] as string;
      ttls[kind] = [...(ttls[kind] ?? []), await redis.ttl(key)];
    }
    expect(Object.keys(ttls).sort()).toEqual(['ad', 'band', 'contact', 'flag', 'seen']);
    for (const kind of ['ad', 'band', 'contact']) {
      for (const ttl of ttls[kind] ?? []) {
        expect(ttl, kind).toBeGreaterThan(2 * 86_400 - 60);
        expect(ttl, kind).toBeLessThanOrEqual(2 * 86_400);
      }
    }
    for (const ttl of ttls.seen ?? []) {
      expect(ttl).toBeGreaterThan(540);
      expect(ttl).toBeLessThanOrEqual(600);
    }
    expect(ttls.flag).toEqual([-1]);
  });

  it('stops counting what left the retention period, though the contact kept appearing', async () => {
    const { store, clock } = makeStore({ retentionDays: 365 });
    await store.record(intelOf(DUBAI), person('1'));
    clock.now += 200 * DAY;
    await store.record(intelOf(SHOP), person('2'));
    expect((await store.contactInfo(phone('87011234567'))).count).toBe(2);
    clock.now += 200 * DAY;
    // The first check is now 400 days old: gone from the counts (and from the repost index).
    const info = await store.contactInfo(phone('87011234567'));
    expect(info.count).toBe(1);
    expect(info.firstSeen).toBeGreaterThan(clock.now - 366 * DAY);
    expect((await store.lookup(intelOf(DUBAI))).repost).toBeUndefined();
    clock.now += 400 * DAY;
    expect((await store.contactInfo(phone('87011234567'))).count).toBe(0);
  });

  it('lets a short TTL expire everything but the flags', async () => {
    const { store, prefix } = makeStore({ retentionDays: 1 / 86_400, dedupeSeconds: 1 });
    await store.record(intelOf(DUBAI), person('1'));
    await store.flag(phone('87011234567'), 'confirmed', 'tg:42');
    // Ask Redis to expire now what a one-second TTL would expire in a second: no sleeping.
    for (const key of await redis.keys(`${prefix}*`)) {
      const ttl = await redis.ttl(key);
      if (ttl > 0) {
        expect(ttl).toBeLessThanOrEqual(1);
        await redis.pexpire(key, 1);
      }
    }
    await new Promise((r) => setTimeout(r, 20));
    const left = (await redis.keys(`${prefix}*`)).map((k) => k.slice(prefix.length));
    expect(left).toEqual([expect.stringMatching(/^intel:flag:[0-9a-f]{64}$/)]);
  });

  it('keeps no raw contact, no person id and no text anywhere in Redis', async () => {
    const { store, prefix } = makeStore();
    const text = `${DUBAI}\nTelegram @dubai_office_hr, сайт www.dubai-office-jobs.com, почта hr@dubai-office-jobs.com`;
    const ad = intelOf(text);
    expect(ad.contacts.map((c) => c.kind).sort()).toEqual(['domain', 'email', 'handle', 'phone']);
    await store.record(ad, person('123456789'));
    await store.record(ad, person('987654321'));
    await store.flag(phone('87011234567'), 'the @dubai_office_hr recruiter, +7 701 123 45 67', 'tg:42');
    const all = (await dump(prefix)).toLowerCase();
    expect(all.length).toBeGreaterThan(0);
    for (const raw of [
      '7011234567',
      '701 123',
      'dubai_office_hr',
      'dubai-office-jobs',
      'hr@',
      '123456789',
      '987654321',
      'девушки',
      'дубае',
      'европейской',
    ]) {
      expect(all, raw).not.toContain(raw);
    }
  });

  it('keys differ between deployments: another secret finds nothing of the first', async () => {
    const a = makeStore();
    await a.store.record(intelOf(DUBAI), person('1'));
    await a.store.flag(phone('87011234567'), 'confirmed', 'tg:42');
    const b = new IntelStore(redis, {
      prefix: a.prefix,
      secret: 'another-deployment-secret-0123456789abcdef',
      retentionDays: 365,
    });
    const seen = await b.lookup({ contacts: [phone('87011234567')] });
    expect(seen.contacts[0]).toMatchObject({ count: 0 });
    expect(seen.contacts[0]?.flagged).toBeUndefined();
    const keysA = (await redis.keys(`${a.prefix}intel:contact:*`)).map((k) => k.split(':').pop());
    await b.record({ contacts: [phone('87011234567')], risk: 'low' }, person('1'));
    const keysAll = (await redis.keys(`${a.prefix}intel:contact:*`)).map((k) => k.split(':').pop());
    expect(keysAll).toHaveLength(2);
    expect(keysAll.filter((k) => !keysA.includes(k))).toHaveLength(1);
  });

  it('does not keep a person waiting while Redis is away: a lookup fails at once', async () => {
    const own = await OwnRedis.create();
    const client = await connectRedis(own.url);
    if (!client) throw new Error('no Redis');
    try {
      const store = new IntelStore(client, { prefix: 'away:', secret: SECRET, retentionDays: 365 });
      await store.lookup(intelOf(SHOP));
      await own.kill();
      for (let i = 0; i < 200 && client.status === 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
      // Failed by the check before any command, not by the client's retries.
      await expect(store.lookup(intelOf(SHOP))).rejects.toBeInstanceOf(RedisAwayError);
    } finally {
      client.disconnect();
      await own.kill();
    }
  });

  it('records in one round trip and looks up in at most two', async () => {
    const probe = testRedis();
    const prefix = testPrefix('intel-rt');
    prefixes.push(prefix);
    const store = new IntelStore(probe, { prefix, secret: SECRET, retentionDays: 365 });
    // Warm the script cache, so no first EVALSHA is answered NOSCRIPT (one extra trip, once a script).
    await store.record(intelOf(SHOP), person('warm'));
    await store.lookup(intelOf(SHOP));
    // ioredis writes a command, or a whole pipeline, to the socket in one write: writes are round trips.
    const stream = (probe as unknown as { stream: { write: (chunk: unknown) => boolean } }).stream;
    const write = stream.write.bind(stream);
    let writes = 0;
    stream.write = (chunk: unknown) => {
      writes++;
      return write(chunk);
    };
    await store.record(intelOf(DUBAI), person('1'));
    const recordTrips = writes;
    await store.lookup(intelOf(DUBAI_AGAIN));
    const lookupTrips = writes - recordTrips;
    await store.lookup({ contacts: intelOf(SHOP).contacts });
    const contactsOnlyTrips = writes - recordTrips - lookupTrips;
    stream.write = write;
    await probe.quit();
    expect(recordTrips).toBe(1);
    // Contacts and the repost index, then the candidates' fingerprints.
    expect(lookupTrips).toBe(2);
    expect(contactsOnlyTrips).toBe(1);
  });
});
