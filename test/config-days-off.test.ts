import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { DaysOff, publicHolidays } from '../src/infra/holidays.js';

describe('days off in the config', () => {
  it('adds EXTRA_DAYS_OFF to the public holidays, and accepts overnight shifts', () => {
    const c = loadConfig({ EXTRA_DAYS_OFF: '2026-12-31, 2027-01-02', WORKING_HOURS: 'Mon-Sun 22:00-06:00' });
    expect(c.WORKING_HOURS.from).toBe('22:00');
    expect(c.WORKING_HOURS.daysOff?.has('2026-12-31')).toBe(true);
    expect(c.WORKING_HOURS.daysOff?.has('2027-01-02')).toBe(true);
    expect(c.WORKING_HOURS.daysOff?.has(`${new Date().getUTCFullYear()}-03-22`)).toBe(true);
  });

  it('leaves the public holidays out when PUBLIC_HOLIDAYS=false', () => {
    const c = loadConfig({ PUBLIC_HOLIDAYS: 'false' });
    expect([...(c.WORKING_HOURS.daysOff as DaysOff)]).toEqual([]);
    expect(c.WORKING_HOURS.daysOff?.has(`${new Date().getUTCFullYear()}-03-22`)).toBe(false);
  });

  it('holds the same days, however it is read first, as the holidays read at once', () => {
    const now = Date.UTC(2026, 5, 1);
    const eager = new Set(['2026-12-31', ...publicHolidays(now)]);
    const reads: ((d: DaysOff) => unknown)[] = [(d) => d.has('2026-03-22'), (d) => d.size, (d) => [...d]];
    for (const read of reads) {
      const lazy = new DaysOff(['2026-12-31'], now);
      read(lazy);
      expect([...lazy].sort()).toEqual([...eager].sort());
      expect(lazy.size).toBe(eager.size);
    }
    expect([...new DaysOff(['2026-12-31'])]).toEqual(['2026-12-31']);
  });

  it('refuses a date that is not one, with one clear line', () => {
    for (const bad of ['2026-13-01', '31.12.2026', '2026-02-30'])
      expect(() => loadConfig({ EXTRA_DAYS_OFF: bad })).toThrow(
        new ConfigError('configuration: EXTRA_DAYS_OFF: dates like 2026-12-31,2027-01-02'),
      );
  });
});
