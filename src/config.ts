import { z } from 'zod';
import { parseWorkingHours } from './domain/hours.js';

/** The environment, read once at start; a bad value stops start-up with one clear line. */
const EnvSchema = z.object({
  REDIS_URL: z.string().url().optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" and "-" only')
    .default('tekser:'),
  STATE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  HOTLINE_PHONE: z.string().min(3).max(40).default('+7 (3252) 56-27-32'),
  HOTLINE_HOURS: z
    .string()
    .default('Mon-Fri 09:00-18:00')
    .transform((v, ctx) => {
      const parsed = parseWorkingHours(v);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: 'expected days and hours like "Mon-Fri 09:00-18:00"' });
        return z.NEVER;
      }
      return parsed;
    }),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, 'expected a token from @BotFather, like 123456:ABC...')
    .optional(),
  TELEGRAM_API_ROOT: z.string().url().optional(),
  /** With both set, Telegram sends updates to this URL instead of being polled. */
  TELEGRAM_WEBHOOK_URL: z
    .string()
    .url()
    .startsWith('https://', 'Telegram sends webhooks only to https:// URLs')
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16 to 256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** How many updates one person may send in 10 seconds before the bot asks them to slow down. */
  RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * The key of "seen before": contacts are kept only as HMACs with it. Unset, nothing is recorded or
   * looked up. Changing it starts the counts afresh (old keys can no longer be found, and expire).
   */
  INTEL_SECRET: z
    .string()
    .min(32, 'at least 32 characters: generate one with `openssl rand -hex 32`')
    .optional(),
  /** Days the counts and fingerprints of checked ads are kept after the last check that touched them. */
  INTEL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof EnvSchema> & { redisUrlGiven: boolean; redisUrl: string };

function webhookPair(env: z.infer<typeof EnvSchema>): string | undefined {
  if (!!env.TELEGRAM_WEBHOOK_URL !== !!env.TELEGRAM_WEBHOOK_SECRET) {
    return 'TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET go together: set both for webhook mode, or neither';
  }
  return undefined;
}

/** Reads a .env file in the working directory, if there is one; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch {
    // No .env: the environment alone.
  }
}

/** A URL fit for a message: without its user name and password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const pair = webhookPair(parsed.data);
  if (pair) throw new ConfigError(`configuration: ${pair}`);
  return {
    ...parsed.data,
    redisUrlGiven: parsed.data.REDIS_URL !== undefined,
    redisUrl: parsed.data.REDIS_URL ?? DEFAULT_REDIS_URL,
  };
}
