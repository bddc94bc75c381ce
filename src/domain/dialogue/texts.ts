import { formatWorkingHours } from '../hours.js';
import type { Lang } from '../language.js';
import type { RiskLevel } from '../risk.js';
import type { DialogueDeps, Translate } from './types.js';

/** Texts several parts of the bot put together the same way: the hotline, the numbers, the level. */

/** What a person and a counsellor call a request: the first letters of its id, easy to read out. */
export function shortTicket(id: string): string {
  return id.slice(0, 5).toUpperCase();
}

/** The hotline's line: its number and when it answers, in the translator's language. */
export function hotlineText(deps: Pick<DialogueDeps, 'hotline'>, t: Translate): string {
  const { phone, hours, org } = deps.hotline;
  return t('hotline.line', { phone, org, hours: formatWorkingHours(hours, t) });
}

/** The emergency numbers paragraph, with the deployment's numbers. */
export function emergencyBlock(
  deps: Pick<DialogueDeps, 'emergencyPhones'>,
  t: Translate,
  /** Said to her family: "if someone close to you is in danger now". */
  close = false,
): string {
  return t(close ? 'emergency.block_close' : 'emergency.block', { numbers: deps.emergencyPhones.join(', ') });
}

/** The NGO's counsellors and the hotline, as the way to a person when no request can be opened. */
export function counsellorText(deps: DialogueDeps, t: Translate): string {
  return t('counsellor.text', {
    hotline: `${hotlineText(deps, t)}\n${t('hotline.state_line')}`,
    emergency: emergencyBlock(deps, t),
  });
}

export function aboutText(deps: DialogueDeps, t: Translate): string {
  return t('about.text', { days: deps.stateTtlDays, hotline: hotlineText(deps, t) });
}

export function helpText(deps: DialogueDeps, t: Translate): string {
  return t('help.text', { hotline: hotlineText(deps, t) });
}

export const LEVEL_KEYS: Record<RiskLevel, { level: string; summary: string }> = {
  low: { level: 'verdict.level.low', summary: 'verdict.summary.low' },
  medium: { level: 'verdict.level.medium', summary: 'verdict.summary.medium' },
  high: { level: 'verdict.level.high', summary: 'verdict.summary.high' },
  critical: { level: 'verdict.level.critical', summary: 'verdict.summary.critical' },
};

export const LANGUAGE_NAME_KEYS: Record<Lang, string> = {
  ru: 'language.ru',
  kk: 'language.kk',
  en: 'language.en',
};
