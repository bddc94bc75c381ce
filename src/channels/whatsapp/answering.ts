import type { DialogueService } from '../../app/dialogue-service.js';
import type { Input, Reply } from '../../domain/dialogue/index.js';
import type { PersonKey } from '../../domain/person.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { DeliveryError } from '../sender.js';
import { GraphDeliveryError } from './graph.js';
import type { IntakeMessage, RedisIntake, Turn } from './intake.js';
import { WHATSAPP_CHANNEL } from './person.js';
import type { WhatsAppSender } from './sender.js';

/** What answering one message needs of the channel's dependencies (channel.ts, WhatsAppChannelDeps). */
export interface AnsweringDeps {
  service: DialogueService;
  sender: WhatsAppSender;
  /** The durable intake: a Redis Stream read through a consumer group. */
  intake: RedisIntake;
  log: Logger;
  /** The tag a person carries in logs instead of their number (a keyed hash). */
  tag: (waId: string) => string;
  /** The person's key in the store: a keyed hash of their number. */
  personOf: (waId: string) => PersonKey;
  /**
   * The person's state, read in the same MULTI as the message's checks, so a message costs no extra
   * round trip for its load. Safe because saves compare and set.
   */
  prefetch?: { keyFor: (who: PersonKey) => string; store: (key: string, raw: string | null) => void };
  /** One person's flood limit, as on Telegram: past `perWindow` messages, one notice, then silence. */
  flood: { perWindow: number; windowMs: number; notice: (waId: string) => Promise<string> };
  /** Fetches a picture by its media id (src/channels/whatsapp/media.ts): without it, captions only. */
  pictures?: (mediaId: string) => Promise<Uint8Array>;
  metrics?: Metrics;
}

/** What the channel shares with the answering of its messages. */
export interface AnsweringState {
  now: () => number;
  /** Counts an event of the intake. */
  counted: (event: string, by?: number) => void;
  /** An answer being sent is kept this long at most (a takeover happens after `claimAfterMs`). */
  turnTtlMs: number;
  /** The number of each person's last message this instance saw answered (the channel waits on it). */
  answeredUpTo: Map<string, number>;
}

/**
 * One message answered, once: checked (answered already? over the person's flood limit?) in one round
 * trip, the dialogue's answer kept before it is sent and counted as it goes (an instance that takes the
 * message over from a dead one sends what did not go), then marked answered and its entry finished.
 * Returns what handles a message, with its stream entry when it came through the stream.
 */
export function messageAnswerer(
  deps: AnsweringDeps,
  { now, counted, turnTtlMs, answeredUpTo }: AnsweringState,
): (m: IntakeMessage, entryId: string | undefined) => Promise<void> {
  const intake = deps.intake;

  /** Marks the message answered and the entry done; Redis away: it comes back, and is answered again. */
  const finish = async (m: IntakeMessage, entryId: string | undefined, answered: boolean, log: Logger) => {
    try {
      const order = m.seq ? { person: m.person, seq: m.seq } : undefined;
      if (entryId) await intake.finish(entryId, answered ? m.idHash : undefined, order);
      else if (answered) await intake.markAnswered(m.idHash);
      if (order) answeredUpTo.set(m.person, m.seq as number);
    } catch (err) {
      deps.metrics?.errors.inc({ where: 'whatsapp_intake' });
      log.warn({ kind: (err as Error)?.name }, 'whatsapp message not acknowledged');
    }
  };

  /** Whether the message was answered already, and the person's count in this window (one round trip). */
  const check = async (m: IntakeMessage, who: PersonKey) => {
    const stateKey = deps.prefetch?.keyFor(who);
    try {
      const begun = await intake.begin(m.idHash, who, deps.flood.windowMs, stateKey);
      if (stateKey && begun.state !== undefined) deps.prefetch?.store(stateKey, begun.state);
      return begun;
    } catch {
      // Redis is away: the message counts as new and uncounted; answering twice is better than not at all.
      deps.metrics?.errors.inc({ where: 'ratelimit' });
      return { answered: false, count: 1, turn: undefined };
    }
  };

  /**
   * The dialogue's answer, kept before it is sent and counted as it goes: an instance that takes the
   * message over from a dead one sends what did not go, and does not step the dialogue a second time.
   */
  const reply = async (
    m: IntakeMessage,
    who: PersonKey,
    input: Input | undefined,
    turn: Turn | undefined,
    log: Logger,
  ) => {
    let replies: Reply[];
    let skip = 0;
    if (turn) {
      replies = JSON.parse(turn.replies) as Reply[];
      skip = turn.sent;
      counted('resumed');
    } else if (input?.kind === 'media' && input.file && deps.pictures) {
      // A picture: fetched and read unless the dialogue says it belongs elsewhere (an open request).
      const file = input.file;
      const fetchPicture = deps.pictures;
      const picture = {
        caption: input.caption,
        forwarded: input.forwarded,
        ref: input.ref,
        download: () => fetchPicture(file),
      };
      replies = (await deps.service.handlePicture(who, picture, { now: now() }, log)).replies;
      await intake.recordTurn(m.idHash, JSON.stringify(replies), turnTtlMs).catch(() => undefined);
    } else if (input) {
      replies = (await deps.service.handle(who, input, { now: now() }, log)).replies;
      await intake.recordTurn(m.idHash, JSON.stringify(replies), turnTtlMs).catch(() => undefined);
    } else return;
    await deps.sender.sendFrom(m.from, replies, skip, () => intake.sentOne(m.idHash));
  };

  /** The dialogue's answer, or the flood notice (once, as the limit is crossed), or nothing. */
  const answer = async (
    m: IntakeMessage,
    who: PersonKey,
    count: number,
    turn: Turn | undefined,
    log: Logger,
  ) => {
    if (turn) return reply(m, who, undefined, turn, log);
    if (count > deps.flood.perWindow) {
      deps.metrics?.rateLimited.inc({ channel: WHATSAPP_CHANNEL });
      if (count === deps.flood.perWindow + 1)
        await deps.sender.send(m.from, [{ text: await deps.flood.notice(m.from) }]);
      return;
    }
    await reply(m, who, m.input, undefined, log);
  };

  return async (m: IntakeMessage, entryId: string | undefined) => {
    const who = deps.personOf(m.from);
    // A child logger per message, with the person's tag: what happened, never what was said or who.
    const log = deps.log.child({ person: deps.tag(m.from), wa_type: m.type });
    const { answered, count, turn } = await check(m, who);
    if (answered) {
      deps.metrics?.whatsappDuplicates.inc();
      log.debug('repeated delivery skipped');
      return finish(m, entryId, false, log);
    }
    try {
      await answer(m, who, count, turn, log);
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
    // Handled, whatever came of it: the dialogue has moved on, so it is not handled again.
    await finish(m, entryId, true, log);
  };
}
