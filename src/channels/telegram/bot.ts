import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import {
  type Api,
  type ApiClientOptions,
  Bot,
  type Context,
  GrammyError,
  HttpError,
  InlineKeyboard,
  Keyboard,
} from 'grammy';
import type { ReplyKeyboardRemove, UserFromGetMe } from 'grammy/types';
import type { Redis } from 'ioredis';
import type { DialogueService, IncomingPicture } from '../../app/dialogue-service.js';
import type { Input, Meta, Reply } from '../../domain/dialogue/index.js';
import { DEVELOPMENT_PERSON_KEY_SECRET, personKeyId } from '../../domain/person.js';
import { type Logger, lazyChild } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { floodCounter, type ReadAheadTarget } from '../../store/flood-counter.js';
import { floodKeyPrefix } from '../../store/keys.js';
import type { PersonSender } from '../sender.js';
import { DeliveryError } from '../sender.js';
import { splitText } from '../text.js';
import { operatorsMiddleware } from './context.js';
import { personDeliveryError } from './errors.js';
import { MAX_CALLBACK_DATA, MAX_DELETE_BATCH, MAX_MESSAGE_LENGTH } from './limits.js';
import { captionable, MAX_CAPTION, mediaRoutes } from './media.js';
import { telegramMarks } from './message-marks.js';
import { type OperatorsDeps, operatorsComposer } from './operators/index.js';
import { telegramPerson } from './person.js';

export { MAX_CALLBACK_DATA } from './limits.js';

/** Commands tekser answers; the rest of `/...` goes to the dialogue, which answers with help. */
export const COMMANDS = [
  'start',
  'ad',
  'cancel',
  'language',
  'help',
  'forget',
  'menu',
  'about',
  'privacy',
] as const;

export interface BotDeps {
  service: DialogueService;
  log: Logger;
  /** grammY's HTTP client options: `apiRoot` for a local Bot API server, `fetch` for tests. */
  client?: ApiClientOptions;
  /** Skip getMe (tests, and start-up when the caller already has it). */
  botInfo?: UserFromGetMe;
  now?: () => number;
  metrics?: Metrics;
  /**
   * The key of every Telegram id in a Redis key name (PERSON_KEY_SECRET): people, counsellors' flood
   * counters, the Resolve wizard. The terminal chat's and tests' public key when not given; production
   * refuses to start without one (src/main.ts).
   */
  personKeySecret?: string;
  /**
   * A flood from one person is cut, per person, with one polite notice: counted in Redis, so every
   * instance shares the count.
   */
  rateLimit?: {
    redis: Redis;
    prefix: string;
    perWindow: number;
    windowMs: number;
    notice: (languageCode?: string) => string;
    /**
     * Counsellors in the operators' chat have their own, higher limit (their replies, presses and
     * commands, counted apart from people's), and its notice is shown in that chat, where they see it.
     */
    counsellors?: { perWindow: number; notice: () => string };
    /**
     * The person's state, read in the same script as the counter so an update costs two round trips in
     * all (this one, and the save): the one shortcut kept for speed, src/store/read-ahead.ts.
     */
    prefetch?: ReadAheadTarget;
  };
  /** The counsellors' chat, when the handoff is configured. */
  operators?: OperatorsDeps;
}

export { publishCommands } from './command-menus.js';

/** The reply markup of a message: inline buttons, the "share my number" keyboard, or taking it away. */
function markupFor(reply: Reply): { reply_markup?: InlineKeyboard | Keyboard | ReplyKeyboardRemove } {
  if (reply.requestPhone) {
    // Telegram's own button sends the number the account is registered with: nothing to type.
    return { reply_markup: new Keyboard().requestContact(reply.requestPhone).resized().oneTime() };
  }
  const inline = keyboardFor(reply);
  if (inline) return { reply_markup: inline };
  if (reply.removeKeyboard) return { reply_markup: { remove_keyboard: true } };
  return {};
}

/** How many of the chat's messages /forget tries to delete at most, MAX_DELETE_BATCH per call. */
const MAX_DELETED = 2000;

/**
 * Deletes the chat's messages from `from` up to (not including) `until`: the person's and the bot's.
 * Ids that are gone or too old are skipped by Telegram; a failure leaves the rest as they are.
 */
async function deleteRecent(api: Api, chatId: number, from: number, until: number): Promise<void> {
  const start = Math.max(from, until - MAX_DELETED);
  for (let first = start; first < until; first += MAX_DELETE_BATCH) {
    const ids: number[] = [];
    for (let id = first; id < Math.min(first + MAX_DELETE_BATCH, until); id++) ids.push(id);
    await api.deleteMessages(chatId, ids).catch(() => undefined);
  }
}

/**
 * Messages to a person outside their own update (a counsellor's reply, a notice), with Telegram's
 * errors told apart: a flood or a server error is tried again later, a blocked bot is not. A counsellor's
 * media is copied from the operators' chat (nothing downloaded), its header as the caption when it fits.
 */
export function telegramSender(api: Api): PersonSender {
  const sendReply = async (chat: number, reply: Reply) => {
    const parts = splitText(reply.text);
    for (const [i, part] of parts.entries()) {
      const markup = i === parts.length - 1 ? markupFor(reply) : {};
      await api.sendMessage(chat, part, markup);
    }
  };
  return {
    async send(id, replies) {
      try {
        for (const reply of replies) await sendReply(Number(id), reply);
      } catch (err) {
        throw personDeliveryError(err);
      }
    },
    async sendMedia(id, { media }, header) {
      const { chat, message } = media;
      if (chat === undefined || message === undefined) throw new DeliveryError('unsupported');
      try {
        const fits = captionable(media) && header.text.length <= MAX_CAPTION;
        if (!fits) await sendReply(Number(id), header);
        await api.copyMessage(
          Number(id),
          chat,
          message,
          fits ? { caption: header.text, ...markupFor(header) } : captionable(media) ? { caption: '' } : {},
        );
      } catch (err) {
        throw personDeliveryError(err);
      }
    },
  };
}

export function keyboardFor(reply: Reply): InlineKeyboard | undefined {
  if (!reply.choices?.length && !reply.shortcuts?.length) return undefined;
  const kb = new InlineKeyboard();
  for (const c of reply.choices ?? []) {
    if (Buffer.byteLength(c.data) > MAX_CALLBACK_DATA) throw new Error('callback_data over 64 bytes');
    kb.text(c.label, c.data).row();
  }
  for (const s of reply.shortcuts ?? []) kb.text(s.label, s.data);
  return kb;
}

/**
 * The Telegram channel: turns updates into the engine's inputs and its replies into messages with inline
 * keyboards. It decides nothing about the dialogue.
 */
export function createBot(token: string, deps: BotDeps): Bot {
  /** Read at each update: the operators' chat id changes when its group becomes a supergroup. */
  const inOperatorsChat = (ctx: Context) =>
    deps.operators !== undefined && ctx.chat?.id === deps.operators.chatId;
  const bot = new Bot(token, {
    ...(deps.client ? { client: deps.client } : {}),
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  const now = deps.now ?? Date.now;
  const secret = deps.personKeySecret ?? DEVELOPMENT_PERSON_KEY_SECRET;
  // Telegram's flood limits: wait and retry instead of losing a reply.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  // A flood from one person is dropped before it queues: their own updates wait, no one else's do.
  const rl = deps.rateLimit;
  if (rl) {
    bot.use(
      limit({
        timeFrame: rl.windowMs,
        limit: rl.perWindow,
        storageClient: floodCounter(rl.redis, {
          windowMs: rl.windowMs,
          keyPrefix: floodKeyPrefix(rl.prefix, 'tg'),
          readAhead: rl.prefetch,
          // Seen in the metrics: while Redis is away, floods are not cut.
          onFailure: () => deps.metrics?.errors.inc({ where: 'ratelimit' }),
        }),
        keyPrefix: floodKeyPrefix(rl.prefix, 'tg'),
        // People only: what counsellors do in the operators' chat is counted by the limit below. Under
        // the person's key id, which is also their state's (the read ahead finds it by it).
        keyGenerator: (ctx) =>
          inOperatorsChat(ctx) || !ctx.from ? undefined : telegramPerson(ctx.from.id, secret).id,
        onLimitExceeded: async (ctx) => {
          deps.metrics?.rateLimited.inc({ channel: 'tg' });
          if (ctx.chat?.type === 'private')
            await ctx.reply(rl.notice(ctx.from?.language_code)).catch(() => undefined);
        },
      }),
    );
    const counsellors = rl.counsellors;
    if (counsellors && deps.operators)
      bot.use(
        limit({
          timeFrame: rl.windowMs,
          limit: counsellors.perWindow,
          storageClient: floodCounter(rl.redis, {
            windowMs: rl.windowMs,
            keyPrefix: floodKeyPrefix(rl.prefix, 'ops'),
            onFailure: () => deps.metrics?.errors.inc({ where: 'ratelimit' }),
          }),
          keyPrefix: floodKeyPrefix(rl.prefix, 'ops'),
          keyGenerator: (ctx) =>
            inOperatorsChat(ctx) && ctx.from ? personKeyId(secret, String(ctx.from.id)) : undefined,
          onLimitExceeded: async (ctx) => {
            deps.metrics?.rateLimited.inc({ channel: 'ops' });
            // Seen where the counsellor is: a press gets it on screen, a message a reply in the chat.
            if (ctx.callbackQuery)
              await ctx
                .answerCallbackQuery({ text: counsellors.notice(), show_alert: true })
                .catch(() => undefined);
            else
              await ctx
                .reply(counsellors.notice(), {
                  ...(ctx.msg?.message_id
                    ? {
                        reply_parameters: {
                          message_id: ctx.msg.message_id,
                          allow_sending_without_reply: true,
                        },
                      }
                    : {}),
                })
                .catch(() => undefined);
          },
        }),
      );
  }
  // A button a person pressed is answered at once (the client stops its spinner), while the turn goes
  // on beside it. After the flood limit, so a flood costs no calls to Telegram; never in the
  // counsellors' chat, whose handlers answer with words of their own.
  bot.use(async (ctx, next) => {
    if (!ctx.callbackQuery || ctx.chat?.type !== 'private' || ctx.chat.id === deps.operators?.chatId)
      return next();
    const answered = ctx.answerCallbackQuery().catch(() => undefined);
    try {
      await next();
    } finally {
      await answered;
    }
  });
  // One update at a time per chat, before anything reads state (a must with @grammyjs/runner).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  // The counsellors' chat has its own handlers, before anything meant for people.
  const operators = deps.operators;
  if (operators)
    bot.filter(
      (ctx) => ctx.chat?.id === operators.chatId,
      operatorsMiddleware(operatorsComposer(operators, secret)),
    );

  const send = async (ctx: Context, result: { replies: Reply[]; deleteFrom?: number }) => {
    let last: number | undefined;
    for (const reply of result.replies) {
      const parts = splitText(reply.text);
      for (const [i, part] of parts.entries()) {
        const markup = i === parts.length - 1 ? markupFor(reply) : {};
        const sent = await ctx.reply(part, markup);
        last ??= sent?.message_id;
      }
    }
    // Forgotten: the chat's recent messages go too, all but the last answer that says it is done.
    const chatId = ctx.chat?.id;
    if (result.deleteFrom !== undefined && chatId !== undefined && last !== undefined)
      await deleteRecent(ctx.api, chatId, result.deleteFrom, last);
  };

  const turn = async (ctx: Context, input: Input) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const platformLang = ctx.from?.language_code;
    // A child logger per update, with its id: what happened, never what was said. Made only when
    // something is logged: most updates log nothing.
    const log = lazyChild(deps.log, { update_id: ctx.update.update_id });
    const meta: Meta = { now: now() };
    if (platformLang) meta.platformLang = platformLang;
    const messageId = ctx.msg?.message_id ?? ctx.callbackQuery?.message?.message_id;
    if (messageId !== undefined) meta.messages = telegramMarks(messageId, meta.now);
    return deps.service.handle(telegramPerson(chatId, secret), input, meta, log);
  };

  // A picture's turn: the same, its picture read by the service unless it belongs to an open request.
  const pictureTurn = async (ctx: Context, picture: IncomingPicture) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const log = lazyChild(deps.log, { update_id: ctx.update.update_id });
    const meta: Meta = { now: now() };
    if (ctx.from?.language_code) meta.platformLang = ctx.from.language_code;
    const messageId = ctx.msg?.message_id;
    if (messageId !== undefined) meta.messages = telegramMarks(messageId, meta.now);
    return deps.service.handlePicture(telegramPerson(chatId, secret), picture, meta, log);
  };

  // Counsellors' groups come with the handoff; people are served in private chats only.
  const people = bot.chatType('private');

  people.command([...COMMANDS], async (ctx) => {
    const result = await turn(ctx, {
      kind: 'command',
      command: ctx.message?.text?.slice(1).split(/[\s@]/)[0] ?? '',
    });
    if (result) await send(ctx, result);
  });

  people.on('callback_query:data', async (ctx) => {
    const result = await turn(ctx, { kind: 'button', data: ctx.callbackQuery.data });
    if (!result) return;
    const message = ctx.callbackQuery.message;
    const chosen = result.button?.chosen;
    let edited: Promise<unknown> | undefined;
    if (message && 'text' in message && message.text && result.button && !result.button.stale) {
      // The answered question keeps its text and shows the answer, without buttons to press twice:
      // edited beside the sending of the next question (two separate messages, one wait for Telegram).
      const text = chosen ? `${message.text}\n\n→ ${chosen}` : message.text;
      edited = ctx.editMessageText(text.slice(0, MAX_MESSAGE_LENGTH)).catch(() => undefined);
    }
    try {
      await send(ctx, result);
    } finally {
      await edited;
    }
  });

  people.on('message:text', async (ctx) => {
    const input: Input = { kind: 'text', text: ctx.message.text };
    // A forwarded post is most likely an ad the person wants checked.
    if (ctx.message.forward_origin) input.forwarded = true;
    const result = await turn(ctx, input);
    if (result) await send(ctx, result);
  });

  people.on('message:contact', async (ctx) => {
    const result = await turn(ctx, { kind: 'contact', phone: ctx.message.contact.phone_number });
    if (result) await send(ctx, result);
  });

  // Any other message (a picture, a voice message, a document, a sticker...): media.ts.
  people.use(mediaRoutes({ turn, pictureTurn, send, file: { token, client: deps.client } }));

  people.on('edited_message', async (ctx) => {
    const result = await turn(ctx, { kind: 'edited' });
    if (result) await send(ctx, result);
  });

  bot.catch((err) => {
    const e = err.error;
    deps.metrics?.errors.inc({ where: 'telegram' });
    // Ids and error kinds only: an error's message can quote what the person wrote.
    deps.log.error(
      {
        update_id: err.ctx.update.update_id,
        kind:
          e instanceof GrammyError
            ? `telegram ${e.error_code}`
            : e instanceof HttpError
              ? 'http'
              : (e as Error)?.name,
        method: e instanceof GrammyError ? e.method : undefined,
      },
      'update failed',
    );
  });

  return bot;
}
