import type { Reply } from '../domain/dialogue/index.js';

/**
 * Why a message to a person was not delivered. `retry`: try again later (a flood limit, a server error);
 * `outside_window`: WhatsApp's 24-hour window has closed, only a template can reach them; `blocked`: the
 * person blocked the bot or deleted their account; `failed`: anything else that retrying will not fix.
 */
export type DeliveryFailure = 'retry' | 'outside_window' | 'blocked' | 'failed';

export class DeliveryError extends Error {
  constructor(
    readonly reason: DeliveryFailure,
    /** How long the platform asked us to wait, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(`delivery failed: ${reason}`);
    this.name = 'DeliveryError';
  }
}

/**
 * Sends messages to a person on their own channel, outside a reply to their update: a counsellor's
 * answer, "a counsellor has your request". One per channel (tg, wa, cli); the handoff picks by the
 * person's channel. Rejects with a DeliveryError.
 */
export interface PersonSender {
  send(id: string, replies: Reply[]): Promise<void>;
}
