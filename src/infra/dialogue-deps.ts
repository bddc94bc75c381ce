import { analyzeAd } from '../domain/ads/analyze.js';
import type { Lexicon } from '../domain/ads/lexicon.js';
import type { Countries } from '../domain/countries.js';
import { type DangerLexicon, readDanger } from '../domain/danger/index.js';
import type { DialogueDeps } from '../domain/dialogue/index.js';
import type { Flow } from '../domain/flow/schema.js';
import type { WorkingHours } from '../domain/hours.js';
import { LOCALES_DIR, loadCountries, loadDangerLexicon, loadFlows, loadLexicon } from './content.js';
import { createI18n, readLocales } from './i18n.js';

export interface ContentOptions {
  flowsDir?: string;
  localesDir?: string;
  flows?: Map<string, Flow>;
  lexicon?: Lexicon;
  danger?: DangerLexicon;
  countries?: Countries;
}

/** The settings the dialogue reads (src/config.ts's names: the parsed config is passed as it is). */
export interface DialogueSettings {
  HOTLINE_PHONE: string;
  ORG_NAME: string;
  HOTLINE_HOURS: WorkingHours;
  EMERGENCY_PHONES: string[];
  INTEL_SECRET?: string | undefined;
  INTEL_RETENTION_DAYS: number;
  WORKING_HOURS: WorkingHours;
  TIMEZONE: string;
  SLA_MINUTES: number;
  TICKET_RETENTION_DAYS: number;
  STATE_TTL_DAYS: number;
}

/** Everything the dialogue engine needs, from the config and the content files. */
export async function createDialogueDeps(
  config: DialogueSettings,
  options: ContentOptions = {},
): Promise<DialogueDeps> {
  const flows = options.flows ?? loadFlows(options.flowsDir);
  const { t } = await createI18n(readLocales(options.localesDir ?? LOCALES_DIR));
  const lexicon = options.lexicon ?? loadLexicon();
  const danger = options.danger ?? loadDangerLexicon();
  return {
    flows,
    t,
    analyzeAd: (text) => analyzeAd(lexicon, text),
    readDanger: (text) => readDanger(danger, text),
    hotline: { phone: config.HOTLINE_PHONE, hours: config.HOTLINE_HOURS, org: config.ORG_NAME },
    emergencyPhones: config.EMERGENCY_PHONES,
    ...(config.INTEL_SECRET ? { intel: { retentionDays: config.INTEL_RETENTION_DAYS } } : {}),
    counsellors: {
      hours: config.WORKING_HOURS,
      timeZone: config.TIMEZONE,
      slaMinutes: config.SLA_MINUTES,
      retentionDays: config.TICKET_RETENTION_DAYS,
    },
    stateTtlDays: config.STATE_TTL_DAYS,
    countries: options.countries ?? loadCountries(),
  };
}
