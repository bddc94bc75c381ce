import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { whatsappPerson } from '../../src/channels/whatsapp/channel.js';
import { INTAKE_GROUP } from '../../src/channels/whatsapp/intake.js';
import { whatsappIntakeKey, whatsappOrderKey } from '../../src/store/keys.js';
import { APP_SECRET, type FakeGraphApi, type Json } from '../../testing/graph-api.js';
import { type Harness, whatsappHarness } from '../../testing/whatsapp-harness.js';
import { message, newWaId, notification } from '../../testing/whatsapp-updates.js';
import { deps, text } from '../helpers/content.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('wa-intake');
const stream = whatsappIntakeKey(prefix);
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  await dropPrefix(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

async function harness(options: Parameters<typeof whatsappHarness>[2] extends infer O ? Partial<O> : never) {
  const h = await whatsappHarness(redis, prefix, { deps: await deps(), ...options });
  open.push(h);
  return h;
}

/** One "hello" from each of these people, each in a request of its own. */
function hellos(people: string[]): Json[] {
  return people.map((waId) => notification([message('text', waId, { text: { body: 'Здравствуйте' } })]));
}

/** How many times each person was shown the main menu (the answer to a first "hello"). */
function menus(graph: FakeGraphApi, people: string[]): number[] {
  const menu = text('ru', 'menu.q');
  return people.map((p) => graph.sentTo(p).filter((m) => m.text.includes(menu)).length);
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
}

describe('the intake stream', () => {
  it('keeps every accepted message before the 200, so a process that died after it still gets them answered', async () => {
    const people = Array.from({ length: 12 }, newWaId);
    // An instance that answers 200 and dies before it reads anything.
    const dead = await harness({ start: false });
    for (const body of hellos(people)) expect(await dead.deliver(body)).toBe(200);
    expect(await redis.xlen(stream)).toBe(people.length);
    // An entry holds what answering needs, no more: no raw message id, no name, no other field of Meta's.
    const first = (await redis.xrange(stream, '-', '+', 'COUNT', 1))[0];
    const fields: string[] = first?.[1] ?? [];
    const raw = JSON.stringify(fields);
    expect(raw).not.toContain('wamid');
    expect(raw).not.toContain('Sheena');
    expect(fields.filter((_, i) => i % 2 === 0).sort()).toEqual(['f', 'i', 'k', 'm', 'p', 's']);
    expect(dead.graph.requests).toEqual([]);

    const next = await harness({ graph: dead.graph });
    await next.wa.channel.idle();
    expect(menus(next.graph, people)).toEqual(people.map(() => 1));
    // Answered entries leave the stream at once.
    expect(await redis.xlen(stream)).toBe(0);
  });

  it('takes over what a killed instance held, after the timeout, and answers each message once even when Meta delivered it again meanwhile', async () => {
    const people = Array.from({ length: 10 }, newWaId);
    const bodies = hellos(people);
    const dead = await harness({ start: false });
    for (const body of bodies) expect(await dead.deliver(body)).toBe(200);
    // What SIGKILL leaves: entries read by a consumer that will never acknowledge them.
    await redis.xgroup('CREATE', stream, INTAKE_GROUP, '0', 'MKSTREAM').catch(() => undefined);
    await redis.xreadgroup('GROUP', INTAKE_GROUP, 'killed', 'COUNT', 100, 'STREAMS', stream, '>');
    const pending = (await redis.xpending(stream, INTAKE_GROUP)) as [number, ...unknown[]];
    expect(pending[0]).toBe(people.length);

    const live = await harness({ graph: dead.graph, claimAfterMs: 300 });
    // Meta delivers two of them again before the takeover: not answered before, so answered now.
    expect(await live.deliver(bodies[0] as Json)).toBe(200);
    expect(await live.deliver(bodies[1] as Json)).toBe(200);
    await until(
      () =>
        menus(live.graph, people)
          .slice(0, 2)
          .every((n) => n === 1),
      'the redeliveries answered',
    );
    await live.wa.channel.idle();
    // The rest were taken over from the killed consumer; the two redelivered were not answered again.
    expect(menus(live.graph, people)).toEqual(people.map(() => 1));
    expect(await redis.xlen(stream)).toBe(0);
    expect(
      (await live.metrics.registry.metrics()).match(
        /tekser_whatsapp_intake_total\{event="claimed"\} (\d+)/,
      )?.[1],
    ).toBe(String(people.length));
    // And once answered, a redelivery is not.
    expect(await live.post(bodies[2] as Json)).toBe(200);
    expect(menus(live.graph, people)[2]).toBe(1);
  });

  it("answers one person's messages in order across instances: the next waits while another instance holds the one before", async () => {
    const waId = newWaId();
    const intakeOnly = await harness({ start: false });
    const say = (body: string) => notification([message('text', waId, { text: { body } })]);
    expect(await intakeOnly.deliver(say('Здравствуйте'))).toBe(200);
    expect(await intakeOnly.deliver(say('1'))).toBe(200);
    // Another instance has taken the first message and is slow with it.
    await redis.xgroup('CREATE', stream, INTAKE_GROUP, '0', 'MKSTREAM').catch(() => undefined);
    const taken = (await redis.xreadgroup(
      'GROUP',
      INTAKE_GROUP,
      'slow',
      'COUNT',
      1,
      'STREAMS',
      stream,
      '>',
    )) as [string, [string, string[]][]][];
    const firstId = taken[0]?.[1][0]?.[0] as string;
    const live = await harness({ graph: intakeOnly.graph, claimAfterMs: 5000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(live.graph.sentTo(waId)).toEqual([]);
    // The slow instance answers it, as `finish` does: its number marked answered, the entry gone.
    await redis.hset(whatsappOrderKey(prefix, whatsappPerson(waId, APP_SECRET).id), 'done', 1);
    await redis.xack(stream, INTAKE_GROUP, firstId);
    await redis.xdel(stream, firstId);
    await live.wa.channel.idle();
    expect(live.graph.sentTo(waId).length).toBeGreaterThan(0);
    expect(await live.metrics.registry.metrics()).toContain(
      'tekser_whatsapp_intake_total{event="waited_in_order"} 1',
    );
  });

  it('on stopping: answers 503, finishes the messages being answered, and leaves the rest to another instance', async () => {
    const people = Array.from({ length: 30 }, newWaId);
    const first = await harness({ concurrency: 2 });
    first.graph.delayMs = 40;
    for (const body of hellos(people)) expect(await first.deliver(body)).toBe(200);
    await until(() => first.graph.accepted.length > 0, 'a first answer');
    const stopped = first.wa.channel.stop(5000);
    expect(await first.deliver(hellos([newWaId()])[0] as Json)).toBe(503);
    await stopped;
    const answeredBefore = menus(first.graph, people);
    // Nobody got half an answer: whoever was started was finished.
    const complete = first.graph.sentTo(people[0] as string).length;
    for (const p of people) expect([0, complete]).toContain(first.graph.sentTo(p).length);
    const done = answeredBefore.filter((n) => n === 1).length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(people.length);
    // The rest stay in the stream, pending or unread.
    expect(await redis.xlen(stream)).toBe(people.length - done);

    first.graph.delayMs = 0;
    const second = await harness({ graph: first.graph, claimAfterMs: 300 });
    await second.wa.channel.idle();
    expect(menus(second.graph, people)).toEqual(people.map(() => 1));
  });

  it("trims entries past their age even when nobody writes: a person's words are not kept longer", async () => {
    const people = Array.from({ length: 3 }, newWaId);
    const dead = await harness({ start: false });
    for (const body of hellos(people)) expect(await dead.deliver(body)).toBe(200);
    // Held by an instance that died, and never taken over in time.
    await redis.xgroup('CREATE', stream, INTAKE_GROUP, '0', 'MKSTREAM').catch(() => undefined);
    await redis.xreadgroup('GROUP', INTAKE_GROUP, 'killed', 'COUNT', 100, 'STREAMS', stream, '>');
    expect(await redis.xlen(stream)).toBe(3);
    const live = await harness({ graph: dead.graph, claimAfterMs: 60_000, queueMaxAgeMs: 300 });
    await until(async () => (await redis.xlen(stream)) === 0, 'trimmed');
    expect(live.graph.requests).toEqual([]);
    expect(await live.metrics.registry.metrics()).toContain(
      'tekser_whatsapp_intake_total{event="trimmed"} 3',
    );
  });

  it('forgets the consumers of instances long gone, and keeps its own', async () => {
    await redis.xgroup('CREATE', stream, INTAKE_GROUP, '0', 'MKSTREAM').catch(() => undefined);
    await redis.xgroup('CREATECONSUMER', stream, INTAKE_GROUP, 'gone-long-ago');
    const names = async () =>
      ((await redis.xinfo('CONSUMERS', stream, INTAKE_GROUP)) as unknown[][]).map((row) => String(row[1]));
    // Gone for ten times the takeover time (here 10 × 30 ms) with nothing pending: forgotten.
    const live = await harness({ claimAfterMs: 30, queueMaxAgeMs: 400 });
    expect(await live.post(hellos([newWaId()])[0] as Json)).toBe(200);
    await until(async () => !(await names()).includes('gone-long-ago'), 'the gone consumer forgotten');
    // Its own stays, though it has nothing pending either.
    await new Promise((r) => setTimeout(r, 500));
    expect(await names()).toHaveLength(1);
  });

  it('refuses (503) while the queue is full, so that Meta delivers later, and takes again once it is not', async () => {
    const h = await harness({ start: false, queueMaxLength: 100 });
    const people = Array.from({ length: 101 }, newWaId);
    const statuses: number[] = [];
    for (const body of hellos(people)) statuses.push(await h.deliver(body));
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses[100]).toBe(503);
    await h.wa.channel.start();
    await h.wa.channel.idle();
    expect(await h.deliver(hellos(people.slice(100))[0] as Json)).toBe(200);
    await h.wa.channel.idle();
    expect(menus(h.graph, people)).toEqual(people.map(() => 1));
  });
});

describe('bounded work', () => {
  it('answers a burst from many senders exactly once each, with the Graph API connections capped', async () => {
    const h = await harness({ concurrency: 8, graphConnections: 4 });
    h.graph.delayMs = 2;
    const people = Array.from({ length: 400 }, newWaId);
    // 8 requests of 50 messages each, posted at once.
    const requests: Json[] = [];
    for (let i = 0; i < people.length; i += 50)
      requests.push(
        notification(
          people.slice(i, i + 50).map((p) => message('text', p, { text: { body: 'Здравствуйте' } })),
        ),
      );
    const statuses = await Promise.all(requests.map((r) => h.deliver(r)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await h.wa.channel.idle();
    expect(menus(h.graph, people)).toEqual(people.map(() => 1));
    expect(h.graph.maxInFlight).toBeLessThanOrEqual(4);
    expect(h.graph.maxInFlight).toBeGreaterThan(1);
  });

  it('handles at most `concurrency` messages at once, however many people write', async () => {
    const h = await harness({ concurrency: 3, graphConnections: 100 });
    h.graph.delayMs = 5;
    const people = Array.from({ length: 60 }, newWaId);
    await Promise.all(hellos(people).map((body) => h.deliver(body)));
    await h.wa.channel.idle();
    expect(menus(h.graph, people)).toEqual(people.map(() => 1));
    // Each message's answers go out one after another, so three at once at most.
    expect(h.graph.maxInFlight).toBe(3);
  });

  it("cuts one person's flood with one notice, as on Telegram, and others are answered", async () => {
    const h = await harness({ floodPerWindow: 5 });
    const flooder = newWaId();
    const other = newWaId();
    const flood = Array.from({ length: 30 }, (_, i) => message('text', flooder, { text: { body: `${i}` } }));
    await h.post(notification([...flood, message('text', other, { text: { body: 'Здравствуйте' } })]));
    const notice = text('ru', 'common.slow_down');
    const toFlooder = h.graph.sentTo(flooder);
    expect(toFlooder.filter((m) => m.text === notice)).toHaveLength(1);
    // Five messages answered, then the notice, then silence.
    expect(toFlooder.at(-1)?.text).toBe(notice);
    expect(menus(h.graph, [other])).toEqual([1]);
    expect(await h.metrics.registry.metrics()).toContain('tekser_rate_limited_total{channel="wa"} 25');
  });
});
