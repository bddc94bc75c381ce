import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { type Config, ConfigError, loadConfig, loadDotEnv, safeUrl } from '../config.js';
import { type AdVerdict, analyzeAd } from '../domain/ads/analyze.js';
import type { Lexicon } from '../domain/ads/lexicon.js';
import { renderAdVerdict } from '../domain/ads/render.js';
import { hotlineText } from '../domain/dialogue/index.js';
import { hashPerson } from '../domain/intel/contact.js';
import { renderSeenBefore } from '../domain/intel/render.js';
import { adIntel, type IntelLookup, withReportedContacts } from '../domain/intel/seen.js';
import { isLang, type Lang } from '../domain/language.js';
import { loadLexicon } from '../infra/content.js';
import { createI18n, readLocales } from '../infra/i18n.js';
import { PictureReader } from '../infra/ocr.js';
import { readPictureFile } from '../infra/picture-file.js';
import type { IntelStore } from '../store/intel.js';
import { type Io, isEntry, runAsEntry } from './io.js';
import { DIRS } from './paths.js';

const USAGE =
  'usage: npm run --silent analyze -- [--json | --jsonl] [--lang ru|kk|en] [--no-intel | --record] [--image FILE]  (the ad on standard input, or in a PNG or JPEG picture)';

/** Whose checks the CLI records with --record: one "person", so re-running it on one ad counts once. */
const CLI_PERSON = { channel: 'cli', id: 'analyze' };

/** The verdict as the JSON interface promises it: risk, score, language, flags with evidence, contacts. */
export function verdictJson(v: AdVerdict) {
  return {
    risk: v.risk,
    score: v.score,
    language: v.language,
    flags: v.flags.map((f) => ({ id: f.id, severity: f.severity, evidence: f.evidence })),
    contacts: v.contacts.map((c) => ({ type: c.type, value: c.value })),
  };
}

/** "Seen before" in the JSON interface: null when it is off (--no-intel, no INTEL_SECRET, no Redis). */
export function intelJson(seen: Seen | undefined) {
  if (!seen) return null;
  return {
    contacts: seen.lookup.contacts.map((c) => ({
      kind: c.kind,
      value: c.contact.value,
      count: c.count,
      byRisk: c.byRisk,
      firstSeen: c.firstSeen ?? null,
      lastSeen: c.lastSeen ?? null,
      flagged: c.flagged ?? null,
    })),
    repost: seen.lookup.repost ?? null,
    recorded: seen.recorded,
  };
}

interface Seen {
  lookup: IntelLookup;
  recorded: boolean;
}

interface Intel {
  store: IntelStore;
  redis: Redis;
  config: Config;
  person: string;
  record: boolean;
}

/**
 * "Seen before" for the CLI, when INTEL_SECRET is set and Redis answers; otherwise undefined, with one
 * line on standard error saying why when it was asked for and cannot be had.
 */
async function openIntel(record: boolean, io: Io): Promise<Intel | undefined> {
  // Without a secret there is nothing to look up: the configuration is not even read, so --json keeps
  // working whatever else the environment holds.
  if (!io.env.INTEL_SECRET) {
    if (record) throw new ConfigError('--record needs INTEL_SECRET');
    return undefined;
  }
  const config = loadConfig(io.env);
  // The Redis client (ioredis) is loaded only here: an analysis without "seen before" never pays for it.
  const [{ connectRedis }, { intelStoreFor }] = await Promise.all([
    import('../store/redis.js'),
    import('../store/intel.js'),
  ]);
  const redis = await connectRedis(config.redisUrl);
  if (!redis) {
    if (record)
      throw new ConfigError(`--record needs Redis, and none answers at ${safeUrl(config.redisUrl)}`);
    io.stderr.write(`analyze: no Redis answers at ${safeUrl(config.redisUrl)}: no "seen before"\n`);
    return undefined;
  }
  const store = intelStoreFor(redis, config) as IntelStore;
  return { store, redis, config, person: hashPerson(config.INTEL_SECRET as string, CLI_PERSON), record };
}

/** Looks up what is known before this check, then records it if asked: the check never counts itself. */
async function seenBefore(
  intel: Intel | undefined,
  text: string,
  verdict: AdVerdict,
): Promise<{ verdict: AdVerdict; seen?: Seen }> {
  const ad = intel ? adIntel(text, verdict) : undefined;
  if (!intel || !ad) return { verdict };
  const lookup = await intel.store.lookup(ad);
  const recorded = intel.record ? await intel.store.record(ad, intel.person) : false;
  return { verdict: withReportedContacts(verdict, lookup, text), seen: { lookup, recorded } };
}

async function analyzeOne(lexicon: Lexicon, intel: Intel | undefined, text: string) {
  return seenBefore(intel, text, analyzeAd(lexicon, text));
}

/** An exit of its own for a picture read without text: not a usage error, not a failure of the command. */
export class NoTextError extends Error {}

/**
 * The text of the picture in `file` (issue 18): a file that is not a PNG or JPEG picture, or larger than
 * 10 MB or 40 megapixels, is refused with one line (exit 2), before it is read whole.
 */
async function readImage(file: string): Promise<string> {
  const reading = await new PictureReader({ concurrency: 1, queue: 0 }).read(await readPictureFile(file));
  if (reading.kind === 'text') return reading.text;
  if (reading.kind === 'empty') throw new NoTextError(`${file}: no text could be read in this picture`);
  throw new Error(`${file}: the picture could not be read (is tesseract installed?)`);
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** `npm run --silent analyze -- [--json | --jsonl] [--lang ru|kk|en] [--no-intel | --record]`: the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    await analyze(argv, io);
    return 0;
  } catch (err) {
    const badArgs = (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS') === true;
    io.stderr.write(`analyze: ${(err as Error).message}\n${badArgs ? `${USAGE}\n` : ''}`);
    return badArgs || err instanceof ConfigError ? 2 : 1;
  }
}

async function analyze(argv: string[], io: Io): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      jsonl: { type: 'boolean' },
      lang: { type: 'string', default: 'ru' },
      // Node 20's parseArgs has no negated options: --no-intel is an option of its own.
      'no-intel': { type: 'boolean' },
      record: { type: 'boolean' },
      image: { type: 'string' },
    },
    strict: true,
  });
  if (values.image !== undefined && values.jsonl)
    throw new ConfigError('--image reads one picture: not with --jsonl');
  // The picture is checked and read before anything else is opened: a refusal costs nothing.
  const pictureText = values.image === undefined ? undefined : await readImage(values.image);
  if (values.json && values.jsonl) throw new ConfigError('choose one of --json and --jsonl');
  if (values['no-intel'] && values.record) throw new ConfigError('choose one of --no-intel and --record');
  const lang = values.lang;
  if (!isLang(lang)) throw new ConfigError('--lang must be ru, kk or en');
  const lexicon = loadLexicon();
  const intel = values['no-intel'] ? undefined : await openIntel(values.record === true, io);
  try {
    await run({ json: values.json, jsonl: values.jsonl, lang }, lexicon, intel, io, pictureText);
  } finally {
    intel?.redis.disconnect();
  }
}

async function run(
  values: { json?: boolean | undefined; jsonl?: boolean | undefined; lang: Lang },
  lexicon: Lexicon,
  intel: Intel | undefined,
  io: Io,
  pictureText?: string,
): Promise<void> {
  if (values.jsonl) {
    // One ad a line, {"id","text"}; one verdict a line, in order. A bad line gets an error line, so the
    // output stays aligned with the input.
    const rl = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      if (line.trim() === '') continue;
      let id: unknown = null;
      try {
        const item = JSON.parse(line) as { id?: unknown; text?: unknown };
        id = item.id ?? null;
        if (typeof item.text !== 'string') throw new Error('"text" must be a string');
        const { verdict, seen } = await analyzeOne(lexicon, intel, item.text);
        io.stdout.write(`${JSON.stringify({ id, ...verdictJson(verdict), intel: intelJson(seen) })}\n`);
      } catch (err) {
        io.stdout.write(`${JSON.stringify({ id, error: (err as Error).message })}\n`);
      }
    }
    return;
  }

  const text = pictureText ?? (await readAll(io.stdin));
  const { verdict, seen } = await analyzeOne(lexicon, intel, text);
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ ...verdictJson(verdict), intel: intelJson(seen) })}\n`);
    return;
  }
  const config = intel?.config ?? loadConfig(io.env);
  const { t } = await createI18n(readLocales(DIRS.localesDir));
  const tr = t(values.lang);
  const hotline = hotlineText(
    { hotline: { phone: config.HOTLINE_PHONE, hours: config.HOTLINE_HOURS, org: config.ORG_NAME } },
    tr,
  );
  // The "seen before" lines go last before the hotline, as renderAdVerdict ends with whatever it is given.
  const lines = renderSeenBefore(tr, seen?.lookup, { retentionDays: config.INTEL_RETENTION_DAYS });
  const tail = lines.length > 0 ? `${lines.join('\n')}\n\n${hotline}` : hotline;
  io.stdout.write(`${text.trim() === '' ? tr('ad.ask') : renderAdVerdict(tr, verdict, tail)}\n`);
}

if (isEntry(import.meta.url)) {
  loadDotEnv();
  runAsEntry(main);
}
