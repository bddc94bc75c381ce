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
import { redisSeen } from './seen.js';
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

/** The WhatsApp channel wired as `npm start` runs it: webhook, queue, dedupe, Graph API sender. */
export function createWhatsApp(settings: WhatsAppSettings, deps: WhatsAppDeps): WhatsApp {
  const api = new GraphApi({
    apiUrl: settings.apiUrl,
    phoneNumberId: settings.phoneNumberId,
    token: settings.token,
    metrics: deps.metrics,
    log: deps.log,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
  });
  const store = deps.store;
  const sender = createWhatsAppSender({
    api,
    t: deps.t,
    languageOf: async (id) => {
      const who = whatsappPerson(id, settings.appSecret);
      const state = await (store.reload ? store.reload(who) : store.load(who));
      return state?.lang ?? 'ru';
    },
    ...(settings.reopenTemplate ? { reopenTemplate: settings.reopenTemplate } : {}),
  });
  const channel = createWhatsAppChannel({
    service: deps.service,
    sender,
    seen: redisSeen(deps.redis, {
      prefix: deps.prefix,
      ...(store instanceof RedisStore
        ? { prefetch: { keyFor: (who) => store.keyOf(who), store: (key, raw) => store.prefetch(key, raw) } }
        : {}),
    }),
    log: deps.log,
    tag: (waId) => personTag(waId, settings.appSecret),
    personOf: (waId) => whatsappPerson(waId, settings.appSecret),
    metrics: deps.metrics,
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
