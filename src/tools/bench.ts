import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createDialogueDeps } from '../app.js';
import { createBot } from '../channels/telegram/bot.js';
import { loadConfig } from '../config.js';
import { loadLexicon } from '../content.js';
import { analyzeAd } from '../domain/ads/analyze.js';
import { createLogger } from '../logger.js';
import { DialogueService } from '../service.js';
import { RedisStore } from '../store/redis.js';
import { readCorpus } from './ad-corpus.js';
import { ROOT } from './paths.js';

/**
 * `npm run bench`: speed and memory, measured, never asserted. Prints a table, or one JSON object with
 * `--json`; `--quick` runs a smaller round. The Telegram pipeline is the real bot (handleUpdate), the real
 * Redis, and a fake Bot API at the HTTP client: no network.
 */
const { values } = parseArgs({
  options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, people: { type: 'string' } },
});
const quick = values.quick ?? false;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number);
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

// --- Ads ---------------------------------------------------------------------------------------------

function adsOfSize(texts: string[], size: number): string[] {
  // Real corpus ads, joined to about `size` characters, so the words are those of real ads.
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    let ad = '';
    for (let k = i; ad.length < size; k++) ad += `${texts[k % texts.length]}\n\n`;
    out.push(ad.slice(0, size));
  }
  return out;
}

function benchAds() {
  const lexicon = loadLexicon();
  const texts = readCorpus(join(ROOT, 'test', 'fixtures', 'ads')).map((a) => a.text);
  const run = (size: number, seconds: number) => {
    const ads = adsOfSize(texts, size);
    for (const ad of ads.slice(0, 50)) analyzeAd(lexicon, ad); // warm up
    const times: number[] = [];
    const until = performance.now() + seconds * 1000;
    let n = 0;
    const start = performance.now();
    while (performance.now() < until) {
      const ad = ads[n % ads.length] as string;
      const t0 = performance.now();
      analyzeAd(lexicon, ad);
      times.push(performance.now() - t0);
      n++;
    }
    const elapsed = (performance.now() - start) / 1000;
    times.sort((a, b) => a - b);
    return {
      per_s: Math.round(n / elapsed),
      p50_ms: round(percentile(times, 0.5)),
      p99_ms: round(percentile(times, 0.99)),
    };
  };
  const k1 = run(1024, quick ? 1 : 3);
  const k4 = run(4096, quick ? 1 : 3);
  return {
    per_s: k1.per_s,
    p99_1k_ms: k1.p99_ms,
    p50_1k_ms: k1.p50_ms,
    per_s_4k: k4.per_s,
    p99_4k_ms: k4.p99_ms,
  };
}

// --- The Telegram pipeline ---------------------------------------------------------------------------

/** A Bot API that answers every call at once, as Telegram would, without a network. */
function fakeBotApi(): typeof fetch {
  let messageId = 1;
  return (async (url: string | URL | Request, init?: RequestInit) => {
    const method = String(url).split('/').pop();
    const payload = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    const result =
      method === 'sendMessage' || method === 'editMessageText'
        ? {
            message_id: messageId++,
            date: 0,
            chat: { id: payload.chat_id, type: 'private' },
            text: payload.text,
          }
        : true;
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
}

async function benchTelegram() {
  const config = loadConfig();
  const people = Number(values.people ?? (quick ? 100 : 1000));
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  // Every command sent to Redis is counted: a pipeline or a MULTI counts once.
  let roundTrips = 0;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<typeof send>) => {
    roundTrips++;
    return send(...args);
  }) as typeof redis.sendCommand;
  const prefix = `tekser-bench:${randomBytes(4).toString('hex')}:`;
  const deps = await createDialogueDeps(config);
  const log = createLogger('silent');
  const store = new RedisStore(redis, { prefix, ttlSeconds: 600 });
  const bot = createBot('123456:bench-token-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', {
    service: new DialogueService(deps, store, log),
    log,
    client: { fetch: fakeBotApi(), apiRoot: 'http://bench.invalid' },
    botInfo: {
      id: 1,
      is_bot: true,
      first_name: 'tekser',
      username: 'tekser_bench_bot',
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    } as never,
  });

  // Each person: /start, the menu's "check", then the first answer to every question until the verdict.
  let updateId = 1;
  const latencies: number[] = [];
  const byDepth = new Map<number, number[]>();
  const update = async (chatId: number, depth: number, body: Record<string, unknown>) => {
    const t0 = performance.now();
    await bot.handleUpdate({ update_id: updateId++, ...body } as never);
    const dt = performance.now() - t0;
    latencies.push(dt);
    const list = byDepth.get(depth) ?? [];
    list.push(dt);
    byDepth.set(depth, list);
    return chatId;
  };
  const chat = (id: number) => ({ id, type: 'private', first_name: 'b' });
  const from = (id: number) => ({ id, is_bot: false, first_name: 'b', language_code: 'ru' });
  let stateBytes = 0;
  let midCheckSampled = 0;
  const rss0 = process.memoryUsage().rss;
  const start = performance.now();
  const roundTrips0 = roundTrips;
  let updates = 0;
  for (let p = 0; p < people; p++) {
    const id = 10_000_000 + p;
    await update(id, 0, {
      message: {
        message_id: 1,
        date: 0,
        chat: chat(id),
        from: from(id),
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
    updates++;
    for (let depth = 1; depth < 40; depth++) {
      // The bench reads the state to know which button the person sees; that read is not the bot's.
      const state = await store.load({ channel: 'tg', id: String(id) });
      roundTrips--;
      const active = state?.active;
      if (!state || !active) break;
      if (active.flow === 'offer-check' && active.step === 'next') break;
      const flow = deps.flows.get(active.flow);
      const step = flow?.steps.find((s) => s.id === active.step);
      if (step?.kind !== 'choice') break;
      const option = active.flow === 'menu' ? 'check' : (step.options[0]?.id ?? 'dk');
      if (depth === 15 && midCheckSampled < 50) {
        stateBytes += Number(await redis.memory('USAGE', `${prefix}person:tg:${id}`));
        roundTrips--;
        midCheckSampled++;
      }
      await update(id, depth, {
        callback_query: {
          id: String(updateId),
          from: from(id),
          chat_instance: 'b',
          data: `${state.nonce.toString(36)}:${option}`,
          message: { message_id: 1, date: 0, chat: chat(id), text: 'q' },
        },
      });
      updates++;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  const rtPerUpdate = (roundTrips - roundTrips0) / updates;
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
    depth_ratio: round(mean(byDepth.get(20)) / Math.max(mean(byDepth.get(2)), 1e-9), 2),
  };
  // Clean up the bench's keys.
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
  return result;
}

const ads = benchAds();
const telegram = await benchTelegram();
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? '?',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const report = { date: new Date().toISOString().slice(0, 10), machine, telegram, ads };
if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  const rows: [string, string][] = [
    ['machine', `${machine.cpus} cores, ${machine.memory_gb} GiB, ${machine.node}`],
    ['telegram: people × whole check', `${telegram.people} people, ${telegram.updates} updates`],
    ['telegram: updates per second', String(telegram.updates_per_s)],
    ['telegram: latency p50 / p95 / p99', `${telegram.p50_ms} / ${telegram.p95_ms} / ${telegram.p99_ms} ms`],
    ['telegram: Redis round trips per update', String(telegram.redis_roundtrips_per_update)],
    ['telegram: Redis bytes per person mid-check', String(telegram.state_bytes_per_person)],
    ['telegram: time at question 20 / question 2', String(telegram.depth_ratio)],
    ['telegram: RSS (growth during the run)', `${telegram.rss_mb} MB (+${telegram.rss_growth_mb} MB)`],
    ['ads: 1 KB ads per second (one core)', String(ads.per_s)],
    ['ads: 1 KB p50 / p99', `${ads.p50_1k_ms} / ${ads.p99_1k_ms} ms`],
    ['ads: 4 KB ads per second, p99', `${ads.per_s_4k}, ${ads.p99_4k_ms} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}
