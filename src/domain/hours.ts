/** When the hotline answers: days of the week (0 = Sunday, as Date#getDay) and a time range. */
export interface WorkingHours {
  days: number[];
  from: string;
  to: string;
}

const DAY_KEYS: readonly string[] = [
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
    if (part === 'daily' || part === 'every day') {
      for (let d = 0; d < 7; d++) days.add(d);
      continue;
    }
    const [a, b] = part.split('-').map((p) => DAY_NAMES.indexOf(p.trim().slice(0, 3)));
    if (a === undefined || a < 0) return undefined;
    if (b === undefined) {
      days.add(a);
      continue;
    }
    if (b < 0) return undefined;
    const start = WEEK_ORDER.indexOf(a);
    const end = WEEK_ORDER.indexOf(b);
    if (end < start) return undefined;
    for (let i = start; i <= end; i++) days.add(WEEK_ORDER[i] as number);
  }
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
