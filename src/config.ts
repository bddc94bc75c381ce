import { z } from 'zod';
import { isTimeZone, parseWorkingHours, type WorkingHours } from './domain/hours.js';
import { LANGS } from './domain/language.js';
import { DaysOff } from './infra/holidays.js';

/** The NGO's hotline from the seed article, with today's area code. */
export const DEFAULT_HOTLINE_PHONE = '+7 (7252) 56-27-32';

/** The Graph API version tekser is written and tested against; `WHATSAPP_API_URL` can point elsewhere. */
export const GRAPH_API_VERSION = 'v23.0';
export const DEFAULT_GRAPH_API_URL = `https://graph.facebook.com/${GRAPH_API_VERSION}`;

const hoursSchema = z.string().transform((v, ctx) => {
  const parsed = parseWorkingHours(v);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'expected days and hours like "Mon-Fri 09:00-18:00"' });
    return z.NEVER;
  }
  return parsed;
});

/** "2026-12-31", a day that exists (not 2026-02-30). */
function isCalendarDate(d: string): boolean {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
}

/** The environment, read once at start; a bad value stops start-up with one clear line. */
const EnvSchema = z.object({
  REDIS_URL: z.string().url().optional(),
  /** Sentinels (`host:port,host:port`) that name the Redis primary and follow it over a failover. */
  REDIS_SENTINELS: z
    .string()
    .regex(/^\s*[^\s:,]+:\d{1,5}(\s*,\s*[^\s:,]+:\d{1,5})*\s*$/, 'host:port pairs separated by commas')
    .transform((v) =>
      v.split(',').map((pair) => {
        const [host = '', port = ''] = pair.trim().split(':');
        return { host, port: Number(port) };
      }),
    )
    .optional(),
  /** The primary's name in the Sentinels' configuration (`sentinel monitor <name> …`). */
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'the name given in `sentinel monitor`')
    .default('mymaster'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" and "-" only')
    .default('tekser:'),
  STATE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * The NGO's hotline, given to everyone. The default is the seed article's line with today's code
   * (Shymkent's old 3xx code became 7252 in 2007; +7 3xx is now Russia): good for the terminal chat only —
   * Telegram and WhatsApp refuse to start until it is set explicitly.
   */
  HOTLINE_PHONE: z.string().min(3).max(40).default(DEFAULT_HOTLINE_PHONE),
  /** The NGO's name, as people read it beside the hotline. */
  ORG_NAME: z.string().min(2).max(60).default('Sana Sezim'),
  /** When the hotline answers; the counsellors' WORKING_HOURS when not set. */
  HOTLINE_HOURS: hoursSchema.optional(),
  /** When counsellors work: what a person is told to expect, and how the SLA is counted. */
  WORKING_HOURS: hoursSchema.default(parseWorkingHours('Mon-Fri 09:00-18:00') as WorkingHours),
  /**
   * Days the NGO is closed besides Kazakhstan's public holidays (those are counted already), as dates
   * separated by commas: "2026-12-31,2027-01-02".
   */
  EXTRA_DAYS_OFF: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
    )
    .refine((l) => l.every(isCalendarDate), 'dates like 2026-12-31,2027-01-02')
    .default([]),
  /** Set to "false" to work on Kazakhstan's public holidays too (they are days off by default). */
  PUBLIC_HOLIDAYS: z.enum(['true', 'false']).default('true'),
  TIMEZONE: z.string().default('Asia/Almaty').refine(isTimeZone, 'an IANA time zone such as Asia/Almaty'),
  /** The numbers named in every emergency message, in order. */
  EMERGENCY_PHONES: z
    .string()
    .default('112,102')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .refine((l) => l.length > 0 && l.every((p) => /^\+?[0-9 ()-]{2,20}$/.test(p)), 'numbers like 112,102'),
  /** The counsellors' Telegram group (or forum supergroup) where requests arrive, like -1001234567890. */
  OPERATORS_CHAT_ID: z
    .string()
    .regex(/^-?\d{1,20}$/, 'a Telegram chat id, like -1001234567890')
    .transform(Number)
    .optional(),
  /** Telegram user ids allowed to act on requests; anyone in the operators' chat when not set. */
  COUNSELLOR_IDS: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'Telegram user ids separated by commas')
    .transform((v) => v.split(',').map((p) => Number(p.trim())))
    .optional(),
  /** The language of cards and buttons in the operators' chat. */
  OPERATORS_LANG: z.enum(LANGS).default('ru'),
  /** A request not taken within so many working minutes is announced again. */
  SLA_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Days a closed request keeps the person's details (number, note, who they are) before they are erased. */
  TICKET_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
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
  /** WhatsApp Cloud API: all four of these, or none. */
  WHATSAPP_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{20,1024}$/, 'a permanent access token from Meta')
    .optional(),
  WHATSAPP_APP_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9]{16,128}$/, "the Meta app's secret (App settings > Basic)")
    .optional(),
  WHATSAPP_VERIFY_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{8,256}$/, '8 to 256 printable characters, no spaces')
    .optional(),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .regex(/^\d{5,32}$/, "the number's id (digits), not the phone number")
    .optional(),
  /** The Graph API with its version pinned; a test server in tests. */
  WHATSAPP_API_URL: z.string().url().default(DEFAULT_GRAPH_API_URL),
  /** An approved template sent when a person is outside WhatsApp's 24-hour window. */
  WHATSAPP_TEMPLATE_REOPEN: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, 'a template name: lower-case letters, digits and _')
    .optional(),
  /** WhatsApp messages handled at once by one instance; the rest wait in the intake stream. */
  WHATSAPP_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  /** Requests to the Graph API in flight at once, at most (and so its connections). */
  WHATSAPP_GRAPH_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(32),
  /** Past this many messages waiting in the intake stream, Meta is answered 503 and delivers later. */
  WHATSAPP_QUEUE_MAX_LENGTH: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  /** Messages older than this are trimmed from the intake stream, answered or not: it holds people's words. */
  WHATSAPP_QUEUE_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** The messages a stopped (or killed) instance held are taken over by another after so many seconds. */
  WHATSAPP_CLAIM_AFTER_S: z.coerce.number().int().min(1).max(3600).default(30),
  /** The largest WhatsApp webhook request read, in KB: a larger one gets 413 before it is read further. */
  WHATSAPP_BODY_LIMIT_KB: z.coerce.number().int().min(16).max(4096).default(256),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** How long one HTTP request may take to arrive, headers and body: slower ones get 408, and are closed. */
  HTTP_REQUEST_TIMEOUT_S: z.coerce.number().int().min(1).max(600).default(10),
  /** How many updates one person may send in 10 seconds before the bot asks them to slow down. */
  RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).max(1000).default(20),
  /** The same for a counsellor in the operators' chat (replies, presses, commands), counted apart. */
  COUNSELLOR_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).max(1000).default(60),
  /**
   * The key of "seen before": contacts are kept only as HMACs with it. Unset, nothing is recorded or
   * looked up. Changing it starts the counts afresh (old keys can no longer be found, and expire).
   */
  INTEL_SECRET: z
    .string()
    .min(32, 'at least 32 characters: generate one with `openssl rand -hex 32`')
    .optional(),
  /**
   * The key Telegram ids are hashed with wherever they would name a Redis key (people, counsellors' flood
   * counters, the Resolve wizard). Telegram does not start without it; changing it loses every Telegram
   * person's place and the list of their requests (their keys can no longer be found, and expire).
   */
  PERSON_KEY_SECRET: z
    .string()
    .min(32, 'at least 32 characters: generate one with `openssl rand -hex 32`')
    .optional(),
  /** Days the counts and fingerprints of checked ads are kept after the last check that touched them. */
  INTEL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.infer<typeof EnvSchema>, 'HOTLINE_HOURS'> & {
  HOTLINE_HOURS: WorkingHours;
  redisUrlGiven: boolean;
  redisUrl: string;
  /** HOTLINE_PHONE was set, not left at the default: Telegram and WhatsApp need that. */
  hotlinePhoneGiven: boolean;
};

function webhookPair(env: z.infer<typeof EnvSchema>): string | undefined {
  if (!!env.TELEGRAM_WEBHOOK_URL !== !!env.TELEGRAM_WEBHOOK_SECRET) {
    return 'TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET go together: set both for webhook mode, or neither';
  }
  return undefined;
}

const WHATSAPP_REQUIRED = [
  'WHATSAPP_TOKEN',
  'WHATSAPP_APP_SECRET',
  'WHATSAPP_VERIFY_TOKEN',
  'WHATSAPP_PHONE_NUMBER_ID',
] as const;

function whatsappSet(env: z.infer<typeof EnvSchema>): string | undefined {
  const missing = WHATSAPP_REQUIRED.filter((k) => !env[k]);
  if (missing.length === 0 || missing.length === WHATSAPP_REQUIRED.length) return undefined;
  return `${WHATSAPP_REQUIRED.slice(0, -1).join(', ')} and ${WHATSAPP_REQUIRED.at(-1)} go together: set all four for WhatsApp, or none (missing: ${missing.join(', ')})`;
}

/** WhatsApp's settings when all four are set, else undefined. */
export function whatsappConfig(config: Config) {
  const { WHATSAPP_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, WHATSAPP_PHONE_NUMBER_ID } = config;
  if (!WHATSAPP_TOKEN || !WHATSAPP_APP_SECRET || !WHATSAPP_VERIFY_TOKEN || !WHATSAPP_PHONE_NUMBER_ID)
    return undefined;
  return {
    token: WHATSAPP_TOKEN,
    appSecret: WHATSAPP_APP_SECRET,
    verifyToken: WHATSAPP_VERIFY_TOKEN,
    phoneNumberId: WHATSAPP_PHONE_NUMBER_ID,
    apiUrl: config.WHATSAPP_API_URL,
    reopenTemplate: config.WHATSAPP_TEMPLATE_REOPEN,
  };
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
  const pair = webhookPair(parsed.data) ?? whatsappSet(parsed.data);
  if (pair) throw new ConfigError(`configuration: ${pair}`);
  // Public holidays and the NGO's own days off: no shift begins on them (src/domain/hours.ts). The
  // holidays' calendar is read the first time the set is (src/infra/holidays.ts), not at start-up.
  const daysOff = new DaysOff(
    parsed.data.EXTRA_DAYS_OFF,
    parsed.data.PUBLIC_HOLIDAYS === 'true' ? Date.now() : undefined,
  );
  const working = { ...parsed.data.WORKING_HOURS, daysOff };
  return {
    ...parsed.data,
    WORKING_HOURS: working,
    HOTLINE_HOURS: parsed.data.HOTLINE_HOURS ?? working,
    redisUrlGiven: parsed.data.REDIS_URL !== undefined,
    hotlinePhoneGiven: !!env.HOTLINE_PHONE?.trim(),
    redisUrl: parsed.data.REDIS_URL ?? DEFAULT_REDIS_URL,
  };
}
