import type { AdVerdict } from '../ads/analyze.js';
import {
  answer,
  begin,
  currentStep,
  evaluate,
  type FlowEvent,
  type FlowState,
  resume,
} from '../flow/interpreter.js';
import type { Action } from '../flow/schema.js';
import { LANGS, type Lang } from '../language.js';
import { encodeButton, MENU_BUTTON, SKIP_BUTTON } from './buttons.js';
import { helpNow } from './help-now.js';
import { Place, RESUME_OPTION, WRITE_OPTION } from './place.js';
import { workingHoursNote } from './request.js';
import { hotlineText, LANGUAGE_NAME_KEYS } from './texts.js';
import type { Choice, DialogueDeps, Effect, Meta, PersonState, Pressed, Reply, StatEvent } from './types.js';
import { meansDanger } from './verdict.js';

/** What a named action of a flow does (actions.ts holds them all). */
export type ActionHandler = (
  ctx: TurnContext,
  value: string | undefined,
  from: FlowState | undefined,
) => void;
export type ActionRegistry = Readonly<Record<Action, ActionHandler>>;

/** Longest message passed on to a counsellor; Telegram's own limit, with room for the ticket's header. */
export const MAX_RELAYED = 3800;

export function newPerson(lang: Lang): PersonState {
  return { v: 1, lang, langChosen: false, nonce: 0 };
}

/**
 * One turn in the making: the person's state as it changes, and what the turn says and does. The engine
 * and the features (verdict, request, ads, relay...) work on it; it keeps the moves they share: asking
 * the current question, opening a flow, running what the interpreter reports, choosing an answer. Where
 * she is, read without a move (the flow of a role, a check in progress, the choices shown), is its Place
 * (place.ts).
 */
export class TurnContext extends Place {
  readonly replies: Reply[] = [];
  readonly effects: Effect[] = [];
  readonly stats: StatEvent[] = [];
  forget = false;
  /** The emergency numbers are already in this turn's replies: not twice in a row. */
  emergencyShown = false;
  /** The ad the person just sent: read in this turn, never stored. */
  pendingAd: string | undefined;
  /** Its verdict, when it was read already to tell an ad from a chat message. */
  knownVerdict: AdVerdict | undefined;
  /**
   * The text read as an ad reads as her own story, or someone close's: its verdict shows the signs its words
   * show, not a level for an ad to answer (render.ts `asStory`); the numbers came first if they mean danger.
   */
  asStory = false;
  pressed: Pressed | undefined;

  constructor(
    deps: DialogueDeps,
    state: PersonState,
    readonly meta: Meta,
    private readonly actions: ActionRegistry,
  ) {
    super(deps, state);
  }

  /**
   * "Back": the previous question asked again, its answer open to change and every answer kept (going
   * back twice loses nothing; once answered again, the check goes on at the first question still open).
   */
  goBack(): boolean {
    const active = this.state.active;
    const previous = this.previousQuestion(active);
    if (!active || !previous) return false;
    this.state.active = { ...active, step: previous, again: true };
    this.state.nonce++;
    this.reprompt();
    return true;
  }

  say(text: string): void {
    this.replies.push({ text });
  }

  hotlineLine(): string {
    return hotlineText(this.deps, this.t);
  }

  // --- Prompts ----------------------------------------------------------------------------------------

  /** Shows the question the person is at (asked again: the nonce stays, so its buttons stay valid). */
  reprompt(): void {
    const active = this.state.active;
    if (!active || !this.deps.flows.has(active.flow)) {
      // Writing to a counsellor (after /help or /privacy): no menu that would look like a way out of it.
      if (this.state.ticket?.relay) {
        this.sayWhileRelaying('relay.started');
        return;
      }
      this.openMenu();
      return;
    }
    const { state, events } = resume(this.flow(active.flow), active);
    if (!state) {
      // The flow was edited so that nothing is left to ask: finish it as if the last answer was given.
      this.state.active = undefined;
      this.run(events);
      return;
    }
    const moved = state.step !== active.step;
    this.state.active = state;
    if (moved) this.state.nonce++;
    // Asked again, not reached: the figures of where people stop count each question once.
    this.askedAgain = true;
    this.run(events.filter((e) => e.type !== 'say'));
    this.askedAgain = false;
  }

  /** While a question is shown again (reprompt), it is not counted as reached. */
  private askedAgain = false;

  private renderAsk(event: Extract<FlowEvent, { type: 'ask' }>): void {
    const active = this.state.active;
    // Where people stop in the offer check: each question reached is counted, anonymously.
    if (active && !this.askedAgain && !active.again && this.flow(active.flow).kind === 'check')
      this.stats.push({ kind: 'asked', step: event.step.id });
    const t = this.t;
    const vars = { days: this.deps.counsellors.retentionDays };
    let text = t(event.step.text, vars);
    if (event.step.hint) text += `\n\n${t(event.step.hint, vars)}`;
    // When to be contacted: said with the hours counsellors really work, and when the earliest call is.
    if (active && this.at(active, 'callback') && event.step.id === this.roles.answer.when)
      text += `\n\n${workingHoursNote(this)}`;
    if (event.step.kind !== 'choice' || !active) {
      // A question answered in words has no buttons: one to go back to the menu (and one to skip it).
      const shortcuts: Choice[] = [];
      if (event.step.kind === 'input' && event.step.skip)
        shortcuts.push({ data: SKIP_BUTTON, label: t(event.step.skip) });
      shortcuts.push({ data: MENU_BUTTON, label: t('verdict.next.menu') });
      const reply: Reply = { text, shortcuts };
      if (event.step.kind === 'input' && event.step.validate === 'phone')
        reply.requestPhone = t('callback.phone.share');
      this.replies.push(reply);
      return;
    }
    const nonce = this.state.nonce;
    const choices = this.choicesFor(active).map((c) => ({
      data: encodeButton({ type: 'answer', nonce, option: c.id }),
      label: c.label,
    }));
    const reply: Reply = { text, choices };
    if (this.at(active, 'menu')) reply.shortcuts = this.languageShortcuts();
    else if (this.previousQuestion(active))
      reply.shortcuts = [{ data: encodeButton({ type: 'back', nonce }), label: t('common.back') }];
    this.replies.push(reply);
  }

  private languageShortcuts(): Choice[] {
    return LANGS.map((lang) => ({
      data: encodeButton({ type: 'language', lang }),
      label: (lang === this.state.lang ? '✓ ' : '') + this.t(LANGUAGE_NAME_KEYS[lang]),
    }));
  }

  // --- Flows ------------------------------------------------------------------------------------------

  openFlow(id: string, answers: Record<string, string> = {}): void {
    const flow = this.flow(id);
    const current = this.state.active;
    const setAside = this.inProgress(current) ? current : undefined;
    if (flow.kind === 'check') {
      // Every way into the check counts as one started: the menu, an ad, a deep link or --flow.
      this.stats.push({ kind: 'check_started' });
      // A new check replaces any set-aside one; the person is told, since its answers go.
      if (this.state.paused || setAside) this.say(this.t('menu.new_check'));
      this.state.paused = undefined;
      this.state.alerted = undefined;
      this.state.adFlags = undefined;
      this.state.adSoftened = undefined;
      this.state.country = undefined;
    } else if (setAside) this.state.paused = setAside;
    this.state.langReturn = id === this.roles.flow.language && setAside ? true : undefined;
    this.state.nonce++;
    const { state, events } = begin(flow, answers);
    this.state.active = state ?? undefined;
    this.run(events);
  }

  openMenu(): void {
    this.openFlow(this.roles.flow.menu);
  }

  /** Applies what the interpreter reported, in order. */
  run(events: FlowEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'say':
          if (advises(this.state, event)) this.say(this.t(event.text));
          break;
        case 'ask':
          this.renderAsk(event);
          break;
        case 'start':
          this.state.active = undefined;
          this.openFlow(event.flow);
          return;
        case 'action':
          this.actions[event.action](this, event.value, event.from);
          break;
        case 'end':
          if (event.text) this.say(this.t(event.text));
          this.state.active = undefined;
          // Writing to a counsellor now: the menu would only be in the way.
          if (!this.state.ticket?.relay) this.openMenu();
          return;
      }
    }
  }

  /** An answer chosen by id (from a button or a typed number or words). */
  choose(optionId: string): boolean {
    const active = this.state.active;
    if (!active) return false;
    if (this.at(active, 'menu') && optionId === RESUME_OPTION && this.state.paused) {
      this.state.active = this.state.paused;
      this.state.paused = undefined;
      this.state.nonce++;
      this.say(this.t('common.welcome_back'));
      this.reprompt();
      return true;
    }
    if (this.at(active, 'menu') && optionId === WRITE_OPTION && this.state.ticket) {
      this.state.nonce++;
      this.startRelay();
      return true;
    }
    const flow = this.flow(active.flow);
    const result = answer(flow, active, { option: optionId });
    if (!result.ok) return false;
    const step = currentStep(flow, active);
    // "Where" answered anew (after "Back"): a country named before no longer holds; a typed one is set after.
    if (flow.kind === 'check' && step?.id === this.roles.answer.where) this.state.country = undefined;
    const option = step?.kind === 'choice' ? step.options.find((o) => o.id === optionId) : undefined;
    const answersNow = result.state?.answers ?? { ...active.answers, [step?.id ?? '']: optionId };
    if (
      flow.kind === 'check' &&
      option &&
      !this.state.alerted &&
      evaluate(flow.emergencyWhen, answersNow) &&
      meansDanger(option, answersNow)
    ) {
      // Someone who just said they cannot leave, or their passport was taken, gets what helps now, not
      // the remaining questions: the check waits, and going on with it is her choice.
      this.state.alerted = true;
      if (result.state) {
        this.state.paused = result.state;
        this.state.active = undefined;
        this.state.nonce++;
        helpNow(this, true);
        return true;
      }
    }
    this.state.active = result.state ?? undefined;
    this.state.nonce++;
    this.run(result.events);
    if (!this.state.active && !this.forget && !this.state.ticket?.relay) this.openMenu();
    return true;
  }

  /** Answers the input the person is at with `given` (already checked), and goes on. */
  answerText(active: FlowState, given: string): void {
    const result = answer(this.flow(active.flow), active, { text: given });
    if (!result.ok) {
      this.say(this.t('common.hint_input'));
      this.reprompt();
      return;
    }
    this.state.active = result.state ?? undefined;
    this.state.nonce++;
    this.run(result.events);
    if (!this.state.active && !this.state.ticket?.relay) this.openMenu();
  }

  setLanguage(lang: Lang): void {
    this.state.lang = lang;
    this.state.langChosen = true;
    this.say(this.t('language.set'));
    const back = this.state.langReturn;
    this.state.langReturn = undefined;
    if (this.isCheck(this.state.active)) {
      // Changed in the middle of a check: the same question again, now in the new language.
      this.reprompt();
    } else if (this.state.paused && back) {
      // Back to the check the person set aside to choose the language, at the same question.
      this.state.active = this.state.paused;
      this.state.paused = undefined;
      this.state.nonce++;
      this.reprompt();
    } else {
      this.state.active = undefined;
      this.openMenu();
    }
  }

  greet(): void {
    const t = this.t;
    this.say(t('start.greeting', { language: t(LANGUAGE_NAME_KEYS[this.state.lang]) }));
  }

  // --- Writing to a counsellor ------------------------------------------------------------------------

  /** The person goes back to writing to the counsellor of their open request. */
  startRelay(): void {
    this.state.active = undefined;
    const ticket = this.state.ticket;
    if (!ticket) {
      this.openMenu();
      return;
    }
    ticket.relay = true;
    this.sayWhileRelaying('relay.started');
  }

  /** Back from writing to a counsellor to the bot's own dialogues (the request stays open). */
  stepOutOfRelay(): void {
    if (!this.state.ticket?.relay) return;
    this.state.ticket.relay = false;
    this.say(this.t('relay.paused'));
  }

  /** An answer while the person writes to a counsellor: always with the way back to the bot's checks. */
  sayWhileRelaying(key: string): void {
    this.replies.push({
      text: this.t(key),
      shortcuts: [{ data: MENU_BUTTON, label: this.t('verdict.next.menu') }],
    });
  }
}

/** Advice is for the situations and levels it names (the verdict has just settled which these are). */
function advises(state: PersonState, event: Extract<FlowEvent, { type: 'say' }>): boolean {
  const last = state.last;
  if (event.for && !event.for.includes(last?.situation ?? 'considering')) return false;
  return !event.levels || (!!last && event.levels.includes(last.level));
}
