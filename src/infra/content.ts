import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Lexicon, parseLexicon } from '../domain/ads/lexicon.js';
import { type Countries, parseCountries } from '../domain/countries.js';
import { type DangerLexicon, parseDangerLexicon } from '../domain/danger/index.js';
import type { Flow } from '../domain/flow/schema.js';
import { parseFlow, validateFlows } from '../domain/flow/validate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FLOWS_DIR = join(root, 'flows');
export const LOCALES_DIR = join(root, 'locales');
export const AD_LEXICON = join(FLOWS_DIR, 'lexicon', 'ads.yaml');
export const DANGER_LEXICON = join(FLOWS_DIR, 'lexicon', 'danger.yaml');
export const COUNTRIES = join(FLOWS_DIR, 'countries', 'countries.yaml');

/** Reads and checks the destination countries (numbers, missions, their sources); throws with every problem. */
export function loadCountries(path: string = COUNTRIES): Countries {
  return parseCountries(readFileSync(path, 'utf8'), 'flows/countries/countries.yaml');
}

/** Reads and checks the ad lexicon; throws with every problem listed. */
export function loadLexicon(path: string = AD_LEXICON): Lexicon {
  return parseLexicon(readFileSync(path, 'utf8'), 'flows/lexicon/ads.yaml');
}

/** Reads, checks and compiles the words of danger; throws with every problem listed. */
export function loadDangerLexicon(path: string = DANGER_LEXICON): DangerLexicon {
  return parseDangerLexicon(readFileSync(path, 'utf8'), 'flows/lexicon/danger.yaml');
}

/** Reads and validates every flows/*.yaml; throws with every problem listed. */
export function loadFlows(dir: string = FLOWS_DIR): Map<string, Flow> {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const flows: Flow[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      flows.push(parseFlow(readFileSync(join(dir, file), 'utf8'), file));
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  errors.push(...validateFlows(flows).map((p) => `${p.flow}: ${p.problem}`));
  if (errors.length > 0) throw new Error(`flows in ${dir} have problems:\n${errors.join('\n')}`);
  return new Map(flows.map((f) => [f.id, f]));
}
