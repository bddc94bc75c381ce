import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { DeliveryError, type DeliveryFailure } from '../sender.js';
import { GraphErrorSchema, type OutgoingContent, OutgoingMessageSchema, SentSchema } from './outgoing.js';
import { isBsuid } from './payloads.js';
import { Limiter } from './queue.js';

/** Meta's error codes that decide what happens next (developers.facebook.com, WhatsApp error codes). */
export const OUTSIDE_WINDOW = 131047;
/** Cloud API throughput (the business number's messages per second). */
export const RATE_LIMITED = 130429;
/** Too many messages to one person in a short time ("pair rate limit"). */
export const PAIR_RATE_LIMITED = 131056;
/** Undeliverable: not on WhatsApp any more, or the person blocked the number. */
export const UNDELIVERABLE = 131026;

const RETRIED = new Set([RATE_LIMITED, PAIR_RATE_LIMITED]);

/** Why a message was not delivered, with Meta's code (or `http_5xx`, `network`) for logs and metrics. */
export class GraphDeliveryError extends DeliveryError {
  constructor(
    reason: DeliveryFailure,
    readonly code: string,
    retryAfterMs?: number,
  ) {
    super(reason, retryAfterMs);
  }
}

export interface GraphApiOptions {
  /** `https://graph.facebook.com/v23.0`, or a test server. */
  apiUrl: string;
  phoneNumberId: string;
  token: string;
  fetch?: typeof fetch;
  /** How long to wait before each retry; as many retries as entries. */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  /** One request's time limit. */
  timeoutMs?: number;
  /**
   * Requests in flight at once, at most: fetch keeps connections alive and reuses them, so this also caps
   * the sockets open to the Graph API however many people are answered at once.
   */
  maxConnections?: number;
  metrics?: Metrics;
  log?: Logger;
}

const DEFAULT_RETRY_DELAYS = [500, 2000, 5000];
export const DEFAULT_GRAPH_CONNECTIONS = 32;

/** `POST /{phone-number-id}/messages` with plain fetch, retried where retrying can help. */
export class GraphApi {
  private readonly url: string;
  private readonly fetch: typeof fetch;
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly connections: Limiter;
  constructor(private readonly options: GraphApiOptions) {
    this.connections = new Limiter(options.maxConnections ?? DEFAULT_GRAPH_CONNECTIONS);
    this.url = `${options.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.phoneNumberId)}/messages`;
    this.fetch = options.fetch ?? fetch;
    this.delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Sends one message to a phone number (`to`) or a business-scoped user id (`recipient`); resolves with
   * Meta's message id, rejects with a GraphDeliveryError.
   */
  async send(to: string, content: OutgoingContent): Promise<string> {
    const message = OutgoingMessageSchema.safeParse({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      ...(isBsuid(to) ? { recipient: to } : { to }),
      ...content,
    });
    if (!message.success) {
      this.failed('invalid_body');
      throw new GraphDeliveryError('failed', 'invalid_body');
    }
    const body = JSON.stringify(message.data);
    for (let attempt = 0; ; attempt++) {
      const error = await this.attempt(body);
      if (typeof error === 'string') return error;
      this.failed(error.code);
      const wait = this.delays[attempt];
      if (error.reason !== 'retry' || wait === undefined) throw error;
      // Backing off, with jitter so many people's retries do not meet again at the same moment.
      await this.sleep(Math.max(error.retryAfterMs ?? 0, wait * (0.75 + Math.random() / 2)));
    }
  }

  private failed(code: string): void {
    this.options.metrics?.whatsappSendErrors.inc({ code, via: 'response' });
    this.options.log?.warn({ code }, 'whatsapp send failed');
  }

  /** One request: Meta's message id, or why it failed. */
  private async attempt(body: string): Promise<string | GraphDeliveryError> {
    return this.connections.run(() => this.request(body));
  }

  private async request(body: string): Promise<string | GraphDeliveryError> {
    let response: Response;
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch {
      return new GraphDeliveryError('retry', 'network');
    }
    // The body is read inside the limit: the connection is free again only once it is.
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const sent = SentSchema.safeParse(json);
      return sent.success ? (sent.data.messages[0]?.id ?? '') : '';
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
    const parsed = GraphErrorSchema.safeParse(json);
    const code = parsed.success ? parsed.data.error.code : undefined;
    if (code === OUTSIDE_WINDOW) return new GraphDeliveryError('outside_window', String(code));
    if ((code !== undefined && RETRIED.has(code)) || response.status >= 500 || response.status === 429)
      return new GraphDeliveryError(
        'retry',
        code !== undefined ? String(code) : `http_${response.status}`,
        retryAfterMs,
      );
    if (code === UNDELIVERABLE) return new GraphDeliveryError('blocked', String(code));
    return new GraphDeliveryError('failed', code !== undefined ? String(code) : `http_${response.status}`);
  }
}
