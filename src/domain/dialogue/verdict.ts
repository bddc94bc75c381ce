import { FLAGS, flagTextKey, lighterSeverity } from '../flags.js';
import { evaluate, type FlowState, findings } from '../flow/interpreter.js';
import type { Option, Situation } from '../flow/schema.js';
import { assessRisk, type RiskLevel } from '../risk.js';
import { ALL_REASONS_BUTTON } from './buttons.js';
import type { TurnContext } from './context.js';
import { helpNow } from './help-now.js';
import { LEVEL_KEYS } from './texts.js';
import type { Reply } from './types.js';

/** So many "I don't know" answers make a verdict of "low" misleading. */
const MANY_UNKNOWNS = 4;
/** The reasons a verdict names at once; "All reasons" shows the rest. */
const FIRST_REASONS = 3;

/**
 * The end of a check, made to be read on a phone: the level, the weightiest reasons and one thing to do,
 * in one short message; every reason explained is a tap away ("All reasons"). Someone in danger gets
 * "Get help now" first and no advice that could put her at risk if she is watched.
 */
export function verdict(ctx: TurnContext, from: FlowState): void {
  const flow = ctx.flow(from.flow);
  const t = ctx.t;
  const found = findings(flow, from.answers);
  // What the ad said stays said, even if the person answers "I don't know" to the same question.
  // A flag the ad softened (said openly, by an employer that names itself) weighs as the ad's verdict
  // weighed it, also when the ad settled the question that raises it.
  const softened = new Set(ctx.state.adSoftened ?? []);
  const risk = assessRisk([...found.flags, ...(ctx.state.adFlags ?? [])], (id) => {
    const severity = FLAGS.get(id)?.severity;
    return severity && softened.has(id) ? lighterSeverity(severity) : undefined;
  });
  ctx.state.adFlags = undefined;
  ctx.state.adSoftened = undefined;
  const present = evaluate(flow.emergencyWhen, from.answers);
  let level = risk.level;
  if (found.unknowns.length >= MANY_UNKNOWNS && level === 'low') level = 'medium';
  const danger = risk.emergency && present;
  const situation: Situation = danger
    ? 'in_danger'
    : from.answers[ctx.roles.answer.situation] === 'abroad_now'
      ? 'there'
      : 'considering';
  ctx.state.last = { level, flags: risk.flags, at: ctx.meta.now, situation };
  if (situation === 'considering' && found.unknowns.length > 0) ctx.state.last.unknowns = found.unknowns;
  ctx.stats.push({ kind: 'check', level, flags: risk.flags });

  // Danger first: what works where she is, before any explanation.
  if (danger && !ctx.emergencyShown) helpNow(ctx, false);
  const summary = summaryKey(level, situation, danger, found.flags);
  const parts: string[] = [`${t(LEVEL_KEYS[level].level)}\n${t(summary)}`];
  const shown = shownFlags(risk.flags);
  if (shown.length > 0) {
    const first = shown.slice(0, FIRST_REASONS);
    const lines = first.map((id) => `⚠️ ${t(flagTextKey(id, 'title'))}`);
    if (shown.length > first.length) lines.push(t('verdict.more', { count: shown.length - first.length }));
    parts.push(`${t('verdict.reasons_intro', { count: first.length })}\n${lines.join('\n')}`);
  }
  // "Find it out before you agree" is for an offer still being weighed.
  const unknowns = situation === 'considering' ? found.unknowns : [];
  if (unknowns.length > 0) parts.push(t('verdict.unknown_count', { count: unknowns.length }));
  // The summary for someone under 18 weighing an offer is its own action (an adult, 111): not said twice.
  if (summary !== 'verdict.summary.minor') parts.push(oneAction(ctx, situation, shown));
  if (!danger) parts.push(ctx.hotlineLine());
  const reply: Reply = { text: parts.join('\n\n') };
  const more = shown.length + unknowns.length;
  if (more > 0)
    reply.shortcuts = [{ data: ALL_REASONS_BUTTON, label: t('verdict.all_reasons', { count: more }) }];
  ctx.replies.push(reply);
}

/**
 * What the verdict says first. Someone under 18 (the check's own answer, not an ad's words) hears so, with
 * article 135 and the children's line; critical without danger now is an offer that looks like a trap,
 * not a person in one.
 */
function summaryKey(
  level: RiskLevel,
  situation: Situation,
  danger: boolean,
  answered: readonly string[],
): string {
  if (answered.includes(MINOR_FLAG))
    return situation === 'considering' ? 'verdict.summary.minor' : 'verdict.summary.minor_there';
  return level === 'critical' && !danger ? 'verdict.summary.critical_offer' : LEVEL_KEYS[level].summary;
}

/** The red flag of an offer for someone under 18 (Criminal Code art. 135). */
const MINOR_FLAG = 'minor_targeted';

/** The flags a person is told about: "abroad" is context, not a warning. */
function shownFlags(flags: readonly string[]): string[] {
  return flags.filter((id) => FLAGS.get(id)?.severity !== 'context');
}

/** The one thing to do now, for where the person stands. */
function oneAction(ctx: TurnContext, situation: Situation, shown: readonly string[]): string {
  const t = ctx.t;
  if (situation !== 'considering') return t(`verdict.action.${situation}`);
  const weightiest = shown[0];
  return weightiest
    ? t('verdict.todo', { text: t(flagTextKey(weightiest, 'todo')) })
    : t('verdict.action.low');
}

/**
 * "All reasons": every warning sign of the last verdict with why it matters, what is still unknown and,
 * for someone weighing an offer, what to do about each. Someone already there gets the why only: the
 * pre-departure advice does not fit, and some of it is risky for someone watched.
 */
export function allReasons(ctx: TurnContext): void {
  const t = ctx.t;
  const last = ctx.state.last;
  const shown = shownFlags(last?.flags ?? []);
  const unknowns = last?.unknowns ?? [];
  if (!last || shown.length + unknowns.length === 0) {
    ctx.say(t('verdict.nothing_more'));
    return;
  }
  const considering = (last.situation ?? 'considering') === 'considering';
  const parts: string[] = [];
  if (shown.length > 0) parts.push(t('verdict.all_intro'));
  for (const id of shown) {
    const todo = considering ? `\n${t('verdict.todo', { text: t(flagTextKey(id, 'todo')) })}` : '';
    parts.push(`⚠️ ${t(flagTextKey(id, 'title'))}\n${t(flagTextKey(id, 'why'))}${todo}`);
  }
  if (unknowns.length > 0) {
    parts.push(`${t('verdict.unknown_intro')}\n${unknowns.map((k) => `• ${t(k)}`).join('\n')}`);
    if (unknowns.length >= MANY_UNKNOWNS) parts.push(t('verdict.many_unknowns'));
  }
  ctx.say(parts.join('\n\n'));
}

/** Whether choosing this option raises a red flag that means danger now. */
export function meansDanger(option: Option, answers: Readonly<Record<string, string>>): boolean {
  return (option.flags ?? []).some((raised) => {
    const id = typeof raised === 'string' ? raised : evaluate(raised.when, answers) ? raised.flag : undefined;
    return id !== undefined && FLAGS.get(id)?.emergency === true;
  });
}
