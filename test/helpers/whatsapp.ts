import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { createWhatsApp, type WhatsApp } from '../../src/channels/whatsapp/index.js';
import { ROOT } from '../../src/cli/paths.js';
import type { DialogueDeps } from '../../src/domain/dialogue.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { DialogueService } from '../../src/service.js';
import { RedisStore } from '../../src/store/redis.js';
import { deps as makeDeps } from './content.js';

export const PHONE_NUMBER_ID = '106540352242922';
export const APP_SECRET = 'test0app0secret0000000000000000aa';
export const VERIFY_TOKEN = 'verify-token-for-tests';
export const ACCESS_TOKEN = 'EAAtest-access-token-for-offline-tests';
export const WEBHOOK = '/webhooks/whatsapp';

// --- A fake Graph API -------------------------------------------------------------------------------

/** One message as the person would see it. */
export interface Shown {
  to: string;
  kind: 'text' | 'buttons' | 'list' | 'template';
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

type Json = Record<string, unknown>;
const len = (v: unknown) => (typeof v === 'string' ? v.length : Number.NaN);
const blank = (v: unknown) => typeof v !== 'string' || v.trim().length === 0;

/**
 * Meta's limits, checked here on their own (not with tekser's schema, so a mistake in one is caught by
 * the other). Returns why Meta would refuse the message, or undefined.
 */
export function breaksLimits(m: Json): string | undefined {
  if (m.messaging_product !== 'whatsapp') return 'messaging_product';
  if (blank(m.to)) return 'to';
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

function shown(m: Json): Shown {
  const to = String(m.to);
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
  private server: Server | undefined;
  private next = 1;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
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

  /** Messages to one person since `mark` (an index into `accepted`). */
  sentTo(to: string, mark = 0): Shown[] {
    return this.accepted.slice(mark).filter((m) => m.to === to);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
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
    this.accepted.push(shown(body));
    answer(200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: `wamid.fake${this.next++}` }],
    });
  }
}

// --- Webhook notifications ---------------------------------------------------------------------------

const FIXTURES = join(ROOT, 'test', 'fixtures', 'whatsapp');

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Json;
}

/** The first message of a fixture, as a template to build messages from. */
function fixtureMessage(name: string): Json {
  const body = fixture(name) as { entry: { changes: { value: { messages: Json[] } }[] }[] };
  const found = body.entry[0]?.changes[0]?.value.messages[0];
  if (!found) throw new Error(`fixture ${name} has no message`);
  return found;
}

let messageCounter = 0;
/** A message of the kind of fixture `name`, from `waId`, with a fresh id and the fields given. */
export function message(name: string, waId: string, fields: Json = {}): Json {
  return {
    ...fixtureMessage(name),
    from: waId,
    id: `wamid.test${++messageCounter}${randomBytes(6).toString('hex')}`,
    ...fields,
  };
}

/** A notification carrying these messages (and statuses), as Meta posts it: one entry, one change. */
export function notification(messages: Json[], extra: Json = {}): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              contacts: [...new Set(messages.map((m) => m.from))].map((wa_id) => ({
                profile: { name: 'Sheena Nelson' },
                wa_id,
              })),
              messages,
              ...extra,
            },
          },
        ],
      },
    ],
  };
}

export function sign(raw: string | Buffer, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

// --- A harness as main.ts builds it -------------------------------------------------------------------

export interface Harness {
  app: FastifyInstance;
  wa: WhatsApp;
  graph: FakeGraphApi;
  metrics: Metrics;
  deps: DialogueDeps;
  store: RedisStore;
  /** Posts a body signed with the app secret and waits until every message in it is answered. */
  post(body: Json | string, headers?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

export async function whatsappHarness(
  redis: Redis,
  prefix: string,
  options: { log?: Logger; reopenTemplate?: string; bodyLimit?: number } = {},
): Promise<Harness> {
  const graph = await new FakeGraphApi().start();
  const metrics = createMetrics();
  const log = options.log ?? createLogger('silent');
  const deps = await makeDeps();
  const store = new RedisStore(redis, { prefix, ttlSeconds: 3600 });
  const service = new DialogueService(deps, store, log, metrics);
  const wa = createWhatsApp(
    {
      token: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      apiUrl: graph.url,
      ...(options.reopenTemplate ? { reopenTemplate: options.reopenTemplate } : {}),
    },
    {
      service,
      store,
      redis,
      prefix,
      t: deps.t,
      log,
      metrics,
      bodyLimit: options.bodyLimit ?? 100_000,
      // Retries without waiting: what is checked is that they happen, never how long they take.
      retryDelaysMs: [1, 1, 1],
    },
  );
  const app = createHttpServer({ metrics, ready: async () => true, whatsapp: wa.plugin, bodyLimit: 100_000 });
  await app.ready();
  return {
    app,
    wa,
    graph,
    metrics,
    deps,
    store,
    async post(body, headers) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await app.inject({
        method: 'POST',
        url: WEBHOOK,
        payload: raw,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw), ...headers },
      });
      await wa.channel.idle();
      return res.statusCode;
    },
    async close() {
      await app.close();
      await graph.stop();
    },
  };
}

/** One person writing to tekser on WhatsApp. */
export class WaPerson {
  constructor(
    readonly h: Harness,
    readonly waId: string,
  ) {}

  /** Sends these messages in one POST and returns what tekser sent this person in answer. */
  async send(...messages: Json[]): Promise<Shown[]> {
    const mark = this.h.graph.accepted.length;
    const status = await this.h.post(notification(messages));
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.h.graph.sentTo(this.waId, mark);
  }

  text(body: string, fields: Json = {}): Promise<Shown[]> {
    return this.send(message('text', this.waId, { text: { body }, ...fields }));
  }

  of(kind: string, fields: Json = {}): Promise<Shown[]> {
    return this.send(message(kind, this.waId, fields));
  }

  lastInteractive(): Shown {
    const last = this.h.graph
      .sentTo(this.waId)
      .filter((m) => m.kind === 'buttons' || m.kind === 'list')
      .at(-1);
    if (!last) throw new Error('no buttons or list yet');
    return last;
  }

  /** Presses the button or picks the list row with this id, as WhatsApp reports it. */
  press(id: string, on: Shown = this.lastInteractive()): Promise<Shown[]> {
    const title = on.options.find((o) => o.id === id)?.title ?? 'x';
    const interactive =
      on.kind === 'list'
        ? { type: 'list_reply', list_reply: { id, title } }
        : { type: 'button_reply', button_reply: { id, title } };
    return this.send(message('interactive-button-reply', this.waId, { interactive }));
  }

  /** Picks the answer whose option id is `option` on the current question. */
  answer(option: string): Promise<Shown[]> {
    const on = this.lastInteractive();
    const found = on.options.find((o) => o.id.endsWith(`:${option}`) || o.id === option);
    if (!found) throw new Error(`no answer "${option}" in: ${on.options.map((o) => o.id).join(' ')}`);
    return this.press(found.id, on);
  }

  /** The option ids of the question asked last. */
  options(): string[] {
    return this.lastInteractive()
      .options.filter((o) => !o.id.startsWith('L:') && !o.id.startsWith('M:'))
      .map((o) => o.id.slice(o.id.indexOf(':') + 1));
  }
}

let nextWaId = 77_012_000_000;
/** A fresh WhatsApp id per person (a Kazakh mobile number's digits). */
export function newWaId(): string {
  return String(nextWaId++ + Math.floor(Math.random() * 1000) * 1000);
}
