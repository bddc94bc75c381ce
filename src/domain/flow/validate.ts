import { parse as parseYaml } from 'yaml';
import { FLAGS } from '../flags.js';
import { isLang } from '../language.js';
import { phraseKeys } from '../meaning.js';
import { givenAnswers, roleProblems } from './roles.js';
import {
  type ChoiceStep,
  type Condition,
  DONT_KNOW,
  type Flow,
  FlowSchema,
  isQuestion,
  type Option,
  type Step,
} from './schema.js';

/** Parses one flow file's text. Throws an Error whose message lists every schema problem. */
export function parseFlow(text: string, file: string): Flow {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new Error(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = FlowSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  return parsed.data;
}

function conditionRefs(cond: Condition | undefined, out: { answer: string; options: string[] }[] = []) {
  if (!cond) return out;
  if ('all' in cond) for (const c of cond.all) conditionRefs(c, out);
  else if ('any' in cond) for (const c of cond.any) conditionRefs(c, out);
  else if ('not' in cond) conditionRefs(cond.not, out);
  else out.push({ answer: cond.answer, options: 'in' in cond ? cond.in : cond.notIn });
  return out;
}

/**
 * What the schema cannot see: dangling gotos and flow starts, conditions on questions that do not exist
 * (or come later), unknown red flags, unreachable steps, questions of a check without "I don't know".
 * Returns problems as sentences naming the step; an empty list means the flows are sound.
 */
export interface FlowProblem {
  flow: string;
  problem: string;
}

export function validateFlows(flows: readonly Flow[]): FlowProblem[] {
  const all: FlowProblem[] = [];
  const ids = new Set<string>();
  for (const f of flows) {
    if (ids.has(f.id)) all.push({ flow: f.id, problem: `flow "${f.id}" is defined twice` });
    ids.add(f.id);
  }
  for (const flow of flows) {
    all.push(...flowProblems(flow, ids).map((problem) => ({ flow: flow.id, problem })));
  }
  all.push(...roleProblems(flows));
  return all;
}

/** What the checks of one flow share: the flow, where its steps stand, and the problems found so far. */
interface FlowCheck {
  flow: Flow;
  /** Where each step id first stands. */
  at: Map<string, number>;
  /** The ids of all flows, which an option may start. */
  flowIds: ReadonlySet<string>;
  /** Where the verdict is given, -1 when the flow gives none. */
  verdictAt: number;
  problems: string[];
}

/** The problems of one flow, as sentences naming the step. */
function flowProblems(flow: Flow, flowIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const at = new Map<string, number>();
  flow.steps.forEach((s, i) => {
    if (at.has(s.id)) problems.push(`step "${s.id}" is defined twice`);
    else at.set(s.id, i);
  });
  const verdictAt = flow.steps.findIndex((s) => s.kind === 'action' && s.action === 'verdict');
  const check: FlowCheck = { flow, at, flowIds, verdictAt, problems };
  flow.steps.forEach((step, i) => {
    checkStep(check, step, i);
  });
  for (const id of unreachable(flow)) problems.push(`step "${id}" can never be reached`);
  return problems;
}

/**
 * A condition reads only questions of this flow asked before `before`, and only answers they have; or an
 * answer the bot sets itself (a `given` role of the flow, such as the callback's `urgent`).
 */
function checkCondition(check: FlowCheck, where: string, cond: Condition | undefined, before: number) {
  for (const ref of conditionRefs(cond)) checkConditionRef(check, where, ref, before);
}

function checkConditionRef(
  check: FlowCheck,
  where: string,
  ref: { answer: string; options: string[] },
  before: number,
) {
  const { problems } = check;
  const given = givenAnswers(check.flow).get(ref.answer);
  if (given && !check.at.has(ref.answer)) {
    for (const o of ref.options)
      if (!given.includes(o))
        problems.push(`${where}: condition on "${ref.answer}" names unknown answer "${o}"`);
    return;
  }
  const i = check.at.get(ref.answer);
  const target = i === undefined ? undefined : check.flow.steps[i];
  if (!target || !isQuestion(target)) {
    problems.push(`${where}: condition on "${ref.answer}", which is not a question of this flow`);
    return;
  }
  if ((i ?? 0) >= before) problems.push(`${where}: condition on "${ref.answer}", which is asked later`);
  if (target.kind !== 'choice') return;
  const known = new Set([...target.options.map((o) => o.id), DONT_KNOW]);
  for (const o of ref.options) {
    if (!known.has(o)) problems.push(`${where}: condition on "${ref.answer}" names unknown answer "${o}"`);
  }
}

function checkStep(check: FlowCheck, step: Step, i: number) {
  const { flow, problems } = check;
  const where = `step "${step.id}"`;
  checkCondition(check, where, step.when, i);
  // Advice after a verdict says whom it is for: what helps someone weighing an offer can put someone
  // watched at risk.
  if (step.kind === 'message' && check.verdictAt >= 0 && i > check.verdictAt && !step.for)
    problems.push(
      `${where}: advice after the verdict must say whom it is for (for: [considering, there, in_danger])`,
    );
  if (step.kind === 'goto' && !check.at.has(step.to))
    problems.push(`${where}: goto to unknown step "${step.to}"`);
  if (step.kind !== 'choice') return;
  if (flow.kind === 'check' && !step.menu && !step.unknown) {
    problems.push(`${where}: a question of a check must offer "I don't know" (add \`unknown:\` advice)`);
  }
  const optionIds = new Set<string>();
  for (const o of step.options) checkOption(check, step, o, optionIds, i);
  checkMeans(check, step);
}

/**
 * Typed phrases (`means`): each has words, and no phrase means two answers of one question; nor does a
 * typed number (`number`).
 */
function checkMeans(check: FlowCheck, step: ChoiceStep): void {
  const owner = new Map<string, string>();
  for (const o of step.options) {
    for (const phrase of o.means ?? []) {
      const keys = phraseKeys(phrase);
      const where = `step "${step.id}", option "${o.id}", means "${phrase}"`;
      if (keys.length === 0) check.problems.push(`${where}: has no word`);
      // The same words, compared as typed answers are (by their first key, the folded word).
      const id = keys
        .map((k) => k[0])
        .sort()
        .join(' ');
      const other = owner.get(id);
      if (other !== undefined && other !== o.id)
        check.problems.push(`${where}: the same words also mean option "${other}"`);
      owner.set(id, o.id);
    }
  }
  // Typed numbers (`number`): no number stands for two answers.
  const ranged = step.options.filter((o) => o.number);
  for (const [i, a] of ranged.entries())
    for (const b of ranged.slice(i + 1))
      if (a.number && b.number && a.number.min <= b.number.max && b.number.min <= a.number.max)
        check.problems.push(`step "${step.id}", option "${b.id}": its numbers overlap option "${a.id}"'s`);
}

function checkOption(check: FlowCheck, step: ChoiceStep, o: Option, optionIds: Set<string>, i: number) {
  const { flow, problems } = check;
  const ow = `step "${step.id}", option "${o.id}"`;
  if (optionIds.has(o.id) || o.id === DONT_KNOW) problems.push(`${ow}: option id used twice or reserved`);
  optionIds.add(o.id);
  checkCondition(check, ow, o.when, i);
  if (o.start && !check.flowIds.has(o.start)) problems.push(`${ow}: starts unknown flow "${o.start}"`);
  if (o.time && o.time.slice(0, 5) >= o.time.slice(6))
    problems.push(`${ow}: time ${o.time} ends before it starts`);
  if (o.action === 'set_language' && !isLang(o.value)) {
    problems.push(`${ow}: set_language needs value ru, kk or en`);
  }
  // In a check, every question's answer counts: a way out belongs in a menu step.
  if ((o.start || o.action) && !step.menu && flow.kind === 'check') {
    problems.push(`${ow}: in a check, only a menu step (menu: true) may start a flow or run an action`);
  }
  for (const raised of o.flags ?? []) {
    const flag = typeof raised === 'string' ? raised : raised.flag;
    if (!FLAGS.has(flag)) problems.push(`${ow}: unknown red flag "${flag}"`);
    if (typeof raised !== 'string') checkCondition(check, `${ow}, flag "${flag}"`, raised.when, i + 1);
  }
}

/** Steps no path reaches: after an unconditional goto or end with nothing jumping to them. */
export function unreachable(flow: Flow): string[] {
  const at = new Map(flow.steps.map((s, i) => [s.id, i]));
  const seen = new Set<number>();
  const todo = [0];
  while (todo.length > 0) {
    const i = todo.pop() as number;
    if (i >= flow.steps.length || seen.has(i)) continue;
    seen.add(i);
    const step = flow.steps[i] as Step;
    const falls = !((step.kind === 'goto' || step.kind === 'end') && !step.when);
    if (falls) todo.push(i + 1);
    if (step.kind === 'goto') {
      const to = at.get(step.to);
      if (to !== undefined) todo.push(to);
    }
  }
  return flow.steps.filter((_, i) => !seen.has(i)).map((s) => s.id);
}

/** Every text key a flow uses. */
export function flowTextKeys(flow: Flow): string[] {
  const keys = new Set<string>([flow.title]);
  for (const step of flow.steps) {
    if ('text' in step && step.text) keys.add(step.text);
    if ('hint' in step && step.hint) keys.add(step.hint);
    if (step.kind === 'input' && step.skip) keys.add(step.skip);
    if (step.kind === 'choice') {
      if (step.unknown) keys.add(step.unknown);
      for (const o of step.options) keys.add(o.text);
    }
  }
  return [...keys];
}
