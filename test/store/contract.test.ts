import { afterAll, describe, expect, it } from 'vitest';
import { newPerson, type PersonState } from '../../src/domain/dialogue/index.js';
import { answer, begin } from '../../src/domain/flow/interpreter.js';
import type { Flow } from '../../src/domain/flow/schema.js';
import { personKey } from '../../src/store/keys.js';
import { MemoryStore } from '../../src/store/memory.js';
import { RedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/store.js';
import { realFlows } from '../helpers/content.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('store');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const midCheck: PersonState = {
  ...newPerson('kk'),
  langChosen: true,
  nonce: 7,
  active: {
    flow: 'offer-check',
    version: 1,
    step: 'fees',
    answers: { situation: 'considering', where: 'gulf' },
  },
  last: { level: 'high', flags: ['wrong_visa'], at: 1 },
};

/** One contract, two stores: what the terminal chat does on memory it does on Redis. */
const stores: [string, () => Store][] = [
  ['redis', () => new RedisStore(redis, { prefix, ttlSeconds: 120 })],
  ['memory', () => new MemoryStore(120)],
];

describe.each(stores)('the %s store', (_name, make) => {
  it('gives back what it saved, and nothing for a stranger', async () => {
    const store = make();
    const who = { channel: 'tg', id: `p-${_name}-1` };
    expect(await store.load(who)).toBeNull();
    await store.save(who, midCheck);
    expect(await store.load(who)).toEqual(midCheck);
    expect(await store.load({ channel: 'wa', id: who.id })).toBeNull();
  });

  it('returns copies: changing a loaded state changes nothing stored', async () => {
    const store = make();
    const who = { channel: 'tg', id: `p-${_name}-2` };
    await store.save(who, midCheck);
    const loaded = await store.load(who);
    if (loaded?.active) loaded.active.answers.where = 'home';
    expect((await store.load(who))?.active?.answers.where).toBe('gulf');
  });

  it('forgets a person completely', async () => {
    const store = make();
    const who = { channel: 'cli', id: `p-${_name}-3` };
    await store.save(who, midCheck);
    await store.forget(who);
    expect(await store.load(who)).toBeNull();
  });

  it('saves only over the revision it expects (compare and set)', async () => {
    const store = make();
    const who = { channel: 'tg', id: `p-${_name}-cas` };
    expect(await store.save(who, { ...midCheck, rev: 1 }, 0)).toBe(true);
    // Someone else already moved it on: refused, and what is stored stays.
    expect(await store.save(who, { ...midCheck, nonce: 99, rev: 1 }, 0)).toBe(false);
    expect(await store.save(who, { ...midCheck, nonce: 8, rev: 2 }, 1)).toBe(true);
    expect((await store.load(who))?.nonce).toBe(8);
  });

  it('answers ping', async () => {
    expect(await make().ping()).toBe(true);
  });
});

describe('what is stored', () => {
  it('puts a TTL on every person key in Redis', async () => {
    const store = new RedisStore(redis, { prefix, ttlSeconds: 120 });
    const who = { channel: 'tg', id: 'ttl' };
    await store.save(who, midCheck);
    const ttl = await redis.ttl(personKey(prefix, who));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('expires memory entries after the TTL', async () => {
    let now = 0;
    const store = new MemoryStore(10, () => now);
    const who = { channel: 'cli', id: 'x' };
    await store.save(who, midCheck);
    now = 9_999;
    expect(await store.load(who)).not.toBeNull();
    now = 10_000;
    expect(await store.load(who)).toBeNull();
  });

  it('drops a damaged or foreign value instead of trusting it', async () => {
    const store = new RedisStore(redis, { prefix, ttlSeconds: 120 });
    for (const [i, raw] of [
      'not json',
      '{"v":2}',
      '{"v":1,"lang":"de","langChosen":true,"nonce":0}',
      '[]',
    ].entries()) {
      const who = { channel: 'tg', id: `bad-${i}` };
      await redis.set(personKey(prefix, who), raw, 'EX', 60);
      expect(await store.load(who), raw).toBeNull();
    }
  });

  it('keeps a person mid-check under 1 KB', async () => {
    const store = new RedisStore(redis, { prefix, ttlSeconds: 120 });
    const who = { channel: 'tg', id: 'size' };
    // The longest path through the real check (abroad, with a contract: every sub-question asked), each
    // answered with the longest option id it has.
    const offer = realFlows().get('offer-check') as Flow;
    const fixed: Record<string, string> = {
      situation: 'considering',
      where: 'other_abroad',
      contract: 'before',
    };
    let walk = begin(offer);
    const answers: Record<string, string> = {};
    for (let i = 0; i < 60 && walk.state; i++) {
      const ask = walk.events.findLast((e) => e.type === 'ask');
      if (ask?.type !== 'ask' || (ask.step.kind === 'choice' && ask.step.menu)) break;
      const id =
        fixed[ask.step.id] ?? ask.options.map((o) => o.id).sort((a, b) => b.length - a.length)[0] ?? 'dk';
      answers[ask.step.id] = id;
      const next = answer(offer, walk.state, { option: id });
      if (!next.ok) throw new Error('refused');
      walk = next;
    }
    expect(Object.keys(answers).length).toBeGreaterThanOrEqual(24);
    await store.save(who, {
      ...midCheck,
      active: { flow: 'offer-check', version: 1, step: 'passport', answers },
    });
    expect(Number(await redis.memory('USAGE', personKey(prefix, who)))).toBeLessThan(1024);
  });
});

describe('the stored shape', () => {
  it('keeps every field of a person state through a save and a load', async () => {
    const store = new RedisStore(redis, { prefix, ttlSeconds: 120 });
    const full: Required<PersonState> = {
      ...midCheck,
      paused: { flow: 'offer-check', version: 1, step: 'where', answers: { situation: 'considering' } },
      active: { flow: 'language', version: 1, step: 'choose', answers: {} },
      alerted: true,
      langReturn: true,
      last: { level: 'critical', flags: ['passport_retention'], at: 5 },
    } as Required<PersonState>;
    const who = { channel: 'tg', id: 'full' };
    await store.save(who, full);
    expect(await store.load(who)).toEqual(full);
  });
});
