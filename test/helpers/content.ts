import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flatten } from '../../src/cli/check-content.js';
import { DIRS } from '../../src/cli/paths.js';
import { loadConfig } from '../../src/config.js';
import type { DialogueDeps } from '../../src/domain/dialogue/index.js';
import type { Flow } from '../../src/domain/flow/schema.js';
import { parseFlow } from '../../src/domain/flow/validate.js';
import type { Lang } from '../../src/domain/language.js';
import { FLOWS_DIR, loadFlows } from '../../src/infra/content.js';
import { createDialogueDeps } from '../../src/infra/dialogue-deps.js';

export const testConfig = loadConfig({
  HOTLINE_PHONE: '+7 (7252) 00-00-00',
  HOTLINE_HOURS: 'Mon-Fri 09:00-18:00',
});

export async function deps(flows?: Map<string, Flow>): Promise<DialogueDeps> {
  return createDialogueDeps(testConfig, flows ? { flows } : {});
}

export function realFlows(): Map<string, Flow> {
  return loadFlows();
}

export function flowText(name: string): string {
  return readFileSync(join(FLOWS_DIR, `${name}.yaml`), 'utf8');
}

/** The real flows with one of them replaced by an edited copy. */
export function flowsWith(edited: Flow): Map<string, Flow> {
  const flows = realFlows();
  flows.set(edited.id, edited);
  return flows;
}

export function parse(text: string, name = 'edited.yaml'): Flow {
  return parseFlow(text, name);
}

const locales = new Map<Lang, Map<string, string>>();
/** A locale's text for a key, as the bot prints it before interpolation. */
export function text(lang: Lang, key: string): string {
  let entries = locales.get(lang);
  if (!entries) {
    entries = flatten(JSON.parse(readFileSync(join(DIRS.localesDir, `${lang}.json`), 'utf8')));
    locales.set(lang, entries);
  }
  const value = entries.get(key);
  if (value === undefined) throw new Error(`no text ${lang}:${key}`);
  return value;
}

/** The emergency paragraph as the bot prints it, with the default numbers. */
export function emergencyText(lang: Lang): string {
  return text(lang, 'emergency.block').replace('{{numbers}}', '112, 102');
}

/** The answers of someone already offered a trap: every red flag of the pre-departure check. */
export const TRAP: [string, string][] = [
  ['situation', 'considering'],
  ['where', 'gulf'],
  ['age', 'adult'],
  ['how_found', 'online'],
  ['employer', 'none'],
  ['agency_licence', 'refused'],
  ['contact_channel', 'messenger_only'],
  ['secrecy', 'yes'],
  ['urgency', 'yes'],
  ['job_role', 'dancer_model'],
  ['looks', 'yes'],
  ['gender_age', 'yes'],
  ['body_photos', 'yes'],
  ['passport_scans', 'yes'],
  ['job_changed', 'yes'],
  ['pay_level', 'too_high'],
  ['pay_terms', 'cash_or_end'],
  ['fees', 'yes'],
  ['travel_costs', 'deducted'],
  ['contract', 'verbal'],
  ['visa', 'tourist'],
  ['passport', 'employer'],
];

/** A locale text with its `{{placeholders}}` filled in. */
export const fill = (s: string, vars: Record<string, string>) =>
  Object.entries(vars).reduce((out, [k, v]) => out.replaceAll(`{{${k}}}`, v), s);
