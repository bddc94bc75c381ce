import type { Condition, Flow, Step } from '../src/domain/flow/schema.js';

function describe(cond: Condition): string {
  if ('all' in cond) return cond.all.map(describe).join(' and ');
  if ('any' in cond) return cond.any.map(describe).join(' or ');
  if ('not' in cond) return `not (${describe(cond.not)})`;
  return 'in' in cond ? `${cond.answer} = ${cond.in.join('/')}` : `${cond.answer} ≠ ${cond.notIn.join('/')}`;
}

const clean = (s: string) =>
  s
    .replace(/["[\]{}|<>#]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
const short = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function label(step: Step, text: (key: string) => string): string {
  switch (step.kind) {
    case 'choice': {
      const flags = [
        ...new Set(
          step.options.flatMap((o) => (o.flags ?? []).map((f) => (typeof f === 'string' ? f : f.flag))),
        ),
      ];
      const lines = [`${step.id}: ${short(clean(text(step.text)))}`];
      if (flags.length) lines.push(`⚑ ${flags.join(', ')}`);
      return lines.join('<br/>');
    }
    case 'input':
      return `${step.id}: ${short(clean(text(step.text)))} (${step.validate})`;
    case 'message':
      return `${step.id}: message`;
    case 'action':
      return `${step.id}: ${step.action}`;
    case 'goto':
      return `${step.id}: go to ${step.to}`;
    case 'end':
      return `${step.id}: end`;
  }
}

/**
 * A Mermaid flowchart of a flow: each step a node, each way on an arrow, with the condition that takes
 * it. A step with a `when` can be skipped, so there is also an arrow past it.
 */
export function flowToMermaid(flow: Flow, text: (key: string) => string): string {
  const lines = ['flowchart TD'];
  const node = (i: number) => `s${i}`;
  flow.steps.forEach((step, i) => {
    const shape = step.kind === 'choice' || step.kind === 'input' ? ['{{', '}}'] : ['([', '])'];
    lines.push(`  ${node(i)}${shape[0]}"${label(step, text)}"${shape[1]}`);
  });
  lines.push(`  done(["end"])`);
  const at = new Map(flow.steps.map((s, i) => [s.id, i]));
  flow.steps.forEach((step, i) => {
    if (step.kind === 'end') {
      lines.push(`  ${node(i)} --> done`);
      return;
    }
    if (step.kind === 'goto') {
      const to = at.get(step.to);
      lines.push(`  ${node(i)} --> ${to === undefined ? 'done' : node(to)}`);
      if (!step.when) return;
    }
    // Fall through to the next step; past it too while it may be skipped.
    let j = i + 1;
    let otherwise = false;
    while (true) {
      const next = flow.steps[j];
      if (!next) {
        lines.push(`  ${node(i)} -->${otherwise ? '|otherwise|' : ''} done`);
        break;
      }
      const cond = next.when
        ? `|"${clean(short(describe(next.when), 60))}"|`
        : otherwise
          ? '|otherwise|'
          : '';
      lines.push(`  ${node(i)} -->${cond} ${node(j)}`);
      if (!next.when) break;
      otherwise = true;
      j++;
    }
  });
  return `${lines.join('\n')}\n`;
}
