import { run } from '@grammyjs/runner';
import { Api, webhookCallback } from 'grammy';
import type { Redis } from 'ioredis';
import { createDialogueDeps } from './app.js';
import { startConsole } from './channels/console/cli.js';
import { createBot, publishCommands, telegramSender } from './channels/telegram/bot.js';
import { isForum, type OperatorsDeps, telegramDesk } from './channels/telegram/operators.js';
import { type Config, ConfigError, loadConfig, loadDotEnv, safeUrl } from './config.js';
import type { DialogueDeps } from './domain/dialogue.js';
import { detectLanguage } from './domain/language.js';
import type { Handoff } from './handoff/handoff.js';
import { createHandoff } from './handoff/setup.js';
import { createHttpServer, TELEGRAM_WEBHOOK_PATH } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { DialogueService } from './service.js';
import { handoffKeys, statsKey } from './store/keys.js';
import { connectRedis, RedisStore } from './store/redis.js';

/** Updates tekser handles; Telegram sends no others (in both modes). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;
/** Shutting down takes at most this long; then the process exits anyway. */
const SHUTDOWN_MS = 10_000;

async function startTelegram(config: Config, token: string): Promise<void> {
  const log = createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  const redis = await connectRedis(config.redisUrl, 3000);
  if (!redis)
    throw new ConfigError(`Redis at ${safeUrl(config.redisUrl)} does not answer; Telegram needs Redis`);
  const store = new RedisStore(redis, {
    prefix: config.REDIS_PREFIX,
    ttlSeconds: config.STATE_TTL_DAYS * 86_400,
    onRoundTrip: (op, seconds) => metrics.redisSeconds.observe({ op }, seconds),
  });
  const deps = await createDialogueDeps(config);
  const service = new DialogueService(deps, store, log, metrics, {
    keyOf: (date) => statsKey(config.REDIS_PREFIX, date),
    timeZone: config.TIMEZONE,
  });
  const handoff = await startHandoff(config, token, redis, deps, service, log, metrics);
  const bot = createBot(token, {
    service,
    log,
    metrics,
    ...(handoff ? { operators: handoff.operators } : {}),
    ...(config.TELEGRAM_API_ROOT ? { client: { apiRoot: config.TELEGRAM_API_ROOT } } : {}),
    rateLimit: {
      redis,
      prefix: config.REDIS_PREFIX,
      perWindow: config.RATE_LIMIT_PER_10S,
      windowMs: 10_000,
      notice: (code) => deps.t(detectLanguage(undefined, code))('common.slow_down'),
      prefetch: {
        keyFor: (id) => store.keyOf({ channel: 'tg', id }),
        store: (key, raw) => store.prefetch(key, raw),
      },
    },
  });
  await bot.init();
  // The command menu is a nicety: a failure to set it must not stop the bot.
  await publishCommands(bot, deps.t).catch((err: unknown) =>
    log.warn({ err: (err as Error)?.name }, 'setMyCommands failed'),
  );

  const webhook = config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET;
  const http = createHttpServer({
    metrics,
    ready: async () => (await store.ping()) && deps.flows.size > 0,
    ...(webhook
      ? {
          telegram: {
            // Requests without Telegram's secret header are refused (401) before any update is read.
            handler: webhookCallback(bot, 'fastify', {
              secretToken: config.TELEGRAM_WEBHOOK_SECRET,
            }) as never,
          },
        }
      : {}),
  });
  await http.listen({ port: config.PORT, host: '0.0.0.0' });

  let stopPolling: (() => Promise<void>) | undefined;
  if (webhook && config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET) {
    const url = new URL(TELEGRAM_WEBHOOK_PATH, config.TELEGRAM_WEBHOOK_URL).toString();
    await bot.api.setWebhook(url, {
      secret_token: config.TELEGRAM_WEBHOOK_SECRET,
      allowed_updates: [...ALLOWED_UPDATES],
    });
    log.info({ bot: bot.botInfo.username, mode: 'webhook', port: config.PORT }, 'telegram started');
  } else {
    // A webhook left from an earlier run would make polling fail.
    await bot.api.deleteWebhook().catch(() => undefined);
    const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    stopPolling = async () => {
      if (runner.isRunning()) await runner.stop();
    };
    log.info({ bot: bot.botInfo.username, mode: 'polling', port: config.PORT }, 'telegram started');
  }

  handoff?.handoff.start();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), SHUTDOWN_MS).unref();
    try {
      // Stop taking updates and let the ones in flight finish, then close the rest in order.
      await stopPolling?.();
      await handoff?.handoff.stop();
      await http.close();
      await store.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Counsellor requests go to the operators' chat when OPERATORS_CHAT_ID is set; without it, "talk to a
 * counsellor" gives the hotline. The operators' chat is written to with its own Api: the outbox has its
 * own retries and backoff, and a person's replies must not wait behind it.
 */
async function startHandoff(
  config: Config,
  token: string,
  redis: Redis,
  deps: DialogueDeps,
  service: DialogueService,
  log: Logger,
  metrics: Metrics,
): Promise<{ handoff: Handoff; operators: OperatorsDeps } | undefined> {
  const chatId = config.OPERATORS_CHAT_ID;
  if (chatId === undefined) {
    log.warn('OPERATORS_CHAT_ID is not set: "talk to a counsellor" gives the hotline only');
    return undefined;
  }
  const api = new Api(token, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : undefined);
  const t = deps.t(config.OPERATORS_LANG);
  const forum = await isForum(api, chatId).catch((err: unknown) => {
    log.warn({ err: (err as Error)?.name }, "the operators' chat could not be read; cards go without topics");
    return false;
  });
  const { handoff, stats } = createHandoff({
    config,
    redis,
    deps,
    service,
    desk: telegramDesk(api, chatId, forum, t),
    senders: new Map([['tg', telegramSender(api)]]),
    log,
    metrics,
  });
  const operators: OperatorsDeps = {
    chatId,
    handoff,
    stats,
    t,
    timeZone: config.TIMEZONE,
    redis,
    wizardPrefix: handoffKeys(config.REDIS_PREFIX).resolveWizard,
    log,
    ...(config.COUNSELLOR_IDS ? { counsellorIds: config.COUNSELLOR_IDS } : {}),
  };
  return { handoff, operators };
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (config.TELEGRAM_BOT_TOKEN) {
    await startTelegram(config, config.TELEGRAM_BOT_TOKEN);
    return;
  }
  process.stderr.write(
    'No TELEGRAM_BOT_TOKEN set: starting the terminal chat (npm run chat -- --help for options).\n',
  );
  await startConsole(process.argv.slice(2));
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `tekser: ${err instanceof ConfigError ? err.message : (err as Error)?.stack || String(err)}\n`,
  );
  process.exit(1);
});
