import { FLOW_ROLES, type Flow, type FlowRole } from './schema.js';

/**
 * The parts of the flows the dialogue engine relies on, by meaning rather than by name: which flow is the
 * menu, the offer check, the callback form..., and which of their questions (and answer ids) it reads.
 * A flow declares them (`role:` and `roles:` in its YAML), so renaming a question there cannot silently
 * change what the bot does: `flows:check` verifies every role below.
 */

/** The id a flow of each role had before roles were declared: used only for a flow that declares none. */
const DEFAULT_FLOW_IDS: Record<FlowRole, string> = {
  menu: 'menu',
  language: 'language',
  forget: 'forget',
  ad: 'ad-check',
  check: 'offer-check',
  callback: 'callback',
};

interface AnswerRoleSpec {
  flow: FlowRole;
  /** Asked as a question of this kind; `given`: set by the engine itself, never asked. */
  kind: 'choice' | 'input' | 'given';
  /** The option ids of the question the engine compares answers with (`given`: the values it sets). */
  options?: readonly string[];
  /** A flow may leave it out: then it is never answered, and the engine reads that as "no". */
  optional?: true;
}

export const ANSWER_ROLES = {
  /** Already there, or weighing an offer: `considering` is the one that is not danger now. */
  situation: { flow: 'check', kind: 'choice', options: ['considering'] },
  /** Where the job is: the region, for the numbers of "Get help now". */
  where: { flow: 'check', kind: 'choice' },
  /** How the offer reached the person: `ad` is filled in when an ad was checked. */
  how_found: { flow: 'check', kind: 'choice', options: ['ad'] },
  mode: { flow: 'callback', kind: 'choice', options: ['call'] },
  phone: { flow: 'callback', kind: 'input' },
  when: { flow: 'callback', kind: 'choice', options: ['now'] },
  consent: { flow: 'callback', kind: 'choice', options: ['yes'] },
  note: { flow: 'callback', kind: 'input' },
  urgent: { flow: 'callback', kind: 'given', options: ['yes'] },
  /** May counsellors see their notes of her earlier requests (and, later, of this one)? Unasked: no. */
  history: { flow: 'callback', kind: 'choice', options: ['yes'], optional: true },
} as const satisfies Record<string, AnswerRoleSpec>;
export type AnswerRole = keyof typeof ANSWER_ROLES;
const ANSWER_ROLE_NAMES = Object.keys(ANSWER_ROLES) as AnswerRole[];

export interface Roles {
  /** The flow id of each role. */
  flow: Record<FlowRole, string>;
  /** The answer key (question id) of each answer role. */
  answer: Record<AnswerRole, string>;
}

const resolved = new WeakMap<ReadonlyMap<string, Flow>, Roles>();

/** The roles of a set of flows, found once per set. */
export function rolesOf(flows: ReadonlyMap<string, Flow>): Roles {
  const known = resolved.get(flows);
  if (known) return known;
  const flow = { ...DEFAULT_FLOW_IDS };
  for (const f of flows.values()) if (f.role) flow[f.role] = f.id;
  const answer = Object.fromEntries(ANSWER_ROLE_NAMES.map((r) => [r, r])) as Record<AnswerRole, string>;
  for (const role of ANSWER_ROLE_NAMES) {
    const declared = flows.get(flow[ANSWER_ROLES[role].flow])?.roles?.[role];
    if (declared) answer[role] = declared;
  }
  const roles = { flow, answer };
  resolved.set(flows, roles);
  return roles;
}

type RoleProblem = { flow: string; problem: string };

/**
 * The answers the bot sets itself in a flow (its `given` roles, as the flow names them), and the values
 * they take: a condition may read them (`when: { answer: urgent, notIn: ['yes'] }`).
 */
export function givenAnswers(flow: Flow): Map<string, readonly string[]> {
  const given = new Map<string, readonly string[]>();
  for (const role of ANSWER_ROLE_NAMES) {
    const spec: AnswerRoleSpec = ANSWER_ROLES[role];
    const id = flow.roles?.[role];
    if (spec.kind === 'given' && spec.flow === flow.role && id) given.set(id, spec.options ?? []);
  }
  return given;
}

/** What is missing or wrong in the roles the flows declare, as sentences naming the flow. */
export function roleProblems(flows: readonly Flow[]): RoleProblem[] {
  const problems: RoleProblem[] = [];
  const byRole = new Map<FlowRole, Flow>();
  for (const f of flows) {
    if (!f.role) continue;
    const other = byRole.get(f.role);
    if (other) problems.push({ flow: f.id, problem: `role "${f.role}" is declared by "${other.id}" too` });
    else byRole.set(f.role, f);
  }
  for (const role of FLOW_ROLES)
    if (!byRole.has(role)) problems.push({ flow: '(flows)', problem: `no flow declares role: ${role}` });
  for (const f of flows) problems.push(...misplacedAnswerRoles(f));
  for (const role of ANSWER_ROLE_NAMES) {
    const flow = byRole.get(ANSWER_ROLES[role].flow);
    if (flow) problems.push(...answerRoleProblems(flow, role));
  }
  return problems;
}

/** Answer roles a flow declares that are no role of a flow like it. */
function misplacedAnswerRoles(f: Flow): RoleProblem[] {
  const problems: RoleProblem[] = [];
  for (const key of Object.keys(f.roles ?? {}))
    if (!(key in ANSWER_ROLES) || ANSWER_ROLES[key as AnswerRole].flow !== f.role)
      problems.push({
        flow: f.id,
        problem: `roles: "${key}" is not a role of a ${f.role ?? 'plain'} flow`,
      });
  return problems;
}

/**
 * What is wrong with one answer role in the flow of its role: not declared, naming a step of the wrong
 * kind (or any step, for an answer the bot sets itself), or a question without an option the engine reads.
 */
function answerRoleProblems(flow: Flow, role: AnswerRole): RoleProblem[] {
  const spec: AnswerRoleSpec = ANSWER_ROLES[role];
  const id = flow.roles?.[role];
  if (!id) return spec.optional ? [] : [{ flow: flow.id, problem: `roles: "${role}" is not declared` }];
  const step = flow.steps.find((s) => s.id === id);
  if (spec.kind === 'given') {
    return step
      ? [{ flow: flow.id, problem: `roles: "${role}" is set by the bot; no step may be "${id}"` }]
      : [];
  }
  if (step?.kind !== spec.kind) {
    return [{ flow: flow.id, problem: `roles: "${role}" names "${id}", which is not a ${spec.kind} step` }];
  }
  const problems: RoleProblem[] = [];
  for (const option of spec.options ?? [])
    if (step.kind === 'choice' && !step.options.some((o) => o.id === option))
      problems.push({
        flow: flow.id,
        problem: `roles: "${role}" (step "${id}") needs an option "${option}"`,
      });
  return problems;
}
