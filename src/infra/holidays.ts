import { createRequire } from 'node:module';
import type HolidaysType from 'date-holidays';

/**
 * date-holidays, loaded the first time a calendar is asked for, not at start-up: its data for every
 * country takes about a quarter of a second to load, and only a shift or a promise of the next working
 * day reads it (never the analyzer, nor a chat's first prompt). Loaded with `require` (its CommonJS
 * build, the same calendar) because the questions it answers are synchronous (src/domain/hours.ts).
 */
let Holidays: typeof HolidaysType | undefined;
function holidaysClass(): typeof HolidaysType {
  Holidays ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysType;
  return Holidays;
}

/**
 * Kazakhstan's public holidays (date-holidays' calendar for KZ: Nauryz 21–23 March, the New Year,
 * Kurban ait…, with the substitute days the government moves), as local dates. Counsellors do not work
 * then: the SLA stops and people are promised the next working day. Years around `now` are taken, so a
 * long-running process keeps a year on either side.
 */
export function publicHolidays(now: number, country = 'KZ'): Set<string> {
  const calendar = new (holidaysClass())(country);
  const year = new Date(now).getUTCFullYear();
  const dates = new Set<string>();
  for (let y = year - 1; y <= year + 2; y++)
    for (const h of calendar.getHolidays(y) || []) if (h.type === 'public') dates.add(h.date.slice(0, 10));
  return dates;
}

/**
 * The days off: `extra` and, added the first time the set is read, the public holidays around `now`
 * (publicHolidays). The same set as building it at once, read the same way; only the calendar's cost
 * moves from start-up to the first question about a working day.
 */
export class DaysOff extends Set<string> {
  #pending: number | undefined;

  constructor(extra: Iterable<string>, holidaysAround?: number) {
    // Set's own constructor would call the `add` below before this class's fields exist.
    super();
    for (const d of extra) super.add(d);
    this.#pending = holidaysAround;
  }

  #fill(): void {
    if (this.#pending === undefined) return;
    // The calendar first: if it throws, the holidays are still to come (the next read tries again)
    // rather than silently missing from every later answer.
    const holidays = publicHolidays(this.#pending);
    this.#pending = undefined;
    for (const d of holidays) super.add(d);
  }

  override has(date: string): boolean {
    this.#fill();
    return super.has(date);
  }
  override get size(): number {
    this.#fill();
    return super.size;
  }
  override add(date: string): this {
    this.#fill();
    return super.add(date);
  }
  override delete(date: string): boolean {
    this.#fill();
    return super.delete(date);
  }
  override clear(): void {
    this.#pending = undefined;
    super.clear();
  }
  override forEach(fn: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    this.#fill();
    super.forEach(fn, thisArg);
  }
  override values(): SetIterator<string> {
    this.#fill();
    return super.values();
  }
  override keys(): SetIterator<string> {
    this.#fill();
    return super.keys();
  }
  override entries(): SetIterator<[string, string]> {
    this.#fill();
    return super.entries();
  }
  override [Symbol.iterator](): SetIterator<string> {
    this.#fill();
    return super[Symbol.iterator]();
  }
}
