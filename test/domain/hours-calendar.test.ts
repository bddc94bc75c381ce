import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  isOpen,
  nextOpening,
  nextSlot,
  parseWorkingHours,
  slotWithin,
  type WorkingHours,
} from '../../src/domain/hours.js';
import { publicHolidays } from '../../src/infra/holidays.js';

const TZ = 'Asia/Almaty';
/** An instant given in Almaty's local time (UTC+5). */
const almaty = (iso: string) => Date.parse(`${iso}+05:00`);
const iso = (ms: number) => new Date(ms).toISOString();

function hours(spec: string, daysOff: string[] = []): WorkingHours {
  const h = parseWorkingHours(spec);
  if (!h) throw new Error(spec);
  return { ...h, daysOff: new Set(daysOff) };
}

describe("Kazakhstan's public holidays", () => {
  const kz = publicHolidays(almaty('2026-06-01T12:00:00'));

  it('count Nauryz (21–23 March) and the New Year as days off, from date-holidays', () => {
    for (const d of ['2026-03-21', '2026-03-22', '2026-03-23', '2027-03-22', '2026-01-01', '2026-12-16'])
      expect(kz.has(d), d).toBe(true);
    expect(kz.has('2026-03-25')).toBe(false);
  });

  it('stop the SLA over Nauryz: a request on Friday 20 March is due after the holidays', () => {
    const week = { ...hours('Mon-Fri 09:00-18:00'), daysOff: kz };
    // Friday 20 March 17:50; Mon 23 and Tue 24 March 2026 are Nauryz (and its substitute day).
    const due = addWorkingMinutes(week, TZ, almaty('2026-03-20T17:50:00'), 30);
    expect(iso(due)).toBe(iso(almaty('2026-03-25T09:20:00')));
    expect(isOpen(week, TZ, almaty('2026-03-23T11:00:00'))).toBe(false);
    expect(nextOpening(week, TZ, almaty('2026-03-20T19:00:00'))).toEqual({ inDays: 5, day: 3 });
  });
});

describe('extra days off', () => {
  const week = hours('Mon-Fri 09:00-18:00', ['2026-12-31', '2027-01-04']);

  it('close the desk, and move what a person is promised to the next working day', () => {
    expect(isOpen(week, TZ, almaty('2026-12-31T10:00:00'))).toBe(false);
    expect(nextOpening(week, TZ, almaty('2026-12-30T19:00:00'))).toEqual({ inDays: 2, day: 5 });
    // Friday 13:00: the morning slot next comes on Tuesday (Monday 4 January is off).
    expect(nextSlot(week, TZ, almaty('2027-01-01T13:00:00'), '09:00-12:00')).toEqual({
      inDays: 4,
      day: 2,
      from: '09:00',
      to: '12:00',
    });
    expect(iso(addWorkingMinutes(week, TZ, almaty('2026-12-30T17:45:00'), 30))).toBe(
      iso(almaty('2027-01-01T09:15:00')),
    );
  });
});

describe('overnight shifts', () => {
  const nights = hours('Mon-Fri 22:00-06:00', ['2026-12-04']);

  it('are open after 22:00 and until 06:00 the next morning', () => {
    expect(isOpen(nights, TZ, almaty('2026-12-01T23:30:00'))).toBe(true); // Tuesday night
    expect(isOpen(nights, TZ, almaty('2026-12-02T05:59:00'))).toBe(true); // Wednesday morning
    expect(isOpen(nights, TZ, almaty('2026-12-02T06:00:00'))).toBe(false);
    expect(isOpen(nights, TZ, almaty('2026-12-02T12:00:00'))).toBe(false);
    // Monday early morning: Sunday night had no shift.
    expect(isOpen(nights, TZ, almaty('2026-11-30T03:00:00'))).toBe(false);
    // Saturday 03:00: the end of Friday's shift, but Friday 4 December is a day off.
    expect(isOpen(nights, TZ, almaty('2026-12-05T03:00:00'))).toBe(false);
    expect(isOpen(nights, TZ, almaty('2026-11-28T03:00:00'))).toBe(true); // after Friday 27th
  });

  it('count the SLA across midnight, and skip to the next shift', () => {
    expect(iso(addWorkingMinutes(nights, TZ, almaty('2026-12-01T23:50:00'), 30))).toBe(
      iso(almaty('2026-12-02T00:20:00')),
    );
    expect(iso(addWorkingMinutes(nights, TZ, almaty('2026-12-02T05:50:00'), 30))).toBe(
      iso(almaty('2026-12-02T22:20:00')),
    );
    expect(nextOpening(nights, TZ, almaty('2026-12-02T12:00:00'))).toEqual({ inDays: 0, day: 3 });
  });

  it('offer a time of day only within the shift', () => {
    expect(slotWithin(nights, '09:00-12:00')).toBeUndefined();
    expect(slotWithin(nights, '18:00-23:00')).toEqual({ from: '22:00', to: '23:00' });
    expect(slotWithin(nights, '00:00-03:00')).toEqual({ from: '00:00', to: '03:00' });
    // Sunday noon: the small hours next come on Tuesday (after Monday night's shift).
    expect(nextSlot(nights, TZ, almaty('2026-11-29T12:00:00'), '00:00-03:00')).toEqual({
      inDays: 2,
      day: 2,
      from: '00:00',
      to: '03:00',
    });
  });
});
