import { startConsole } from './channels/console/cli.js';
import { type Io, isEntry, processIo, stdinHasInput } from './cli/io.js';
import { ConfigError, DEFAULT_HOTLINE_PHONE, loadConfig, loadDotEnv, whatsappConfig } from './config.js';

/**
 * `npm start`: serves Telegram and WhatsApp as configured, or runs the terminal chat when neither is.
 * Gives the exit code, or undefined while it serves (it then stops on SIGINT or SIGTERM).
 */
export async function main(argv: string[], io: Io): Promise<number | undefined> {
  try {
    const config = loadConfig(io.env);
    const whatsapp = whatsappConfig(config);
    if (config.TELEGRAM_BOT_TOKEN || whatsapp) {
      // Every verdict and every "Get help now" gives this number to people who may be in danger.
      if (!config.hotlinePhoneGiven)
        throw new ConfigError(
          `HOTLINE_PHONE is not set: Telegram and WhatsApp give it to people in danger, so set the NGO's own line (the default ${DEFAULT_HOTLINE_PHONE} is for the terminal chat only)`,
        );
      // No Telegram id names a key: each is a keyed hash with this secret, which only production holds.
      if (config.TELEGRAM_BOT_TOKEN && !config.PERSON_KEY_SECRET)
        throw new ConfigError(
          'PERSON_KEY_SECRET is not set: Telegram ids are kept in Redis key names only as keyed hashes with it, so set one (openssl rand -hex 32) and keep it',
        );
      // The serving code (grammY, fastify, the channels) is loaded only now: the terminal chat never needs it.
      // biome-ignore lint/style/noRestrictedImports: the one import of serve.ts, dynamic (biome.json).
      const { serve } = await import('./serve.js');
      await serve(config, config.TELEGRAM_BOT_TOKEN, whatsapp);
      return undefined;
    }
    // No channel and nothing to chat with (a container's stdin is empty): a restart would change nothing.
    if (!(await stdinHasInput(io.stdin))) {
      io.stderr.write(
        'tekser: no channel is configured (TELEGRAM_BOT_TOKEN or the WHATSAPP_* settings) and there is no terminal to chat in: set a channel in .env (docs/deploy.md), or run `npm run chat` in a terminal\n',
      );
      return 1;
    }
    io.stderr.write(
      'No TELEGRAM_BOT_TOKEN and no WHATSAPP_* set: starting the terminal chat (npm run chat -- --help for options).\n',
    );
    await startConsole(argv, io);
    return 0;
  } catch (err) {
    io.stderr.write(
      `tekser: ${err instanceof ConfigError ? err.message : (err as Error)?.stack || String(err)}\n`,
    );
    return 1;
  }
}

if (isEntry(import.meta.url)) {
  loadDotEnv();
  main(process.argv.slice(2), processIo()).then((code) => {
    if (code !== undefined) process.exit(code);
  });
}
