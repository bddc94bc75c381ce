import { FLAGS, flagTextKey } from '../flags.js';
import { evaluate, type FlowState, findings } from '../flow/interpreter.js';
import type { Option } from '../flow/schema.js';
import { assessRisk } from '../risk.js';
import type { TurnContext } from './context.js';
import { LEVEL_KEYS } from './texts.js';

/** So many "I don't know" answers make a verdict of "low" misleading. */
const MANY_UNKNOWNS = 4;

/** The end of a check: the level, every red flag explained, what is still unknown, and the way on. */
export function verdict(ctx: TurnContext, from: FlowState): void {
  const flow = ctx.flow(from.flow);
  const t = ctx.t;
  const found = findings(flow, from.answers);
  // What the ad said stays said, even if the person answers "I don't know" to the same question.
  const risk = assessRisk([...found.flags, ...(ctx.state.adFlags ?? [])]);
  ctx.state.adFlags = undefined;
  const present = evaluate(flow.emergencyWhen, from.answers);
  let level = risk.level;
  const manyUnknowns = found.unknowns.length >= MANY_UNKNOWNS;
  if (manyUnknowns && level === 'low') level = 'medium';
  ctx.state.last = { level, flags: risk.flags, at: ctx.meta.now };
  ctx.stats.push({ kind: 'check', level, flags: risk.flags });

  const danger = risk.emergency && present;
  // Danger first: the numbers before any explanation.
  if (danger && !ctx.emergencyShown) ctx.emergency(false);
  // Critical without danger now is an offer that looks like a trap, not a person in one.
  const summary =
    level === 'critical' && !danger ? 'verdict.summary.critical_offer' : LEVEL_KEYS[level].summary;
  const parts: string[] = [`${t(LEVEL_KEYS[level].level)}\n${t(summary)}`];
  const shown = risk.flags.filter((id) => FLAGS.get(id)?.severity !== 'context');
  if (shown.length > 0) {
    parts.push(t('verdict.flags_intro', { count: shown.length }));
    for (const id of shown) {
      parts.push(
        `⚠️ ${t(flagTextKey(id, 'title'))}\n${t(flagTextKey(id, 'why'))}\n${t('verdict.todo', { text: t(flagTextKey(id, 'todo')) })}`,
      );
    }
  }
  if (found.unknowns.length > 0) {
    parts.push(`${t('verdict.unknown_intro')}\n${found.unknowns.map((k) => `• ${t(k)}`).join('\n')}`);
    if (manyUnknowns) parts.push(t('verdict.many_unknowns'));
  }
  parts.push(t('verdict.counsellor_offer'));
  if (!danger) parts.push(ctx.hotlineLine());
  ctx.say(parts.join('\n\n'));
}

/** Whether choosing this option raises a red flag that means danger now. */
export function meansDanger(option: Option, answers: Readonly<Record<string, string>>): boolean {
  return (option.flags ?? []).some((raised) => {
    const id = typeof raised === 'string' ? raised : evaluate(raised.when, answers) ? raised.flag : undefined;
    return id !== undefined && FLAGS.get(id)?.emergency === true;
  });
}
