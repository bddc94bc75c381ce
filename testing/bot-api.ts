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
  /** Files uploaded with it (multipart/form-data), by the field they were sent for (`photo`, `voice`…). */
  files?: Record<string, { filename: string; bytes: Uint8Array }>;
}
export interface Sent {
  message_id: number;
  chat_id: number;
  /** The text, or a media's caption. */
  text: string;
  buttons: Button[];
  /** A media message: the method that sent it (`sendPhoto`, `copyMessage`…). */
  media?: string;
}

/** Telegram's limits on what a bot sends. */
export const MESSAGE_MAX_CHARS = 4096;
export const CAPTION_MAX_CHARS = 1024;
/** The methods that send a message with media (an upload, or a copy of a message). */
const MEDIA_METHODS = new Set([
  'sendPhoto',
  'sendVoice',
  'sendAudio',
  'sendVideo',
  'sendDocument',
  'copyMessage',
]);
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
    const call: Call =
      typeof body === 'string'
        ? { method, payload: JSON.parse(body) as Record<string, unknown> }
        : isStream(body)
          ? { method, ...readMultipart(await collect(body), contentType(init?.headers)) }
          : { method, payload: {} };
    const payload = call.payload;
    if (this.keep) this.calls.push(call);
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
    } else if (MEDIA_METHODS.has(method)) {
      const caption = typeof payload.caption === 'string' ? payload.caption : '';
      this.check(caption.length <= CAPTION_MAX_CHARS, `a caption over 1024 characters: ${caption.length}`);
      const message_id = this.nextMessageId++;
      if (this.keep)
        this.messages.push({
          message_id,
          chat_id: Number(payload.chat_id),
          text: caption,
          buttons: buttonsOf(payload),
          media: method,
          call: this.calls.length - 1,
        });
      result =
        method === 'copyMessage'
          ? { message_id }
          : { message_id, date: 1_700_000_000, chat: { id: Number(payload.chat_id), type: 'private' } };
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

function isStream(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof (body as AsyncIterable<Uint8Array> | undefined)?.[Symbol.asyncIterator] === 'function';
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function contentType(headers: RequestInit['headers']): string {
  if (!headers) return '';
  if (headers instanceof Headers) return headers.get('content-type') ?? '';
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return String(entries.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '');
}

/**
 * A multipart/form-data body as grammY sends it with an InputFile: its fields (objects as JSON) in
 * `payload`, and each file under the field that points to it (`photo: "attach://<id>"`).
 */
function readMultipart(raw: Buffer, type: string): Pick<Call, 'payload' | 'files'> {
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  const payload: Record<string, unknown> = {};
  const attached = new Map<string, { filename: string; bytes: Uint8Array }>();
  if (!boundary) return { payload };
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length + 2;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
    const filename = /filename=([^\r\n;]+)/.exec(head)?.[1];
    if (filename !== undefined) attached.set(name, { filename, bytes: new Uint8Array(content) });
    else {
      const value = content.toString('utf8');
      try {
        payload[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
      } catch {
        payload[name] = value;
      }
    }
    at = next;
  }
  const files: Record<string, { filename: string; bytes: Uint8Array }> = {};
  for (const [field, value] of Object.entries(payload)) {
    const id = typeof value === 'string' ? /^attach:\/\/(.+)$/.exec(value)?.[1] : undefined;
    const file = id ? attached.get(id) : undefined;
    if (file) files[field] = file;
  }
  return { payload, files };
}
