import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { FakeGraphApi } from '../testing/graph-api.js';
import { startTekser } from '../testing/tekser-process.js';
import { message, notification } from '../testing/whatsapp-updates.js';
import { dropKeys } from './drop-keys.js';

/**
 * The burst of issue 16, measured (never asserted): `senders` people write one "hello" each, posted as
 * `requests` signed requests all at once to tekser running as `npm start` runs it (src/main.ts, its own
 * process), with a fake Graph API on a local port in this process. Reports when the last answer went, how
 * many people were answered once, more than once or not at all, tekser's peak RSS, `/healthz` latency
 * polled every 50 ms throughout, the Graph API connections, and how long SIGTERM takes at the end.
 */
export async function benchBurst(options: {
  redisUrl: string;
  senders: number;
  requests: number;
  apiLatencyMs: number;
}) {
  const graph = await new FakeGraphApi().start();
  graph.delayMs = options.apiLatencyMs;
  const prefix = `tekser-bench-burst:${randomBytes(4).toString('hex')}:`;
  const tekser = await startTekser({ graphUrl: graph.url, redisUrl: options.redisUrl, prefix });
  const per = Math.ceil(options.senders / options.requests);
  const who = Array.from({ length: options.senders }, (_, i) => String(77_100_000_000 + i));
  const bodies: string[] = [];
  for (let i = 0; i < who.length; i += per)
    bodies.push(
      JSON.stringify(
        notification(
          who.slice(i, i + per).map((p) => message('text', p, { text: { body: 'Здравствуйте' } })),
        ),
      ),
    );

  // A scrape resets prom-client's event-loop monitor: what follows is the burst's alone, not start-up's.
  await fetch(`${tekser.url}/metrics`).then((r) => r.text());
  const rssIdle = tekser.rss();
  const start = performance.now();
  // Probes: /healthz every 50 ms, RSS every 100 ms.
  const health: number[] = [];
  /** When each probe began (ms from the start of the burst), beside `health`. */
  const probedAt: number[] = [];
  let rssPeak = tekser.rss();
  let probing = true;
  const healthProbe = (async () => {
    while (probing) {
      const t0 = performance.now();
      probedAt.push(t0 - start);
      await fetch(`${tekser.url}/healthz`)
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const rssProbe = setInterval(() => {
    rssPeak = Math.max(rssPeak, tekser.rss());
  }, 100);

  let refused = 0;
  const statuses = await Promise.all(
    bodies.map(async (body) => {
      for (;;) {
        const status = await tekser.post(body);
        if (status === 200) return status;
        refused++;
        // As Meta does: delivered again later.
        await new Promise((r) => setTimeout(r, 1000));
      }
    }),
  );
  const accepted = (performance.now() - start) / 1000;
  // Answered: everyone has messages, and no new ones for a second.
  let last = -1;
  let quietSince = performance.now();
  const answeredBy = () => new Set(graph.accepted.map((m) => m.to)).size;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = graph.accepted.length;
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    } else if (answeredBy() >= who.length && performance.now() - quietSince > 1000) break;
    if (performance.now() - start > 600_000) break;
  }
  const lastAnswer = (quietSince - start) / 1000;
  probing = false;
  await healthProbe;
  clearInterval(rssProbe);

  const counts = new Map<string, number>();
  for (const m of graph.accepted) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  const perPerson = who.map((p) => counts.get(p) ?? 0);
  const usual = mode(perPerson);
  const sorted = [...health].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0);

  // tekser's own event-loop delay (prom-client's monitor): what of /healthz's wait was tekser's own work,
  // and what was the machine (other processes on its two cores).
  const metrics = await fetch(`${tekser.url}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  const lag = (name: string) =>
    round(
      Number(
        metrics.match(new RegExp(`^tekser_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm'))?.[1] ?? 0,
      ) * 1000,
    );

  const stopAt = performance.now();
  tekser.kill('SIGTERM');
  const exit = await tekser.exited;
  await graph.stop();
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  await dropKeys(redis, prefix);
  await redis.quit();

  return {
    senders: who.length,
    requests: statuses.length,
    messages_per_request: per,
    refused_503: refused,
    accepted_s: round(accepted, 2),
    last_answer_s: round(lastAnswer, 2),
    messages_per_s: Math.round(who.length / lastAnswer),
    answered_once: perPerson.filter((n) => n === usual).length,
    answered_more: perPerson.filter((n) => n > usual).length,
    not_answered: perPerson.filter((n) => n === 0).length,
    graph_messages_per_answer: usual,
    rss_peak_mb: Math.round(rssPeak / 1e6),
    rss_idle_mb: Math.round(rssIdle / 1e6),
    healthz_p50_ms: at(0.5),
    healthz_p99_ms: at(0.99),
    healthz_max_ms: round(sorted.at(-1) ?? 0),
    healthz_probes: sorted.length,
    /** The worst probe once every request was accepted: the answering alone. */
    healthz_max_after_accept_ms: round(
      Math.max(0, ...health.filter((_, i) => (probedAt[i] ?? 0) > accepted * 1000)),
    ),
    event_loop_lag_p99_ms: lag('p99'),
    event_loop_lag_max_ms: lag('max'),
    graph_max_in_flight: graph.maxInFlight,
    graph_connections: graph.connections,
    sigterm_exit_ms: Math.round(exit.at - stopAt),
    sigterm_exit_code: exit.code,
  };
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function mode(values: number[]): number {
  const seen = new Map<number, number>();
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
  return [...seen.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}
