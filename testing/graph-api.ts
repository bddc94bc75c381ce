import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const PHONE_NUMBER_ID = '106540352242922';
export const APP_SECRET = 'test0app0secret0000000000000000aa';
export const VERIFY_TOKEN = 'verify-token-for-tests';
export const ACCESS_TOKEN = 'EAAtest-access-token-for-offline-tests';
export const WEBHOOK = '/webhooks/whatsapp';

/** One message as the person would see it. */
export interface Shown {
  to: string;
  kind: 'text' | 'buttons' | 'list' | 'template' | 'media';
  /** A media message: its type and the uploaded media's id (and a document's file name). */
  media?: { type: string; id: string; filename?: string };
  /** The text, or the interactive message's body, or the template's name. */
  text: string;
  /** Buttons or list rows, in order. */
  options: { id: string; title: string; description?: string }[];
  /** The list's button; the template's language code. */
  extra?: string;
}

/** What Meta answers when a parameter breaks its limits (error 131009). */
function invalid(details: string) {
  return {
    status: 400,
    body: {
      error: {
        message: '(#131009) Parameter value is not valid',
        type: 'OAuthException',
        code: 131009,
        error_data: { messaging_product: 'whatsapp', details },
        fbtrace_id: 'AbCdEfGh',
      },
    },
  };
}

/** A Meta-shaped error answer, for scripting failures. */
export function graphError(code: number, status = 400) {
  return {
    status,
    body: {
      error: {
        message: `(#${code}) error ${code}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: `error ${code}` },
        fbtrace_id: 'AbCdEfGh',
      },
    },
  };
}

export type Json = Record<string, unknown>;
const len = (v: unknown) => (typeof v === 'string' ? v.length : Number.NaN);
const blank = (v: unknown) => typeof v !== 'string' || v.trim().length === 0;

/**
 * Meta's limits, checked here on their own (not with tekser's schema, so a mistake in one is caught by
 * the other). Returns why Meta would refuse the message, or undefined.
 */
export function breaksLimits(m: Json): string | undefined {
  if (m.messaging_product !== 'whatsapp') return 'messaging_product';
  // A phone number in `to`, or a business-scoped user id in `recipient` (`to` wins when both are given).
  if (blank(m.to) && blank(m.recipient)) return 'to';
  if (m.type === 'text') {
    const body = (m.text as Json | undefined)?.body;
    if (blank(body)) return 'empty text';
    if (len(body) > 4096) return 'text over 4096';
    return undefined;
  }
  if (m.type === 'template') {
    const t = m.template as Json | undefined;
    return blank(t?.name) || blank((t?.language as Json | undefined)?.code) ? 'template' : undefined;
  }
  if (MEDIA_TYPES.has(String(m.type))) {
    const media = m[String(m.type)] as Json | undefined;
    if (blank(media?.id) && blank(media?.link)) return 'media without an id or a link';
    if (m.type === 'audio' && media?.caption !== undefined) return 'audio takes no caption';
    if (len(media?.caption ?? '') > 1024) return 'caption over 1024';
    return undefined;
  }
  if (m.type !== 'interactive') return `type ${String(m.type)}`;
  const i = m.interactive as Json;
  const body = (i.body as Json | undefined)?.text;
  if (blank(body)) return 'empty body';
  if (len(body) > 1024) return 'body over 1024 with an interactive';
  const action = i.action as Json;
  if (i.type === 'button') {
    const buttons = (action.buttons as { type: string; reply: { id: string; title: string } }[]) ?? [];
    if (buttons.length < 1 || buttons.length > 3) return 'buttons: 1 to 3';
    if (buttons.some((b) => b.type !== 'reply' || blank(b.reply?.title) || len(b.reply.title) > 20))
      return 'button title over 20';
    if (new Set(buttons.map((b) => b.reply.id)).size !== buttons.length) return 'duplicate button ids';
    if (new Set(buttons.map((b) => b.reply.title)).size !== buttons.length) return 'duplicate button titles';
    return undefined;
  }
  if (i.type === 'list') {
    if (blank(action.button) || len(action.button) > 20) return 'list button over 20';
    const sections = (action.sections as { title?: string; rows: Json[] }[]) ?? [];
    if (sections.length < 1 || sections.length > 10) return 'sections';
    if (sections.length > 1 && sections.some((s) => blank(s.title))) return 'section without a title';
    if (sections.some((s) => s.title !== undefined && len(s.title) > 24)) return 'section title over 24';
    const rows = sections.flatMap((s) => s.rows ?? []);
    if (rows.length < 1 || rows.length > 10) return 'list rows: 1 to 10';
    if (rows.some((r) => blank(r.title) || len(r.title) > 24)) return 'row title over 24';
    if (rows.some((r) => r.description !== undefined && len(r.description) > 72))
      return 'row description over 72';
    if (new Set(rows.map((r) => r.id)).size !== rows.length) return 'duplicate row ids';
    return undefined;
  }
  return `interactive ${String(i.type)}`;
}

const MEDIA_TYPES = new Set(['image', 'audio', 'video', 'document']);

/**
 * What Meta's media upload takes, at most, by the file's type (the Cloud API's supported media types):
 * images 5 MB, audio and video 16 MB, documents 100 MB.
 */
function uploadLimit(mime: string): number {
  const mb = 1024 * 1024;
  if (mime.startsWith('image/')) return 5 * mb;
  if (mime.startsWith('audio/') || mime.startsWith('video/')) return 16 * mb;
  return 100 * mb;
}

function shown(m: Json): Shown {
  const to = String(m.to ?? m.recipient);
  if (MEDIA_TYPES.has(String(m.type))) {
    const media = m[String(m.type)] as { id: string; caption?: string; filename?: string };
    return {
      to,
      kind: 'media',
      text: media.caption ?? '',
      options: [],
      media: {
        type: String(m.type),
        id: media.id,
        ...(media.filename ? { filename: media.filename } : {}),
      },
    };
  }
  if (m.type === 'text') return { to, kind: 'text', text: String((m.text as Json).body), options: [] };
  if (m.type === 'template') {
    const t = m.template as { name: string; language: { code: string } };
    return { to, kind: 'template', text: t.name, options: [], extra: t.language.code };
  }
  const i = m.interactive as Json;
  const action = i.action as Json;
  const text = String((i.body as Json).text);
  if (i.type === 'button') {
    const buttons = action.buttons as { reply: { id: string; title: string } }[];
    return {
      to,
      kind: 'buttons',
      text,
      options: buttons.map((b) => ({ id: b.reply.id, title: b.reply.title })),
    };
  }
  const rows = (action.sections as { rows: { id: string; title: string; description?: string }[] }[]).flatMap(
    (s) => s.rows,
  );
  return { to, kind: 'list', text, options: rows, extra: String(action.button) };
}

/**
 * A Graph API of the test's own: a real HTTP server that takes `POST /{phone-number-id}/messages`,
 * records every request, refuses (400, as Meta does) any message that breaks Meta's limits, and answers
 * scripted failures in turn.
 */
export class FakeGraphApi {
  readonly requests: { path: string; authorization: string | undefined; body: Json }[] = [];
  /** Every message accepted, in order. */
  readonly accepted: Shown[] = [];
  /** Every message refused for breaking a limit, with why. */
  readonly rejected: { reason: string; body: Json }[] = [];
  private readonly failures: { status: number; body: unknown }[] = [];
  /** The last buttons or list sent to each person: what they see and press. */
  private readonly lastShown = new Map<string, Shown>();
  private server: Server | undefined;
  private next = 1;
  url = '';
  /** Each answer waits this long (a slow Meta). */
  delayMs = 0;
  /** Requests being answered now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** Sockets ever opened to this server. */
  connections = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      res.on('close', () => this.inFlight--);
      void this.serve(req, res);
    });
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    this.url = `http://127.0.0.1:${address.port}/v23.0`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The next requests are answered with these failures, one each. */
  fail(...answers: { status: number; body: unknown }[]): void {
    this.failures.push(...answers);
  }

  /** The last buttons or list sent to a person, if any. */
  lastInteractive(to: string): Shown | undefined {
    return this.lastShown.get(to);
  }

  /** Messages to one person since `mark` (an index into `accepted`). */
  sentTo(to: string, mark = 0): Shown[] {
    return this.accepted.slice(mark).filter((m) => m.to === to);
  }

  /**
   * Media a person sent, by media id: `GET /{media-id}` answers with a URL on this server, and that URL
   * (with the token) with the bytes, as Meta's media endpoints do. Each fetch is in `requests`.
   */
  readonly media = new Map<string, { bytes: Uint8Array; mime: string }>();

  /** Files uploaded to `POST /{phone-number-id}/media`, in order, with the id each was given. */
  readonly uploads: { id: string; mime: string; filename: string; bytes: Uint8Array }[] = [];

  /** `POST /{phone-number-id}/media`: a multipart form with the file, its type and the product. */
  private async serveUpload(
    req: IncomingMessage,
    raw: Buffer,
    answer: (status: number, body: unknown) => void,
  ) {
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: {} });
    if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return answer(401, graphError(190, 401).body);
    const failure = this.failures.shift();
    if (failure) return answer(failure.status, failure.body);
    const form = await new Response(raw, {
      headers: { 'content-type': String(req.headers['content-type']) },
    })
      .formData()
      .catch(() => undefined);
    const file = form?.get('file');
    const mime = String(form?.get('type') ?? '');
    if (form?.get('messaging_product') !== 'whatsapp' || !(file instanceof Blob) || !mime)
      return answer(400, invalid('upload form').body);
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.byteLength > uploadLimit(mime)) return answer(400, graphError(131053).body);
    const id = `media.up${this.next++}`;
    this.uploads.push({ id, mime, filename: 'name' in file ? String(file.name) : '', bytes });
    answer(200, { id });
  }

  /** `GET /{media-id}` and the file's URL; false when the request is not for media. */
  private serveMedia(
    req: IncomingMessage,
    answer: (status: number, body: unknown) => void,
    res: ServerResponse,
  ) {
    if (req.method !== 'GET') return false;
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: {} });
    if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) {
      answer(401, graphError(190, 401).body);
      return true;
    }
    const file = /^\/v23\.0\/files\/(.+)$/.exec(req.url ?? '');
    const id = decodeURIComponent(file ? (file[1] as string) : (req.url ?? '').replace(/^\/v23\.0\//, ''));
    const media = this.media.get(id);
    if (!media) answer(404, graphError(100).body);
    else if (file) {
      res.writeHead(200, { 'content-type': media.mime });
      res.end(Buffer.from(media.bytes));
    } else
      answer(200, {
        messaging_product: 'whatsapp',
        url: `${this.url}/files/${encodeURIComponent(id)}`,
        mime_type: media.mime,
        file_size: media.bytes.byteLength,
        id,
      });
    return true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (this.serveMedia(req, answer, res)) return;
    if (req.method === 'POST' && req.url === `/v23.0/${PHONE_NUMBER_ID}/media`)
      return this.serveUpload(req, Buffer.concat(chunks), answer);
    let body: Json;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
    } catch {
      return answer(400, invalid('not JSON').body);
    }
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    if (req.method !== 'POST' || req.url !== `/v23.0/${PHONE_NUMBER_ID}/messages`)
      return answer(404, graphError(100).body);
    if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return answer(401, graphError(190, 401).body);
    const failure = this.failures.shift();
    if (failure) return answer(failure.status, failure.body);
    const reason = breaksLimits(body);
    if (reason) {
      this.rejected.push({ reason, body });
      const refused = invalid(reason);
      return answer(refused.status, refused.body);
    }
    const message = shown(body);
    this.accepted.push(message);
    if (message.kind === 'buttons' || message.kind === 'list') this.lastShown.set(message.to, message);
    answer(200, {
      messaging_product: 'whatsapp',
      contacts: [
        body.to === undefined
          ? { input: body.recipient, user_id: body.recipient }
          : { input: body.to, wa_id: body.to },
      ],
      messages: [{ id: `wamid.fake${this.next++}` }],
    });
  }
}
