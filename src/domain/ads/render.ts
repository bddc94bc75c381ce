import { FLAGS, flagTextKey, type Severity } from '../flags.js';
import type { RiskLevel } from '../risk.js';
import type { AdVerdict, FoundFlag } from './analyze.js';

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

/** A job at home needs no visa checked: the low summary without it, where the ad names no place abroad. */
function summaryKey(verdict: AdVerdict): string {
  if (verdict.risk === 'low' && !verdict.flags.some((f) => f.id === 'abroad')) return 'ad.summary.low_home';
  return SUMMARY[verdict.risk];
}

/**
 * The verdict on an ad, for the person who sent it: the risk, then every red flag with the ad's own
 * words that raised it, why it matters and what to ask; then the hotline. One text; channels split it.
 * A story told (the verdict's `told`), or a text the dialogue reads as her own story or someone close's
 * (`asStory`): no level and no "don't answer this ad", only the signs its own words show; the hotline
 * after them unless the emergency numbers and the hotline are just above (`numbersAbove`).
 */
export function renderAdVerdict(
  t: Translate,
  verdict: AdVerdict,
  hotline: string,
  { asStory = false, numbersAbove = false }: { asStory?: boolean; numbersAbove?: boolean } = {},
): string {
  if (verdict.warning) return `${t('ad.warning')}\n\n${hotline}`;
  // "Is this normal?" asked of a text with a serious red flag: a plain no, before the why.
  // As the verdict weighs them: a flag softened to medium (looks asked by a named employer) is no plain no.
  const no =
    verdict.asksIfNormal &&
    (verdict.notAnOffer?.described ?? verdict.flags).some(
      (f) => f.evidence.length > 0 && weighsMost(f.severity),
    );
  const answered = (text: string) => (no ? `${t('ad.not_normal')}\n\n${text}` : text);
  if (asStory || verdict.told) {
    const told = answered(renderTold(t, verdict));
    return numbersAbove ? told : `${told}\n\n${hotline}`;
  }
  // A question, a story or news: said so, in the words that said it, with no level; then what it describes.
  const other = verdict.notAnOffer;
  const shown = (other ? other.described : verdict.flags).filter(
    (f) => FLAGS.get(f.id)?.severity !== 'context',
  );
  // A question answered with a plain no: the why at once, then how to go on; what kind of text it was
  // goes without saying.
  const answeredQuestion = !!other && no;
  const parts: string[] = [];
  if (!other) parts.push(`${t(LEVEL[verdict.risk])}\n${t(summaryKey(verdict))}`);
  else if (!answeredQuestion)
    parts.push(t('ad.not_offer', { quotes: other.reasons.map((q) => `«${q}»`).join(', ') }));
  if (shown.length > 0) {
    if (other && !answeredQuestion) parts.push(t('ad.described'));
    parts.push(t('verdict.flags_intro', { count: shown.length }));
    for (const flag of shown) parts.push(flagBlock(t, flag, other ? 'ad.quote_text' : 'ad.quote'));
  }
  if (answeredQuestion) parts.push(t('ad.asked_next'));
  parts.push(hotline);
  return answered(parts.join('\n\n'));
}

const weighsMost = (severity: Severity | undefined) => severity === 'high' || severity === 'critical';

/** The red flags that weigh most in the catalogue (high, critical) and are said in the text's own words. */
function serious(flags: FoundFlag[]): FoundFlag[] {
  return flags.filter((f) => f.evidence.length > 0 && weighsMost(FLAGS.get(f.id)?.severity));
}

/**
 * Her own story in danger, or someone close's: only the signs of exploitation its words show (high and
 * critical; not a contact by messenger, a hurry or an unknown employer, which a story has or lacks like
 * any message), each with why it matters. No "what to ask": that is for an ad still to answer ("your
 * passport stays with you" to someone whose passport is gone); the numbers and the counsellor are above.
 */
function renderTold(t: Translate, verdict: AdVerdict): string {
  const shown = serious(verdict.notAnOffer?.described ?? verdict.flags);
  if (shown.length === 0) return t('ad.told_none');
  return [t('ad.told'), ...shown.map((f) => flagBlock(t, f, 'ad.quote_text', false))].join('\n\n');
}

function flagBlock(t: Translate, flag: FoundFlag, quoteKey: string, todo = true): string {
  const lines = [`⚠️ ${t(flagTextKey(flag.id, 'title'))}`];
  if (flag.evidence.length > 0) {
    const quotes = flag.evidence
      .slice(0, 3)
      .map((q) => `«${q}»`)
      .join(', ');
    lines.push(t(quoteKey, { quotes }));
  }
  lines.push(t(flagTextKey(flag.id, 'why')));
  if (todo) lines.push(t('verdict.todo', { text: t(flagTextKey(flag.id, 'todo')) }));
  return lines.join('\n');
}
