import type { MediaFile } from '../../app/ports.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { DeliveryError, type DeliveryFailure } from '../sender.js';
import { fetchMedia } from './media.js';
import {
  GraphErrorSchema,
  type OutgoingContent,
  OutgoingMessageSchema,
  SentSchema,
  UploadedSchema,
} from './outgoing.js';
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

/**
 * `POST /{phone-number-id}/messages` (and `/media`, and `GET /{media-id}`) with plain fetch, retried where
 * retrying can help.
 */
export class GraphApi {
  private readonly url: string;
  private readonly fetch: typeof fetch;
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly connections: Limiter;
  constructor(private readonly options: GraphApiOptions) {
    this.connections = new Limiter(options.maxConnections ?? DEFAULT_GRAPH_CONNECTIONS);
    this.url = `${options.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.phoneNumberId)}`;
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
    const sent = SentSchema.safeParse(await this.retried(() => this.request('messages', body)));
    return sent.success ? (sent.data.messages[0]?.id ?? '') : '';
  }

  /**
   * Uploads a file to `POST /{phone-number-id}/media` (multipart, from memory) and resolves with the
   * media id a message sends it by; rejects with a GraphDeliveryError.
   */
  async upload(file: MediaFile, filename: string): Promise<string> {
    const uploaded = UploadedSchema.safeParse(
      await this.retried(() => {
        // A body is read once: a new form for every attempt.
        const form = new FormData();
        form.set('messaging_product', 'whatsapp');
        form.set('type', file.mime);
        form.set('file', new Blob([file.bytes], { type: file.mime }), filename);
        return this.request('media', form);
      }),
    );
    if (!uploaded.success) throw new GraphDeliveryError('failed', 'upload_answer');
    return uploaded.data.id;
  }

  /** The bytes of media a person sent (`GET /{media-id}`, then its URL), at most `maxBytes`. */
  media(mediaId: string, maxBytes: number): Promise<MediaFile> {
    return fetchMedia(mediaId, { ...this.options, maxBytes });
  }

  /** Runs a request until it succeeds, or fails for good, or the retries are spent. */
  private async retried(request: () => Promise<unknown>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.connections.run(request);
      if (!(answer instanceof GraphDeliveryError)) return answer;
      this.failed(answer.code);
      const wait = this.delays[attempt];
      if (answer.reason !== 'retry' || wait === undefined) throw answer;
      // Backing off, with jitter so many people's retries do not meet again at the same moment.
      await this.sleep(Math.max(answer.retryAfterMs ?? 0, wait * (0.75 + Math.random() / 2)));
    }
  }

  private failed(code: string): void {
    this.options.metrics?.whatsappSendErrors.inc({ code, via: 'response' });
    this.options.log?.warn({ code }, 'whatsapp send failed');
  }

  /** One request: Meta's answer (its JSON), or why it failed. */
  private async request(path: 'messages' | 'media', body: string | FormData): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetch(`${this.url}/${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.token}`,
          // A form sets its own type, with its boundary.
          ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? (path === 'media' ? 60_000 : 15_000)),
      });
    } catch {
      return new GraphDeliveryError('retry', 'network');
    }
    // The body is read inside the limit: the connection is free again only once it is.
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) return json ?? {};
    return graphFailure(response, json);
  }
}

/** Meta's refusal, read: whether and when to try again, and its code. */
function graphFailure(response: Response, json: unknown): GraphDeliveryError {
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
