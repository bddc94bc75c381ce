import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, safeUrl } from '../../config.js';
import { type Input, newPerson, shortTicket } from '../../domain/dialogue/index.js';
import { isLang } from '../../domain/language.js';
import { createDialogueDeps } from '../../infra/dialogue-deps.js';
import { createLogger } from '../../infra/logger.js';
import { PictureReader, tesseractAvailable } from '../../infra/ocr.js';
import { readPictureFile } from '../../infra/picture-file.js';
import { intelStoreFor } from '../../store/intel.js';
import { MemoryStore } from '../../store/memory.js';
import { connectRedis, RedisStore } from '../../store/redis.js';
import type { Store } from '../../store/store.js';
import type { TicketStore } from '../../store/tickets.js';
import { createDialogueService, createHandoff } from '../../wiring.js';
import { runChat } from './chat.js';
import { consoleDesk, consoleSender } from './desk.js';

/** The open requests, newest last: what a counsellor would see with /tickets. */
async function listTickets(tickets: TicketStore, write: (line: string) => void): Promise<void> {
  const open = await tickets.openTickets();
  if (open.length === 0) write('No open requests.');
  for (const t of open) {
    const personal = await tickets.personal(t.id);
    write(
      [
        `#${shortTicket(t.id)}`,
        t.status,
        t.lang,
        t.channel,
        t.mode,
        t.when,
        t.urgent ? 'urgent' : '',
        t.level ?? 'no check',
        personal.phone ? 'phone given' : 'no phone',
        new Date(t.createdAt).toISOString(),
      ]
        .filter(Boolean)
        .join(' · '),
    );
  }
}

/** The terminal the chat runs in: its streams and environment (an entry point's `io`, or a test's). */
export interface Terminal {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

const processTerminal = (): Terminal => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

const USAGE =
  'usage: npm run chat -- [--lang ru|kk|en] [--flow <flow id> | --image FILE] [--user <id>] [--tickets] [--jsonl]';

/** Opens the store the terminal chat uses: Redis when one answers, else memory (said in one line). */
export async function openConsoleStore(
  config: ReturnType<typeof loadConfig>,
  stderr: Pick<Writable, 'write'> = process.stderr,
): Promise<Store> {
  const ttlSeconds = config.STATE_TTL_DAYS * 86_400;
  const redis = await connectRedis(config.redisUrl);
  if (redis) return new RedisStore(redis, { prefix: config.REDIS_PREFIX, ttlSeconds });
  if (config.redisUrlGiven)
    throw new ConfigError(`Redis at REDIS_URL does not answer; start it or unset REDIS_URL`);
  stderr.write(
    `No Redis answers at ${safeUrl(config.redisUrl)}: running on memory, nothing is kept after you exit.\n`,
  );
  return new MemoryStore(ttlSeconds);
}

/** What the chat opens with: the flow asked for, else where a returning person stood, else the start. */
function firstInput(flow: string | undefined, returning: boolean): Input {
  if (flow) return { kind: 'open', flow };
  return returning ? { kind: 'command', command: 'resume' } : { kind: 'command', command: 'start' };
}

/**
 * The picture sent as the first message (`--image FILE`), checked before anything is opened: a refusal
 * costs nothing. It is read as a person's picture is, so it needs tesseract.
 */
async function pictureOf(
  file: string | undefined,
  flow: string | undefined,
): Promise<Uint8Array | undefined> {
  if (file === undefined) return undefined;
  if (flow !== undefined) throw new ConfigError('--image is the first message: not with --flow');
  const picture = await readPictureFile(file);
  if (!tesseractAvailable())
    throw new ConfigError(
      '--image needs tesseract (apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)',
    );
  return picture;
}

export async function startConsole(argv: string[], io: Terminal = processTerminal()): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      lang: { type: 'string' },
      flow: { type: 'string' },
      user: { type: 'string', default: 'local' },
      tickets: { type: 'boolean' },
      jsonl: { type: 'boolean' },
      image: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.lang !== undefined && !isLang(values.lang)) throw new ConfigError(`--lang must be ru, kk or en`);
  const user = values.user ?? 'local';
  if (!/^[\w.-]{1,64}$/.test(user)) throw new ConfigError('--user: letters, digits, ".", "_" and "-" only');

  const picture = await pictureOf(values.image, values.flow);
  const config = loadConfig(io.env);
  const log = createLogger(io.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
  const deps = await createDialogueDeps(config);
  if (values.flow !== undefined && !deps.flows.has(values.flow)) {
    throw new ConfigError(
      `--flow: no flow "${values.flow}"; there are: ${[...deps.flows.keys()].join(', ')}`,
    );
  }
  const store = await openConsoleStore(config, io.stderr);
  // "Seen before" in the terminal too, when INTEL_SECRET is set and Redis answers.
  const intel = store instanceof RedisStore ? intelStoreFor(store.redis, config) : undefined;
  // With Redis, requests for a counsellor are stored as in production; the card is printed here.
  // The counsellors' side (cards) is printed beside the chat; with --jsonl on stderr, so stdout stays JSON.
  const write = (line: string) => (values.jsonl ? io.stderr : io.stdout).write(`${line}\n`);
  const handoff =
    store instanceof RedisStore
      ? createHandoff({
          config,
          redis: store.redis,
          deps,
          store,
          desk: consoleDesk(write),
          senders: new Map([['cli', consoleSender(write)]]),
          log,
        })
      : undefined;
  const service = createDialogueService({
    config,
    deps,
    store,
    log,
    counted: store instanceof RedisStore,
    handoff,
    intel,
    pictures: picture ? new PictureReader({ concurrency: 1, queue: 0 }) : undefined,
  });
  if (values.tickets) {
    if (!handoff) throw new ConfigError('--tickets needs Redis: requests are stored there');
    await listTickets(handoff.ticketStore, write);
    await store.close();
    return;
  }
  try {
    const who = { channel: 'cli', id: user };
    const existing = await store.load(who);
    if (values.lang) {
      const state = existing ?? newPerson(values.lang);
      await store.save(who, { ...state, lang: values.lang, langChosen: true });
    }
    // A terminal has no Telegram language code; the system's locale stands in for it.
    const platformLang = (io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG || '').slice(0, 2);
    const first = firstInput(values.flow, existing !== null);
    await runChat({
      service,
      ...(handoff ? { afterTurn: () => handoff.outbox.drain() } : {}),
      who,
      input: io.stdin,
      output: io.stdout,
      echo: !(io.stdin as { isTTY?: boolean }).isTTY,
      jsonl: values.jsonl === true,
      first,
      picture,
      platformLang,
    });
  } finally {
    await store.close();
  }
}

/** `npm run chat -- [--lang ru|kk|en] [--flow <flow id> | --image FILE] [--user <id>] [--tickets]`: the exit code. */
export async function main(argv: string[], io: Terminal): Promise<number> {
  try {
    await startConsole(argv, io);
    return 0;
  } catch (err) {
    const badArgs = (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS') === true;
    const message = err instanceof ConfigError || badArgs ? (err as Error).message : String(err);
    io.stderr.write(`tekser: ${message}\n${badArgs ? `${USAGE}\n` : ''}`);
    return 1;
  }
}

// Compared as URLs, so a checkout in a folder with spaces or Cyrillic letters works.
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  loadDotEnv();
  main(process.argv.slice(2), processTerminal()).then((code) => process.exit(code));
}
