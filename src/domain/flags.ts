/**
 * The red-flag catalogue: one vocabulary for the offer check, the ad analyzer, the counsellors and the
 * statistics. Texts live in the locales under `flags.<id>.title|why|todo`; this file holds what code
 * needs to reason about a flag.
 */

export const SEVERITIES = ['context', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface RedFlag {
  id: string;
  severity: Severity;
  /**
   * An ILO forced-labour indicator or a sign of present danger: when raised, the verdict puts the
   * emergency numbers and the hotline first.
   */
  emergency?: boolean;
}

const catalogue = [
  // The job and who is wanted for it.
  { id: 'looks_requirement', severity: 'high' },
  { id: 'gender_age_mismatch', severity: 'medium' },
  // Anyone under 18 invited to work or travel: Criminal Code art. 135 (trafficking in minors).
  { id: 'minor_targeted', severity: 'critical' },
  { id: 'adult_entertainment', severity: 'high' },
  { id: 'no_qualifications_high_pay', severity: 'high' },
  { id: 'role_mismatch', severity: 'high' },
  { id: 'scam_compound_route', severity: 'high' },
  // Who recruits.
  { id: 'vague_employer', severity: 'medium' },
  { id: 'unlicensed_agency', severity: 'high' },
  { id: 'informal_contact', severity: 'low' },
  { id: 'secrecy', severity: 'high' },
  { id: 'urgency_pressure', severity: 'medium' },
  // A contact the NGO's counsellors confirmed as dangerous (raised from "seen before", not by words).
  { id: 'reported_contact', severity: 'critical' },
  // Money.
  { id: 'upfront_fees', severity: 'high' },
  { id: 'debt_travel_paid', severity: 'high' },
  { id: 'unclear_pay', severity: 'medium' },
  // The contract.
  { id: 'no_written_contract', severity: 'high' },
  { id: 'contract_not_with_employer', severity: 'medium' },
  { id: 'contract_language', severity: 'medium' },
  { id: 'contract_incomplete', severity: 'medium' },
  { id: 'no_contract_copy', severity: 'medium' },
  // Visa, documents, destination.
  { id: 'abroad', severity: 'context' },
  { id: 'wrong_visa', severity: 'high' },
  { id: 'passport_retention', severity: 'critical', emergency: true },
  { id: 'early_documents', severity: 'medium' },
  // Already there: the ILO indicators of forced labour.
  { id: 'restricted_freedom', severity: 'critical', emergency: true },
  { id: 'threats_violence', severity: 'critical', emergency: true },
  { id: 'debt_bondage', severity: 'critical', emergency: true },
  { id: 'wages_withheld', severity: 'high' },
  { id: 'isolation', severity: 'high' },
] as const satisfies readonly RedFlag[];

export const FLAGS: ReadonlyMap<string, RedFlag> = new Map(catalogue.map((f) => [f.id, f as RedFlag]));
export const FLAG_IDS: readonly string[] = catalogue.map((f) => f.id);

/** One severity less: a softened flag ("high" said openly in a contract weighs "medium"). */
export function lighterSeverity(severity: Severity): Severity {
  const i = SEVERITIES.indexOf(severity);
  return i <= 1 ? severity : (SEVERITIES[i - 1] as Severity);
}

/** The text keys every flag must have in every locale. */
export const FLAG_TEXT_PARTS = ['title', 'why', 'todo'] as const;
export function flagTextKey(id: string, part: (typeof FLAG_TEXT_PARTS)[number]): string {
  return `flags.${id}.${part}`;
}
