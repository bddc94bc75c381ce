import type { StatEvent } from './dialogue/index.js';
import { CASE_OUTCOMES } from './handoff/ticket.js';
import { LANGS, type Lang } from './language.js';
import { RISK_LEVELS } from './risk.js';

/**
 * The NGO's anonymous figures, as pure functions: per local day and language, how many dialogues
 * started, checks by risk level, flags raised, ads checked, callbacks requested, taken and resolved by
 * outcome. A field is `<lang>:<metric>`; nothing in them points to a person. Stored by src/store/stats.ts.
 */

/** The counters a turn's events add to. */
export function countersFor(events: readonly StatEvent[], lang: Lang): Record<string, number> {
  const fields: Record<string, number> = {};
  const add = (metric: string) => {
    const f = `${lang}:${metric}`;
    fields[f] = (fields[f] ?? 0) + 1;
  };
  for (const e of events) {
    switch (e.kind) {
      case 'started':
        add('started');
        break;
      case 'check_started':
        add('checks:started');
        break;
      case 'asked':
        add(`asked:${e.step}`);
        break;
      case 'check':
        add(`checks:${e.level}`);
        for (const flag of e.flags) add(`flag:${flag}`);
        break;
      case 'ad':
        add(`ads:${e.level}`);
        for (const flag of e.flags) add(`flag:${flag}`);
        break;
      case 'callback':
        add('callbacks:requested');
        if (e.urgent) add('callbacks:urgent');
        break;
    }
  }
  return fields;
}

export interface DayStats {
  date: string;
  /** `<lang>:<metric>` -> count. */
  counts: Record<string, number>;
  /** Seconds from request to Take, one per ticket taken that day. */
  takeSeconds: number[];
}

/** At most about three years of days, so a typo in a date cannot make a million round trips. */
const MAX_DAYS = 1200;

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return out;
  for (let t = start; t <= end && out.length < MAX_DAYS; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The metrics in report order, for tables and CSV columns. */
export function metricNames(flagIds: readonly string[]): string[] {
  return [
    'started',
    'checks:started',
    ...RISK_LEVELS.map((l) => `checks:${l}`),
    ...RISK_LEVELS.map((l) => `ads:${l}`),
    'callbacks:requested',
    'callbacks:urgent',
    'callbacks:taken',
    ...CASE_OUTCOMES.map((o) => `callbacks:resolved:${o}`),
    ...flagIds.map((f) => `flag:${f}`),
  ];
}

export interface Summary {
  /** metric -> lang -> count, summed over the days. */
  totals: Record<string, Record<Lang, number>>;
  medianTakeSeconds?: number;
}

export function summarize(days: readonly DayStats[], flagIds: readonly string[]): Summary {
  const totals: Record<string, Record<Lang, number>> = {};
  for (const m of metricNames(flagIds)) totals[m] = { ru: 0, kk: 0, en: 0 };
  for (const day of days) {
    for (const [field, n] of Object.entries(day.counts)) {
      const at = field.indexOf(':');
      const lang = field.slice(0, at);
      const metric = field.slice(at + 1);
      if (!(LANGS as readonly string[]).includes(lang)) continue;
      totals[metric] ??= { ru: 0, kk: 0, en: 0 };
      (totals[metric] as Record<Lang, number>)[lang as Lang] += n;
    }
  }
  const m = median(days.flatMap((d) => d.takeSeconds));
  return m === undefined ? { totals } : { totals, medianTakeSeconds: m };
}
