import type { Bot } from 'grammy';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import { expect } from 'vitest';

export const BOT_INFO: UserFromGetMe = {
  id: 999000,
  is_bot: true,
  first_name: 'tekser',
  username: 'tekser_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;
export const TOKEN = '123456:TEST-token-for-offline-tests-only-xxxxxxxx';

export interface Button {
  text: string;
  callback_data: string;
}
export interface Call {
  method: string;
  payload: Record<string, unknown>;
}
export interface Sent {
  message_id: number;
  chat_id: number;
  text: string;
  buttons: Button[];
}

/**
 * A typed recorder of the bot's outgoing Bot API calls, installed as grammY's `fetch`: nothing leaves
 * the process, and every call is checked against Telegram's limits as it is made.
 */
export class Recorder {
  readonly calls: Call[] = [];
  private nextMessageId = 1000;
  private nextThreadId = 500;
  /** Makes Telegram refuse a call (the operators' chat away, a flood limit): return the error to give. */
  failWith:
    | ((call: Call) => { error_code: number; description: string; retry_after?: number } | undefined)
    | undefined;

  readonly fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const method = String(url).split('/').pop() ?? '';
    const body = init?.body;
    const payload =
      typeof body === 'string'
        ? (JSON.parse(body) as Record<string, unknown>)
        : ({} as Record<string, unknown>);
    this.calls.push({ method, payload });
    const failure = this.failWith?.({ method, payload });
    if (failure) {
      const body = {
        ok: false,
        error_code: failure.error_code,
        description: failure.description,
        ...(failure.retry_after ? { parameters: { retry_after: failure.retry_after } } : {}),
      };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    }
    let result: unknown = true;
    if (method === 'sendMessage') {
      const text = String(payload.text ?? '');
      expect(text.length, 'a message over 4096 characters').toBeLessThanOrEqual(4096);
      expect(text.trim().length, 'an empty message').toBeGreaterThan(0);
      for (const b of buttonsOf(payload)) {
        expect(Buffer.byteLength(b.callback_data), 'callback_data over 64 bytes').toBeLessThanOrEqual(64);
      }
      const message_id = this.nextMessageId++;
      this.messages.push({
        message_id,
        chat_id: Number(payload.chat_id),
        text,
        buttons: buttonsOf(payload),
        call: this.calls.length - 1,
      });
      result = {
        message_id,
        date: 1_700_000_000,
        chat: { id: payload.chat_id, type: 'private' },
        text,
      };
    } else if (method === 'createForumTopic') {
      result = { message_thread_id: this.nextThreadId++, name: payload.name, icon_color: 0 };
    } else if (method === 'editMessageText') {
      result = {
        message_id: payload.message_id,
        date: 1_700_000_000,
        chat: { id: payload.chat_id, type: 'private' },
        text: payload.text,
      };
    }
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;

  /** Every message sent, in order, with the id Telegram would have given it. */
  readonly messages: (Sent & { call: number })[] = [];

  sent(chatId?: number): (Sent & { call: number })[] {
    return this.messages.filter((m) => chatId === undefined || m.chat_id === chatId);
  }

  /** Marks where a turn begins, to read only what the bot said after it. */
  mark(): number {
    return this.calls.length;
  }

  since(mark: number, chatId?: number): Sent[] {
    return this.sent(chatId).filter((m) => m.call >= mark);
  }

  ofMethod(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }
}

function buttonsOf(payload: Record<string, unknown>): Button[] {
  const markup = payload.reply_markup as { inline_keyboard?: Button[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat();
}

let updateId = 1;

/** One person talking to the bot: builds the updates they would send and feeds them in. */
export class Person {
  constructor(
    private readonly bot: Bot,
    readonly recorder: Recorder,
    readonly id: number,
    readonly languageCode = 'ru',
  ) {}

  private get from() {
    return { id: this.id, is_bot: false, first_name: 'Test', language_code: this.languageCode };
  }
  private get chat() {
    return { id: this.id, type: 'private' as const, first_name: 'Test' };
  }

  private message(extra: Partial<Message>): Message {
    return {
      message_id: updateId,
      date: 1_700_000_000,
      chat: this.chat,
      from: this.from,
      ...extra,
    } as Message;
  }

  /** Feeds one update and returns what the bot sent this person in answer. */
  async send(update: Omit<Update, 'update_id'>): Promise<Sent[]> {
    const mark = this.recorder.mark();
    await this.bot.handleUpdate({ update_id: updateId++, ...update } as Update);
    return this.recorder.since(mark, this.id);
  }

  text(text: string): Promise<Sent[]> {
    return this.send({ message: this.message({ text }) } as Omit<Update, 'update_id'>);
  }

  command(name: string): Promise<Sent[]> {
    const text = `/${name}`;
    return this.send({
      message: this.message({ text, entities: [{ type: 'bot_command', offset: 0, length: text.length }] }),
    } as Omit<Update, 'update_id'>);
  }

  sticker(): Promise<Sent[]> {
    return this.send({
      message: this.message({
        sticker: {
          file_id: 'x',
          file_unique_id: 'x',
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      } as Partial<Message>),
    } as Omit<Update, 'update_id'>);
  }

  photo(): Promise<Sent[]> {
    return this.send({
      message: this.message({
        photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }],
      } as Partial<Message>),
    } as Omit<Update, 'update_id'>);
  }

  edited(text: string): Promise<Sent[]> {
    return this.send({
      edited_message: { ...this.message({ text }), edit_date: 1_700_000_100 },
    } as Omit<Update, 'update_id'>);
  }

  /** Presses a button with this exact callback data on the given message. */
  press(data: string, on?: Sent): Promise<Sent[]> {
    const message = on ?? this.lastWithButtons();
    return this.send({
      callback_query: {
        id: String(updateId),
        from: this.from,
        chat_instance: 'ci',
        data,
        message: {
          message_id: message.message_id,
          date: 1_700_000_000,
          chat: this.chat,
          from: { id: BOT_INFO.id, is_bot: true, first_name: 'tekser' },
          text: message.text,
        },
      },
    } as Omit<Update, 'update_id'>);
  }

  /** Presses the answer whose option id is `option` on the current question. */
  answer(option: string): Promise<Sent[]> {
    const message = this.lastWithButtons();
    const button = message.buttons.find((b) => b.callback_data.endsWith(`:${option}`));
    if (!button)
      throw new Error(`no answer "${option}" in: ${message.buttons.map((b) => b.callback_data).join(' ')}`);
    return this.press(button.callback_data, message);
  }

  lastWithButtons(): Sent {
    const all = this.recorder.sent(this.id).filter((m) => m.buttons.length > 0);
    const last = all.at(-1);
    if (!last) throw new Error('no message with buttons yet');
    return last;
  }

  /** The option ids of the question the bot asked last. */
  options(): string[] {
    return this.lastWithButtons()
      .buttons.filter((b) => !b.callback_data.startsWith('L:'))
      .map((b) => b.callback_data.slice(b.callback_data.indexOf(':') + 1));
  }
}
