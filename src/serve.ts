import { run } from '@grammyjs/runner';
import { Api } from 'grammy';
import type { Redis } from 'ioredis';
import type { DialogueService } from './app/dialogue-service.js';
import type { PersonSender } from './channels/sender.js';
import { createBot, publishCommands, telegramSender } from './channels/telegram/bot.js';
import {
  isForum,
  type OperatorsDeps,
  operatorsChatNow,
  rememberMovedChat,
  telegramDesk,
  WIZARD_STEP_MS,
} from './channels/telegram/operators/index.js';
import { telegramWebhook } from './channels/telegram/webhook.js';
import { createWhatsApp, type WhatsAppSettings } from './channels/whatsapp/index.js';
import { type Config, ConfigError, safeUrl } from './config.js';
import { type DialogueDeps, hotlineText } from './domain/dialogue/index.js';
import { detectLanguage } from './domain/language.js';
import { loadCannedReplies, loadReferrals } from './infra/desk-content.js';
import { createDialogueDeps } from './infra/dialogue-deps.js';
import { createHttpServer, TELEGRAM_WEBHOOK_PATH } from './infra/http-server.js';
import { createLogger, type Logger } from './infra/logger.js';
import { createMetrics, type Metrics } from './infra/metrics.js';
import { loadSharp, PictureReader, tesseractAvailable } from './infra/ocr.js';
import { type IntelStore, intelStoreFor } from './store/intel.js';
import { redisJsonStorage } from './store/json-storage.js';
import { migrateTelegramKeys } from './store/key-migration.js';
import { handoffKeys } from './store/keys.js';
import { cannedListFirstPress, cannedListRelease } from './store/once.js';
import { connectRedis, RedisStore } from './store/redis.js';
import { createDialogueService, createHandoff, type Handoff } from './wiring.js';

/**
 * Serving the configured channels: Telegram (webhook or polling), WhatsApp, the HTTP server, the handoff
 * to the counsellors, and shutting them down in order. Kept apart from src/main.ts so that a start
 * without a channel (the terminal chat) loads none of it: main.ts imports this file only dynamically,
 * once a channel is configured, and nothing else imports it (`npm run lint`: biome.json).
 */

/** Pictures of ads are read when tesseract is installed (the Docker image has it); else captions only. */
function pictureReader(log: Logger): PictureReader | undefined {
  if (tesseractAvailable()) {
    // A server that reads pictures loads sharp now, not while the first picture waits (and a broken
    // libvips shows in the log at start, not as a first picture that fails).
    loadSharp().catch(() =>
      log.error({ event: 'sharp_unavailable' }, 'sharp could not be loaded: pictures will fail'),
    );
    return new PictureReader();
  }
  log.warn('tesseract is not installed: pictures are not read, only their captions (docs/ocr.md)');
  return undefined;
}

/** Updates tekser handles; Telegram sends no others (in both modes). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;
/** Shutting down takes at most this long; then the process exits anyway. */
const SHUTDOWN_MS = 10_000;

/** What every channel shares: one Redis, one store, one logger and metrics. */
interface Shared {
  config: Config;
  log: Logger;
  metrics: Metrics;
  redis: Redis;
  store: RedisStore;
  deps: DialogueDeps;
}

/**
 * A Resolve wizard's state is kept this long in Redis after its last answer: its questions wait
 * WIZARD_STEP_MS (30 minutes) each, so an hour outlives every one of them; then the key is gone.
 */
const WIZARD_TTL_SECONDS = 2 * (WIZARD_STEP_MS / 1000);

/**
 * The Telegram bot, ready to start once the HTTP server listens: its webhook handler (webhook mode), and
 * `start`, which registers the webhook or starts polling and gives back how to stop taking updates.
 */
async function prepareTelegram(
  token: string,
  s: Shared,
  service: DialogueService,
  operators: OperatorsDeps | undefined,
) {
  const { config, log, metrics, redis, store, deps } = s;
  const bot = createBot(token, {
    service,
    log,
    metrics,
    personKeySecret: config.PERSON_KEY_SECRET,
    ...(operators ? { operators } : {}),
    ...(config.TELEGRAM_API_ROOT ? { client: { apiRoot: config.TELEGRAM_API_ROOT } } : {}),
    rateLimit: {
      redis,
      prefix: config.REDIS_PREFIX,
      perWindow: config.RATE_LIMIT_PER_10S,
      windowMs: 10_000,
      notice: (code) => deps.t(detectLanguage(undefined, code))('common.slow_down'),
      counsellors: {
        perWindow: config.COUNSELLOR_RATE_LIMIT_PER_10S,
        notice: () => deps.t(config.OPERATORS_LANG)('ops.slow_down'),
      },
      prefetch: {
        keyFor: (id) => store.keyOf({ channel: 'tg', id }),
        store: (key, raw) => store.prefetch(key, raw),
      },
    },
  });
  await bot.init();
  // The command menu is a nicety: a failure to set it must not stop the bot.
  const desk = operators ? { chatId: operators.chatId, t: operators.t } : undefined;
  await publishCommands(bot.api, deps.t, desk).catch((err: unknown) =>
    log.warn({ err: (err as Error)?.name }, 'setMyCommands failed'),
  );
  const url = config.TELEGRAM_WEBHOOK_URL;
  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  // Requests without Telegram's secret header are refused (401) before any update is read; the others
  // are answered at once and handled after, each update id once (src/channels/telegram/webhook.ts).
  const webhook =
    url && secret
      ? telegramWebhook({ bot, secret, redis, prefix: config.REDIS_PREFIX, log, metrics })
      : undefined;
  const start = async (): Promise<(() => Promise<void>) | undefined> => {
    if (url && secret) {
      await bot.api.setWebhook(new URL(TELEGRAM_WEBHOOK_PATH, url).toString(), {
        secret_token: secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      log.info({ bot: bot.botInfo.username, mode: 'webhook', port: config.PORT }, 'telegram started');
      return undefined;
    }
    // A webhook left from an earlier run would make polling fail.
    await bot.api.deleteWebhook().catch(() => undefined);
    const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    log.info({ bot: bot.botInfo.username, mode: 'polling', port: config.PORT }, 'telegram started');
    return async () => {
      if (runner.isRunning()) await runner.stop();
    };
  };
  return { webhook, start };
}

/**
 * Counsellor requests go to the operators' Telegram chat when OPERATORS_CHAT_ID and a Telegram token are
 * set, from people on every channel; without them, "talk to a counsellor" gives the hotline. The
 * operators' chat is written to with its own Api: the outbox has its own retries and backoff.
 * `senders` gets the Telegram sender here; WhatsApp's joins it once its channel exists.
 */
async function startHandoff(
  s: Shared,
  token: string | undefined,
  senders: Map<string, PersonSender>,
  intel: IntelStore | undefined,
): Promise<{ handoff: Handoff; operators: OperatorsDeps } | undefined> {
  const { config, log, deps, redis } = s;
  const configured = config.OPERATORS_CHAT_ID;
  if (configured === undefined || !token) {
    log.warn(
      'OPERATORS_CHAT_ID (with a Telegram token) is not set: "talk to a counsellor" gives the hotline only',
    );
    return undefined;
  }
  // A group upgraded to a supergroup has a new id: followed once seen, and kept across restarts.
  const chatId = await operatorsChatNow(redis, config.REDIS_PREFIX, configured);
  if (chatId !== configured) log.info("the operators' chat is the supergroup its group became");
  const api = new Api(token, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : undefined);
  const t = deps.t(config.OPERATORS_LANG);
  const forum = await isForum(api, chatId).catch((err: unknown) => {
    log.warn({ err: (err as Error)?.name }, "the operators' chat could not be read; cards go without topics");
    return false;
  });
  senders.set('tg', telegramSender(api));
  const referrals = loadReferrals();
  const handoff = createHandoff({
    config,
    redis,
    deps,
    store: s.store,
    desk: telegramDesk(api, chatId, forum, t, (to) => {
      // From now on, counsellors' actions are read in the new chat, and cards go there.
      operators.chatId = to;
      log.warn(
        "the operators' group became a supergroup: following it (set OPERATORS_CHAT_ID to its new id)",
      );
      rememberMovedChat(redis, config.REDIS_PREFIX, configured, to).catch(() => undefined);
    }),
    senders,
    log,
    metrics: s.metrics,
    referrals,
  });
  const operators: OperatorsDeps = {
    chatId,
    tickets: handoff.tickets,
    stats: handoff.stats,
    t,
    timeZone: config.TIMEZONE,
    wizard: {
      prefix: handoffKeys(config.REDIS_PREFIX).resolveWizard,
      storage: redisJsonStorage(redis, WIZARD_TTL_SECONDS),
      referrals,
      followUpMaxDays: config.TICKET_RETENTION_DAYS,
      lang: config.OPERATORS_LANG,
    },
    log,
    ...(config.COUNSELLOR_IDS ? { counsellorIds: config.COUNSELLOR_IDS } : {}),
    ...(intel ? { intel } : {}),
    canned: {
      replies: loadCannedReplies(),
      hotlineLine: (lang) => hotlineText(deps, deps.t(lang)),
      lang: config.OPERATORS_LANG,
      firstPress: cannedListFirstPress(redis, config.REDIS_PREFIX),
      releasePress: cannedListRelease(redis, config.REDIS_PREFIX),
    },
  };
  return { handoff, operators };
}

/** Serves the configured channels (Telegram, WhatsApp, or both) on one HTTP server, one Redis, one store. */
export async function serve(
  config: Config,
  telegramToken: string | undefined,
  whatsapp: WhatsAppSettings | undefined,
) {
  const log = createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  // A serving process reads the holiday calendar now (about a quarter of a second), not in the middle of
  // the first counsellor request, where the synchronous load would hold up every chat.
  config.WORKING_HOURS.daysOff?.has('');
  const redis = await connectRedis(
    { url: config.redisUrl, sentinels: config.REDIS_SENTINELS, sentinelName: config.REDIS_SENTINEL_NAME },
    3000,
  );
  if (!redis) {
    const needs =
      telegramToken && whatsapp
        ? 'Telegram and WhatsApp need'
        : telegramToken
          ? 'Telegram needs'
          : 'WhatsApp needs';
    const where = config.REDIS_SENTINELS
      ? `The Sentinels at ${config.REDIS_SENTINELS.map((s) => `${s.host}:${s.port}`).join(', ')} do not name a Redis primary "${config.REDIS_SENTINEL_NAME}" that answers`
      : `Redis at ${safeUrl(config.redisUrl)} does not answer`;
    throw new ConfigError(`${where}; ${needs} Redis`);
  }
  const store = new RedisStore(redis, {
    prefix: config.REDIS_PREFIX,
    ttlSeconds: config.STATE_TTL_DAYS * 86_400,
    onRoundTrip: (op, seconds) => metrics.redisSeconds.observe({ op }, seconds),
  });
  // Keys that still name a Telegram person by their id move to their keyed names before any update is
  // taken in (two instances starting at once take turns), so a deploy loses no one's place or request.
  if (telegramToken && config.PERSON_KEY_SECRET) {
    const moved = await migrateTelegramKeys(redis, {
      prefix: config.REDIS_PREFIX,
      secret: config.PERSON_KEY_SECRET,
    });
    if (Object.values(moved).some((n) => n > 0)) log.info(moved, 'telegram keys moved to keyed names');
  }
  const deps = await createDialogueDeps(config);
  const shared: Shared = { config, log, metrics, redis, store, deps };

  // "Seen before", when INTEL_SECRET is set: looked up and recorded around a person's turn.
  const intel = intelStoreFor(redis, config);
  const senders = new Map<string, PersonSender>();
  const handoff = await startHandoff(shared, telegramToken, senders, intel);
  const service = createDialogueService({
    config,
    deps,
    store,
    log,
    metrics,
    counted: true,
    handoff: handoff?.handoff,
    intel,
    pictures: pictureReader(log),
  });
  const wa = whatsapp
    ? createWhatsApp(whatsapp, {
        service,
        store,
        redis,
        prefix: config.REDIS_PREFIX,
        t: deps.t,
        log,
        metrics,
        floodPerWindow: config.RATE_LIMIT_PER_10S,
        concurrency: config.WHATSAPP_CONCURRENCY,
        graphConnections: config.WHATSAPP_GRAPH_CONNECTIONS,
        queueMaxLength: config.WHATSAPP_QUEUE_MAX_LENGTH,
        queueMaxAgeMs: config.WHATSAPP_QUEUE_MAX_AGE_MINUTES * 60_000,
        claimAfterMs: config.WHATSAPP_CLAIM_AFTER_S * 1000,
        bodyLimit: config.WHATSAPP_BODY_LIMIT_KB * 1024,
      })
    : undefined;
  if (wa) senders.set('wa', wa.sender);
  const telegram = telegramToken
    ? await prepareTelegram(telegramToken, shared, service, handoff?.operators)
    : undefined;
  const http = createHttpServer({
    metrics,
    ready: async () => (await store.ping()) && deps.flows.size > 0,
    ...(telegram?.webhook ? { telegram: { handler: telegram.webhook.handler as never } } : {}),
    ...(wa ? { whatsapp: wa.plugin } : {}),
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_S * 1000,
  });
  await http.listen({ port: config.PORT, host: '0.0.0.0' });
  const stopPolling = await telegram?.start();
  if (wa) {
    await wa.channel.start();
    log.info({ port: config.PORT, graph: safeUrl(whatsapp?.apiUrl ?? '') }, 'whatsapp started');
  }
  handoff?.handoff.outbox.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), SHUTDOWN_MS).unref();
    try {
      // Stop taking updates: WhatsApp's webhook answers 503 from now on (Meta delivers again later, to
      // whichever instance is up), and the messages being answered are finished while the others stay
      // pending in the intake stream for another instance; then close the rest in order.
      const whatsappStopped = wa?.channel.stop(SHUTDOWN_MS - 2500);
      await stopPolling?.();
      await http.close();
      // Telegram's updates already answered 200 are finished here: Telegram will not send them again.
      await telegram?.webhook?.drain(SHUTDOWN_MS - 2500);
      await whatsappStopped;
      await handoff?.handoff.outbox.stop();
      await store.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
