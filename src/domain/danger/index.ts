export { type DangerReading, readDanger } from './read.js';

import { readDanger } from './read.js';

/**
 * Whether a free text should bring the emergency numbers at once: words of danger, or a bare cry for
 * help. (Until the dialogue asks "Are you in danger right now?" on `ask`, a bare "помогите!" keeps
 * bringing the numbers, as it always did.)
 */
export function isEmergencyText(text: string): boolean {
  const reading = readDanger(text);
  return reading.danger || reading.ask;
}
