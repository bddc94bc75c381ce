/** When the hotline answers: days of the week (0 = Sunday, as Date#getDay) and a time range. */
export interface WorkingHours {
  days: number[];
  from: string;
  /** Before `from` when the shift runs past midnight ("22:00-06:00"): it ends the next morning. */
  to: string;
  /**
   * Local dates ("2026-03-21") when nobody works: public holidays and the NGO's extra days off. A shift
   * that begins on such a day does not happen (an overnight shift belongs to the day it begins).
   */
  daysOff?: { has(date: string): boolean }; // a Set, or DaysOff (src/infra/holidays.ts), filled when first read
}

/** The text keys of the weekdays, indexed as Date#getDay (0 = Sunday). */
export const DAY_KEYS: readonly string[] = [
  'days.sun',
  'days.mon',
  'days.tue',
  'days.wed',
  'days.thu',
  'days.fri',
  'days.sat',
];
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Adds the days one part of the spec names ("daily", "wed", "mon-fri") to `days`.
 * `false` when the part names no day or a range that runs backwards through the week.
 */
function addDays(part: string, days: Set<number>): boolean {
  if (part === 'daily' || part === 'every day') {
    for (let d = 0; d < 7; d++) days.add(d);
    return true;
  }
  const [a, b] = part.split('-').map((p) => DAY_NAMES.indexOf(p.trim().slice(0, 3)));
  if (a === undefined || a < 0) return false;
  if (b === undefined) {
    days.add(a);
    return true;
  }
  if (b < 0) return false;
  const start = WEEK_ORDER.indexOf(a);
  const end = WEEK_ORDER.indexOf(b);
  if (end < start) return false;
  for (let i = start; i <= end; i++) days.add(WEEK_ORDER[i] as number);
  return true;
}

/** Parses "Mon-Fri 09:00-18:00", "Mon,Wed,Fri 10:00-14:00" or "daily 00:00-24:00". */
export function parseWorkingHours(spec: string): WorkingHours | undefined {
  const m = /^\s*([A-Za-z,\s-]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(spec);
  if (!m) return undefined;
  const [, daysPart = '', h1 = '', m1 = '', h2 = '', m2 = ''] = m;
  if (Number(h1) > 24 || Number(h2) > 24 || Number(m1) > 59 || Number(m2) > 59) return undefined;
  const days = new Set<number>();
  for (const part of daysPart
    .toLowerCase()
    .split(',')
    .map((p) => p.trim())) {
    if (!addDays(part, days)) return undefined;
  }
  // "22:00-06:00" runs past midnight and ends the next morning; "09:00-09:00" names no time at all.
  const start = Number(h1) * 60 + Number(m1);
  const end = Number(h2) * 60 + Number(m2);
  if (start === end || (end < start && start >= 24 * 60)) return undefined;
  const pad = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
  return { days: WEEK_ORDER.filter((d) => days.has(d)), from: pad(h1, m1), to: pad(h2, m2) };
}

/** "Mon–Fri, 09:00–18:00" in the person's language. */
export function formatWorkingHours(
  hours: WorkingHours,
  t: (key: string, vars?: Record<string, unknown>) => string,
) {
  const ordered = WEEK_ORDER.filter((d) => hours.days.includes(d));
  let days: string;
  if (ordered.length === 7) days = t('days.every_day');
  else {
    // Consecutive runs become ranges: Mon–Fri, Sat.
    const runs: number[][] = [];
    for (const d of ordered) {
      const last = runs.at(-1);
      const prev = last?.at(-1);
      if (last && prev !== undefined && WEEK_ORDER.indexOf(d) === WEEK_ORDER.indexOf(prev) + 1) last.push(d);
      else runs.push([d]);
    }
    days = runs
      .map((r) => {
        const first = t(DAY_KEYS[r[0] as number] as string);
        return r.length > 1 ? `${first}–${t(DAY_KEYS[r.at(-1) as number] as string)}` : first;
      })
      .join(', ');
  }
  return t('hotline.hours', { days, from: hours.from, to: hours.to });
}

/** The weekday (0 = Sunday) and minutes since midnight of `at` in the time zone (IANA, as "Asia/Almaty"). */
export function localTime(at: number, timeZone: string): { day: number; minutes: number; date: string } {
  const parts = zoneFormat(timeZone).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAY_NAMES.indexOf(get('weekday').toLowerCase().slice(0, 3));
  // Some engines print midnight as 24.
  const hour = Number(get('hour')) % 24;
  return {
    day: Math.max(day, 0),
    minutes: hour * 60 + Number(get('minute')),
    date: `${get('year')}-${get('month')}-${get('day')}`,
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether the time zone is one Intl knows (config is checked with it). */
export function isTimeZone(timeZone: string): boolean {
  try {
    zoneFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day ("2026-11-28") of `at` in the time zone: statistics are counted per local day. */
export function localDate(at: number, timeZone: string): string {
  return localTime(at, timeZone).date;
}

function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** "09:30" of minutes since midnight. */
export function fromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes since a local midnight: [from, to). */
type Span = readonly [number, number];

/** How many days ahead a search for working time looks: past Nauryz, the New Year and extra days off. */
const LOOKAHEAD_DAYS = 21;

/** The weekday (0 = Sunday) of a local date ("2026-03-21"). */
function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The local date `n` days after `date` (both "YYYY-MM-DD"). */
export function dateAfter(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a shift begins on this local date: a working weekday, and not a holiday or day off. */
export function shiftBegins(hours: WorkingHours, date: string): boolean {
  return hours.days.includes(weekdayOf(date)) && !hours.daysOff?.has(date);
}

/** Whether the shift runs past midnight ("22:00-06:00"). */
export function isOvernight(hours: WorkingHours): boolean {
  return toMinutes(hours.to) < toMinutes(hours.from);
}

/** The hours of a day, whatever the day: one span, or two for a shift that runs past midnight. */
function dailySpans(hours: WorkingHours): Span[] {
  const from = toMinutes(hours.from);
  const to = toMinutes(hours.to);
  return isOvernight(hours)
    ? [
        [0, to],
        [from, 24 * 60],
      ]
    : [[from, to]];
}

/**
 * The working time within one local date, in order: the shift that begins that day, and the morning
 * end of an overnight shift that began the day before.
 */
export function spansOn(hours: WorkingHours, date: string): Span[] {
  const from = toMinutes(hours.from);
  const to = toMinutes(hours.to);
  if (!isOvernight(hours)) return shiftBegins(hours, date) ? [[from, to]] : [];
  const spans: Span[] = [];
  if (shiftBegins(hours, dateAfter(date, -1))) spans.push([0, to]);
  if (shiftBegins(hours, date)) spans.push([from, 24 * 60]);
  return spans;
}

/** The part of a time of day ("09:00-12:00") within the working hours, or undefined when none is. */
export function slotWithin(hours: WorkingHours, slot: string): { from: string; to: string } | undefined {
  const [a = '', b = ''] = slot.split('-');
  for (const [start, end] of dailySpans(hours)) {
    const from = Math.max(start, toMinutes(a));
    const to = Math.min(end, toMinutes(b));
    if (from < to) return { from: fromMinutes(from), to: fromMinutes(to) };
  }
  return undefined;
}

/**
 * When a time of day ("09:00-12:00") next comes within working time after `at`: how many days ahead, on
 * which weekday, and between which hours (from now, when it is already under way today).
 */
export function nextSlot(
  hours: WorkingHours,
  timeZone: string,
  at: number,
  slot: string,
): { inDays: number; day: number; from: string; to: string } | undefined {
  const within = slotWithin(hours, slot);
  if (!within) return undefined;
  const start = toMinutes(within.from);
  const end = toMinutes(within.to);
  const { date, minutes } = localTime(at, timeZone);
  for (let inDays = 0; inDays <= LOOKAHEAD_DAYS; inDays++) {
    const d = dateAfter(date, inDays);
    if (!spansOn(hours, d).some(([s, e]) => s <= start && end <= e)) continue;
    if (inDays === 0 && minutes >= end) continue;
    const from = inDays === 0 ? Math.max(start, minutes) : start;
    return { inDays, day: weekdayOf(d), from: fromMinutes(from), to: within.to };
  }
  return undefined;
}

/** Whether counsellors are at work at `at`. */
export function isOpen(hours: WorkingHours, timeZone: string, at: number): boolean {
  const { date, minutes } = localTime(at, timeZone);
  return spansOn(hours, date).some(([s, e]) => minutes >= s && minutes < e);
}

/**
 * When counsellors are next at work after `at` (which is outside the hours): how many days ahead (0:
 * later today, 1: tomorrow) and on which weekday; holidays and days off are skipped. Undefined when
 * no shift begins within three weeks.
 */
export function nextOpening(
  hours: WorkingHours,
  timeZone: string,
  at: number,
): { inDays: number; day: number } | undefined {
  const { date, minutes } = localTime(at, timeZone);
  for (let inDays = 0; inDays <= LOOKAHEAD_DAYS; inDays++) {
    const d = dateAfter(date, inDays);
    if (!shiftBegins(hours, d)) continue;
    if (inDays === 0 && minutes >= toMinutes(hours.from)) continue;
    return { inDays, day: weekdayOf(d) };
  }
  return undefined;
}

/** How far the time zone is ahead of UTC at `at`, in ms (its offset, daylight saving included). */
function offsetMs(at: number, timeZone: string): number {
  const parts = zoneFormat(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return local - (at - (at % 60_000));
}

/** How many days addWorkingMinutes walks at most (a year of holidays cannot stop it for ever). */
const MAX_WALK_DAYS = 60;

/**
 * The moment `minutes` of working time have passed since `start`: a request left on Friday evening is
 * late on Monday morning, not on Saturday, and one left before Nauryz after it. Walks day by day, so it
 * costs a few time-zone lookups, not one a minute.
 */
export function addWorkingMinutes(
  hours: WorkingHours,
  timeZone: string,
  start: number,
  minutes: number,
): number {
  if (hours.days.length === 0) return start + minutes * 60_000;
  let left = minutes * 60_000;
  let cursor = start;
  // A local wall-clock time as an instant, with the offset of that very moment (daylight saving).
  const instant = (local: number, guess: number) => local - offsetMs(local - guess, timeZone);
  for (let day = 0; day < MAX_WALK_DAYS; day++) {
    const offset = offsetMs(cursor, timeZone);
    const local = cursor + offset;
    const localMidnight = local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
    for (const [a, b] of spansOn(hours, localTime(cursor, timeZone).date)) {
      const begin = Math.max(cursor, instant(localMidnight + a * 60_000, offset));
      const end = instant(localMidnight + b * 60_000, offset);
      if (begin < end) {
        if (end - begin >= left) return begin + left;
        left -= end - begin;
      }
    }
    cursor = instant(localMidnight + 86_400_000, offset);
  }
  return cursor;
}

/** The instant of a local wall-clock time (`minutes` after midnight of `date`) in the time zone. */
export function localInstant(date: string, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // Twice: the offset of the instant itself, which differs from the guess's around a change of clocks.
  const guess = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(guess, timeZone);
}

/**
 * When counsellors' first shift on or after a local date begins: that day's start of work, or the next
 * working day's when it is a weekend, a public holiday or a day off (a follow-up reminder's time).
 */
export function shiftStartOn(hours: WorkingHours, timeZone: string, date: string): number {
  const from = toMinutes(hours.from);
  for (let inDays = 0; inDays <= LOOKAHEAD_DAYS; inDays++) {
    const d = dateAfter(date, inDays);
    if (shiftBegins(hours, d)) return localInstant(d, from, timeZone);
  }
  return localInstant(date, from, timeZone);
}
