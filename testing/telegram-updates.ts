import type { Bot } from 'grammy';
import type { Message, Update } from 'grammy/types';
import { telegramPerson } from '../src/channels/telegram/person.js';
import { DEVELOPMENT_PERSON_KEY_SECRET, type PersonKey } from '../src/domain/person.js';
import { BOT_INFO, type Recorder, type Sent } from './bot-api.js';

/** An update without its id: what a person sends, before Telegram numbers it. */
export type UpdateBody = Omit<Update, 'update_id'>;

const DATE = 1_700_000_000;

/** The person and their private chat with the bot, as Telegram describes them in an update. */
export function privateChat(id: number, languageCode = 'ru') {
  return {
    from: { id, is_bot: false, first_name: 'Test', language_code: languageCode },
    chat: { id, type: 'private' as const, first_name: 'Test' },
  };
}

/** A message from a person in their private chat: text, a sticker, a photo, whatever `fields` say. */
export function messageFrom(
  id: number,
  fields: Partial<Message>,
  languageCode = 'ru',
  messageId = 1,
): UpdateBody {
  const { from, chat } = privateChat(id, languageCode);
  return { message: { message_id: messageId, date: DATE, chat, from, ...fields } } as UpdateBody;
}

/** `/name` as Telegram sends it: the text and its bot_command entity. */
export function commandFrom(id: number, name: string, languageCode = 'ru', messageId = 1): UpdateBody {
  const text = `/${name}`;
  return messageFrom(
    id,
    { text, entities: [{ type: 'bot_command', offset: 0, length: text.length }] },
    languageCode,
    messageId,
  );
}

export const STICKER = {
  file_id: 'x',
  file_unique_id: 'x',
  type: 'regular',
  width: 512,
  height: 512,
  is_animated: false,
  is_video: false,
} as const;

/** A press of a button with this callback data on one of the bot's messages. */
export function pressFrom(
  id: number,
  data: string,
  on: { message_id: number; text: string },
  languageCode = 'ru',
  queryId = String(id),
): UpdateBody {
  const { from, chat } = privateChat(id, languageCode);
  return {
    callback_query: {
      id: queryId,
      from,
      chat_instance: 'ci',
      data,
      message: {
        message_id: on.message_id,
        date: DATE,
        chat,
        from: { id: BOT_INFO.id, is_bot: true, first_name: 'tekser' },
        text: on.text,
      },
    },
  } as UpdateBody;
}

/** A Telegram person as the bot names them in the store when no PERSON_KEY_SECRET is given (tests). */
export function telegramKey(id: number): PersonKey {
  return telegramPerson(id, DEVELOPMENT_PERSON_KEY_SECRET);
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

  /** Their key in the store (a keyed hash of their id, and their chat as the address). */
  get key(): PersonKey {
    return telegramKey(this.id);
  }

  /** Feeds one update and returns what the bot sent this person in answer. */
  async send(update: UpdateBody): Promise<Sent[]> {
    const mark = this.recorder.mark();
    await this.bot.handleUpdate({ update_id: updateId++, ...update } as Update);
    return this.recorder.since(mark, this.id);
  }

  private message(fields: Partial<Message>): UpdateBody {
    return messageFrom(this.id, fields, this.languageCode, updateId);
  }

  text(text: string): Promise<Sent[]> {
    return this.send(this.message({ text }));
  }

  command(name: string): Promise<Sent[]> {
    return this.send(commandFrom(this.id, name, this.languageCode, updateId));
  }

  sticker(): Promise<Sent[]> {
    return this.send(this.message({ sticker: { ...STICKER } } as Partial<Message>));
  }

  /** A photo (Telegram sends it in several sizes, the largest last), with a caption if given. */
  photo(
    options: { fileId?: string; caption?: string; width?: number; height?: number } = {},
  ): Promise<Sent[]> {
    const id = options.fileId ?? 'p';
    const width = options.width ?? 90;
    const height = options.height ?? 90;
    return this.send(
      this.message({
        photo: [
          { file_id: `${id}-small`, file_unique_id: `${id}-s`, width: 90, height: 90 },
          { file_id: id, file_unique_id: id, width, height },
        ],
        ...(options.caption ? { caption: options.caption } : {}),
      } as Partial<Message>),
    );
  }

  /** A file sent as a document (an image sent "as a file", or anything else). */
  document(fileId: string, mimeType: string, caption?: string): Promise<Sent[]> {
    return this.send(
      this.message({
        document: { file_id: fileId, file_unique_id: fileId, mime_type: mimeType, file_name: 'ad' },
        ...(caption ? { caption } : {}),
      } as Partial<Message>),
    );
  }

  edited(text: string): Promise<Sent[]> {
    const { message } = this.message({ text });
    return this.send({ edited_message: { ...(message as Message), edit_date: 1_700_000_100 } } as UpdateBody);
  }

  /** Presses a button with this exact callback data on the given message. */
  press(data: string, on?: Sent): Promise<Sent[]> {
    return this.send(
      pressFrom(this.id, data, on ?? this.lastWithButtons(), this.languageCode, String(updateId)),
    );
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
