import { Api, type Bot } from 'grammy';
import type { Message, Update } from 'grammy/types';
import type { Redis } from 'ioredis';
import type { PictureReader } from '../../src/app/dialogue-service.js';
import type { PersonSender } from '../../src/app/ports.js';
import { createBot, telegramSender } from '../../src/channels/telegram/bot.js';
import {
  type OperatorsDeps,
  rememberMovedChat,
  telegramDesk,
} from '../../src/channels/telegram/operators/index.js';
import { loadConfig } from '../../src/config.js';
import { loadReferrals } from '../../src/infra/desk-content.js';
import { createDialogueDeps } from '../../src/infra/dialogue-deps.js';
import { createLogger, type Logger } from '../../src/infra/logger.js';
import type { Metrics } from '../../src/infra/metrics.js';
import { intelStoreFor } from '../../src/store/intel.js';
import { redisJsonStorage } from '../../src/store/json-storage.js';
import { handoffKeys } from '../../src/store/keys.js';
import { RedisStore } from '../../src/store/redis.js';
import { createDialogueService, createHandoff } from '../../src/wiring.js';
import { BOT_INFO, Recorder, type Sent, TOKEN } from '../../testing/bot-api.js';
import type { Person } from '../../testing/telegram-updates.js';
import { text } from './content.js';

/**
 * The counsellor handoff as main.ts builds it with OPERATORS_CHAT_ID set, over the real Redis, nothing
 * sent anywhere (the fake Bot API records every call), and the counsellors who act in its chat.
 */

export const OPS = -100_777;
let nextUpdate = 900_000;

/** The bot as main.ts builds it with OPERATORS_CHAT_ID set, over the real Redis, nothing sent anywhere. */
let harnesses = 0;
export async function handoffHarness(
  redis: Redis,
  prefix: string,
  options: {
    forum?: boolean;
    counsellors?: number[];
    intelSecret?: string;
    ops?: number;
    log?: Logger;
    metrics?: Metrics;
    /** The flood limits as main.ts sets them: people's, and counsellors' own. */
    limits?: { person: number; counsellor: number };
    /** Reads pictures of ads (a test's own reader): without it, captions only. */
    pictures?: PictureReader;
  } = {},
) {
  const silent = options.log ?? createLogger('silent');
  const ops = options.ops ?? OPS;
  // Each its own keys: one test's queued deliveries are not another's.
  const prefixOf = `${prefix}${harnesses++}:`;
  const config = loadConfig({
    REDIS_PREFIX: prefixOf,
    OPERATORS_CHAT_ID: String(ops),
    WORKING_HOURS: 'daily 00:00-24:00',
    SLA_MINUTES: '30',
    ...(options.intelSecret ? { INTEL_SECRET: options.intelSecret } : {}),
    ...(options.counsellors ? { COUNSELLOR_IDS: options.counsellors.join(',') } : {}),
  });
  const clock = { now: Date.UTC(2026, 10, 28, 6, 0) };
  const now = () => clock.now;
  const recorder = new Recorder();
  const deps = await createDialogueDeps(config);
  const store = new RedisStore(redis, { prefix: prefixOf, ttlSeconds: 3600 });
  const log = silent;
  const client = { fetch: recorder.fetch, apiRoot: 'http://telegram.invalid' };
  const api = new Api(TOKEN, client);
  const t = deps.t('ru');
  const intel = intelStoreFor(redis, config);
  // Telegram's sender; a test adds WhatsApp's once its channel is made (as main.ts does).
  const senders = new Map<string, PersonSender>([['tg', telegramSender(api)]]);
  const built = createHandoff({
    config,
    redis,
    deps,
    store,
    // A group upgraded to a supergroup: followed, and counsellors' actions read there (as main.ts does).
    desk: telegramDesk(api, ops, options.forum ?? false, t, (to) => {
      operators.chatId = to;
      void rememberMovedChat(redis, prefixOf, ops, to);
    }),
    senders,
    log,
    now,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const service = createDialogueService({
    config,
    deps,
    store,
    log,
    counted: true,
    handoff: built,
    intel,
    pictures: options.pictures,
  });
  // The use cases and the outbox under one name, as the tests below use them.
  const handoff = Object.assign(built.tickets, { drain: () => built.outbox.drain() });
  const { stats, ticketStore: tickets } = built;
  const operators: OperatorsDeps = {
    chatId: ops,
    tickets: handoff,
    stats,
    t,
    timeZone: config.TIMEZONE,
    wizard: {
      prefix: handoffKeys(prefixOf).resolveWizard,
      storage: redisJsonStorage(redis, 24 * 3600),
      referrals: loadReferrals(),
    },
    log,
    now,
    ...(options.counsellors ? { counsellorIds: options.counsellors } : {}),
    ...(intel ? { intel } : {}),
  };
  const limits = options.limits;
  const bot = createBot(TOKEN, {
    service,
    log,
    client,
    botInfo: BOT_INFO,
    now,
    operators,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(limits
      ? {
          rateLimit: {
            redis,
            prefix: prefixOf,
            perWindow: limits.person,
            windowMs: 10_000,
            notice: () => text('ru', 'common.slow_down'),
            counsellors: { perWindow: limits.counsellor, notice: () => text('ru', 'ops.slow_down') },
          },
        }
      : {}),
  });
  return { bot, recorder, handoff, tickets, stats, clock, config, prefix: prefixOf, senders, deps, service };
}

/** A counsellor in the operators' chat. */
export class Counsellor {
  constructor(
    private readonly bot: Bot,
    readonly id: number,
    readonly name: string,
    /** The operators' chat: a group, or (a positive id) one counsellor's private chat with the bot. */
    private readonly chatId = OPS,
  ) {}
  private get from() {
    return { id: this.id, is_bot: false, first_name: this.name, username: this.name.toLowerCase() };
  }
  private get chat() {
    return this.chatId > 0
      ? { id: this.chatId, type: 'private' as const, first_name: this.name }
      : { id: this.chatId, type: 'supergroup' as const, title: 'Counsellors' };
  }
  update(u: Omit<Update, 'update_id'>): Promise<void> {
    return this.bot.handleUpdate({ update_id: nextUpdate++, ...u } as Update);
  }
  press(data: string, on: Sent): Promise<void> {
    return this.update({
      callback_query: {
        id: String(nextUpdate),
        from: this.from,
        chat_instance: 'ops',
        data,
        message: { message_id: on.message_id, date: 1, chat: this.chat, text: on.text } as Message,
      },
    } as Omit<Update, 'update_id'>);
  }
  write(textOf: string, extra: Partial<Message> = {}): Promise<void> {
    return this.send({ text: textOf, ...extra });
  }
  /** Any message in the operators' chat: a photo, a voice message… (`fields` as Telegram gives them). */
  send(fields: Partial<Message>): Promise<void> {
    return this.update({
      message: { message_id: nextUpdate, date: 1, chat: this.chat, from: this.from, ...fields },
    } as Omit<Update, 'update_id'>);
  }
  /** A message as a reply to one of the bot's (a card, a relayed message). */
  replyWith(on: Sent, fields: Partial<Message>): Promise<void> {
    return this.send({
      ...fields,
      reply_to_message: { message_id: on.message_id, date: 1, chat: this.chat, text: on.text } as Message,
    } as Partial<Message>);
  }
  replyTo(on: Sent, textOf: string): Promise<void> {
    return this.write(textOf, {
      reply_to_message: { message_id: on.message_id, date: 1, chat: this.chat, text: on.text } as Message,
    } as Partial<Message>);
  }
  /** A command with its arguments ("contact +7 701…"): the entity covers only the command. */
  command(line: string): Promise<void> {
    const t = `/${line}`;
    const length = t.split(' ')[0]?.length ?? t.length;
    return this.write(t, { entities: [{ type: 'bot_command', offset: 0, length }] });
  }
}

export function button(sent: Sent | undefined, prefixOf: string): string {
  const b = sent?.buttons.find((x) => x.callback_data.startsWith(prefixOf));
  if (!b) throw new Error(`no ${prefixOf} button in ${JSON.stringify(sent?.buttons)}`);
  return b.callback_data;
}

/** Asks for a counsellor from the menu: write-only, no history shared, as soon as possible, no note. */
export async function askToWrite(person: Person): Promise<void> {
  await person.command('start');
  await person.answer('counsellor');
  await person.answer('write');
  await person.answer('no');
  await person.answer('now');
  await person.press('S:skip');
}

/**
 * Asks for a call as soon as possible, from the menu or the verdict's next step (after `/start` when she is
 * not there yet): consent to keep her number, the number, whether she shares her history, then her note,
 * or none.
 */
export async function askToCall(
  person: Person,
  how: { phone: string; share: 'yes' | 'no'; note?: string },
): Promise<void> {
  await person.answer('counsellor');
  await person.answer('call');
  await person.answer('yes');
  await person.text(how.phone);
  await person.answer(how.share);
  await person.answer('now');
  if (how.note === undefined) await person.press('S:skip');
  else await person.text(how.note);
}

export function lastCard(recorder: Recorder, ops = OPS): Sent | undefined {
  return recorder.sent(ops).findLast((m) => m.buttons.some((b) => b.callback_data.startsWith('rs:')));
}
