import { FLAGS, flagTextKey } from '../flags.js';
import type { RiskLevel } from '../risk.js';
import type { AdVerdict } from './analyze.js';

type Translate = (key: string, vars?: Record<string, unknown>) => string;

const SUMMARY: Record<RiskLevel, string> = {
  low: 'ad.summary.low',
  medium: 'ad.summary.medium',
  high: 'ad.summary.high',
  critical: 'ad.summary.critical',
};
const LEVEL: Record<RiskLevel, string> = {
  low: 'verdict.level.low',
  medium: 'verdict.level.medium',
  high: 'verdict.level.high',
  critical: 'verdict.level.critical',
};

/**
 * The verdict on an ad, for the person who sent it: the risk, then every red flag with the ad's own
 * words that raised it, why it matters and what to ask; then the hotline. One text; channels split it.
 */
export function renderAdVerdict(t: Translate, verdict: AdVerdict, hotline: string): string {
  if (verdict.warning) return `${t('ad.warning')}\n\n${hotline}`;
  // A question, a story or news: said so, in the words that said it, with no level; then what it describes.
  const other = verdict.notAnOffer;
  const parts = other
    ? [t('ad.not_offer', { quotes: other.reasons.map((q) => `«${q}»`).join(', ') })]
    : [`${t(LEVEL[verdict.risk])}\n${t(SUMMARY[verdict.risk])}`];
  const shown = (other ? other.described : verdict.flags).filter(
    (f) => FLAGS.get(f.id)?.severity !== 'context',
  );
  if (shown.length > 0) {
    if (other) parts.push(t('ad.described'));
    parts.push(t('verdict.flags_intro', { count: shown.length }));
    for (const flag of shown) {
      const lines = [`⚠️ ${t(flagTextKey(flag.id, 'title'))}`];
      if (flag.evidence.length > 0) {
        lines.push(
          t(other ? 'ad.quote_text' : 'ad.quote', {
            quotes: flag.evidence
              .slice(0, 3)
              .map((q) => `«${q}»`)
              .join(', '),
          }),
        );
      }
      lines.push(t(flagTextKey(flag.id, 'why')));
      lines.push(t('verdict.todo', { text: t(flagTextKey(flag.id, 'todo')) }));
      parts.push(lines.join('\n'));
    }
  }
  parts.push(hotline);
  return parts.join('\n\n');
}
