import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { loadLexicon } from '../content.js';
import { type AdVerdict, analyzeAd } from '../domain/ads/analyze.js';
import { renderAdVerdict } from '../domain/ads/render.js';
import { formatWorkingHours } from '../domain/hours.js';
import { isLang } from '../domain/language.js';
import { createI18n, readLocales } from '../i18n.js';
import { DIRS } from './paths.js';

const USAGE =
  'usage: npm run --silent analyze -- [--json | --jsonl] [--lang ru|kk|en]  (the ad on standard input)';

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

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      jsonl: { type: 'boolean' },
      lang: { type: 'string', default: 'ru' },
    },
    strict: true,
  });
  if (values.json && values.jsonl) throw new ConfigError('choose one of --json and --jsonl');
  if (!isLang(values.lang)) throw new ConfigError('--lang must be ru, kk or en');
  const lexicon = loadLexicon();

  if (values.jsonl) {
    // One ad a line, {"id","text"}; one verdict a line, in order. A bad line gets an error line, so the
    // output stays aligned with the input.
    const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      if (line.trim() === '') continue;
      let id: unknown = null;
      try {
        const item = JSON.parse(line) as { id?: unknown; text?: unknown };
        id = item.id ?? null;
        if (typeof item.text !== 'string') throw new Error('"text" must be a string');
        process.stdout.write(`${JSON.stringify({ id, ...verdictJson(analyzeAd(lexicon, item.text)) })}\n`);
      } catch (err) {
        process.stdout.write(`${JSON.stringify({ id, error: (err as Error).message })}\n`);
      }
    }
    return;
  }

  const text = await readAll();
  const verdict = analyzeAd(lexicon, text);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(verdictJson(verdict))}\n`);
    return;
  }
  loadDotEnv();
  const config = loadConfig();
  const { t } = await createI18n(readLocales(DIRS.localesDir));
  const tr = t(values.lang);
  const hotline = tr('hotline.line', {
    phone: config.HOTLINE_PHONE,
    hours: formatWorkingHours(config.HOTLINE_HOURS, tr),
  });
  process.stdout.write(`${text.trim() === '' ? tr('ad.ask') : renderAdVerdict(tr, verdict, hotline)}\n`);
}

main().catch((err: unknown) => {
  const badArgs = (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS') === true;
  process.stderr.write(`analyze: ${(err as Error).message}\n${badArgs ? `${USAGE}\n` : ''}`);
  process.exit(badArgs || err instanceof ConfigError ? 2 : 1);
});
