import { FLAGS, type Severity } from './flags.js';

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

export interface Risk {
  level: RiskLevel;
  /** In [0, 1]: the chance-like weight of all the flags together. */
  score: number;
  /** Raised flags, most severe first. */
  flags: string[];
  /** True when a flag of present danger is among them: emergency numbers go first. */
  emergency: boolean;
}

/**
 * How much one flag of a severity adds, combined as independent signals: 1 - Π(1 - w). One high flag
 * alone makes a high risk; mediums add up (four make a high one); a critical flag is critical.
 */
const WEIGHT: Record<Severity, number> = { context: 0, low: 0.08, medium: 0.2, high: 0.5, critical: 0.9 };

/**
 * Some flags weigh more together than apart. `abroad` alone is no risk at all, but far from home with a
 * tourist visa and a fee paid up front is the classic trafficking route.
 */
interface Combination {
  all: string[];
  /** Added to the weight list as one more signal. */
  adds: number;
  /** The level is at least this. */
  atLeast?: RiskLevel;
}
const COMBINATIONS: Combination[] = [
  { all: ['abroad', 'wrong_visa'], adds: 0.2, atLeast: 'high' },
  { all: ['abroad', 'passport_retention'], adds: 0.3, atLeast: 'critical' },
  { all: ['abroad', 'upfront_fees'], adds: 0.15 },
  { all: ['abroad', 'debt_travel_paid'], adds: 0.15 },
  { all: ['abroad', 'no_written_contract'], adds: 0.15, atLeast: 'high' },
  { all: ['abroad', 'wrong_visa', 'upfront_fees'], adds: 0.3, atLeast: 'critical' },
  { all: ['looks_requirement', 'gender_age_mismatch'], adds: 0.15 },
  { all: ['abroad', 'gender_age_mismatch'], adds: 0.15 },
  { all: ['abroad', 'looks_requirement'], adds: 0.2, atLeast: 'high' },
  // Sex-industry work abroad ("Cyprus. Dancer needed."), offered to young women: the route of
  // trafficking for sexual exploitation.
  { all: ['abroad', 'adult_entertainment'], adds: 0.4, atLeast: 'critical' },
  { all: ['secrecy', 'abroad'], adds: 0.2 },
];

const THRESHOLDS: [RiskLevel, number][] = [
  ['critical', 0.8],
  ['high', 0.5],
  ['medium', 0.2],
];

const order = (l: RiskLevel) => RISK_LEVELS.indexOf(l);
const severityOrder = (s: Severity) => ['critical', 'high', 'medium', 'low', 'context'].indexOf(s);

/**
 * `severityOf` may weigh a raised flag less than the catalogue does (the ad analyzer's softened flags);
 * by default each flag weighs its catalogue severity.
 */
export function assessRisk(
  raised: Iterable<string>,
  severityOf?: (id: string) => Severity | undefined,
): Risk {
  const set = new Set([...raised].filter((id) => FLAGS.has(id)));
  const weights: number[] = [];
  let floor: RiskLevel = 'low';
  let emergency = false;
  for (const id of set) {
    const flag = FLAGS.get(id);
    if (!flag) continue;
    const severity = severityOf?.(id) ?? flag.severity;
    weights.push(WEIGHT[severity]);
    if (severity === 'critical') floor = 'critical';
    if (flag.emergency) emergency = true;
  }
  for (const c of COMBINATIONS) {
    if (c.all.every((id) => set.has(id))) {
      weights.push(c.adds);
      if (c.atLeast && order(c.atLeast) > order(floor)) floor = c.atLeast;
    }
  }
  // Rounded before it is compared, so 1 - (1 - 0.2) counts as the 0.2 it is.
  const score = Math.round((1 - weights.reduce((acc, w) => acc * (1 - w), 1)) * 1000) / 1000;
  let level: RiskLevel = THRESHOLDS.find(([, min]) => score >= min)?.[0] ?? 'low';
  if (order(floor) > order(level)) level = floor;
  const flags = [...set].sort(
    (a, b) =>
      severityOrder(FLAGS.get(a)?.severity ?? 'context') - severityOrder(FLAGS.get(b)?.severity ?? 'context'),
  );
  return { level, score, flags, emergency };
}
