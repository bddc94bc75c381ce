import {
  type DangerReading,
  isEmergencyText as emergency,
  readDanger as read,
} from '../../src/domain/danger/index.js';
import { loadDangerLexicon } from '../../src/infra/content.js';

/** The words of danger of flows/lexicon/danger.yaml, loaded once as at start-up. */
export const dangerLexicon = loadDangerLexicon();

/** Reads a text as the bot does (`readDanger` with the lexicon of the repository). */
export function readDanger(text: string): DangerReading {
  return read(dangerLexicon, text);
}

/** Danger or a bare cry for help, with the lexicon of the repository. */
export function isEmergencyText(text: string): boolean {
  return emergency(dangerLexicon, text);
}
