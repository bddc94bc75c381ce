import { createHmac } from 'node:crypto';
import type { DialogueService } from '../../app/dialogue-service.js';
import type { PersonKey } from '../../domain/person.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { DeliveryError, type PersonSender } from '../sender.js';
import { GraphDeliveryError } from './graph.js';
import { type IncomingMessage, type MessageStatus, toInput, type WebhookEvent } from './payloads.js';
import { PersonQueue } from './queue.js';
import type { SeenCheck } from './seen.js';

export const WHATSAPP_CHANNEL = 'wa';

/**
 * A WhatsApp person. The `wa_id` is their phone number, so the key is a keyed hash of it (phone numbers
 * are kept only with consent); the number itself is only the address messages are sent to. Usernames
 * and business-scoped ids may replace `wa_id`: it stays a string.
 */
export function whatsappPerson(waId: string, key: string): PersonKey {
  const id = createHmac('sha256', key).update(`state:${waId}`).digest('hex').slice(0, 32);
  return { channel: WHATSAPP_CHANNEL, id, address: waId };
}

export interface WhatsAppChannelDeps {
  service: DialogueService;
  sender: PersonSender;
  seen: SeenCheck;
  log: Logger;
  /** The tag a person carries in logs instead of their number (a keyed hash). */
  tag: (waId: string) => string;
  /** The person's key in the store: a keyed hash of their number. */
  personOf: (waId: string) => PersonKey;
  metrics?: Metrics;
  now?: () => number;
}

export interface WhatsAppChannel {
  /** Takes the events of one webhook request: messages are queued per person, the rest noted. */
  accept(events: readonly WebhookEvent[]): void;
  /** Resolves once every message taken so far is answered (tests, benchmarks, shutdown). */
  idle(): Promise<void>;
}

/**
 * The WhatsApp channel: turns webhook messages into the engine's inputs and its replies into WhatsApp
 * messages. It decides nothing about the dialogue.
 */
export function createWhatsAppChannel(deps: WhatsAppChannelDeps): WhatsAppChannel {
  const queue = new PersonQueue();
  const now = deps.now ?? Date.now;

  const handle = async (message: IncomingMessage) => {
    const who = deps.personOf(message.from);
    // A child logger per message, with the person's tag: what happened, never what was said or who.
    const log = deps.log.child({ person: deps.tag(message.from), wa_type: message.type });
    try {
      if (!(await deps.seen(message.id, who))) {
        deps.metrics?.whatsappDuplicates.inc();
        log.debug('repeated delivery skipped');
        return;
      }
      const input = toInput(message);
      if (!input) return;
      const outcome = await deps.service.handle(who, input, { now: now() }, log);
      await deps.sender.send(message.from, outcome.replies);
    } catch (err) {
      deps.metrics?.errors.inc({ where: 'whatsapp' });
      // Codes and kinds only: an error's message can quote what the person wrote.
      log.error(
        {
          kind: err instanceof GraphDeliveryError ? `whatsapp ${err.code}` : (err as Error)?.name,
          reason: err instanceof DeliveryError ? err.reason : undefined,
        },
        'message failed',
      );
    }
  };

  /** A message WhatsApp could not deliver: counted and logged by its error codes alone. */
  const noteNotDelivered = (status: MessageStatus) => {
    const codes = status.errors?.map((e) => e.code) ?? [];
    for (const code of codes.length > 0 ? codes : ['unknown'])
      deps.metrics?.whatsappSendErrors.inc({ code: String(code), via: 'status' });
    deps.log.warn({ codes }, 'whatsapp message not delivered');
  };

  return {
    accept(events) {
      for (const event of events) {
        switch (event.kind) {
          case 'message':
            void queue.push(event.message.from, () => handle(event.message));
            break;
          case 'status':
            // Statuses come in any order (read before delivered); only failures matter, by code alone.
            if (event.status.status === 'failed') noteNotDelivered(event.status);
            break;
          case 'error':
            deps.metrics?.whatsappSendErrors.inc({ code: String(event.code), via: 'webhook' });
            deps.log.warn({ code: event.code }, 'whatsapp error notified');
            break;
          case 'unknown':
            deps.metrics?.whatsappUnknown.inc({ shape: event.shape });
            deps.log.info({ shape: event.shape }, 'unknown whatsapp payload skipped');
            break;
        }
      }
    },
    idle: () => queue.idle(),
  };
}
