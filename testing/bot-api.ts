import type { UserFromGetMe } from 'grammy/types';

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

/** Telegram's limits on what a bot sends. */
export const MESSAGE_MAX_CHARS = 4096;
export const CALLBACK_DATA_MAX_BYTES = 64;

export interface RecorderOptions {
  /**
   * How a broken limit is reported, as it is found: by default an Error thrown from the call (tests
   * pass their assertion library's own check).
   */
  check?: (ok: boolean, problem: string) => void;
  /** Keep every call and message (the default); off for the bench, whose memory is measured. */
  keep?: boolean;
  /** Answer each call after this many milliseconds, as a real Bot API does at best. */
  latencyMs?: number;
}

const throwing = (ok: boolean, problem: string) => {
  if (!ok) throw new Error(problem);
};

/**
 * A typed recorder of the bot's outgoing Bot API calls, installed as grammY's `fetch`: nothing leaves
 * the process, and every call is checked against Telegram's limits as it is made. Tests and the bench
 * both use it; it needs no test runner.
 */
export class Recorder {
  readonly calls: Call[] = [];
  private nextMessageId = 1000;
  private nextThreadId = 500;
  private readonly check: (ok: boolean, problem: string) => void;
  private readonly keep: boolean;
  private readonly latencyMs: number;
  /** The callback data of the buttons last sent to each chat: what a person sees and presses. */
  private readonly buttonsShown = new Map<number, string[]>();

  constructor(options: RecorderOptions = {}) {
    this.check = options.check ?? throwing;
    this.keep = options.keep ?? true;
    this.latencyMs = options.latencyMs ?? 0;
  }
  /** Makes Telegram refuse a call (the operators' chat away, a flood limit): return the error to give. */
  failWith:
    | ((
        call: Call,
      ) =>
        | { error_code: number; description: string; retry_after?: number; migrate_to_chat_id?: number }
        | undefined)
    | undefined;

  /**
   * Files the fake Bot API serves by file_id: getFile answers with a path, and the file's URL
   * (`<apiRoot>/file/bot<token>/<path>`) with its bytes. Downloads are recorded as `file` calls.
   */
  readonly files = new Map<string, Uint8Array>();

  readonly fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const download = /\/file\/bot[^/]+\/pictures\/(.+)$/.exec(String(url));
    if (download) {
      const bytes = this.files.get(decodeURIComponent(download[1] as string));
      if (this.keep) this.calls.push({ method: 'file', payload: { path: download[1] } });
      return bytes ? new Response(bytes) : new Response('Not Found', { status: 404 });
    }
    const method = String(url).split('/').pop() ?? '';
    const body = init?.body;
    const payload =
      typeof body === 'string'
        ? (JSON.parse(body) as Record<string, unknown>)
        : ({} as Record<string, unknown>);
    if (this.keep) this.calls.push({ method, payload });
    const failure = this.failWith?.({ method, payload });
    if (failure) {
      const body = {
        ok: false,
        error_code: failure.error_code,
        description: failure.description,
        ...(failure.retry_after ? { parameters: { retry_after: failure.retry_after } } : {}),
        ...(failure.migrate_to_chat_id
          ? { parameters: { migrate_to_chat_id: failure.migrate_to_chat_id } }
          : {}),
      };
      return answer(body);
    }
    let result: unknown = true;
    if (method === 'sendMessage') {
      const text = String(payload.text ?? '');
      this.check(text.length <= MESSAGE_MAX_CHARS, `a message over 4096 characters: ${text.length}`);
      this.check(text.trim().length > 0, 'an empty message');
      const buttons = buttonsOf(payload);
      for (const b of buttons) {
        const bytes = Buffer.byteLength(b.callback_data);
        this.check(bytes <= CALLBACK_DATA_MAX_BYTES, `callback_data over 64 bytes: ${b.callback_data}`);
      }
      if ((payload.reply_markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard)
        this.buttonsShown.set(
          Number(payload.chat_id),
          buttons.map((b) => b.callback_data),
        );
      const message_id = this.nextMessageId++;
      if (this.keep)
        this.messages.push({
          message_id,
          chat_id: Number(payload.chat_id),
          text,
          buttons,
          call: this.calls.length - 1,
        });
      result = {
        message_id,
        date: 1_700_000_000,
        chat: { id: payload.chat_id, type: 'private' },
        text,
      };
    } else if (method === 'getFile') {
      const id = String(payload.file_id);
      const bytes = this.files.get(id);
      if (!bytes) return answer({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
      result = { file_id: id, file_unique_id: id, file_size: bytes.byteLength, file_path: `pictures/${id}` };
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
    return answer({ ok: true, result });
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

  /** The callback data of the buttons last sent to a chat (kept even with `keep: false`). */
  lastButtons(chatId: number): string[] {
    return this.buttonsShown.get(chatId) ?? [];
  }
}

/**
 * The answer as grammY's client reads it (`res.json()`), with the body parsed from its JSON text as off a
 * socket, and no WHATWG `Response`: building one and its stream cost the bench's bots a fifth of their
 * time, a cost that belongs to neither bot (a real response is read off a socket in production).
 */
function answer(body: unknown): Response {
  const text = JSON.stringify(body);
  return { ok: true, status: 200, json: async () => JSON.parse(text) } as unknown as Response;
}

function buttonsOf(payload: Record<string, unknown>): Button[] {
  const markup = payload.reply_markup as { inline_keyboard?: Button[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat();
}
