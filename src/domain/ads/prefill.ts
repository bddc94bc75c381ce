import { evaluate } from '../flow/interpreter.js';
import type { AnswerRole } from '../flow/roles.js';
import type { Flow } from '../flow/schema.js';
import type { AdVerdict } from './analyze.js';

/**
 * The offer check's answers an ad already gives: the person is considering it, it came as an ad, the country the ad
 * names, and each red flag the ad shows that exactly one answer of the check stands for ("passport kept
 * by the employer" -> passport: employer). Only what the ad says is filled in; what it does not say is
 * still asked.
 */
export function prefillFromAd(
  check: Flow,
  verdict: AdVerdict,
  roles: Pick<Record<AnswerRole, string>, 'situation' | 'how_found'>,
): Record<string, string> {
  // Someone checking an ad is weighing an offer, and it reached them through an ad.
  const answers: Record<string, string> = {
    [roles.situation]: 'considering',
    [roles.how_found]: 'ad',
    ...verdict.prefill,
  };
  const raised = new Set(verdict.flags.map((f) => f.id));
  for (const flag of raised) {
    const candidates: [string, string][] = [];
    for (const step of check.steps) {
      if (step.kind !== 'choice' || step.menu || !evaluate(step.when, answers)) continue;
      for (const option of step.options) {
        if ((option.flags ?? []).some((f) => f === flag)) candidates.push([step.id, option.id]);
      }
    }
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only && answers[only[0]] === undefined) answers[only[0]] = only[1];
  }
  // Keep only answers the check knows.
  for (const [q, o] of Object.entries(answers)) {
    const step = check.steps.find((s) => s.id === q);
    if (step?.kind !== 'choice' || !step.options.some((opt) => opt.id === o)) delete answers[q];
  }
  return answers;
}
