import type { PersonKey } from '../../domain/person.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { messageIdHash } from '../../store/keys.js';
import type { IntakeMessage } from './intake.js';
import {
  type IncomingMessage,
  type MessageStatus,
  numberChangeOf,
  senderOf,
  toInput,
  type WebhookEvent,
} from './payloads.js';

/** What sorting the webhook's events needs of the channel's dependencies (channel.ts, WhatsAppChannelDeps). */
export interface ArrivalDeps {
  log: Logger;
  /** The person's key in the store: a keyed hash of their number. */
  personOf: (waId: string) => PersonKey;
  /**
   * Moves what is kept under a person's old number to their new one (WhatsApp's `user_changed_number`):
   * the dialogue's state, the open requests and where their replies go. Throws when it could not.
   */
  moveNumber?: (oldId: string, newId: string) => Promise<unknown>;
  metrics?: Metrics;
}

/** Meta's kind and what it means to the dialogue, without the rest of the message. */
function intakeOf(message: IncomingMessage, from: string, person: string): IntakeMessage {
  return {
    from,
    idHash: messageIdHash(message.id),
    type: message.type,
    input: toInput(message),
    person,
  };
}

/**
 * What becomes of each event of a webhook request, before anything is answered: a message is sorted
 * (`sort`: an entry for the intake stream, a change of number applied here, or counted and dropped);
 * statuses, errors and unknown payloads are noted (`note`: counted and logged by their codes alone).
 */
export function webhookEvents(deps: ArrivalDeps, counted: (event: string, by?: number) => void) {
  /** A message WhatsApp could not deliver: counted and logged by its error codes alone. */
  const noteNotDelivered = (status: MessageStatus) => {
    const codes = status.errors?.map((e) => e.code) ?? [];
    for (const code of codes.length > 0 ? codes : ['unknown'])
      deps.metrics?.whatsappSendErrors.inc({ code: String(code), via: 'status' });
    deps.log.warn({ codes }, 'whatsapp message not delivered');
  };

  const note = (event: Exclude<WebhookEvent, { kind: 'message' }>) => {
    switch (event.kind) {
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
  };

  /**
   * A new number (or business-scoped user id): the person's state and requests follow it before anything
   * else is answered.
   */
  const moveNumber = async (change: {
    from: string;
    to: string;
    kind: 'number' | 'user_id';
  }): Promise<'ok' | 'busy'> => {
    if (!deps.moveNumber) return 'ok';
    try {
      await deps.moveNumber(change.from, change.to);
      counted(change.kind === 'number' ? 'moved_number' : 'moved_user_id');
      return 'ok';
    } catch (err) {
      deps.metrics?.errors.inc({ where: 'whatsapp_intake' });
      deps.log.warn({ kind: (err as Error)?.name }, 'whatsapp number change not applied');
      return 'busy';
    }
  };

  /**
   * What becomes of a message at the webhook: queued (its intake entry), applied here (a change of
   * number), or counted and dropped. `busy`: it could not be applied, and Meta should deliver it again.
   */
  const sort = async (message: IncomingMessage): Promise<IntakeMessage | 'busy' | undefined> => {
    const change = numberChangeOf(message);
    if (change) return (await moveNumber(change)) === 'busy' ? 'busy' : undefined;
    if (message.type === 'system') {
      counted('ignored_system');
      return undefined;
    }
    // Written in a group: not a conversation with one person, answered to no one.
    if (message.group_id) {
      counted('ignored_group');
      return undefined;
    }
    // A reaction (or one taken back) asks nothing: no hint, no menu again.
    if (message.type === 'reaction') {
      counted('ignored_reaction');
      return undefined;
    }
    // Only messages with a sender (a phone number or a business-scoped user id) reach here.
    const from = senderOf(message);
    return from ? intakeOf(message, from, deps.personOf(from).id) : undefined;
  };
  return { sort, note };
}
