import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  isOpen,
  nextOpening,
  nextSlot,
  parseWorkingHours,
  slotWithin,
} from '../../src/domain/hours.js';

const TZ = 'Asia/Almaty';
const week = parseWorkingHours('Mon-Fri 09:00-18:00');
if (!week) throw new Error('hours');
/** An instant given in Almaty's local time (UTC+5). */
const almaty = (iso: string) => Date.parse(`${iso}+05:00`);

describe('working hours', () => {
  it('are open within the hours on working days only', () => {
    expect(isOpen(week, TZ, almaty('2026-11-27T09:00:00'))).toBe(true); // Friday
    expect(isOpen(week, TZ, almaty('2026-11-27T17:59:00'))).toBe(true);
    expect(isOpen(week, TZ, almaty('2026-11-27T18:00:00'))).toBe(false);
    expect(isOpen(week, TZ, almaty('2026-11-28T12:00:00'))).toBe(false); // Saturday
  });

  it('know when work resumes', () => {
    expect(nextOpening(week, TZ, almaty('2026-11-28T05:00:00'))).toEqual({ inDays: 2, day: 1 });
    expect(nextOpening(week, TZ, almaty('2026-11-26T07:00:00'))).toEqual({ inDays: 0, day: 4 });
    expect(nextOpening(week, TZ, almaty('2026-11-26T19:00:00'))).toEqual({ inDays: 1, day: 5 });
  });

  it('count a deadline in working minutes: Friday evening is late on Monday morning', () => {
    const due = (iso: string, minutes: number) =>
      new Date(addWorkingMinutes(week, TZ, almaty(iso), minutes)).toISOString();
    expect(due('2026-11-27T10:00:00', 30)).toBe(new Date(almaty('2026-11-27T10:30:00')).toISOString());
    expect(due('2026-11-27T17:50:00', 30)).toBe(new Date(almaty('2026-11-30T09:20:00')).toISOString());
    expect(due('2026-11-30T08:00:00', 30)).toBe(new Date(almaty('2026-11-30T09:30:00')).toISOString());
    expect(due('2026-11-28T12:00:00', 30)).toBe(new Date(almaty('2026-11-30T09:30:00')).toISOString());
  });

  it('accept overnight shifts, and refuse hours that name no time', () => {
    expect(parseWorkingHours('daily 22:00-06:00')).toEqual({
      days: [1, 2, 3, 4, 5, 6, 0],
      from: '22:00',
      to: '06:00',
    });
    expect(parseWorkingHours('daily 00:00-24:00')).toBeDefined();
    expect(parseWorkingHours('daily 09:00-09:00')).toBeUndefined();
    expect(parseWorkingHours('daily 24:00-06:00')).toBeUndefined();
  });
});

describe('working hours across daylight saving', () => {
  it('count the hours by the wall clock on the day the clocks change', () => {
    const daily = parseWorkingHours('daily 09:00-18:00');
    if (!daily) throw new Error('hours');
    // Berlin moves to summer time on 2026-03-29 at 02:00.
    const saturday = Date.parse('2026-03-28T17:30:00+01:00');
    expect(new Date(addWorkingMinutes(daily, 'Europe/Berlin', saturday, 60)).toISOString()).toBe(
      new Date(Date.parse('2026-03-29T09:30:00+02:00')).toISOString(),
    );
  });

  it('offer a time of day only within them, and know when it next comes', () => {
    expect(slotWithin(week, '18:00-22:00')).toBeUndefined();
    expect(slotWithin(week, '08:00-12:00')).toEqual({ from: '09:00', to: '12:00' });
    // Friday 10:30: this morning, from now; Friday 13:00: Monday morning; Saturday night: Monday.
    expect(nextSlot(week, TZ, almaty('2026-11-27T10:30:00'), '09:00-12:00')).toEqual({
      inDays: 0,
      day: 5,
      from: '10:30',
      to: '12:00',
    });
    expect(nextSlot(week, TZ, almaty('2026-11-27T13:00:00'), '09:00-12:00')).toMatchObject({
      inDays: 3,
      day: 1,
    });
    expect(nextSlot(week, TZ, almaty('2026-11-28T23:30:00'), '12:00-18:00')).toEqual({
      inDays: 2,
      day: 1,
      from: '12:00',
      to: '18:00',
    });
    expect(nextSlot(week, TZ, almaty('2026-11-28T23:30:00'), '18:00-22:00')).toBeUndefined();
  });
});
