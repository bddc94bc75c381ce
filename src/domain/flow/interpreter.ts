import {
  type Action,
  type ChoiceStep,
  type Condition,
  DONT_KNOW,
  type Flow,
  type InputStep,
  isQuestion,
  type Option,
  type QuestionStep,
  type Situation,
  type Step,
} from './schema.js';

/**
 * A person's place in one flow. Small and explicit: the answers are keyed by question id, so when the
 * NGO edits the flow, everything still known keeps its meaning.
 */
export interface FlowState {
  flow: string;
  version: number;
  /** The step waiting for an answer. */
  step: string;
  answers: Record<string, string>;
  /** The step is asked again though it has an answer: the person went back to change it. */
  again?: boolean;
}

export type FlowEvent =
  /** A message step: show this text (advice: only to the situations in `for`). */
  | { type: 'say'; text: string; for?: readonly Situation[]; levels?: readonly string[] }
  /** A question or menu waiting for the person; `options` are the ones that apply, "I don't know" last. */
  | { type: 'ask'; step: QuestionStep; options: Option[] }
  /** A named effect; an action step of a flow carries the answers it acts on (the verdict needs them). */
  | { type: 'action'; action: Action; value?: string; from?: FlowState }
  | { type: 'start'; flow: string }
  | { type: 'end'; text?: string };

export interface Advanced {
  /** null: the flow has ended. */
  state: FlowState | null;
  events: FlowEvent[];
}

export type AnswerInput = { option: string } | { text: string };

export type Answered =
  | ({ ok: true } & Advanced)
  | { ok: false; reason: 'not_an_option' | 'expects_text' | 'expects_choice' | 'invalid'; state: FlowState };

export const DONT_KNOW_OPTION_TEXT = 'common.dont_know';
/** What an `ad` input keeps instead of the ad's text. */
export const AD_GIVEN = '(ad)';

export function evaluate(cond: Condition | undefined, answers: Readonly<Record<string, string>>): boolean {
  if (!cond) return true;
  if ('all' in cond) return cond.all.every((c) => evaluate(c, answers));
  if ('any' in cond) return cond.any.some((c) => evaluate(c, answers));
  if ('not' in cond) return !evaluate(cond.not, answers);
  const given = answers[cond.answer];
  // A condition on an unanswered question is false for `in` and true for `notIn`: "not abroad_now" holds
  // for someone who was never asked.
  if ('in' in cond) return given !== undefined && cond.in.includes(given);
  return given === undefined || !cond.notIn.includes(given);
}

/** The options a person sees at a choice step, "I don't know" last where the step offers it. */
export function visibleOptions(step: ChoiceStep, answers: Readonly<Record<string, string>>): Option[] {
  const options = step.options.filter((o) => evaluate(o.when, answers));
  if (step.unknown && !step.menu) options.push({ id: DONT_KNOW, text: DONT_KNOW_OPTION_TEXT });
  return options;
}

/**
 * Whether a question has an answer that still means something: one of its options (or "I don't know"),
 * or any text for an input. An answer whose option the NGO renamed or removed is no answer: the
 * question is asked again, so no red flag is lost.
 */
export function isAnswered(step: QuestionStep, answers: Readonly<Record<string, string>>): boolean {
  const given = answers[step.id];
  if (given === undefined) return false;
  if (step.kind === 'input') return true;
  if (given === DONT_KNOW) return !!step.unknown && !step.menu;
  return step.options.some((o) => o.id === given);
}

function ask(step: QuestionStep, answers: Readonly<Record<string, string>>): FlowEvent {
  return { type: 'ask', step, options: step.kind === 'choice' ? visibleOptions(step, answers) : [] };
}

function applies(step: Step, answers: Readonly<Record<string, string>>): boolean {
  return evaluate(step.when, answers);
}

/** The first question before `index` that applies and has no answer: asked before any action or end. */
function missedBefore(
  flow: Flow,
  answers: Readonly<Record<string, string>>,
  index: number,
): QuestionStep | undefined {
  for (let i = 0; i < index; i++) {
    const s = flow.steps[i];
    if (
      s &&
      isQuestion(s) &&
      !(s.kind === 'choice' && s.menu) &&
      !isAnswered(s, answers) &&
      applies(s, answers)
    ) {
      return s;
    }
  }
  return undefined;
}

function stateAt(flow: Flow, step: string, answers: Record<string, string>): FlowState {
  return { flow: flow.id, version: flow.version, step, answers };
}

/**
 * The walk stops at a question skipped before step `index`, if there is one: an action or the end is
 * never reached while a question that applies waits unanswered.
 */
function stopAtMissed(
  flow: Flow,
  answers: Record<string, string>,
  index: number,
  events: FlowEvent[],
): Advanced | undefined {
  const missed = missedBefore(flow, answers, index);
  if (!missed) return undefined;
  events.push(ask(missed, answers));
  return { state: stateAt(flow, missed.id, answers), events };
}

/**
 * Walks from `from` until something waits for the person or the flow ends. `quiet` skips message steps
 * (used when a person is placed back into an edited flow, so they are not greeted twice).
 */
function advance(flow: Flow, answers: Record<string, string>, from: number, quiet = false): Advanced {
  const events: FlowEvent[] = [];
  const index = new Map(flow.steps.map((s, i) => [s.id, i]));
  // A goto loop that never reaches a question would otherwise spin forever; flows:check also rejects it.
  let budget = flow.steps.length * 4 + 8;
  let i = from;
  while (i < flow.steps.length && budget-- > 0) {
    const step = flow.steps[i] as Step;
    if (!applies(step, answers)) {
      i++;
      continue;
    }
    switch (step.kind) {
      case 'message':
        if (!quiet) events.push(sayEvent(step));
        i++;
        break;
      case 'choice':
      case 'input':
        if (isAnswered(step, answers)) {
          i++;
          break;
        }
        events.push(ask(step, answers));
        return { state: stateAt(flow, step.id, answers), events };
      case 'action': {
        const stop = stopAtMissed(flow, answers, i, events);
        if (stop) return stop;
        events.push({ type: 'action', action: step.action, from: stateAt(flow, step.id, answers) });
        i++;
        break;
      }
      case 'goto':
        i = index.get(step.to) ?? flow.steps.length;
        break;
      case 'end':
        return reachEnd(flow, answers, i, events, step.text);
    }
  }
  return reachEnd(flow, answers, flow.steps.length, events);
}

/** The walk reaches an end step (or runs off the last step): a question skipped before it is asked first. */
function reachEnd(
  flow: Flow,
  answers: Record<string, string>,
  index: number,
  events: FlowEvent[],
  text?: string,
): Advanced {
  const stop = stopAtMissed(flow, answers, index, events);
  if (stop) return stop;
  events.push(text ? { type: 'end', text } : { type: 'end' });
  return { state: null, events };
}

export function begin(flow: Flow, answers: Record<string, string> = {}): Advanced {
  return advance(flow, { ...answers }, 0);
}

/**
 * Where a person stands now, asked again: after a restart, a stale button, /help, or an edit of the flow
 * file. Answers to questions that still exist are kept; a question added before theirs is asked before
 * the verdict; a removed question is simply no longer asked.
 */
export function resume(flow: Flow, state: FlowState): Advanced {
  const answers = { ...state.answers };
  const at = flow.steps.findIndex((s) => s.id === state.step);
  if (at >= 0) {
    const step = flow.steps[at] as Step;
    if (isQuestion(step) && (state.again || !isAnswered(step, answers)) && applies(step, answers)) {
      const asked: FlowState = { flow: flow.id, version: flow.version, step: step.id, answers };
      if (state.again) asked.again = true;
      return { state: asked, events: [ask(step, answers)] };
    }
    return advance(flow, answers, at, true);
  }
  return advance(flow, answers, 0, true);
}

/** The question a state waits on, if the flow still has it. */
export function currentStep(flow: Flow, state: FlowState): QuestionStep | undefined {
  const step = flow.steps.find((s) => s.id === state.step);
  return step && isQuestion(step) ? step : undefined;
}

/**
 * Takes the option chosen at a choice step into `answers` (a menu keeps no answer). An `Answered` when
 * the answer ends the walk here: refused, or an option that starts another flow or acts at once.
 */
function takeChoice(
  step: ChoiceStep,
  state: FlowState,
  answers: Record<string, string>,
  input: AnswerInput,
): Answered | undefined {
  if (!('option' in input)) return { ok: false, reason: 'expects_choice', state };
  const option = visibleOptions(step, answers).find((o) => o.id === input.option);
  if (!option) return { ok: false, reason: 'not_an_option', state };
  if (!step.menu) answers[step.id] = option.id;
  if (option.start) return { ok: true, state: null, events: [{ type: 'start', flow: option.start }] };
  if (option.action) {
    const event: FlowEvent =
      option.value === undefined
        ? { type: 'action', action: option.action }
        : { type: 'action', action: option.action, value: option.value };
    return { ok: true, state: null, events: [event] };
  }
  return undefined;
}

/** Takes the text typed at an input step into `answers`; a refusal when there is none or too much. */
function takeText(
  step: InputStep,
  state: FlowState,
  answers: Record<string, string>,
  input: AnswerInput,
): Answered | undefined {
  if (!('text' in input)) return { ok: false, reason: 'expects_text', state };
  const text = input.text.trim();
  if (text.length === 0 || text.length > step.maxLength) return { ok: false, reason: 'invalid', state };
  // An ad is read in memory by whoever runs the flow; only the fact that one was given is kept.
  answers[step.id] = step.validate === 'ad' ? AD_GIVEN : text;
  return undefined;
}

export function answer(flow: Flow, state: FlowState, input: AnswerInput): Answered {
  const step = currentStep(flow, state);
  if (!step) return { ok: false, reason: 'invalid', state };
  const answers = { ...state.answers };
  const stop =
    step.kind === 'choice' ? takeChoice(step, state, answers, input) : takeText(step, state, answers, input);
  if (stop) return stop;
  const at = flow.steps.findIndex((s) => s.id === step.id);
  return { ok: true, ...advance(flow, answers, at + 1) };
}

export interface Findings {
  /** Red flag ids raised by the answers, in flow order, each once. */
  flags: string[];
  /** Advice text keys of the questions answered "I don't know". */
  unknowns: string[];
  /** How many questions were answered. */
  answered: number;
}

/** What the answers say: only questions that (still) apply count. */
export function findings(flow: Flow, answers: Readonly<Record<string, string>>): Findings {
  const flags = new Set<string>();
  const unknowns: string[] = [];
  let answered = 0;
  for (const step of flow.steps) {
    if (step.kind !== 'choice' || step.menu) continue;
    const given = answers[step.id];
    if (given === undefined || !isAnswered(step, answers) || !applies(step, answers)) continue;
    answered++;
    if (given === DONT_KNOW) {
      if (step.unknown) unknowns.push(step.unknown);
      continue;
    }
    addRaisedFlags(
      step.options.find((o) => o.id === given),
      answers,
      flags,
    );
  }
  return { flags: [...flags], unknowns, answered };
}

/** The red flags a chosen option raises, each either always or under its own condition. */
function addRaisedFlags(
  option: Option | undefined,
  answers: Readonly<Record<string, string>>,
  flags: Set<string>,
): void {
  for (const raised of option?.flags ?? []) {
    if (typeof raised === 'string') flags.add(raised);
    else if (evaluate(raised.when, answers)) flags.add(raised.flag);
  }
}

/** Questions answered so far that still apply (for "continue my check (7 answers)"). */
export function answeredCount(flow: Flow, answers: Readonly<Record<string, string>>): number {
  return findings(flow, answers).answered;
}

/** A message step as an event, with whom and at which verdict levels it is advice for. */
function sayEvent(step: Extract<Step, { kind: 'message' }>): Extract<FlowEvent, { type: 'say' }> {
  const say: Extract<FlowEvent, { type: 'say' }> = { type: 'say', text: step.text };
  if (step.for) say.for = step.for;
  if (step.levels) say.levels = step.levels;
  return say;
}
