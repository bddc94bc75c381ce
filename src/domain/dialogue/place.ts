import {
  answeredCount,
  currentStep,
  evaluate,
  type FlowState,
  isAnswered,
  visibleOptions,
} from '../flow/interpreter.js';
import { type Roles, rolesOf } from '../flow/roles.js';
import { type Flow, isQuestion } from '../flow/schema.js';
import { slotWithin } from '../hours.js';
import type { DialogueDeps, PersonState, Translate } from './types.js';

/** The menu's own option for going back to a set-aside check. */
export const RESUME_OPTION = 'resume';
/** The menu's own option for going back to writing to the counsellor. */
export const WRITE_OPTION = 'relay';

/**
 * Where the person is in the dialogue, as a turn reads it from her state and the flows: the flow of a
 * role, a check in progress, the question answered before the one she is at, the answers shown to her.
 * It says and changes nothing: the turn in the making (TurnContext, context.ts) does.
 */
export class Place {
  readonly roles: Roles;

  constructor(
    readonly deps: DialogueDeps,
    public state: PersonState,
  ) {
    this.roles = rolesOf(deps.flows);
  }

  get t(): Translate {
    return this.deps.t(this.state.lang);
  }

  flow(id: string): Flow {
    const flow = this.deps.flows.get(id);
    if (!flow) throw new Error(`flow "${id}" is not loaded`);
    return flow;
  }

  /** Whether the person is at the flow of this role. */
  at(state: FlowState | undefined, role: keyof Roles['flow']): boolean {
    return state?.flow === this.roles.flow[role];
  }

  isCheck(state: FlowState | undefined): state is FlowState {
    return !!state && this.deps.flows.get(state.flow)?.kind === 'check';
  }

  /** A check with answers that still waits on a question: worth setting aside and continuing. */
  inProgress(state: FlowState | undefined): state is FlowState {
    if (!this.isCheck(state)) return false;
    const flow = this.flow(state.flow);
    const step = currentStep(flow, state);
    return !!step && !(step.kind === 'choice' && step.menu) && answeredCount(flow, state.answers) > 0;
  }

  /**
   * The question of a check answered just before the one the person is at ("Back" goes there): the last
   * earlier question that applies and has an answer. None at the first question, at a menu, outside a check.
   */
  previousQuestion(active: FlowState | undefined): string | undefined {
    if (!this.isCheck(active)) return undefined;
    const flow = this.flow(active.flow);
    const at = flow.steps.findIndex((s) => s.id === active.step);
    const current = flow.steps[at];
    if (!current || !isQuestion(current) || (current.kind === 'choice' && current.menu)) return undefined;
    for (let i = at - 1; i >= 0; i--) {
      const s = flow.steps[i];
      if (!s || !isQuestion(s) || (s.kind === 'choice' && s.menu)) continue;
      if (evaluate(s.when, active.answers) && isAnswered(s, active.answers)) return s.id;
    }
    return undefined;
  }

  /** The choices of the question the person is at, with the injected "continue my check". */
  choicesFor(active: FlowState): { id: string; label: string }[] {
    const flow = this.flow(active.flow);
    const step = currentStep(flow, active);
    if (step?.kind !== 'choice') return [];
    const atMenu = this.at(active, 'menu');
    const writing = atMenu && this.state.ticket?.mode === 'write' && !this.state.ticket.relay;
    // One way to the counsellor: with a request open by messages, "write to the counsellor" replaces it.
    const hours = this.deps.counsellors.hours;
    const choices: { id: string; label: string }[] = [];
    for (const o of visibleOptions(step, active.answers)) {
      if (writing && o.action === 'counsellor') continue;
      // A time of day is offered only when counsellors work then, with the hours they do.
      const slot = o.time ? slotWithin(hours, o.time) : undefined;
      if (o.time && !slot) continue;
      const label = this.t(o.text);
      choices.push({ id: o.id, label: slot ? `${label} (${slot.from}–${slot.to})` : label });
    }
    if (atMenu && this.state.paused) {
      const pausedFlow = this.deps.flows.get(this.state.paused.flow);
      const count = pausedFlow ? answeredCount(pausedFlow, this.state.paused.answers) : 0;
      choices.unshift({ id: RESUME_OPTION, label: this.t('menu.resume', { count }) });
    }
    if (writing) choices.unshift({ id: WRITE_OPTION, label: this.t('relay.menu') });
    return choices;
  }
}
