import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Metrics } from './metrics.js';

export interface HttpDeps {
  metrics: Metrics;
  /** Whether tekser can serve: Redis answers and the flows are loaded. */
  ready: () => Promise<boolean>;
  /** Telegram's webhook, when tekser runs in webhook mode. */
  telegram?: { handler: (request: never, reply: never) => unknown };
  /** WhatsApp's webhook (GET handshake, POST notifications), a plugin with its own raw-body parser. */
  whatsapp?: FastifyPluginAsync;
  /** The largest request body accepted, in bytes; larger ones get 413. */
  bodyLimit?: number;
  /**
   * How long a request may take to arrive, headers and body, in ms (HTTP_REQUEST_TIMEOUT_S): a client
   * that sends its body a byte at a time is answered 408 and its connection closed, instead of holding a
   * socket open for as long as it likes.
   */
  requestTimeoutMs?: number;
}

/** Webhook requests are small and sent at once: ten seconds is plenty, and bounds a slow-body client. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

/**
 * One HTTP server for everything tekser serves on PORT: health, readiness, metrics, and the webhooks.
 * It logs nothing of its own: request bodies are people's messages.
 */
export function createHttpServer(deps: HttpDeps): FastifyInstance {
  const requestTimeout = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: false,
    bodyLimit: deps.bodyLimit ?? 1_000_000,
    // Fastify's default is no limit at all. Node checks the limit every `connectionsCheckingInterval`
    // (30 s by default): checked often enough that the limit is what it says.
    requestTimeout,
    http: {
      requestTimeout,
      headersTimeout: Math.min(60_000, requestTimeout),
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4))),
    },
  });
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const ok = await deps.ready().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ ok });
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
  if (deps.telegram) app.post(TELEGRAM_WEBHOOK_PATH, deps.telegram.handler as never);
  if (deps.whatsapp) app.register(deps.whatsapp);
  return app;
}
