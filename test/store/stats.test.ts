import { afterAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/cli/stats.js';
import { countersFor, summarize } from '../../src/domain/stats.js';
import { statsKey } from '../../src/store/keys.js';
import { StatsStore } from '../../src/store/stats.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('stats');

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('the NGO figures', () => {
  it('add up after a scripted day, per language, with the median time to take', async () => {
    const stats = new StatsStore(redis, prefix);
    const day = '2026-11-27';
    const add = async (fields: Record<string, number>) => {
      for (const [f, n] of Object.entries(fields)) await redis.hincrby(statsKey(prefix, day), f, n);
    };
    await add(
      countersFor([{ kind: 'started' }, { kind: 'check', level: 'high', flags: ['upfront_fees'] }], 'ru'),
    );
    await add(
      countersFor(
        [
          { kind: 'started' },
          { kind: 'ad', level: 'critical', flags: ['upfront_fees', 'looks_requirement'] },
        ],
        'kk',
      ),
    );
    await add(countersFor([{ kind: 'callback', urgent: true }], 'kk'));
    await stats.taken(day, 'kk', 120);
    await stats.taken(day, 'kk', 600);
    await stats.taken(day, 'ru', 300);
    await stats.resolved(day, 'kk', 'shelter');

    const days = await stats.read('2026-11-26', day);
    expect(days.map((d) => d.date)).toEqual(['2026-11-26', day]);
    const s = summarize(days, ['upfront_fees', 'looks_requirement']);
    expect(s.totals.started).toEqual({ ru: 1, kk: 1, en: 0 });
    expect(s.totals['checks:high']?.ru).toBe(1);
    expect(s.totals['ads:critical']?.kk).toBe(1);
    expect(s.totals['flag:upfront_fees']).toEqual({ ru: 1, kk: 1, en: 0 });
    expect(s.totals['callbacks:requested']?.kk).toBe(1);
    expect(s.totals['callbacks:urgent']?.kk).toBe(1);
    expect(s.totals['callbacks:taken']).toEqual({ ru: 1, kk: 2, en: 0 });
    expect(s.totals['callbacks:resolved:shelter']?.kk).toBe(1);
    expect(s.medianTakeSeconds).toBe(300);

    const csv = toCsv(days).trim().split('\n');
    const header = csv[0]?.split(',') ?? [];
    const kkRow = csv.find((r) => r.startsWith(`${day},kk,`))?.split(',') ?? [];
    expect(kkRow[header.indexOf('callbacks:taken')]).toBe('2');
    expect(kkRow[header.indexOf('flag:looks_requirement')]).toBe('1');
    expect(kkRow[header.indexOf('median_take_minutes')]).toBe('5.0');
    expect(csv).toHaveLength(1 + 2 * 3);
  });
});
