import { run } from '@grammyjs/runner';
import { webhookCallback } from 'grammy';
import { createDialogueDeps } from './app.js';
import { startConsole } from './channels/console/cli.js';
import { createBot, publishCommands } from './channels/telegram/bot.js';
import { type Config, ConfigError, loadConfig, loadDotEnv, safeUrl } from './config.js';
import { detectLanguage } from './domain/language.js';
import { createHttpServer, TELEGRAM_WEBHOOK_PATH } from './http/server.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { DialogueService } from './service.js';
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
  const bot = createBot(token, {
    service: new DialogueService(deps, store, log, metrics),
    log,
    metrics,
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

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), SHUTDOWN_MS).unref();
    try {
      // Stop taking updates and let the ones in flight finish, then close the rest in order.
      await stopPolling?.();
      await http.close();
      await store.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
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
