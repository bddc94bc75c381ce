import Holidays from 'date-holidays';

/**
 * Kazakhstan's public holidays (date-holidays' calendar for KZ: Nauryz 21–23 March, the New Year,
 * Kurban ait…, with the substitute days the government moves), as local dates. Counsellors do not work
 * then: the SLA stops and people are promised the next working day. Years around `now` are taken, so a
 * long-running process keeps a year on either side.
 */
export function publicHolidays(now: number, country = 'KZ'): Set<string> {
  const calendar = new Holidays(country);
  const year = new Date(now).getUTCFullYear();
  const dates = new Set<string>();
  for (let y = year - 1; y <= year + 2; y++)
    for (const h of calendar.getHolidays(y) || []) if (h.type === 'public') dates.add(h.date.slice(0, 10));
  return dates;
}
