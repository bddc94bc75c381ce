import type { IntelKind } from './contact.js';
import type { IntelLookup } from './seen.js';

type Translate = (key: string, vars?: Record<string, unknown>) => string;

const SEEN: Record<IntelKind, string> = {
  phone: 'intel.seen.phone',
  handle: 'intel.seen.handle',
  domain: 'intel.seen.domain',
  email: 'intel.seen.email',
};

/** The text that tells a person, in /privacy, what "seen before" keeps and why /forget leaves it. */
export const INTEL_PRIVACY_KEY = 'intel.privacy';

/** "in the last 12 months" for a retention of a year, "in the last 30 days" for a month. */
function period(t: Translate, retentionDays: number): string {
  const months = Math.round(retentionDays / 30.44);
  return retentionDays >= 60
    ? t('intel.period.months', { count: months })
    : t('intel.period.days', { count: retentionDays });
}

/**
 * "Seen before", for the person who checked the ad: counsellors' confirmations first, then how often
 * each contact was in ads others checked and how many of those checks found a high risk, then whether
 * the ad itself was checked before. Counts, never an accusation: a note says what counts are, and
 * nothing is said about a contact no one has seen. No lines when there is nothing to tell. The period
 * named is the deployment's INTEL_RETENTION_DAYS.
 */
export function renderSeenBefore(
  t: Translate,
  lookup: IntelLookup | undefined,
  options: { retentionDays: number } = { retentionDays: 365 },
): string[] {
  if (!lookup) return [];
  const lines: string[] = [];
  for (const c of lookup.contacts) {
    if (c.flagged) lines.push(t('intel.flagged', { contact: c.contact.value, reason: c.flagged.reason }));
  }
  let counted = false;
  for (const c of lookup.contacts) {
    if (c.count === 0) continue;
    counted = true;
    let line = t(SEEN[c.kind], {
      count: c.count,
      contact: c.contact.value,
      period: period(t, options.retentionDays),
    });
    const risky = c.byRisk.high + c.byRisk.critical;
    if (risky > 0) line += ` ${t('intel.risky', { count: risky })}`;
    lines.push(line);
  }
  if (lookup.repost) {
    counted = true;
    lines.push(
      t(lookup.repost.changed ? 'intel.repost.changed' : 'intel.repost.same', { count: lookup.repost.count }),
    );
  }
  if (lines.length === 0) return [];
  if (counted) lines.push(t('intel.note'));
  return [t('intel.title'), ...lines];
}
