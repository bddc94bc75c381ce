import { run } from '@grammyjs/runner';
import { createDialogueDeps } from './app.js';
import { startConsole } from './channels/console/cli.js';
import { createBot, publishCommands } from './channels/telegram/bot.js';
import { ConfigError, loadConfig, loadDotEnv, safeUrl } from './config.js';
import { createLogger } from './logger.js';
import { DialogueService } from './service.js';
import { connectRedis, RedisStore } from './store/redis.js';

async function startTelegram(token: string): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const redis = await connectRedis(config.redisUrl, 3000);
  if (!redis)
    throw new ConfigError(`Redis at ${safeUrl(config.redisUrl)} does not answer; Telegram needs Redis`);
  const store = new RedisStore(redis, {
    prefix: config.REDIS_PREFIX,
    ttlSeconds: config.STATE_TTL_DAYS * 86_400,
  });
  const deps = await createDialogueDeps(config);
  const bot = createBot(token, {
    service: new DialogueService(deps, store, log),
    log,
    ...(config.TELEGRAM_API_ROOT ? { client: { apiRoot: config.TELEGRAM_API_ROOT } } : {}),
  });
  await bot.init();
  // The command menu is a nicety: a failure to set it must not stop the bot.
  await publishCommands(bot, deps.t).catch((err: unknown) =>
    log.warn({ err: (err as Error)?.name }, 'setMyCommands failed'),
  );
  const runner = run(bot, {
    runner: { fetch: { allowed_updates: ['message', 'edited_message', 'callback_query'] } },
  });
  log.info({ bot: bot.botInfo.username, mode: 'polling' }, 'telegram started');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    if (runner.isRunning()) await runner.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await runner.task();
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (config.TELEGRAM_BOT_TOKEN) {
    await startTelegram(config.TELEGRAM_BOT_TOKEN);
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
