import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/stats.js';
import { statsKey } from '../../src/store/keys.js';
import { countersFor, StatsStore } from '../../src/store/stats.js';
import { text } from '../helpers/content.js';
import { dropPrefix, REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';
import { runMain } from '../helpers/run.js';
import { runTs } from '../helpers/spawn.js';

const redis = testRedis();
const prefix = testPrefix('stats-cli');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const env = { REDIS_URL, REDIS_PREFIX: prefix };
const stats = (args: string[], more: Record<string, string> = {}) => runMain(main, args, { ...env, ...more });

describe('npm run stats', () => {
  it('starts as its own process and prints its usage with --help', async () => {
    const { code, stdout } = await runTs('src/cli/stats.ts', ['--help'], {});
    expect(code).toBe(0);
    expect(stdout).toBe(
      'usage: npm run stats -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv] [--svg FILE] [--png FILE] [--lang ru|kk|en]\n',
    );
  });

  it('draws the figures as SVG and PNG, with the checks started and where people stop', async () => {
    const day = '2026-10-14';
    const events = [
      { kind: 'check_started' as const },
      { kind: 'check_started' as const },
      { kind: 'asked' as const, step: 'situation' },
      { kind: 'asked' as const, step: 'situation' },
      { kind: 'asked' as const, step: 'where' },
    ];
    for (const [f, n] of Object.entries(countersFor(events, 'ru')))
      await redis.hincrby(statsKey(prefix, day), f, n);
    const dir = await mkdtemp(join(tmpdir(), 'tekser-chart-'));
    try {
      const svgFile = join(dir, 'week.svg');
      const pngFile = join(dir, 'week.png');
      const { code } = await stats(['--from', day, '--to', day, '--svg', svgFile, '--png', pngFile]);
      expect(code).toBe(0);
      const svg = await readFile(svgFile, 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      // Russian by default, as the NGO reports; the questions by their ids.
      for (const label of [text('ru', 'ops.chart.checks_started'), 'situation', 'where'])
        expect(svg).toContain(label);
      expect(svg).not.toContain(text('en', 'ops.chart.checks_started'));
      const png = await readFile(pngFile);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // --lang: every label of the chart in that language.
      for (const lang of ['kk', 'en'] as const) {
        expect((await stats(['--from', day, '--to', day, '--svg', svgFile, '--lang', lang])).code).toBe(0);
        const drawn = await readFile(svgFile, 'utf8');
        for (const key of ['section_desk', 'section_stops', 'started', 'checks_started', 'requested'])
          expect(drawn).toContain(text(lang, `ops.chart.${key}`));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("prints a day's figures as a table, and as CSV with one row per day and language", async () => {
    const day = '2026-11-27';
    for (const [f, n] of Object.entries(countersFor([{ kind: 'started' }], 'kk')))
      await redis.hincrby(statsKey(prefix, day), f, n);
    await new StatsStore(redis, prefix).taken(day, 'kk', 300);

    const table = await stats(['--from', '2026-11-26', '--to', day]);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe('tekser figures 2026-11-26 — 2026-11-27 (2 days)');
    expect(lines.find((l) => l.startsWith('started'))?.split(/\s+/)).toEqual(['started', '0', '1', '0', '1']);
    expect(table.stdout).toContain('median time to take: 5.0 min');

    const csv = await stats(['--from', '2026-11-26', '--to', day, '--csv']);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows).toHaveLength(1 + 2 * 3);
    const header = rows[0]?.split(',') ?? [];
    const kk = rows.find((r) => r.startsWith(`${day},kk,`))?.split(',') ?? [];
    expect(kk[header.indexOf('started')]).toBe('1');
    expect(kk[header.indexOf('median_take_minutes')]).toBe('5.0');
  });

  it('refuses a bad date, dates in the wrong order and an unknown option with one line and the usage', async () => {
    for (const [args, why] of [
      [['--from', '28.11.2026'], '--from: a date like 2026-11-28'],
      [['--from', '2026-11-28', '--to', '2026-11-01'], '--from is after --to'],
      [['--days', '3'], "Unknown option '--days'"],
      [['--lang', 'de'], '--lang: ru, kk or en'],
    ] as const) {
      const { code, stdout, stderr } = await stats([...args]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toContain(`stats: ${why}`);
      expect(stderr).toContain('usage: npm run stats');
    }
  });

  it('stops with one line when Redis does not answer', async () => {
    const { code, stderr } = await stats(['--to', '2026-11-27'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe('stats: Redis at redis://127.0.0.1:1 does not answer');
  });
});
