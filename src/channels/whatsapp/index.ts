import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { DialogueService } from '../../app/dialogue-service.js';
import type { Translate } from '../../domain/dialogue/index.js';
import type { Lang } from '../../domain/language.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { RedisStore } from '../../store/redis.js';
import type { Store } from '../../store/store.js';
import type { PersonSender } from '../sender.js';
import { createWhatsAppChannel, type WhatsAppChannel, whatsappPerson } from './channel.js';
import { GraphApi } from './graph.js';
import { RedisIntake } from './intake.js';
import { downloadMedia } from './media.js';
import { numberMover } from './number-change.js';
import { createWhatsAppSender } from './sender.js';
import { personTag } from './signature.js';
import { whatsappWebhook } from './webhook.js';

export { createWhatsAppSender } from './sender.js';
export { WHATSAPP_WEBHOOK_PATH } from './webhook.js';

export interface WhatsAppSettings {
  token: string;
  appSecret: string;
  verifyToken: string;
  phoneNumberId: string;
  apiUrl: string;
  reopenTemplate?: string | undefined;
}

export interface WhatsAppDeps {
  service: DialogueService;
  store: Store;
  redis: Redis;
  /** The deployment's Redis key prefix. */
  prefix: string;
  t: (lang: Lang) => Translate;
  log: Logger;
  metrics: Metrics;
  bodyLimit?: number;
  /** How many messages one person may send in `floodWindowMs` before one notice and silence. */
  floodPerWindow?: number;
  floodWindowMs?: number;
  /** Messages handled at once by this instance (WHATSAPP_CONCURRENCY). */
  concurrency?: number;
  /** Requests to the Graph API at once, at most (WHATSAPP_GRAPH_CONNECTIONS). */
  graphConnections?: number;
  /** The intake stream's limits: entries waiting, and the age past which they are trimmed. */
  queueMaxLength?: number;
  queueMaxAgeMs?: number;
  /** A stopped instance's messages are taken over after this long (WHATSAPP_CLAIM_AFTER_S). */
  claimAfterMs?: number;
  /** For tests and the benchmark: the HTTP client, and how long to wait before retries. */
  fetch?: typeof fetch;
  retryDelaysMs?: readonly number[];
  now?: () => number;
}

export interface WhatsApp {
  /** The webhook routes, for the one HTTP server. */
  plugin: FastifyPluginAsync;
  channel: WhatsAppChannel;
  /** Sends to a WhatsApp person outside a reply (the handoff). */
  sender: PersonSender;
}

/** What a person may send in 10 seconds before the notice, when not configured (as on Telegram). */
const DEFAULT_FLOOD_PER_WINDOW = 20;

/**
 * The WhatsApp channel wired as `npm start` runs it: webhook, intake stream, dedupe, Graph API sender.
 * `channel.start()` begins reading the intake; `channel.stop()` ends it.
 */
export function createWhatsApp(settings: WhatsAppSettings, deps: WhatsAppDeps): WhatsApp {
  const api = new GraphApi({
    apiUrl: settings.apiUrl,
    phoneNumberId: settings.phoneNumberId,
    token: settings.token,
    metrics: deps.metrics,
    log: deps.log,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
    ...(deps.graphConnections ? { maxConnections: deps.graphConnections } : {}),
  });
  const store = deps.store;
  const languageOf = async (id: string): Promise<Lang> => {
    const who = whatsappPerson(id, settings.appSecret);
    const state = await (store.reload ? store.reload(who) : store.load(who));
    return state?.lang ?? 'ru';
  };
  const sender = createWhatsAppSender({
    api,
    t: deps.t,
    languageOf,
    ...(settings.reopenTemplate ? { reopenTemplate: settings.reopenTemplate } : {}),
  });
  const blocking = deps.redis.duplicate();
  blocking.on('error', () => {
    // Reported by the reads that fail; without a listener ioredis prints them.
  });
  const intake = new RedisIntake(deps.redis, blocking, {
    prefix: deps.prefix,
    // Unique per process: a restarted instance is another consumer, and takes over its old self's entries.
    consumer: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    maxLength: deps.queueMaxLength ?? 100_000,
    maxAgeMs: deps.queueMaxAgeMs ?? 30 * 60_000,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const channel = createWhatsAppChannel({
    service: deps.service,
    sender,
    intake,
    ...(store instanceof RedisStore
      ? { prefetch: { keyFor: (who) => store.keyOf(who), store: (key, raw) => store.prefetch(key, raw) } }
      : {}),
    flood: {
      perWindow: deps.floodPerWindow ?? DEFAULT_FLOOD_PER_WINDOW,
      windowMs: deps.floodWindowMs ?? 10_000,
      notice: async (id) => deps.t(await languageOf(id).catch((): Lang => 'ru'))('common.slow_down'),
    },
    log: deps.log,
    tag: (waId) => personTag(waId, settings.appSecret),
    personOf: (waId) => whatsappPerson(waId, settings.appSecret),
    moveNumber: numberMover(deps.redis, deps.prefix, (waId) => whatsappPerson(waId, settings.appSecret)),
    metrics: deps.metrics,
    pictures: (mediaId) =>
      downloadMedia(mediaId, { apiUrl: settings.apiUrl, token: settings.token, fetch: deps.fetch }),
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    ...(deps.claimAfterMs ? { claimAfterMs: deps.claimAfterMs } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const plugin = whatsappWebhook({
    appSecret: settings.appSecret,
    verifyToken: settings.verifyToken,
    phoneNumberId: settings.phoneNumberId,
    accept: (events) => channel.accept(events),
    metrics: deps.metrics,
    ...(deps.bodyLimit ? { bodyLimit: deps.bodyLimit } : {}),
  });
  return { plugin, channel, sender };
}
