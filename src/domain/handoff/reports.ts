import { shortTicket, type Translate } from '../dialogue/index.js';
import { flagTextKey } from '../flags.js';
import { localDate } from '../hours.js';
import type { ContactIntel } from '../intel/seen.js';
import type { Summary } from '../stats.js';
import { CASE_OUTCOMES, type Ticket } from './ticket.js';

const LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/** What /contact shows a counsellor: counts by risk level, first and last seen, a confirmation if any. */
export function formatContactInfo(t: Translate, info: ContactIntel, timeZone: string): string {
  const day = (ms: number | undefined) => (ms === undefined ? '—' : localDate(ms, timeZone));
  const lines = [t('ops.intel.contact', { contact: info.contact.value, kind: info.kind })];
  if (info.count === 0) lines.push(t('ops.intel.never'));
  else {
    const levels = LEVELS.map((l) => `${t(`ops.level.${l}`)} ${info.byRisk[l]}`).join(' · ');
    lines.push(t('ops.intel.checked', { count: info.count, levels }));
    lines.push(t('ops.intel.seen', { first: day(info.firstSeen), last: day(info.lastSeen) }));
  }
  if (info.flagged)
    lines.push(t('ops.intel.flag_line', { reason: info.flagged.reason, at: day(info.flagged.at) }));
  return lines.join('\n');
}

/** What /stats shows: a week's figures, summed over languages, with the five most raised flags. */
export function formatStats(t: Translate, from: string, to: string, s: Summary): string {
  const sum = (metric: string) => {
    const row = s.totals[metric];
    return row ? row.ru + row.kk + row.en : 0;
  };
  const byLang = (metric: string) => {
    const row = s.totals[metric] ?? { ru: 0, kk: 0, en: 0 };
    return `${sum(metric)} (ru ${row.ru} · kk ${row.kk} · en ${row.en})`;
  };
  const levels = (kind: string) =>
    LEVELS.map((l) => `${t(`ops.level.${l}`)} ${sum(`${kind}:${l}`)}`).join(' · ');
  const checks = LEVELS.reduce((n, l) => n + sum(`checks:${l}`), 0);
  const ads = LEVELS.reduce((n, l) => n + sum(`ads:${l}`), 0);
  const resolved = CASE_OUTCOMES.reduce((n, o) => n + sum(`callbacks:resolved:${o}`), 0);
  const lines = [
    t('ops.stats.title', { from, to }),
    `${t('ops.stats.started')}: ${byLang('started')}`,
    `${t('ops.stats.checks')}: ${checks} — ${levels('checks')}`,
    t('ops.figures.checks_started', { started: sum('checks:started'), completed: checks }),
    `${t('ops.stats.ads')}: ${ads} — ${levels('ads')}`,
    `${t('ops.stats.requested')}: ${byLang('callbacks:requested')}; ${t('ops.stats.taken')} ${sum('callbacks:taken')}; ${t('ops.stats.resolved')} ${resolved}`,
  ];
  for (const o of CASE_OUTCOMES) {
    const n = sum(`callbacks:resolved:${o}`);
    if (n > 0) lines.push(`  • ${t(`ops.outcome.${o}`)}: ${n}`);
  }
  if (s.medianTakeSeconds !== undefined)
    lines.push(t('ops.stats.median', { minutes: Math.round(s.medianTakeSeconds / 60) }));
  lines.push(...stopLines(t, sum, s));
  const flags = Object.keys(s.totals)
    .filter((m) => m.startsWith('flag:') && sum(m) > 0)
    .sort((a, b) => sum(b) - sum(a))
    .slice(0, 5);
  if (flags.length > 0) {
    lines.push(t('ops.stats.flags'));
    for (const f of flags) lines.push(`  • ${t(flagTextKey(f.slice(5), 'title'))}: ${sum(f)}`);
  }
  return lines.join('\n');
}

/**
 * Where people stop in the offer check: how many reached each question, most first (the order of the
 * check, since each question is reached by fewer than the one before it). Counts only.
 */
function stopLines(t: Translate, sum: (metric: string) => number, s: Summary): string[] {
  const asked = Object.keys(s.totals)
    .filter((m) => m.startsWith('asked:') && sum(m) > 0)
    .sort((a, b) => sum(b) - sum(a));
  if (asked.length === 0) return [];
  return [t('ops.figures.reached'), ...asked.map((m) => `  • ${m.slice(6)}: ${sum(m)}`)];
}

/** What /tickets shows: the open requests, oldest first, with their age in minutes. */
export function formatOpenTickets(t: Translate, open: readonly Ticket[], now: number): string {
  const lines = open.map((tk) =>
    t('ops.tickets_line', {
      ticket: shortTicket(tk.id),
      status:
        tk.status === 'taken' ? t('ops.status.taken', { name: tk.takenName ?? '' }) : t('ops.status.open'),
      age: Math.round((now - tk.createdAt) / 60_000),
      lang: tk.lang,
    }),
  );
  return lines.length > 0 ? lines.join('\n') : t('ops.tickets_none');
}
