import { describe, expect, it } from 'vitest';
import { followUpAllowed, parseFollowUpDate } from '../../src/domain/handoff/follow-up.js';
import { parseWorkingHours, shiftStartOn, type WorkingHours } from '../../src/domain/hours.js';

const TODAY = '2026-11-28';

describe('a follow-up date typed by a counsellor', () => {
  it('reads the ways dates are written in Kazakhstan, day first', () => {
    expect(parseFollowUpDate('15.12.2026', TODAY)).toBe('2026-12-15');
    expect(parseFollowUpDate(' 15/12/26 ', TODAY)).toBe('2026-12-15');
    expect(parseFollowUpDate('2026-12-15', TODAY)).toBe('2026-12-15');
    expect(parseFollowUpDate('5.12', TODAY)).toBe('2026-12-05');
    // A day and month already past this year is next year's.
    expect(parseFollowUpDate('10.01', TODAY)).toBe('2027-01-10');
    expect(parseFollowUpDate('28.11', TODAY)).toBe('2026-11-28');
    // No 29 February this year or next: no date (a follow-up is never more than a year ahead).
    expect(parseFollowUpDate('29.02', TODAY)).toBeUndefined();
    expect(parseFollowUpDate('29.02', '2027-11-28')).toBe('2028-02-29');
  });

  it('is no date when no such day exists or it is words', () => {
    for (const s of ['31.11.2026', '2026-02-30', '15.13', 'next week', '', '1512', '15.12.202'])
      expect(parseFollowUpDate(s, TODAY), s).toBeUndefined();
  });

  it('may be from today to the retention ahead', () => {
    expect(followUpAllowed('2026-11-28', TODAY, 30)).toBe(true);
    expect(followUpAllowed('2026-12-28', TODAY, 30)).toBe(true);
    expect(followUpAllowed('2026-12-29', TODAY, 30)).toBe(false);
    expect(followUpAllowed('2026-11-27', TODAY, 30)).toBe(false);
  });
});

describe("a reminder's time: the start of work on that day, or on the next working day", () => {
  const zone = 'Asia/Almaty';
  const weekdays = parseWorkingHours('Mon-Fri 09:00-18:00') as WorkingHours;
  const at = (iso: string) => new Date(iso).getTime();

  it('is 09:00 local on a working day, and skips weekends, holidays and days off', () => {
    expect(shiftStartOn(weekdays, zone, '2026-12-15')).toBe(at('2026-12-15T09:00:00+05:00'));
    // Saturday 5 December: Monday the 7th.
    expect(shiftStartOn(weekdays, zone, '2026-12-05')).toBe(at('2026-12-07T09:00:00+05:00'));
    const holidays = { ...weekdays, daysOff: new Set(['2026-03-23', '2026-03-24']) };
    // Nauryz falls on Saturday 21 March 2026; its days off run to Tuesday.
    expect(shiftStartOn(holidays, zone, '2026-03-21')).toBe(at('2026-03-25T09:00:00+05:00'));
  });

  it('is the evening start of a night shift, and follows a time zone with summer time', () => {
    const nights = parseWorkingHours('Mon-Fri 22:00-06:00') as WorkingHours;
    expect(shiftStartOn(nights, zone, '2026-12-15')).toBe(at('2026-12-15T22:00:00+05:00'));
    expect(shiftStartOn(weekdays, 'Europe/Berlin', '2026-07-01')).toBe(at('2026-07-01T09:00:00+02:00'));
    expect(shiftStartOn(weekdays, 'Europe/Berlin', '2026-12-01')).toBe(at('2026-12-01T09:00:00+01:00'));
    // The Monday clocks go forward in Europe (29 March 2026 is a Sunday: the 30th).
    expect(shiftStartOn(weekdays, 'Europe/Berlin', '2026-03-29')).toBe(at('2026-03-30T09:00:00+02:00'));
  });
});
