import { Api, type Bot } from 'grammy';
import type { Message, MessageEntity, Update } from 'grammy/types';
import type { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import type { PersonSender } from '../../src/app/ports.js';
import { createBot, telegramSender } from '../../src/channels/telegram/bot.js';
import { type OperatorsDeps, telegramDesk } from '../../src/channels/telegram/operators/index.js';
import { loadConfig } from '../../src/config.js';
import { hotlineText, type Reply } from '../../src/domain/dialogue/index.js';
import { loadCannedReplies, loadReferrals } from '../../src/infra/desk-content.js';
import { createDialogueDeps } from '../../src/infra/dialogue-deps.js';
import { createLogger, type Logger } from '../../src/infra/logger.js';
import { redisJsonStorage } from '../../src/store/json-storage.js';
import { handoffKeys } from '../../src/store/keys.js';
import { cannedListFirstPress, cannedListRelease } from '../../src/store/once.js';
import { RedisStore } from '../../src/store/redis.js';
import { createDialogueService, createHandoff } from '../../src/wiring.js';
import { BOT_INFO, Recorder, type Sent, TOKEN } from '../../testing/bot-api.js';
import { Person } from '../../testing/telegram-updates.js';
import { dropPrefix, testPrefix, testRedis } from './redis.js';

/**
 * The counsellors' desk as main.ts builds it, over the real Redis and the fake Bot API (testing/): one
 * instance of tekser. Two built on the same prefix are two instances, or one before and after a restart.
 */

/** The operators' chat of these tests. */
export const OPS = -100_888;
const silent = createLogger('silent');
let nextUpdate = 950_000;

/** A WhatsApp person's sender, recording what would go to Meta. */
function waSender(): PersonSender & { got: { id: string; replies: Reply[] }[] } {
  const got: { id: string; replies: Reply[] }[] = [];
  return { got, send: async (id, replies) => void got.push({ id, replies }) };
}

export interface DeskOptions {
  /** The instance's Redis prefix: the same for a restart or a second instance. */
  prefix: string;
  forum?: boolean;
  /** Telegram as this instance sees it: share one across a restart. */
  recorder?: Recorder;
  /** The clock, shared by instances. */
  clock?: { now: number };
  workingHours?: string;
  counsellors?: number[];
  /** Where the instance logs (silent by default). */
  log?: Logger;
}

export async function deskHarness(redis: Redis, options: DeskOptions) {
  const { prefix } = options;
  const config = loadConfig({
    REDIS_PREFIX: prefix,
    OPERATORS_CHAT_ID: String(OPS),
    WORKING_HOURS: options.workingHours ?? 'daily 00:00-24:00',
    SLA_MINUTES: '30',
    ...(options.counsellors ? { COUNSELLOR_IDS: options.counsellors.join(',') } : {}),
  });
  const clock = options.clock ?? { now: Date.UTC(2026, 10, 28, 6, 0) };
  const now = () => clock.now;
  const recorder = options.recorder ?? new Recorder();
  const deps = await createDialogueDeps(config);
  const store = new RedisStore(redis, { prefix, ttlSeconds: 3600 });
  const client = { fetch: recorder.fetch, apiRoot: 'http://telegram.invalid' };
  const api = new Api(TOKEN, client);
  const t = deps.t('ru');
  const wa = waSender();
  const referrals = loadReferrals();
  const built = createHandoff({
    config,
    redis,
    deps,
    store,
    desk: telegramDesk(api, OPS, options.forum ?? false, t),
    senders: new Map<string, PersonSender>([
      ['tg', telegramSender(api)],
      ['wa', wa],
    ]),
    log: options.log ?? silent,
    now,
    referrals,
  });
  const service = createDialogueService({ config, deps, store, log: silent, handoff: built });
  const operators: OperatorsDeps = {
    chatId: OPS,
    tickets: built.tickets,
    stats: built.stats,
    t,
    timeZone: config.TIMEZONE,
    wizard: {
      prefix: handoffKeys(prefix).resolveWizard,
      storage: redisJsonStorage(redis, 3600),
      referrals,
      followUpMaxDays: config.TICKET_RETENTION_DAYS,
      lang: 'ru',
    },
    log: silent,
    now,
    ...(options.counsellors ? { counsellorIds: options.counsellors } : {}),
    canned: {
      replies: loadCannedReplies(),
      hotlineLine: (lang) => hotlineText(deps, deps.t(lang)),
      lang: 'ru',
      firstPress: cannedListFirstPress(redis, prefix),
      releasePress: cannedListRelease(redis, prefix),
    },
  };
  const bot = createBot(TOKEN, { service, log: silent, client, botInfo: BOT_INFO, now, operators });
  const drain = () => built.outbox.drain();
  return { bot, recorder, ...built, drain, wa, deps, config, clock, referrals };
}

export type Desk = Awaited<ReturnType<typeof deskHarness>>;

/**
 * A test file's desk: its own Redis key prefix (`name`, unique per file), a prefix of their own under it for
 * each desk it builds, its people numbered from `firstPerson`, and its keys dropped after the file. Call it
 * once, at the top of the file.
 */
export function deskSuite(name: string, firstPerson: number) {
  const redis = testRedis();
  const prefix = testPrefix(name);
  let instances = 0;
  let nextPerson = firstPerson;
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });
  /** A prefix no desk of this file has used: share it between two instances, or across a restart. */
  const newPrefix = () => `${prefix}${instances++}:`;
  return {
    redis,
    prefix,
    newPrefix,
    /** One instance of tekser on a prefix of its own. */
    desk: (options: Omit<DeskOptions, 'prefix'> = {}) =>
      deskHarness(redis, { prefix: newPrefix(), ...options }),
    /** A new person on Telegram, writing to `h`'s bot. */
    person: (h: Pick<Desk, 'bot' | 'recorder'>, lang: 'ru' | 'kk' | 'en') =>
      new Person(h.bot, h.recorder, nextPerson++, lang),
  };
}

/** A message of the bot's in the operators' chat, and the topic it is in (a forum). */
export type OnMessage = Sent & { thread?: number | undefined };
type Posted = OnMessage & { call: number };

/** A counsellor in the operators' chat (a forum supergroup or a plain one: Telegram says the same). */
export class Counsellor {
  constructor(
    private readonly bot: Bot,
    readonly id: number,
    readonly name: string,
  ) {}
  readonly user = () => ({ id: this.id, is_bot: false, first_name: this.name, username: this.name });
  private readonly chat = { id: OPS, type: 'supergroup' as const, title: 'Counsellors' };
  update(u: Omit<Update, 'update_id'>): Promise<void> {
    return this.bot.handleUpdate({ update_id: nextUpdate++, ...u } as Update);
  }
  /** Presses a button on one of the bot's messages (in its topic, when it has one). */
  press(data: string, on: OnMessage): Promise<void> {
    const topic = on.thread === undefined ? {} : { message_thread_id: on.thread, is_topic_message: true };
    return this.update({
      callback_query: {
        id: String(nextUpdate),
        from: this.user(),
        chat_instance: 'ops',
        data,
        message: { message_id: on.message_id, date: 1, chat: this.chat, text: on.text, ...topic } as Message,
      },
    } as Omit<Update, 'update_id'>);
  }
  write(text: string, extra: Partial<Message> = {}): Promise<void> {
    return this.update({
      message: { message_id: nextUpdate, date: 1, chat: this.chat, from: this.user(), text, ...extra },
    } as Omit<Update, 'update_id'>);
  }
  /** Writes in a forum topic. */
  inTopic(thread: number, text: string, extra: Partial<Message> = {}): Promise<void> {
    return this.write(text, { is_topic_message: true, message_thread_id: thread, ...extra });
  }
  /** A command with its arguments: the entity covers only the command, `entities` any more. */
  command(line: string, extra: Partial<Message> = {}, entities: MessageEntity[] = []): Promise<void> {
    const t = `/${line}`;
    const length = t.split(' ')[0]?.length ?? t.length;
    return this.write(t, { entities: [{ type: 'bot_command', offset: 0, length }, ...entities], ...extra });
  }
}

/** A reply to a message (for `write` and `command`). */
export const replyTo = (
  m: { message_id: number },
  from?: { id: number; is_bot: boolean; first_name: string },
) =>
  ({
    reply_to_message: { message_id: m.message_id, date: 1, chat: { id: OPS }, ...(from ? { from } : {}) },
  }) as Partial<Message>;

/** Asks for a counsellor from the menu, as the handoff's tests do (one way of asking for both harnesses). */
export { askToWrite } from './handoff.js';

/** The last card in the operators' chat (the message with a Resolve button), and its topic. */
export function lastCard(desk: Pick<Desk, 'recorder'>): Posted & { id: string } {
  const card = desk.recorder
    .sent(OPS)
    .findLast((m) => m.buttons.some((b) => b.callback_data.startsWith('rs:')));
  if (!card) throw new Error('no card');
  const thread = desk.recorder.calls[card.call]?.payload.message_thread_id;
  const id = card.buttons.find((b) => b.callback_data.startsWith('rs:'))?.callback_data.slice(3) ?? '';
  return { ...card, id, thread: thread === undefined ? undefined : Number(thread) };
}

/** The bot's last message in the operators' chat, with its topic. */
export function lastInOps(desk: Pick<Desk, 'recorder'>): Posted {
  const m = desk.recorder.sent(OPS).at(-1);
  if (!m) throw new Error('nothing in the operators chat');
  const thread = desk.recorder.calls[m.call]?.payload.message_thread_id;
  return { ...m, thread: thread === undefined ? undefined : Number(thread) };
}

/** The callback data of a message's button that starts with `prefix`. */
export function buttonOf(m: Sent, prefix: string): string {
  const b = m.buttons.find((x) => x.callback_data.startsWith(prefix));
  if (!b) throw new Error(`no ${prefix} button in ${JSON.stringify(m.buttons)}`);
  return b.callback_data;
}

/** Asks for a counsellor, write-only, saying yes or no to sharing her history; the card it brings. */
export async function askSharing(
  h: Desk,
  person: Person,
  share: 'yes' | 'no',
): Promise<ReturnType<typeof lastCard>> {
  await person.command('start');
  await person.answer('counsellor');
  await person.answer('write');
  await person.answer(share);
  await person.answer('now');
  await person.press('S:skip');
  await h.drain();
  return lastCard(h);
}

export interface Close {
  outcome: string;
  referral?: string;
  note?: string;
}

/** Takes and closes a request through the wizard: outcome, referral, no follow-up, and a note (or none). */
export async function closeCase(
  h: Desk,
  a: Counsellor,
  card: ReturnType<typeof lastCard>,
  how: Close,
): Promise<void> {
  const id = card.id;
  await a.press(`tk:${id}`, card);
  await a.press(`rs:${id}`, card);
  await a.press(`ro:${id}:${how.outcome}`, lastInOps(h));
  await a.press(`rr:${id}:${how.referral ?? 'none'}`, lastInOps(h));
  await a.press(`rf:${id}:0`, lastInOps(h));
  if (how.note) await a.write(how.note, replyTo(lastInOps(h)));
  else await a.press(`rn:${id}`, lastInOps(h));
  await h.drain();
}
