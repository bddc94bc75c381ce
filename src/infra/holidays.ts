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
 * The days off: `extra` and, added the first time they are read, the public holidays around `now`
 * (publicHolidays). The same days as building them at once; only the calendar's cost moves from start-up
 * to the first question about a working day. Not a `Set` subclass: Set's own methods (`union`,
 * `isSubsetOf`, `Set.prototype.has.call`) read a set's internals and would skip the holidays not yet
 * added; this answers only what it defines.
 */
export class DaysOff implements Iterable<string> {
  readonly #days: Set<string>;
  #pending: number | undefined;

  constructor(extra: Iterable<string>, holidaysAround?: number) {
    this.#days = new Set(extra);
    this.#pending = holidaysAround;
  }

  #fill(): Set<string> {
    if (this.#pending !== undefined) {
      // The calendar first: if it throws, the holidays are still to come (the next read tries again)
      // rather than silently missing from every later answer.
      const holidays = publicHolidays(this.#pending);
      this.#pending = undefined;
      for (const d of holidays) this.#days.add(d);
    }
    return this.#days;
  }

  has(date: string): boolean {
    return this.#fill().has(date);
  }
  get size(): number {
    return this.#fill().size;
  }
  [Symbol.iterator](): Iterator<string> {
    return this.#fill().values();
  }
}
