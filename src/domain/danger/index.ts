import { compileDangerLexicon, type DangerLexicon } from './hits.js';
import { parseDangerEntries } from './lexicon.js';
import { readDanger } from './read.js';

export type { DangerLexicon } from './hits.js';
export { CONCEPTS, type Concept, type Entry } from './lexicon.js';
export { type DangerReading, readDanger } from './read.js';

/**
 * The words of danger from the text of flows/lexicon/danger.yaml, checked and compiled for reading;
 * throws with every problem, a line each (`file:line:column: entry N (concept), field: problem`).
 */
export function parseDangerLexicon(text: string, file: string): DangerLexicon {
  return compileDangerLexicon(parseDangerEntries(text, file));
}

/**
 * Whether a free text should bring the emergency numbers at once: words of danger, or a bare cry for
 * help. (Until the dialogue asks "Are you in danger right now?" on `ask`, a bare "помогите!" keeps
 * bringing the numbers, as it always did.)
 */
export function isEmergencyText(lexicon: DangerLexicon, text: string): boolean {
  const reading = readDanger(lexicon, text);
  return reading.danger || reading.ask;
}
