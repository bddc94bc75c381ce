import { dateAfter } from '../hours.js';

/** The follow-up buttons of the Resolve wizard, in days from today; 0 is "no follow-up". */
export const FOLLOW_UP_DAYS = [3, 7, 0] as const;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** 15.12.2026, 15/12/26, 15-12, 15.12: day first, as people in Kazakhstan write dates. */
const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?$/;

/** "YYYY-MM-DD" of a day, month and year, when such a day exists. */
function dateOf(year: number, month: number, day: number): string | undefined {
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day)
    return undefined;
  return at.toISOString().slice(0, 10);
}

/**
 * A follow-up date typed by a counsellor ("15.12.2026", "15.12", "2026-12-15"), as "YYYY-MM-DD"; a day
 * and month without a year is the next such day from `today`. Undefined when it is no date.
 */
export function parseFollowUpDate(text: string, today: string): string | undefined {
  const s = text.trim();
  const iso = ISO.exec(s);
  if (iso) return dateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = DAY_FIRST.exec(s);
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = Number(m[2]);
  if (m[3] !== undefined) {
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return dateOf(year, month, day);
  }
  const year = Number(today.slice(0, 4));
  const thisYear = dateOf(year, month, day);
  if (thisYear === undefined) return dateOf(year + 1, month, day);
  return thisYear >= today ? thisYear : dateOf(year + 1, month, day);
}

/** Whether a follow-up date may be set: from today to `maxDays` ahead (the request's details live as long). */
export function followUpAllowed(date: string, today: string, maxDays: number): boolean {
  return date >= today && date <= dateAfter(today, maxDays);
}
