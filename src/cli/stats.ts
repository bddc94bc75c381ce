import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, safeUrl } from '../config.js';
import { FLAGS } from '../domain/flags.js';
import { localDate } from '../domain/hours.js';
import { isLang, LANGS, type Lang } from '../domain/language.js';
import { chartPng, chartSpec, chartSvg } from '../infra/chart.js';
import { LOCALES_DIR } from '../infra/content.js';
import { createI18n, readLocales } from '../infra/i18n.js';
import { connectRedis } from '../store/redis.js';
import { type DayStats, median, metricNames, StatsStore, summarize } from '../store/stats.js';
import { type Io, isEntry, runAsEntry } from './io.js';

const USAGE =
  'usage: npm run stats -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv] [--svg FILE] [--png FILE] [--lang ru|kk|en]';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The NGO's figures for donors: anonymous counts per day and language. A table by default; `--csv` gives
 * one row per day and language with every metric as a column (and the day's median minutes to Take).
 */
export function toCsv(days: readonly DayStats[]): string {
  const metrics = metricNames([...FLAGS.keys()]);
  const rows = [['date', 'lang', ...metrics, 'median_take_minutes'].join(',')];
  for (const day of days) {
    const m = median(day.takeSeconds);
    for (const lang of LANGS) {
      rows.push(
        [
          day.date,
          lang,
          ...metrics.map((metric) => String(day.counts[`${lang}:${metric}`] ?? 0)),
          m === undefined ? '' : (m / 60).toFixed(1),
        ].join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}

export function toTable(from: string, to: string, days: readonly DayStats[]): string {
  const s = summarize(days, [...FLAGS.keys()]);
  const lines = [
    `tekser figures ${from} — ${to} (${days.length} days)`,
    '',
    'metric'.padEnd(40) + LANGS.map((l) => l.padStart(8)).join('') + 'total'.padStart(8),
  ];
  for (const [metric, row] of Object.entries(s.totals)) {
    const total = LANGS.reduce((n, l) => n + row[l], 0);
    if (total === 0 && metric.startsWith('flag:')) continue;
    lines.push(
      metric.padEnd(40) + LANGS.map((l) => String(row[l]).padStart(8)).join('') + String(total).padStart(8),
    );
  }
  if (s.medianTakeSeconds !== undefined)
    lines.push('', `median time to take: ${(s.medianTakeSeconds / 60).toFixed(1)} min`);
  return `${lines.join('\n')}\n`;
}

/** `npm run stats -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv]`: the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    await stats(argv, io);
    return 0;
  } catch (err) {
    const bad = err instanceof ConfigError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`stats: ${bad ? (err as Error).message : String(err)}\n${bad ? `${USAGE}\n` : ''}`);
    return 1;
  }
}

/**
 * `--svg FILE`, `--png FILE`: the period's figures drawn as a chart (src/infra/chart.ts), labelled in
 * `--lang` (Russian by default, as the NGO reports).
 */
async function writeCharts(
  from: string,
  to: string,
  days: readonly DayStats[],
  files: { svg?: string | undefined; png?: string | undefined },
  lang: Lang,
): Promise<void> {
  if (!files.svg && !files.png) return;
  const { t } = await createI18n(readLocales(LOCALES_DIR));
  const svg = await chartSvg(chartSpec(from, to, summarize(days, [...FLAGS.keys()]), t(lang)));
  if (files.svg) await writeFile(files.svg, svg);
  if (files.png) await writeFile(files.png, chartPng(svg));
}

async function stats(argv: string[], io: Io): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      csv: { type: 'boolean' },
      svg: { type: 'string' },
      png: { type: 'string' },
      lang: { type: 'string', default: 'ru' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig(io.env);
  const today = localDate(Date.now(), config.TIMEZONE);
  const to = values.to ?? today;
  const from = values.from ?? localDate(Date.parse(`${to}T12:00:00Z`) - 29 * 86_400_000, 'UTC');
  for (const [name, v] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (!DATE.test(v) || Number.isNaN(Date.parse(v)))
      throw new ConfigError(`${name}: a date like 2026-11-28`);
  }
  if (from > to) throw new ConfigError('--from is after --to');
  const lang = values.lang;
  if (!isLang(lang)) throw new ConfigError('--lang: ru, kk or en');
  const redis = await connectRedis(config.redisUrl);
  if (!redis) throw new ConfigError(`Redis at ${safeUrl(config.redisUrl)} does not answer`);
  try {
    const days = await new StatsStore(redis, config.REDIS_PREFIX).read(from, to);
    io.stdout.write(values.csv ? toCsv(days) : toTable(from, to, days));
    await writeCharts(from, to, days, values, lang);
  } finally {
    redis.disconnect();
  }
}

if (isEntry(import.meta.url)) {
  loadDotEnv();
  runAsEntry(main);
}
