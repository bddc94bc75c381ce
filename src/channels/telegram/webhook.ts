import { createHash, timingSafeEqual } from 'node:crypto';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Redis } from 'ioredis';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { telegramUpdateKey } from '../../store/keys.js';

/**
 * How long an update id is remembered. Telegram delivers an update again only when our answer did not
 * reach it (a timeout, a network cut), within minutes: an hour covers that and keeps the set small.
 */
export const TELEGRAM_UPDATE_SEEN_SECONDS = 3600;

/** The parts of a fastify request and reply the webhook reads, so this room does not import fastify. */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}
export interface WebhookReply {
  code(status: number): { send(payload?: unknown): unknown };
}

export interface TelegramWebhookDeps {
  bot: Bot;
  /** Telegram's `X-Telegram-Bot-Api-Secret-Token`, set with setWebhook. */
  secret: string;
  redis: Redis;
  prefix: string;
  log: Logger;
  metrics?: Metrics;
  seenSeconds?: number;
}

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Compared in constant time, lengths included (both sides hashed first). */
function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

function isUpdate(body: unknown): body is Update {
  return (
    typeof body === 'object' &&
    body !== null &&
    Number.isSafeInteger((body as { update_id?: unknown }).update_id)
  );
}

/**
 * Telegram's webhook, answered before the update is handled. grammY's own `webhookCallback` waits for
 * the handling and answers 500 after 10 s, and Telegram then delivers the same update again: the person
 * was answered twice. Here each update id is claimed once in Redis (SET NX with a short TTL, shared by
 * every instance), Telegram gets its 200 at once, and the update is handled after; a repeated delivery
 * is acknowledged and skipped. Handling goes on in the background: `drain` waits for it at shutdown.
 */
export function telegramWebhook(deps: TelegramWebhookDeps) {
  const inFlight = new Set<Promise<void>>();
  const seenSeconds = deps.seenSeconds ?? TELEGRAM_UPDATE_SEEN_SECONDS;

  const handle = (update: Update) => {
    const task = deps.bot
      .handleUpdate(update)
      .catch((err: unknown) => {
        // bot.catch has seen middleware errors; this is what is left (ids and kinds only).
        deps.metrics?.errors.inc({ where: 'telegram' });
        deps.log.error({ update_id: update.update_id, kind: (err as Error)?.name }, 'update failed');
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const handler = async (request: WebhookRequest, reply: WebhookReply): Promise<void> => {
    if (!sameSecret(request.headers[SECRET_HEADER], deps.secret)) {
      reply.code(401).send('"unauthorized"');
      return;
    }
    const update = request.body;
    if (!isUpdate(update)) {
      reply.code(400).send();
      return;
    }
    let first: boolean;
    try {
      const key = telegramUpdateKey(deps.prefix, update.update_id);
      first = (await deps.redis.set(key, '1', 'EX', seenSeconds, 'NX')) === 'OK';
    } catch {
      // Redis away: the update could not be handled anyway; Telegram delivers it again later.
      deps.metrics?.errors.inc({ where: 'telegram-webhook' });
      reply.code(503).send();
      return;
    }
    reply.code(200).send();
    if (first) handle(update);
    else deps.log.debug({ update_id: update.update_id }, 'telegram update delivered again: skipped');
  };

  /** Waits for the updates being handled, at most `ms`. */
  const drain = async (ms: number): Promise<void> => {
    if (inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), late]);
    clearTimeout(timer);
  };

  return { handler, drain, inFlight: () => inFlight.size };
}
