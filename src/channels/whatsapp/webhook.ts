import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Metrics } from '../../infra/metrics.js';
import { readNotification, type WebhookEvent } from './payloads.js';
import { Limiter } from './queue.js';
import { sameSecret, signatureMatches } from './signature.js';

export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';

export interface WhatsAppWebhookDeps {
  appSecret: string;
  verifyToken: string;
  /** Changes for another number of the same Meta app are not answered from this one. */
  phoneNumberId: string;
  /**
   * Takes the events of a verified request, resolving once its messages are kept (in the intake stream);
   * `busy`: nothing was taken, and Meta is answered 503 so it delivers them again later.
   */
  accept: (events: readonly WebhookEvent[]) => Promise<'ok' | 'busy'>;
  metrics: Metrics;
  /**
   * The largest body accepted, in bytes; a larger one gets 413 before it is read further (default
   * DEFAULT_WHATSAPP_BODY_LIMIT, whatever the server's own limit).
   */
  bodyLimit?: number;
}

/**
 * Sized to Meta's notifications: the longest text WhatsApp lets a person send (65,536 characters) with
 * its envelope fits, and nothing much larger is ever read and hashed (the server's own limit is 1 MB).
 */
export const DEFAULT_WHATSAPP_BODY_LIMIT = 256 * 1024;

const VerifyQuery = z.object({
  'hub.mode': z.string(),
  'hub.verify_token': z.string(),
  // Echoed as the body: plain text, short, printable only.
  'hub.challenge': z.string().regex(/^[\x21-\x7e]{1,256}$/),
});

/**
 * Meta's webhook for a WhatsApp Business number: the verification handshake (GET) and the notifications
 * (POST). A plugin of its own, so its raw-body parser does not change how Telegram's route reads JSON.
 */
export function whatsappWebhook(deps: WhatsAppWebhookDeps): FastifyPluginAsync {
  const counted = (result: 'ok' | 'unsigned' | 'bad_signature' | 'too_large' | 'malformed') =>
    deps.metrics.whatsappRequests.inc({ result });
  return async (app) => {
    // The signature is over the bytes Meta sent: keep them, and parse only once they are verified.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: deps.bodyLimit ?? DEFAULT_WHATSAPP_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    app.setErrorHandler((error: FastifyError, _request, reply) => {
      if (error.statusCode === 413) counted('too_large');
      else counted('malformed');
      return reply.code(error.statusCode && error.statusCode < 500 ? error.statusCode : 400).send();
    });

    app.get(WHATSAPP_WEBHOOK_PATH, async (request, reply) => {
      const query = VerifyQuery.safeParse(request.query);
      if (
        !query.success ||
        query.data['hub.mode'] !== 'subscribe' ||
        !sameSecret(query.data['hub.verify_token'], deps.verifyToken)
      )
        return reply.code(403).send();
      return reply.code(200).type('text/plain').send(query.data['hub.challenge']);
    });

    /**
     * Reads one request at a time, each in a turn of the event loop of its own: a hundred requests that
     * arrive together are read one after another with the loop free in between (for /healthz, and for the
     * answers under way), instead of all in one go. Reading is the CPU's work either way.
     */
    const turns = new Limiter(1);
    const read = (request: FastifyRequest) =>
      turns.run(async (): Promise<number | { kept: Promise<'ok' | 'busy'> }> => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const signature = request.headers['x-hub-signature-256'];
        if (typeof signature !== 'string' || signature.length === 0) {
          counted('unsigned');
          return 401;
        }
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (!signatureMatches(raw, signature, deps.appSecret)) {
          counted('bad_signature');
          return 401;
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          counted('malformed');
          return 400;
        }
        // Signed by Meta but of a shape tekser does not know: 200 all the same, or Meta retries it for days.
        const events: readonly WebhookEvent[] = readNotification(body, deps.phoneNumberId) ?? [
          { kind: 'unknown', shape: 'notification' },
        ];
        // Its synchronous part (reading each message) runs now, in this turn; its writing is waited below
        // (wrapped, so that the turn does not wait for it).
        return { kept: deps.accept(events) };
      });

    app.post(WHATSAPP_WEBHOOK_PATH, async (request, reply) => {
      const outcome = await read(request);
      if (typeof outcome === 'number') return reply.code(outcome).send();
      // Answered 200 only once the messages are kept: Meta does not deliver them again after a 200.
      if ((await outcome.kept) === 'busy') return reply.code(503).header('retry-after', '5').send();
      counted('ok');
      return reply.code(200).send();
    });
  };
}
