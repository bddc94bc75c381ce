import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { DialogueService } from '../src/app/dialogue-service.js';
import { createBot } from '../src/channels/telegram/bot.js';
import { ROOT } from '../src/cli/paths.js';
import { loadConfig } from '../src/config.js';
import { answer as answerFlow, begin } from '../src/domain/flow/interpreter.js';
import { loadLexicon } from '../src/infra/content.js';
import { createDialogueDeps } from '../src/infra/dialogue-deps.js';
import { createLogger } from '../src/infra/logger.js';
import { createMetrics } from '../src/infra/metrics.js';
import { RedisStore } from '../src/store/redis.js';
import { Recorder } from '../testing/bot-api.js';
import { commandFrom, messageFrom, pressFrom, STICKER, telegramKey } from '../testing/telegram-updates.js';
import { whatsappHarness } from '../testing/whatsapp-harness.js';
import { notification, message as waMessage } from '../testing/whatsapp-updates.js';
import { adsOfSize, readCorpus } from './ad-corpus.js';
import { benchAdStages } from './bench-ad-stages.js';
import { benchAds } from './bench-ads.js';
import { benchBurst } from './bench-burst.js';
import { floorBot } from './bench-floor.js';
import { benchOcr } from './bench-ocr.js';
import { benchBotInfo, type ReferenceQuestion, referenceBot } from './bench-reference.js';
import { benchStartup } from './bench-startup.js';
import { percentile, round } from './bench-stats.js';
import { dropKeys, scanKeys } from './drop-keys.js';

/**
 * `npm run bench`: speed and memory, measured, never asserted. Prints a table, or one JSON object with
 * `--json`; `--quick` runs a smaller round. The Telegram pipeline is the real bot (handleUpdate), the real
 * Redis, and a fake Bot API at the HTTP client: no network.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    people: { type: 'string' },
    concurrency: { type: 'string' },
    only: { type: 'string' },
    'api-latency-ms': { type: 'string' },
  },
});
const quick = values.quick ?? false;
/**
 * `--only telegram,reference`: run some parts (while working on them); the others are left out. `burst`
 * (issue 16's WhatsApp burst against tekser as its own process) runs only when named.
 */
const PARTS = [
  'ads',
  'ad-stages',
  'telegram',
  'floor',
  'whatsapp',
  'reference',
  'soak',
  'burst',
  'ocr',
  'startup',
];
// `ocr` (pictures of ads read by tesseract, issue 18) needs tesseract and a minute: only when named;
// `startup` (the shipped commands' start, each run as its own process) too; `ad-stages` (where a 1 KB ad's time
// goes, stage by stage: scripts/bench-ad-stages.ts) is for whoever works on the analyzer's speed.
const ON_REQUEST = ['burst', 'ocr', 'startup', 'ad-stages'];
const only = values.only?.split(',');
const unknown = only?.filter((part) => !PARTS.includes(part));
if (unknown?.length) {
  process.stderr.write(`bench: no part called ${unknown.join(', ')} (parts: ${PARTS.join(', ')})\n`);
  process.exit(2);
}
// The floor replays the telegram part's updates: asking for it runs both.
const runs = (part: string) =>
  only ? only.includes(part) || (part === 'telegram' && only.includes('floor')) : !ON_REQUEST.includes(part);
/**
 * `--api-latency-ms N`: the fake Bot API answers each call after N ms, as a real one does at best, to see
 * how long a person waits for an update (run it with `--only telegram`: throughput then means little).
 */
const API_LATENCY_MS = Number(values['api-latency-ms'] ?? 0);

/** Runs `fn` for 0 … n-1, `concurrency` at a time: people talk to the bot at the same time. */
async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}
/** People served at once (`--concurrency`; default one at a time, so latency is the update's own). */
const CONCURRENCY = Math.max(1, Number(values.concurrency ?? 1));

/**
 * Counts the round trips a Redis client makes: every command, except that a MULTI … EXEC block (sent
 * together, answered together) counts once.
 */
function countRoundTrips(redis: Redis): { count: number } {
  const counter = { count: 0 };
  let inMulti = false;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<typeof send>) => {
    const name = String((args[0] as { name?: string })?.name ?? '').toLowerCase();
    if (name === 'multi') {
      inMulti = true;
      counter.count++;
    } else if (name === 'exec') inMulti = false;
    else if (!inMulti) counter.count++;
    return send(...args);
  }) as typeof redis.sendCommand;
  return counter;
}

// --- The Telegram pipeline ---------------------------------------------------------------------------

/**
 * The fake Bot API of the tests (testing/), answering every call at once, as Telegram would, without a
 * network, and keeping nothing but the buttons last sent to each chat: what the simulated person sees
 * and presses. A message that breaks Telegram's limits fails its call, as it would in production.
 */
const fakeBotApi = () => new Recorder({ keep: false, latencyMs: API_LATENCY_MS });

// What a simulated person sends: a message, /start, a button press (the bodies of Telegram updates).
const message = (id: number, body: Record<string, unknown>, lang?: string) => messageFrom(id, body, lang);
const startCommand = (id: number, lang?: string) => commandFrom(id, 'start', lang);
const press = (id: number, data: string) => pressFrom(id, data, { message_id: 1, text: 'q' });

/** A run's own Redis client, counting its round trips, and a key prefix of its own. */
function benchSetup() {
  const config = loadConfig();
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  return {
    config,
    people: Number(values.people ?? (quick ? 100 : 1000)),
    redis,
    counter: countRoundTrips(redis),
    prefix: `tekser-bench:${randomBytes(4).toString('hex')}:`,
  };
}

/** One update as the telegram part fed it: whose chat, and its body (replayed to the floor). */
interface Fed {
  chatId: number;
  body: Record<string, unknown>;
}

async function benchTelegram(feed?: Fed[]) {
  const { config, people, redis, counter, prefix } = benchSetup();
  const deps = await createDialogueDeps(config);
  const log = createLogger('silent');
  const metrics = createMetrics();
  const store = new RedisStore(redis, { prefix, ttlSeconds: 600 });
  const api = fakeBotApi();
  // As in production: the flood limit on (set high: these people answer at a machine's pace).
  const bot = createBot('123456:bench-token-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', {
    service: new DialogueService({ deps, store, log, metrics }),
    log,
    metrics,
    rateLimit: {
      redis,
      prefix,
      perWindow: 1_000_000,
      windowMs: 10_000,
      notice: () => 'slow down',
      prefetch: {
        keyFor: (id) => store.keyOf({ channel: 'tg', id }),
        store: (key, raw) => store.prefetch(key, raw),
      },
    },
    client: { fetch: api.fetch, apiRoot: 'http://bench.invalid' },
    botInfo: benchBotInfo(1, 'tekser_bench_bot'),
  });

  // Each person: /start, the menu's "check", then the first answer to every question until the verdict.
  let updateId = 1;
  const latencies: number[] = [];
  const byDepth = new Map<number, number[]>();
  const update = async (chatId: number, depth: number, body: Record<string, unknown>) => {
    feed?.push({ chatId, body });
    const t0 = performance.now();
    await bot.handleUpdate({ update_id: updateId++, ...body } as never);
    const dt = performance.now() - t0;
    latencies.push(dt);
    const list = byDepth.get(depth) ?? [];
    list.push(dt);
    byDepth.set(depth, list);
    return chatId;
  };
  let stateBytes = 0;
  let midCheckSampled = 0;
  const rss0 = process.memoryUsage().rss;
  const start = performance.now();
  const roundTrips0 = counter.count;
  let updates = 0;
  await pool(people, CONCURRENCY, async (p) => {
    const id = 10_000_000 + p;
    await update(id, 0, startCommand(id));
    updates++;
    for (let depth = 1; depth < 40; depth++) {
      const shown = api.lastButtons(id).filter((d) => !d.startsWith('L:') && !d.startsWith('M:'));
      // After the verdict ("check another offer" is offered), the check is done.
      if (shown.some((d) => d.endsWith(':again'))) break;
      const data = shown.find((d) => d.endsWith(':check')) ?? shown[0];
      if (!data) break;
      if (depth === 15 && midCheckSampled < 50) {
        stateBytes += Number(await redis.memory('USAGE', store.keyOf(telegramKey(id))));
        counter.count--;
        midCheckSampled++;
      }
      await update(id, depth, press(id, data));
      updates++;
    }
  });
  const elapsed = (performance.now() - start) / 1000;
  const rtPerUpdate = (counter.count - roundTrips0) / updates;
  latencies.sort((a, b) => a - b);
  const mean = (xs: number[] | undefined) => (xs?.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const result = {
    people,
    updates,
    updates_per_s: Math.round(updates / elapsed),
    p50_ms: round(percentile(latencies, 0.5)),
    p95_ms: round(percentile(latencies, 0.95)),
    p99_ms: round(percentile(latencies, 0.99)),
    redis_roundtrips_per_update: round(rtPerUpdate, 2),
    state_bytes_per_person: Math.round(stateBytes / Math.max(midCheckSampled, 1)),
    rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    rss_growth_mb: Math.round((process.memoryUsage().rss - rss0) / 1e6),
    // Update 2 answers question 1 (update 1 is the menu's "check"); update 21 answers question 20.
    depth_ratio: round(mean(byDepth.get(21)) / Math.max(mean(byDepth.get(2)), 1e-9), 2),
  };
  await dropKeys(redis, prefix);
  await redis.quit();
  return result;
}

/**
 * The floor: a bare grammY bot (scripts/bench-floor.ts) fed the telegram part's own updates, in the same
 * order and as many at once, over the same fake Bot API and the same Redis.
 */
async function benchFloor(feed: Fed[]) {
  const { redis, counter, prefix } = benchSetup();
  const bot = floorBot(
    '123456:floor-token-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    redis,
    prefix,
    await referenceQuestions(),
    fakeBotApi().fetch,
  );
  await bot.init();
  // Each person's updates in order, people `CONCURRENCY` at a time, as the telegram part fed them.
  const byPerson = new Map<number, Record<string, unknown>[]>();
  for (const { chatId, body } of feed) {
    const list = byPerson.get(chatId) ?? [];
    list.push(body);
    byPerson.set(chatId, list);
  }
  const people = [...byPerson.values()];
  let updateId = 1;
  const latencies: number[] = [];
  const roundTrips0 = counter.count;
  const start = performance.now();
  await pool(people.length, CONCURRENCY, async (p) => {
    for (const body of people[p] ?? []) {
      const t0 = performance.now();
      await bot.handleUpdate({ update_id: updateId++, ...body } as never);
      latencies.push(performance.now() - t0);
    }
  });
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    people: people.length,
    updates: latencies.length,
    updates_per_s: Math.round(latencies.length / elapsed),
    p50_ms: round(percentile(latencies, 0.5)),
    p99_ms: round(percentile(latencies, 0.99)),
    redis_roundtrips_per_update: round((counter.count - roundTrips0) / Math.max(latencies.length, 1), 2),
  };
  await dropKeys(redis, prefix);
  await redis.quit();
  return result;
}

/** The keys under `prefix` and the bytes Redis holds for them (MEMORY USAGE, each key's own). */
async function keysBytes(redis: Redis, prefix: string): Promise<{ keys: number; bytes: number }> {
  let keys = 0;
  let bytes = 0;
  for await (const found of scanKeys(redis, prefix)) {
    const pipeline = redis.pipeline();
    for (const key of found) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [, used] of (await pipeline.exec()) ?? []) if (typeof used === 'number') bytes += used;
    keys += found.length;
  }
  return { keys, bytes };
}

// --- The WhatsApp pipeline ---------------------------------------------------------------------------

/**
 * N people each doing a whole check over WhatsApp: signed webhook requests through the real HTTP server
 * (fastify inject), the real channel, Redis and dialogue, and replies sent over HTTP to a local fake
 * Graph API. A request's time runs from the POST to the last reply sent.
 */
async function benchWhatsApp() {
  const { config, people, redis, counter, prefix } = benchSetup();
  const deps = await createDialogueDeps(config);
  // The harness of the tests: the real HTTP server and channel, the fake Graph API of testing/.
  const h = await whatsappHarness(redis, prefix, { deps });
  const latencies: number[] = [];
  let requests = 0;
  const post = async (from: string, kind: string, fields: Record<string, unknown>) => {
    const t0 = performance.now();
    const status = await h.post(notification([waMessage(kind, from, fields)]));
    latencies.push(performance.now() - t0);
    requests++;
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  };
  const press = (id: string) => ({ interactive: { type: 'list_reply', list_reply: { id, title: 'x' } } });
  const roundTrips0 = counter.count;
  const start = performance.now();
  await pool(people, CONCURRENCY, async (p) => {
    const from = String(77_000_000_000 + p);
    await post(from, 'text', { text: { body: 'Здравствуйте' } });
    for (let depth = 1; depth < 40; depth++) {
      const shown = h.graph.lastInteractive(from)?.options.map((o) => o.id) ?? [];
      const ids = shown.filter((d) => !d.startsWith('L:') && !d.startsWith('M:'));
      if (ids.some((d) => d.endsWith(':again'))) break;
      const data = ids.find((d) => d.endsWith(':check')) ?? ids[0];
      if (!data) break;
      await post(from, 'interactive-button-reply', press(data));
    }
  });
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    people,
    requests,
    requests_per_s: Math.round(requests / elapsed),
    p50_ms: round(percentile(latencies, 0.5)),
    p99_ms: round(percentile(latencies, 0.99)),
    redis_roundtrips_per_request: round((counter.count - roundTrips0) / requests, 2),
  };
  await h.close();
  await dropKeys(redis, prefix);
  await redis.quit();
  return result;
}

/** The questions tekser asks on the path the bench takes (the first answer each time), in Russian. */
async function referenceQuestions(): Promise<ReferenceQuestion[]> {
  const deps = await createDialogueDeps(loadConfig());
  const flow = deps.flows.get('offer-check');
  if (!flow) throw new Error('no offer-check flow');
  const t = deps.t('ru');
  const out: ReferenceQuestion[] = [];
  let walk = begin(flow);
  while (walk.state) {
    const ask = walk.events.findLast((e) => e.type === 'ask');
    if (ask?.type !== 'ask' || (ask.step.kind === 'choice' && ask.step.menu)) break;
    out.push({ text: t(ask.step.text), options: ask.options.map((o) => ({ id: o.id, label: t(o.text) })) });
    const next = answerFlow(flow, walk.state, { option: ask.options[0]?.id ?? 'dk' });
    if (!next.ok) break;
    walk = next;
  }
  return out;
}

async function benchReference() {
  const { people, redis, counter, prefix } = benchSetup();
  const questions = await referenceQuestions();
  const bot = referenceBot(
    '654321:reference-token-xxxxxxxxxxxxxxxxxxxxxxxxx',
    redis,
    prefix,
    questions,
    fakeBotApi().fetch,
  );
  await bot.init();
  let updateId = 1;
  const latencies: number[] = [];
  let stateBytes = 0;
  let sampled = 0;
  let updates = 0;
  const start = performance.now();
  await pool(people, CONCURRENCY, async (p) => {
    const id = 20_000_000 + p;
    const timed = async (body: Record<string, unknown>) => {
      const t0 = performance.now();
      await bot.handleUpdate({ update_id: updateId++, ...body } as never);
      latencies.push(performance.now() - t0);
      updates++;
    };
    await timed(startCommand(id));
    for (const [q, question] of questions.entries()) {
      if (q === 15 && sampled < 50) {
        const keys = await redis.keys(`${prefix}ref:*${id}*`);
        for (const key of keys) stateBytes += Number(await redis.memory('USAGE', key));
        sampled++;
      }
      await timed(press(id, question.options[0]?.id ?? 'dk'));
    }
  });
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    people,
    updates,
    updates_per_s: Math.round(updates / elapsed),
    p50_ms: round(percentile(latencies, 0.5)),
    p99_ms: round(percentile(latencies, 0.99)),
    redis_roundtrips_per_update: round(counter.count / updates, 2),
    state_bytes_per_person: Math.round(stateBytes / Math.max(sampled, 1)),
  };
  await dropKeys(redis, prefix);
  await redis.quit();
  return result;
}

/**
 * Soak: many people mixing real answers with garbage (text, stickers, old buttons, commands). Zero
 * errors expected, and memory that stops growing: RSS after the second half within 10% of the first.
 */
async function soak() {
  const config = loadConfig();
  const people = quick ? 1000 : 10_000;
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  const prefix = `tekser-bench:${randomBytes(4).toString('hex')}:`;
  let errors = 0;
  const deps = await createDialogueDeps(config);
  const log = createLogger('error', { write: () => void errors++ });
  const metrics = createMetrics();
  const bot = createBot('123456:soak-token-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', {
    service: new DialogueService({
      deps,
      store: new RedisStore(redis, { prefix, ttlSeconds: 600 }),
      log,
      metrics,
    }),
    log,
    metrics,
    client: { fetch: fakeBotApi().fetch, apiRoot: 'http://bench.invalid' },
    botInfo: benchBotInfo(3, 'soak_bot'),
  });
  const garbage = [
    'hello?',
    '/nonsense',
    '999',
    '🙂',
    'x'.repeat(4000),
    'Требуются девушки в Дубай, без опыта, 3000$, пишите в WhatsApp',
  ];
  let updateId = 1;
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const rssAt: number[] = [];
  const rssStart = process.memoryUsage().rss;
  for (let p = 0; p < people; p++) {
    const id = 30_000_000 + p;
    const lang = ['ru', 'kk', 'en'][p % 3];
    const send = (body: Record<string, unknown>) =>
      bot.handleUpdate({ update_id: updateId++, ...body } as never);
    const say = (body: Record<string, unknown>) => send(message(id, body, lang));
    await send(startCommand(id, lang));
    for (let step = 0; step < 30; step++) {
      const r = rand();
      if (r < 0.25) await say({ text: garbage[Math.floor(rand() * garbage.length)] });
      else if (r < 0.3) await say({ sticker: { ...STICKER } });
      else await say({ text: String(1 + Math.floor(rand() * 3)) });
    }
    if (p === Math.floor(people / 2) - 1 || p === people - 1) rssAt.push(process.memoryUsage().rss);
  }
  const redisBytes = await keysBytes(redis, prefix);
  await dropKeys(redis, prefix);
  await redis.quit();
  const [half = 0, full = 0] = rssAt;
  const per10k = 10_000 / people;
  return {
    people,
    updates: updateId - 1,
    errors,
    rss_start_mb: Math.round(rssStart / 1e6),
    rss_half_mb: Math.round(half / 1e6),
    rss_full_mb: Math.round(full / 1e6),
    rss_growth_pct: round(((full - half) / half) * 100, 1),
    // What the run added to the process: its caches, pools and heap grown for 10,000 people.
    rss_added_mb: round((full - rssStart) / 1e6, 1),
    // Only from a whole run of 10,000 people: what a smaller one adds does not scale.
    rss_per_10k_people_mb: people === 10_000 ? round((full - rssStart) / 1e6, 1) : null,
    // The soak's own keys in Redis (MEMORY USAGE of each, so other clients' keys do not count), per
    // 10,000 people: they scale with the people, as a smaller run's figure shows.
    redis_keys: redisBytes.keys,
    redis_per_10k_people_mb: round((redisBytes.bytes / 1e6) * per10k, 1),
  };
}

const ads = runs('ads') ? benchAds(quick) : undefined;
const adStages = runs('ad-stages')
  ? benchAdStages(
      loadLexicon(),
      adsOfSize(
        readCorpus(join(ROOT, 'test', 'fixtures', 'ads')).map((a) => a.text),
        1024,
      ),
      quick ? 2 : 6,
    )
  : undefined;
const feed: Fed[] | undefined = runs('floor') ? [] : undefined;
const telegram = runs('telegram') ? await benchTelegram(feed) : undefined;
const floor = feed ? await benchFloor(feed) : undefined;
const whatsapp = runs('whatsapp') ? await benchWhatsApp() : undefined;
const reference = runs('reference') ? await benchReference() : undefined;
const soakResult = runs('soak') ? await soak() : undefined;
// 25,000 messages from 25,000 senders as 100 requests of 250 at once (`--quick`: 2,500 as 10).
const burst = runs('burst')
  ? await benchBurst({
      redisUrl: loadConfig().redisUrl,
      senders: quick ? 2500 : 25_000,
      requests: quick ? 10 : 100,
      apiLatencyMs: API_LATENCY_MS,
    })
  : undefined;
const ocr = runs('ocr') ? await benchOcr(quick ? 10 : 40) : undefined;
const startup = runs('startup') ? await benchStartup(loadConfig().redisUrl, quick ? 3 : 7) : undefined;
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? '?',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const ratio =
  telegram && (reference || floor)
    ? {
        ...(reference
          ? { updates_per_s: round(telegram.updates_per_s / Math.max(reference.updates_per_s, 1), 2) }
          : {}),
        // tekser's updates per second over the floor's, both from this run.
        ...(floor ? { floor: round(telegram.updates_per_s / Math.max(floor.updates_per_s, 1), 2) } : {}),
      }
    : undefined;
const report = {
  date: new Date().toISOString().slice(0, 10),
  machine,
  telegram,
  floor,
  reference,
  ratio,
  ads: ads && {
    per_s: ads.per_s,
    p99_1k_ms: ads.p99_1k_ms,
    p50_1k_ms: ads.p50_1k_ms,
    p50_1k_warm_ms: ads.p50_1k_warm_ms,
    p99_1k_warm_ms: ads.p99_1k_warm_ms,
    per_s_4k: ads.per_s_4k,
    p99_4k_ms: ads.p99_4k_ms,
    worst_64k_ms: ads.worst_64k_ms,
    worst_64k_shape: ads.worst_64k_shape,
  },
  ad_stages: adStages,
  whatsapp,
  soak: soakResult,
  burst,
  ocr,
  startup,
};
if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  const rows: [string, string][] = [
    ['machine', `${machine.cpus} cores, ${machine.memory_gb} GiB, ${machine.node}, ${report.date}`],
  ];
  if (telegram)
    rows.push(
      ['telegram: people × whole check', `${telegram.people} people, ${telegram.updates} updates`],
      ['telegram: updates per second', String(telegram.updates_per_s)],
      [
        'telegram: latency p50 / p95 / p99',
        `${telegram.p50_ms} / ${telegram.p95_ms} / ${telegram.p99_ms} ms`,
      ],
      ['telegram: Redis round trips per update', String(telegram.redis_roundtrips_per_update)],
      ['telegram: Redis bytes per person mid-check', String(telegram.state_bytes_per_person)],
      ['telegram: time at question 20 / question 1', String(telegram.depth_ratio)],
      ['telegram: RSS (growth during the run)', `${telegram.rss_mb} MB (+${telegram.rss_growth_mb} MB)`],
    );
  if (floor)
    rows.push(
      ['floor (bare grammY: GET, SET, 3 calls): updates per second', String(floor.updates_per_s)],
      ['floor: latency p50 / p99', `${floor.p50_ms} / ${floor.p99_ms} ms`],
      ['floor: Redis round trips per update', String(floor.redis_roundtrips_per_update)],
    );
  if (whatsapp)
    rows.push(
      ['whatsapp: people × whole check', `${whatsapp.people} people, ${whatsapp.requests} signed requests`],
      ['whatsapp: requests per second (to the last reply sent)', String(whatsapp.requests_per_s)],
      ['whatsapp: latency p50 / p99', `${whatsapp.p50_ms} / ${whatsapp.p99_ms} ms`],
      ['whatsapp: Redis round trips per request', String(whatsapp.redis_roundtrips_per_request)],
    );
  if (reference)
    rows.push(
      ['reference (conversations plugin): updates per second', String(reference.updates_per_s)],
      ['reference: latency p50 / p99', `${reference.p50_ms} / ${reference.p99_ms} ms`],
      ['reference: Redis round trips per update', String(reference.redis_roundtrips_per_update)],
      ['reference: Redis bytes per person mid-check', String(reference.state_bytes_per_person)],
    );
  if (ratio?.updates_per_s !== undefined)
    rows.push(['ratio: tekser / reference, updates per second', String(ratio.updates_per_s)]);
  if (ratio?.floor !== undefined)
    rows.push(['ratio: tekser / floor, updates per second (goal 0.8)', String(ratio.floor)]);
  if (ads)
    rows.push(
      ['ads: 1 KB ads per second (one core)', String(ads.per_s)],
      ['ads: 1 KB p50 / p99', `${ads.p50_1k_ms} / ${ads.p99_1k_ms} ms`],
      ['ads: 1 KB p50 / p99, warm', `${ads.p50_1k_warm_ms} / ${ads.p99_1k_warm_ms} ms`],
      ['ads: 4 KB ads per second, p99', `${ads.per_s_4k}, ${ads.p99_4k_ms} ms`],
      ['ads: 64 KB of the adversarial shapes, worst', `${ads.worst_64k_ms} ms (${ads.worst_64k_shape})`],
    );
  for (const s of adStages ?? []) rows.push([`ad stage: ${s.stage}`, `${s.us_per_ad} µs an ad`]);
  if (soakResult)
    rows.push(
      ['soak: people, updates, errors', `${soakResult.people}, ${soakResult.updates}, ${soakResult.errors}`],
      [
        'soak: RSS at the start / at half / at the end',
        `${soakResult.rss_start_mb} / ${soakResult.rss_half_mb} / ${soakResult.rss_full_mb} MB (second half ${soakResult.rss_growth_pct}%)`,
      ],
      [
        'soak: RSS added, per 10,000 people (a whole run only)',
        `${soakResult.rss_added_mb} MB, ${soakResult.rss_per_10k_people_mb ?? '-'} MB`,
      ],
      [
        'soak: Redis per 10,000 people (its keys)',
        `${soakResult.redis_per_10k_people_mb} MB (${soakResult.redis_keys} keys)`,
      ],
    );
  if (burst)
    rows.push(
      [
        'burst: senders as requests at once (503s retried)',
        `${burst.senders} as ${burst.requests} × ${burst.messages_per_request} (${burst.refused_503})`,
      ],
      ['burst: all accepted / last answer sent', `${burst.accepted_s} / ${burst.last_answer_s} s`],
      [
        'burst: answered once / more / not at all',
        `${burst.answered_once} / ${burst.answered_more} / ${burst.not_answered}`,
      ],
      ['burst: tekser RSS at its peak (idle before)', `${burst.rss_peak_mb} MB (${burst.rss_idle_mb} MB)`],
      [
        'burst: /healthz p50 / p99 / max (probes)',
        `${burst.healthz_p50_ms} / ${burst.healthz_p99_ms} / ${burst.healthz_max_ms} ms (${burst.healthz_probes})`,
      ],
      ['burst: /healthz max once all was accepted', `${burst.healthz_max_after_accept_ms} ms`],
      [
        'burst: tekser event-loop delay p99 / max',
        `${burst.event_loop_lag_p99_ms} / ${burst.event_loop_lag_max_ms} ms`,
      ],
      [
        'burst: Graph API requests in flight at most, connections',
        `${burst.graph_max_in_flight}, ${burst.graph_connections}`,
      ],
      ['burst: SIGTERM to exit', `${burst.sigterm_exit_ms} ms, code ${burst.sigterm_exit_code}`],
    );
  if (ocr)
    rows.push([
      `ocr: one ${ocr.size} picture on one core, p50 / p99 / max (${ocr.pictures})`,
      `${ocr.p50_ms} / ${ocr.p99_ms} / ${ocr.max_ms} ms, ${ocr.not_read} not read`,
    ]);
  if (ocr)
    rows.push([
      'ocr: tesseract processor time p50 / p99, runs per picture, load average',
      `${ocr.cpu_p50_ms ?? '?'} / ${ocr.cpu_p99_ms ?? '?'} ms, ${ocr.runs_per_picture}, ${ocr.load_average.join(' → ')}`,
    ]);
  if (startup)
    rows.push(
      [
        `startup: npm run analyze -- --json, one ad (median of ${startup.runs}, range)`,
        `${startup.analyze_ms} ms (${startup.analyze_range_ms.join('–')}), CPU ${startup.analyze_cpu_ms} ms`,
      ],
      [
        'startup: npm run chat to the first prompt',
        `${startup.chat_ms} ms (${startup.chat_range_ms.join('–')}), CPU ${startup.chat_cpu_ms} ms`,
      ],
      [
        'startup: npm start (no platform) to the first prompt',
        `${startup.start_ms} ms (${startup.start_range_ms.join('–')}), CPU ${startup.start_cpu_ms} ms, load ${startup.load_average.join(' → ')}`,
      ],
    );
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}
