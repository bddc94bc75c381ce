import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { DialogueService, type PictureReader, type TurnTickets } from '../src/app/dialogue-service.js';
import { createWhatsApp, type WhatsApp } from '../src/channels/whatsapp/index.js';
import type { DialogueDeps } from '../src/domain/dialogue/index.js';
import { createHttpServer } from '../src/infra/http-server.js';
import { createLogger, type Logger } from '../src/infra/logger.js';
import { createMetrics, type Metrics } from '../src/infra/metrics.js';
import { RedisStore } from '../src/store/redis.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  FakeGraphApi,
  type Json,
  PHONE_NUMBER_ID,
  type Shown,
  VERIFY_TOKEN,
  WEBHOOK,
} from './graph-api.js';
import { message, notification, sign } from './whatsapp-updates.js';

export interface Harness {
  app: FastifyInstance;
  wa: WhatsApp;
  graph: FakeGraphApi;
  metrics: Metrics;
  deps: DialogueDeps;
  store: RedisStore;
  /** Posts a body signed with the app secret and waits until every message in it is answered. */
  post(body: Json | string, headers?: Record<string, string>): Promise<number>;
  /** Posts a signed body and resolves with the status as Meta would get it, without waiting for answers. */
  deliver(body: Json | string): Promise<number>;
  close(): Promise<void>;
}

export async function whatsappHarness(
  redis: Redis,
  prefix: string,
  options: {
    /** The dialogue's content: flows, texts, lexicon (tests pass theirs, the bench the production ones). */
    deps: DialogueDeps;
    log?: Logger;
    reopenTemplate?: string;
    bodyLimit?: number;
    /** Waits between retries of a send (tests: without waiting; what is checked is that they happen). */
    retryDelaysMs?: number[];
    /** The intake's settings (defaults as in production), and the flood limit (default 1000 in 10 s). */
    claimAfterMs?: number;
    concurrency?: number;
    floodPerWindow?: number;
    queueMaxLength?: number;
    queueMaxAgeMs?: number;
    graphConnections?: number;
    /** false: the intake is not read until `h.wa.channel.start()` (a process that died after its 200s). */
    start?: boolean;
    /** Another harness's fake Graph API (two instances, one Meta). */
    graph?: FakeGraphApi;
    /** Reads pictures (src/infra/ocr.ts, or a test's own); without it, captions only. */
    pictures?: PictureReader;
    /** Counsellor requests (src/wiring.ts createHandoff's `tickets`): without them, the hotline. */
    tickets?: TurnTickets;
  },
): Promise<Harness> {
  const ownGraph = !options.graph;
  const graph = options.graph ?? (await new FakeGraphApi().start());
  const metrics = createMetrics();
  const log = options.log ?? createLogger('silent');
  const deps = options.deps;
  const store = new RedisStore(redis, { prefix, ttlSeconds: 3600 });
  const service = new DialogueService({
    deps,
    store,
    log,
    metrics,
    pictures: options.pictures,
    tickets: options.tickets,
  });
  const wa = createWhatsApp(
    {
      token: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      apiUrl: graph.url,
      ...(options.reopenTemplate ? { reopenTemplate: options.reopenTemplate } : {}),
    },
    {
      service,
      store,
      redis,
      prefix,
      t: deps.t,
      log,
      metrics,
      bodyLimit: options.bodyLimit ?? 100_000,
      retryDelaysMs: options.retryDelaysMs ?? [1, 1, 1],
      ...(options.claimAfterMs ? { claimAfterMs: options.claimAfterMs } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      // Tests answer as fast as a machine can: the flood limit only where a test sets it.
      floodPerWindow: options.floodPerWindow ?? 1000,
      ...(options.queueMaxLength ? { queueMaxLength: options.queueMaxLength } : {}),
      ...(options.queueMaxAgeMs ? { queueMaxAgeMs: options.queueMaxAgeMs } : {}),
      ...(options.graphConnections ? { graphConnections: options.graphConnections } : {}),
    },
  );
  if (options.start !== false) await wa.channel.start();
  const app = createHttpServer({ metrics, ready: async () => true, whatsapp: wa.plugin, bodyLimit: 100_000 });
  await app.ready();
  return {
    app,
    wa,
    graph,
    metrics,
    deps,
    store,
    async post(body, headers) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await app.inject({
        method: 'POST',
        url: WEBHOOK,
        payload: raw,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw), ...headers },
      });
      await wa.channel.idle();
      return res.statusCode;
    },
    async deliver(body) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await app.inject({
        method: 'POST',
        url: WEBHOOK,
        payload: raw,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
      });
      return res.statusCode;
    },
    async close() {
      await wa.channel.stop(0);
      await app.close();
      if (ownGraph) await graph.stop();
    },
  };
}

/** One person writing to tekser on WhatsApp. */
export class WaPerson {
  constructor(
    readonly h: Harness,
    readonly waId: string,
  ) {}

  /** Sends these messages in one POST and returns what tekser sent this person in answer. */
  async send(...messages: Json[]): Promise<Shown[]> {
    const mark = this.h.graph.accepted.length;
    const status = await this.h.post(notification(messages));
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.h.graph.sentTo(this.waId, mark);
  }

  text(body: string, fields: Json = {}): Promise<Shown[]> {
    return this.send(message('text', this.waId, { text: { body }, ...fields }));
  }

  of(kind: string, fields: Json = {}): Promise<Shown[]> {
    return this.send(message(kind, this.waId, fields));
  }

  lastInteractive(): Shown {
    const last = this.h.graph
      .sentTo(this.waId)
      .filter((m) => m.kind === 'buttons' || m.kind === 'list')
      .at(-1);
    if (!last) throw new Error('no buttons or list yet');
    return last;
  }

  /** Presses the button or picks the list row with this id, as WhatsApp reports it. */
  press(id: string, on: Shown = this.lastInteractive()): Promise<Shown[]> {
    const title = on.options.find((o) => o.id === id)?.title ?? 'x';
    const interactive =
      on.kind === 'list'
        ? { type: 'list_reply', list_reply: { id, title } }
        : { type: 'button_reply', button_reply: { id, title } };
    return this.send(message('interactive-button-reply', this.waId, { interactive }));
  }

  /** Picks the answer whose option id is `option` on the current question. */
  answer(option: string): Promise<Shown[]> {
    const on = this.lastInteractive();
    const found = on.options.find((o) => o.id.endsWith(`:${option}`) || o.id === option);
    if (!found) throw new Error(`no answer "${option}" in: ${on.options.map((o) => o.id).join(' ')}`);
    return this.press(found.id, on);
  }

  /** The option ids of the question asked last. */
  options(): string[] {
    return this.lastInteractive()
      .options.filter((o) => !o.id.startsWith('L:') && !o.id.startsWith('M:'))
      .map((o) => o.id.slice(o.id.indexOf(':') + 1));
  }
}
