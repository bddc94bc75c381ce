import { type AdVerdict, MAX_AD_LENGTH } from './ads/analyze.js';
import { prefillFromAd } from './ads/prefill.js';
import { renderAdVerdict } from './ads/render.js';
import { isEmergencyText } from './emergency.js';
import { FLAGS, flagTextKey } from './flags.js';
import {
  answer,
  answeredCount,
  begin,
  currentStep,
  evaluate,
  type FlowEvent,
  type FlowState,
  findings,
  resume,
  visibleOptions,
} from './flow/interpreter.js';
import type { Flow, Option } from './flow/schema.js';
import {
  addWorkingMinutes,
  DAY_KEYS,
  formatWorkingHours,
  isOpen,
  localDate,
  nextOpening,
  type WorkingHours,
} from './hours.js';
import { INTEL_PRIVACY_KEY, renderSeenBefore } from './intel/render.js';
import { hasNews, type IntelLookup } from './intel/seen.js';
import { detectLanguage, isLang, LANGS, type Lang, languageOfText } from './language.js';
import { parsePhone } from './phone.js';
import { assessRisk, type RiskLevel } from './risk.js';
import { matchAnswer, normalizeAnswer } from './text.js';

/**
 * The dialogue engine: one pure step from (state, input) to (state, replies). It knows nothing of
 * Telegram, WhatsApp or Redis; channels turn updates into `Input` and `Reply` into their messages.
 */

export interface PersonState {
  v: 1;
  /** Revision, counted by the store's compare-and-set: not the dialogue's business. */
  rev?: number;
  lang: Lang;
  /** The person picked the language: detection no longer changes it. */
  langChosen: boolean;
  /** Bumped whenever a new question is asked: buttons carry it, so a button of an older message is known. */
  nonce: number;
  active?: FlowState;
  /** A check set aside for the menu or the language choice, to be continued. */
  paused?: FlowState;
  /** The emergency numbers were shown during this check after an answer that means danger. */
  alerted?: boolean;
  /** The language was opened from a check in progress: go back to it once chosen. */
  langReturn?: boolean;
  /** Answers of the offer check that the last checked ad settles (option ids, never the ad's text). */
  adPrefill?: Record<string, string>;
  /** Red flags of the ads checked for the offer in progress: they count in its verdict too. */
  adFlags?: string[];
  /** The last verdict, kept for the counsellor the person may ask for next: no answers, only the result. */
  last?: { level: RiskLevel; flags: string[]; at: number };
  /**
   * The person's open request for a counsellor. `relay`: what they write goes to the counsellor instead
   * of the dialogue; `told`: they were told so once.
   */
  ticket?: { id: string; mode: ContactMode; relay: boolean; told?: boolean };
  /**
   * Two message ids of the chat with when each was seen (older, newer), so that /forget can delete the
   * bot's recent messages without a list of them: ids in a private chat count up.
   */
  marks?: [number, number][];
}

/** How a counsellor reaches the person: a call, or messages only (someone watched may not talk). */
export type ContactMode = 'call' | 'write';

/** A request for a counsellor, as the person made it. The phone is here only with their consent. */
export interface TicketRequest {
  id: string;
  lang: Lang;
  mode: ContactMode;
  when: string;
  phone?: string;
  /** Asked for a call but did not agree to keep the number: written to, though they may be able to talk. */
  noNumber?: boolean;
  note?: string;
  urgent: boolean;
  /** The person's last verdict: the level and flag ids, never the answers or the ad. */
  verdict?: { level: RiskLevel; flags: string[] };
}

/** What a turn asks the world to do besides answering: open a request, pass a message on. */
export type Effect =
  | { type: 'open_ticket'; request: TicketRequest }
  | { type: 'relay'; ticket: string; text: string; urgent: boolean }
  /** Words of danger from someone whose request is open: the counsellors hear it now, with the words. */
  | { type: 'urgent'; ticket: string; text?: string };

/** Anonymous counts for the NGO: what happened, never to whom. */
export type StatEvent =
  | { kind: 'started' }
  | { kind: 'check'; level: RiskLevel; flags: string[] }
  | { kind: 'ad'; level: RiskLevel; flags: string[] }
  | { kind: 'callback'; urgent: boolean };

export type Input =
  | { kind: 'command'; command: string }
  /** `forwarded`: the person forwarded it from a channel, a group or someone else (likely an ad). */
  | { kind: 'text'; text: string; forwarded?: boolean }
  | { kind: 'button'; data: string }
  /** A sticker, photo, voice…; a photo or document's caption is text (an ad often comes so). */
  | { kind: 'media'; media: string; caption?: string; forwarded?: boolean }
  | { kind: 'edited' }
  /** A phone number the person shared with the platform's own button (Telegram's "share contact"). */
  | { kind: 'contact'; phone: string }
  /** Open a flow directly (the terminal's --flow, a deep link). */
  | { kind: 'open'; flow: string };

export interface Choice {
  /** What a button sends back: short, never text (Telegram's callback_data is 64 bytes). */
  data: string;
  label: string;
}

export interface Reply {
  text: string;
  /** The answers of the question this message asks. */
  choices?: Choice[];
  /** Shortcuts that work at any time (the language), shown apart from the numbered answers. */
  shortcuts?: Choice[];
  /** Offer the platform's "share my phone number" button with this message, with this label. */
  requestPhone?: string;
  /** Take away the "share my phone number" button. */
  removeKeyboard?: boolean;
}

export interface Turn {
  state: PersonState;
  /** The person asked to be forgotten: erase what is stored instead of saving `state`. */
  forget?: boolean;
  replies: Reply[];
  /** For a pressed button: whether it was stale, and the label of the answer it gave. */
  button?: { stale: boolean; chosen?: string };
  effects: Effect[];
  stats: StatEvent[];
  /** With `forget`: the first message id of the chat to delete (the platform's recent messages). */
  deleteFrom?: number;
}

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export interface DialogueDeps {
  flows: ReadonlyMap<string, Flow>;
  /** A translator fixed to one language (i18next's getFixedT). */
  t: (lang: Lang) => Translate;
  hotline: { phone: string; hours: WorkingHours };
  stateTtlDays: number;
  /** The ad analyzer, with its lexicon. Without it, ads are not read. */
  analyzeAd?: (text: string) => AdVerdict;
  /** The numbers to call in danger (112, 102), as the emergency texts name them. */
  emergencyPhones: string[];
  /** When counsellors work, for "when to expect the call". */
  counsellors: { hours: WorkingHours; timeZone: string; slaMinutes: number; retentionDays: number };
  /** "Seen before" is on: how long its counts go back. */
  intel?: { retentionDays: number };
}

export interface Meta {
  /** The platform's language code for the person (Telegram's language_code). */
  platformLang?: string;
  now: number;
  /** The platform's id of the message this update is about (Telegram's message_id). */
  messageId?: number;
  /** A new unguessable id, for a request opened in this turn. */
  newId?: () => string;
  /**
   * An ad read before the turn (the service looks up what others' checks know, which is I/O): its
   * verdict (with `reported_contact` raised when a counsellor flagged one of its contacts) and "seen
   * before". Used when the turn reads this very text as an ad.
   */
  ad?: { text: string; verdict: AdVerdict; seen?: IntelLookup };
}

export const MENU_FLOW = 'menu';
export const LANGUAGE_FLOW = 'language';
export const FORGET_FLOW = 'forget';
export const AD_FLOW = 'ad-check';
export const CHECK_FLOW = 'offer-check';
export const CALLBACK_FLOW = 'callback';

/** Outside any question, free text this long is read as an ad; inside a check it takes a longer one. */
const AD_WORDS_OUTSIDE = 8;
const AD_WORDS_INSIDE = 15;
function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
const RESUME_OPTION = 'resume';
const LANGUAGE_SHORTCUT = 'L:';
const MENU_SHORTCUT = 'M:menu';
const URGENT_CALLBACK_SHORTCUT = 'U:callback';
const RELAY_SHORTCUT = 'R:relay';
const SKIP_SHORTCUT = 'S:skip';
/** What a skipped optional question keeps. */
export const SKIPPED = '(skipped)';
const WRITE_OPTION = 'relay';
/** Telegram deletes a bot's messages for everyone only within 48 hours. */
const DELETABLE_MS = 48 * 3_600_000;
/** How far apart the two message marks are kept. */
const MARK_EVERY_MS = 24 * 3_600_000;
/** So many "I don't know" answers make a verdict of "low" misleading. */
const MANY_UNKNOWNS = 4;

const LEVEL_KEYS: Record<RiskLevel, { level: string; summary: string }> = {
  low: { level: 'verdict.level.low', summary: 'verdict.summary.low' },
  medium: { level: 'verdict.level.medium', summary: 'verdict.summary.medium' },
  high: { level: 'verdict.level.high', summary: 'verdict.summary.high' },
  critical: { level: 'verdict.level.critical', summary: 'verdict.summary.critical' },
};
const LANGUAGE_NAME_KEYS: Record<Lang, string> = { ru: 'language.ru', kk: 'language.kk', en: 'language.en' };

/** The menu asked for in one word, in any of the languages. */
const MENU_WORDS = new Set(['меню', 'menu', 'мәзір', 'главное меню', 'басты мәзір', 'main menu']);

/** Longest message passed on to a counsellor; Telegram's own limit, with room for the ticket's header. */
const MAX_RELAYED = 3800;

/** What a person and a counsellor call a request: the first letters of its id, easy to read out. */
export function shortTicket(id: string): string {
  return id.slice(0, 5).toUpperCase();
}

/** The hotline's line: its number and when it answers, in the translator's language. */
export function hotlineText(deps: Pick<DialogueDeps, 'hotline'>, t: Translate): string {
  return t('hotline.line', { phone: deps.hotline.phone, hours: formatWorkingHours(deps.hotline.hours, t) });
}

/** The emergency numbers paragraph, with the deployment's numbers. */
export function emergencyBlock(deps: Pick<DialogueDeps, 'emergencyPhones'>, t: Translate): string {
  return t('emergency.block', { numbers: deps.emergencyPhones.join(', ') });
}

/** Keeps two marks (older, newer), a day apart, so the first deletable message is known within a day. */
function markMessage(marks: [number, number][] | undefined, meta: Meta): [number, number][] {
  const id = meta.messageId as number;
  const newer = marks?.at(-1);
  if (!newer) return [[id, meta.now]];
  if (meta.now - newer[1] < MARK_EVERY_MS) return marks as [number, number][];
  return [newer, [id, meta.now]];
}

/** The first message that may still be deleted: the oldest mark within 48 hours, or the newest mark. */
function deletableFrom(marks: [number, number][] | undefined, meta: Meta): number | undefined {
  if (!marks?.length) return meta.messageId;
  const within = marks.find(([, at]) => meta.now - at < DELETABLE_MS);
  return (within ?? marks.at(-1))?.[0];
}

export function newPerson(lang: Lang): PersonState {
  return { v: 1, lang, langChosen: false, nonce: 0 };
}

class Conversation {
  readonly replies: Reply[] = [];
  readonly effects: Effect[] = [];
  readonly stats: StatEvent[] = [];
  forget = false;
  /** The emergency numbers are already in this turn's replies: not twice in a row. */
  private emergencyShown = false;
  /** The ad the person just sent: read in this turn, never stored. */
  private pendingAd: string | undefined;
  /** Its verdict, when it was read already to tell an ad from a chat message. */
  private knownVerdict: AdVerdict | undefined;
  pressed: Turn['button'];
  constructor(
    private readonly deps: DialogueDeps,
    public state: PersonState,
    private readonly meta: Meta,
  ) {}

  get t(): Translate {
    return this.deps.t(this.state.lang);
  }

  private flow(id: string): Flow {
    const flow = this.deps.flows.get(id);
    if (!flow) throw new Error(`flow "${id}" is not loaded`);
    return flow;
  }

  private isCheck(state: FlowState | undefined): state is FlowState {
    return !!state && this.deps.flows.get(state.flow)?.kind === 'check';
  }

  /** A check with answers that still waits on a question: worth setting aside and continuing. */
  private inProgress(state: FlowState | undefined): state is FlowState {
    if (!this.isCheck(state)) return false;
    const flow = this.flow(state.flow);
    const step = currentStep(flow, state);
    return !!step && !(step.kind === 'choice' && step.menu) && answeredCount(flow, state.answers) > 0;
  }

  /** The numbers that help now, first; `heard` when the person's own words said they are in danger. */
  emergencyText(heard: boolean): string {
    this.emergencyShown = true;
    const t = this.t;
    return [heard ? t('emergency.heard') : '', emergencyBlock(this.deps, t), this.hotlineLine()]
      .filter(Boolean)
      .join('\n\n');
  }

  /**
   * The emergency numbers as a message of their own, with an urgent callback a tap away; for someone
   * whose request is already open, the counsellors are told it is urgent now.
   */
  emergency(heard: boolean, words?: string): void {
    const text = this.emergencyText(heard);
    const ticket = this.state.ticket;
    const active = this.state.active;
    if (active?.flow === CALLBACK_FLOW) {
      // Asking for a counsellor already: the request goes out marked urgent.
      active.answers = { ...active.answers, urgent: 'yes' };
      this.replies.push({ text: `${text}\n\n${this.t('callback.urgent_marked')}` });
      return;
    }
    if (ticket) {
      this.effects.push(
        words
          ? { type: 'urgent', ticket: ticket.id, text: Array.from(words).slice(0, MAX_RELAYED).join('') }
          : { type: 'urgent', ticket: ticket.id },
      );
      this.replies.push({ text: `${text}\n\n${this.t('callback.urgent_open')}` });
      return;
    }
    this.replies.push({
      text,
      shortcuts: [{ data: URGENT_CALLBACK_SHORTCUT, label: this.t('callback.urgent_button') }],
    });
  }

  say(text: string): void {
    this.replies.push({ text });
  }

  hotlineLine(): string {
    return hotlineText(this.deps, this.t);
  }

  // --- Prompts ----------------------------------------------------------------------------------------

  /** The choices of the question the person is at, with the injected "continue my check". */
  private choicesFor(active: FlowState): { id: string; label: string }[] {
    const flow = this.flow(active.flow);
    const step = currentStep(flow, active);
    if (step?.kind !== 'choice') return [];
    const choices = visibleOptions(step, active.answers).map((o) => ({ id: o.id, label: this.t(o.text) }));
    if (active.flow === MENU_FLOW && this.state.paused) {
      const pausedFlow = this.deps.flows.get(this.state.paused.flow);
      const count = pausedFlow ? answeredCount(pausedFlow, this.state.paused.answers) : 0;
      choices.unshift({ id: RESUME_OPTION, label: this.t('menu.resume', { count }) });
    }
    if (active.flow === MENU_FLOW && this.state.ticket?.mode === 'write' && !this.state.ticket.relay) {
      choices.unshift({ id: WRITE_OPTION, label: this.t('relay.menu') });
    }
    return choices;
  }

  /** Shows the question the person is at (asked again: the nonce stays, so its buttons stay valid). */
  reprompt(): void {
    const active = this.state.active;
    if (!active || !this.deps.flows.has(active.flow)) {
      // Writing to a counsellor (after /help or /privacy): no menu that would look like a way out of it.
      if (this.state.ticket?.relay) {
        this.sayWhileRelaying('relay.started');
        return;
      }
      this.openFlow(MENU_FLOW);
      return;
    }
    const flow = this.flow(active.flow);
    const { state, events } = resume(flow, active);
    if (!state) {
      // The flow was edited so that nothing is left to ask: finish it as if the last answer was given.
      this.state.active = undefined;
      this.run(events);
      return;
    }
    const moved = state.step !== active.step;
    this.state.active = state;
    if (moved) this.state.nonce++;
    this.run(events.filter((e) => e.type !== 'say'));
  }

  private renderAsk(event: Extract<FlowEvent, { type: 'ask' }>): void {
    const active = this.state.active;
    const t = this.t;
    const vars = { days: this.deps.counsellors.retentionDays };
    let text = t(event.step.text, vars);
    if (event.step.hint) text += `\n\n${t(event.step.hint, vars)}`;
    if (event.step.kind !== 'choice' || !active) {
      // A question answered in words has no buttons: one to go back to the menu (and one to skip it).
      const shortcuts: Choice[] = [];
      if (event.step.kind === 'input' && event.step.skip)
        shortcuts.push({ data: SKIP_SHORTCUT, label: t(event.step.skip) });
      shortcuts.push({ data: MENU_SHORTCUT, label: this.t('verdict.next.menu') });
      const reply: Reply = { text, shortcuts };
      if (event.step.kind === 'input' && event.step.validate === 'phone')
        reply.requestPhone = t('callback.phone.share');
      this.replies.push(reply);
      return;
    }
    const nonce = this.state.nonce.toString(36);
    const choices = this.choicesFor(active).map((c) => ({ data: `${nonce}:${c.id}`, label: c.label }));
    const reply: Reply = { text, choices };
    if (active.flow === MENU_FLOW) reply.shortcuts = this.languageShortcuts();
    this.replies.push(reply);
  }

  private languageShortcuts(): Choice[] {
    return LANGS.map((l) => ({
      data: `${LANGUAGE_SHORTCUT}${l}`,
      label: (l === this.state.lang ? '✓ ' : '') + this.t(LANGUAGE_NAME_KEYS[l]),
    }));
  }

  // --- Flows ------------------------------------------------------------------------------------------

  openFlow(id: string, answers: Record<string, string> = {}): void {
    const flow = this.flow(id);
    const current = this.state.active;
    const setAside = this.inProgress(current) ? current : undefined;
    if (flow.kind === 'check') {
      // A new check replaces any set-aside one; the person is told, since its answers go.
      if (this.state.paused || setAside) this.say(this.t('menu.new_check'));
      this.state.paused = undefined;
      this.state.alerted = undefined;
      this.state.adFlags = undefined;
    } else if (setAside) this.state.paused = setAside;
    this.state.langReturn = id === LANGUAGE_FLOW && setAside ? true : undefined;
    this.state.nonce++;
    const { state, events } = begin(flow, answers);
    this.state.active = state ?? undefined;
    this.run(events);
  }

  /** Applies what the interpreter reported, in order. */
  run(events: FlowEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'say':
          this.say(this.t(event.text));
          break;
        case 'ask':
          this.renderAsk(event);
          break;
        case 'start':
          this.state.active = undefined;
          this.openFlow(event.flow);
          return;
        case 'action':
          this.action(event.action, event.value, event.from);
          break;
        case 'end':
          if (event.text) this.say(this.t(event.text));
          this.state.active = undefined;
          // Writing to a counsellor now: the menu would only be in the way.
          if (!this.state.ticket?.relay) this.openFlow(MENU_FLOW);
          return;
      }
    }
  }

  private action(action: string, value: string | undefined, from: FlowState | undefined): void {
    switch (action) {
      case 'verdict':
        if (from) this.verdict(from);
        return;
      case 'menu':
        this.state.active = undefined;
        this.openFlow(MENU_FLOW);
        return;
      case 'language':
        this.openFlow(LANGUAGE_FLOW);
        return;
      case 'set_language':
        if (isLang(value)) this.setLanguage(value);
        return;
      case 'counsellor':
        this.state.active = undefined;
        if (this.state.ticket) {
          // One open request at a time: the counsellor already has this person's.
          this.say(this.t('callback.already_open', { ticket: shortTicket(this.state.ticket.id) }));
          if (this.state.ticket.mode === 'write') this.startRelay();
          else this.openFlow(MENU_FLOW);
          return;
        }
        this.openFlow(CALLBACK_FLOW);
        return;
      case 'hotline':
        this.say(this.counsellorText());
        this.state.active = undefined;
        this.openFlow(MENU_FLOW);
        return;
      case 'open_ticket':
        if (from) this.openTicket(from);
        return;
      case 'relay':
        this.startRelay();
        return;
      case 'about':
        this.say(this.aboutText());
        this.openFlow(MENU_FLOW);
        return;
      case 'help':
        this.say(this.helpText());
        this.openFlow(MENU_FLOW);
        return;
      case 'ad_verdict':
        if (this.pendingAd !== undefined) this.adVerdict(this.pendingAd, this.knownVerdict);
        return;
      case 'check_with_ad': {
        const answers = this.state.adPrefill ?? {};
        const adFlags = this.state.adFlags;
        this.state.adPrefill = undefined;
        // "Considering it" and "it came as an ad" go without saying; the rest is what the ad told.
        const given = Object.keys(answers).filter((q) => q !== 'situation' && q !== 'how_found').length;
        this.state.active = undefined;
        if (given > 0) this.say(this.t('ad.prefilled', { count: given }));
        this.openFlow(CHECK_FLOW, answers);
        this.state.adFlags = adFlags;
        return;
      }
      case 'forget':
        // Nothing of this person is kept, not even the language: the reply is the last thing they get.
        this.forget = true;
        this.state = newPerson(this.state.lang);
        this.say(this.t('forget.done'));
        return;
    }
  }

  counsellorText(): string {
    const t = this.t;
    return t('counsellor.text', {
      hotline: `${this.hotlineLine()}\n${t('hotline.state_line')}`,
      emergency: emergencyBlock(this.deps, t),
    });
  }

  /** The callback form is filled in: the request goes to the counsellors, the person is told what next. */
  private openTicket(from: FlowState): void {
    const a = from.answers;
    const t = this.t;
    const newId = this.meta.newId;
    this.state.active = undefined;
    if (!newId) {
      // No one to pass it to (the terminal without a store): the hotline is the way.
      this.say(this.counsellorText());
      return;
    }
    const consented = a.consent === 'yes';
    const phone = consented ? a.phone : undefined;
    // Without a number they agreed to leave, a counsellor can only write.
    const mode: ContactMode = a.mode === 'call' && phone ? 'call' : 'write';
    // Wanted a call but kept no number: a counsellor writes, though the person may be able to talk.
    const note = a.note && a.note !== SKIPPED ? a.note : undefined;
    const urgent = a.urgent === 'yes';
    const request: TicketRequest = {
      id: newId(),
      lang: this.state.lang,
      mode,
      when: a.when ?? 'now',
      urgent,
    };
    if (phone) request.phone = phone;
    if (a.mode === 'call' && !phone) request.noNumber = true;
    if (note) request.note = note;
    if (this.state.last) request.verdict = { level: this.state.last.level, flags: this.state.last.flags };
    this.effects.push({ type: 'open_ticket', request });
    this.stats.push({ kind: 'callback', urgent });
    this.state.ticket = { id: request.id, mode, relay: mode === 'write', told: true };

    const c = this.deps.counsellors;
    const parts: string[] = [];
    if (a.mode === 'call' && !phone) parts.push(t('callback.no_consent'));
    parts.push(t('callback.opened', { ticket: shortTicket(request.id) }));
    // "Within about N minutes" only when that is still today's working time; else when work resumes.
    const due = addWorkingMinutes(c.hours, c.timeZone, this.meta.now, c.slaMinutes);
    const open =
      isOpen(c.hours, c.timeZone, this.meta.now) &&
      localDate(due, c.timeZone) === localDate(this.meta.now, c.timeZone);
    const hours = formatWorkingHours(c.hours, t);
    if (open) parts.push(t(`callback.next_open_${mode}`, { minutes: c.slaMinutes }));
    else {
      const next = nextOpening(c.hours, c.timeZone, this.meta.now);
      const day = next
        ? next.inDays === 0
          ? t('callback.today')
          : next.inDays === 1
            ? t('callback.tomorrow')
            : t(DAY_KEYS[next.day] as string)
        : '';
      parts.push(t(`callback.next_closed_${mode}`, { hours, day, from: c.hours.from }));
    }
    if (mode === 'write') parts.push(t('relay.started'));
    parts.push(`${this.hotlineLine()}\n${emergencyBlock(this.deps, t)}`);
    // Writing to the counsellor from now on: the way back to the bot is a tap away.
    this.replies.push(
      mode === 'write'
        ? { text: parts.join('\n\n'), shortcuts: [{ data: MENU_SHORTCUT, label: t('verdict.next.menu') }] }
        : { text: parts.join('\n\n') },
    );
  }

  /** The person goes back to writing to the counsellor of their open request. */
  private startRelay(): void {
    this.state.active = undefined;
    const ticket = this.state.ticket;
    if (!ticket) {
      this.openFlow(MENU_FLOW);
      return;
    }
    ticket.relay = true;
    this.sayWhileRelaying('relay.started');
  }

  /** Back from writing to a counsellor to the bot's own dialogues (the request stays open). */
  private stepOutOfRelay(): void {
    if (!this.state.ticket?.relay) return;
    this.state.ticket.relay = false;
    this.say(this.t('relay.paused'));
  }

  /** An answer while the person writes to a counsellor: always with the way back to the bot's checks. */
  private sayWhileRelaying(key: string): void {
    this.replies.push({
      text: this.t(key),
      shortcuts: [{ data: MENU_SHORTCUT, label: this.t('verdict.next.menu') }],
    });
  }

  aboutText(): string {
    return this.t('about.text', { days: this.deps.stateTtlDays, hotline: this.hotlineLine() });
  }

  helpText(): string {
    return this.t('help.text', { hotline: this.hotlineLine() });
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
      this.openFlow(MENU_FLOW);
    }
  }

  greet(): void {
    const t = this.t;
    this.say(t('start.greeting', { language: t(LANGUAGE_NAME_KEYS[this.state.lang]) }));
  }

  /** Reads an ad and shows what in it is suspicious; keeps only the result, never the text. */
  private adVerdict(text: string, known?: AdVerdict): AdVerdict | undefined {
    if (!this.deps.analyzeAd) return undefined;
    const verdict = known ?? this.deps.analyzeAd(text);
    this.say(renderAdVerdict(this.t, verdict, this.hotlineLine()));
    // What others' checks already found about this ad: counts, never an accusation.
    const seen = this.meta.ad?.text === text.trim().slice(0, MAX_AD_LENGTH) ? this.meta.ad.seen : undefined;
    if (seen && this.deps.intel && hasNews(seen))
      this.say(renderSeenBefore(this.t, seen, { retentionDays: this.deps.intel.retentionDays }).join('\n'));
    if (!verdict.warning)
      this.stats.push({ kind: 'ad', level: verdict.risk, flags: verdict.flags.map((f) => f.id) });
    this.state.adPrefill = undefined;
    if (!verdict.warning) {
      const flags = verdict.flags.map((f) => f.id);
      this.state.last = { level: verdict.risk, flags, at: this.meta.now };
      const check = this.deps.flows.get(CHECK_FLOW);
      this.state.adPrefill = check ? prefillFromAd(check, verdict) : undefined;
      this.state.adFlags = [...new Set([...(this.state.adFlags ?? []), ...flags])];
    }
    return verdict;
  }

  /** A text sent where no question waits, or forwarded: read as an ad, and the ad's menu after it. */
  takeAsAd(input: string, known?: AdVerdict): void {
    const flow = this.deps.flows.get(AD_FLOW);
    if (!flow || !this.deps.analyzeAd) return;
    const text = input.slice(0, MAX_AD_LENGTH);
    // A warning about scams is not announced as an ad: the verdict says what it is.
    if (!known?.warning) this.say(this.t('ad.taken'));
    this.pendingAd = text;
    this.knownVerdict = known;
    const started = begin(flow);
    if (!started.state) return;
    const result = answer(flow, started.state, { text });
    if (!result.ok) return;
    if (this.inProgress(this.state.active)) this.state.paused = this.state.active;
    this.state.active = result.state ?? undefined;
    this.state.nonce++;
    this.run(result.events);
  }

  /** An ad in the middle of a check: read at once, and the person's place kept. */
  adInCheck(text: string, known?: AdVerdict): void {
    if (!known?.warning) this.say(this.t('ad.taken'));
    this.adVerdict(text, known);
    this.say(this.t('ad.back'));
    this.reprompt();
  }

  private verdict(from: FlowState): void {
    const flow = this.flow(from.flow);
    const t = this.t;
    const found = findings(flow, from.answers);
    // What the ad said stays said, even if the person answers "I don't know" to the same question.
    const risk = assessRisk([...found.flags, ...(this.state.adFlags ?? [])]);
    this.state.adFlags = undefined;
    const present = evaluate(flow.emergencyWhen, from.answers);
    let level = risk.level;
    const manyUnknowns = found.unknowns.length >= MANY_UNKNOWNS;
    if (manyUnknowns && level === 'low') level = 'medium';
    this.state.last = { level, flags: risk.flags, at: this.meta.now };
    this.stats.push({ kind: 'check', level, flags: risk.flags });

    const danger = risk.emergency && present;
    // Danger first: the numbers before any explanation.
    if (danger && !this.emergencyShown) this.emergency(false);
    const urgent = danger;
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
    if (!urgent) parts.push(this.hotlineLine());
    this.say(parts.join('\n\n'));
  }

  // --- Inputs -----------------------------------------------------------------------------------------

  command(name: string): void {
    // A command is the way back from writing to a counsellor to the bot's own dialogues.
    if (!['help', 'about', 'privacy'].includes(name)) this.stepOutOfRelay();
    switch (name) {
      case 'start':
        this.greet();
        this.openFlow(MENU_FLOW);
        return;
      case 'menu':
        this.openFlow(MENU_FLOW);
        return;
      case 'resume':
        // The person comes back (the terminal chat started again): where they were.
        if (this.state.active) this.say(this.t('common.welcome_back'));
        this.reprompt();
        return;
      case 'cancel':
        if (this.inProgress(this.state.active) || this.state.paused) {
          this.state.active = undefined;
          this.state.paused = undefined;
          this.say(this.t('cancel.done'));
          this.openFlow(MENU_FLOW);
        } else if (this.state.active !== undefined && (this.state.active as FlowState).flow !== MENU_FLOW) {
          // Out of the ad check, the language choice or /forget: back to the menu.
          this.openFlow(MENU_FLOW);
        } else {
          this.say(this.t('cancel.nothing'));
          this.reprompt();
        }
        return;
      case 'language':
        this.openFlow(LANGUAGE_FLOW);
        return;
      case 'forget':
        this.openFlow(FORGET_FLOW);
        return;
      case 'ad':
        this.openFlow(AD_FLOW);
        return;
      case 'help':
        this.say(this.helpText());
        this.reprompt();
        return;
      case 'about':
        this.say(this.aboutText());
        this.reprompt();
        return;
      case 'privacy':
        this.say(
          [
            this.t('privacy.text', {
              days: this.deps.stateTtlDays,
              retention: this.deps.counsellors.retentionDays,
            }),
            // Why /forget leaves "seen before" alone: its counts point to no one.
            this.deps.intel ? this.t(INTEL_PRIVACY_KEY, { days: this.deps.intel.retentionDays }) : '',
          ]
            .filter(Boolean)
            .join('\n\n'),
        );
        this.reprompt();
        return;
      default:
        this.say(this.helpText());
        this.reprompt();
    }
  }

  /** An answer chosen by id (from a button or a typed number or words). */
  choose(optionId: string): boolean {
    const active = this.state.active;
    if (!active) return false;
    if (active.flow === MENU_FLOW && optionId === RESUME_OPTION && this.state.paused) {
      this.state.active = this.state.paused;
      this.state.paused = undefined;
      this.state.nonce++;
      this.say(this.t('common.welcome_back'));
      this.reprompt();
      return true;
    }
    if (active.flow === MENU_FLOW && optionId === WRITE_OPTION && this.state.ticket) {
      this.state.nonce++;
      this.startRelay();
      return true;
    }
    const flow = this.flow(active.flow);
    const result = answer(flow, active, { option: optionId });
    if (!result.ok) return false;
    const step = currentStep(flow, active);
    const option = step?.kind === 'choice' ? step.options.find((o) => o.id === optionId) : undefined;
    const answersNow = result.state?.answers ?? { ...active.answers, [step?.id ?? '']: optionId };
    if (
      flow.kind === 'check' &&
      option &&
      !this.state.alerted &&
      evaluate(flow.emergencyWhen, answersNow) &&
      this.meansDanger(option, answersNow)
    ) {
      // Someone who just said they cannot leave, or their passport was taken, gets the numbers now, not
      // after the remaining questions.
      this.state.alerted = true;
      this.emergency(false);
    }
    this.state.active = result.state ?? undefined;
    this.state.nonce++;
    this.run(result.events);
    if (!this.state.active && !this.forget && !this.state.ticket?.relay) this.openFlow(MENU_FLOW);
    return true;
  }

  private meansDanger(option: Option, answers: Readonly<Record<string, string>>): boolean {
    return (option.flags ?? []).some((raised) => {
      const id =
        typeof raised === 'string' ? raised : evaluate(raised.when, answers) ? raised.flag : undefined;
      return id !== undefined && FLAGS.get(id)?.emergency === true;
    });
  }

  button(data: string): void {
    // Any button but "write to the counsellor" brings the person back from writing to the dialogue.
    if (data !== RELAY_SHORTCUT && data !== URGENT_CALLBACK_SHORTCUT) this.stepOutOfRelay();
    if (data === MENU_SHORTCUT) {
      this.pressed = { stale: false };
      this.openFlow(MENU_FLOW);
      return;
    }
    if (data === URGENT_CALLBACK_SHORTCUT) {
      this.pressed = { stale: false };
      if (this.state.ticket) {
        this.effects.push({ type: 'urgent', ticket: this.state.ticket.id });
        this.say(this.t('callback.urgent_open'));
        this.reprompt();
        return;
      }
      this.state.active = undefined;
      this.openFlow(CALLBACK_FLOW, { when: 'now', urgent: 'yes' });
      return;
    }
    if (data === RELAY_SHORTCUT) {
      this.pressed = { stale: false };
      this.startRelay();
      return;
    }
    if (data === SKIP_SHORTCUT) {
      const active = this.state.active;
      const step = active ? currentStep(this.flow(active.flow), active) : undefined;
      if (active && step?.kind === 'input' && step.skip) {
        this.pressed = { stale: false, chosen: this.t(step.skip) };
        this.answerText(active, SKIPPED);
        return;
      }
      this.pressed = { stale: true };
      this.say(this.t('common.stale'));
      this.reprompt();
      return;
    }
    if (data.startsWith(LANGUAGE_SHORTCUT)) {
      const lang = data.slice(LANGUAGE_SHORTCUT.length);
      if (isLang(lang)) {
        this.pressed = { stale: false, chosen: this.t(LANGUAGE_NAME_KEYS[lang]) };
        this.setLanguage(lang);
        return;
      }
    }
    const sep = data.indexOf(':');
    const nonce = sep > 0 ? Number.parseInt(data.slice(0, sep), 36) : Number.NaN;
    const optionId = data.slice(sep + 1);
    const active = this.state.active;
    if (!active || nonce !== this.state.nonce) {
      this.pressed = { stale: true };
      this.say(this.t('common.stale'));
      this.reprompt();
      return;
    }
    const label = this.choicesFor(active).find((c) => c.id === optionId)?.label;
    if (!this.choose(optionId)) {
      this.pressed = { stale: true };
      this.say(this.t('common.stale'));
      this.reprompt();
      return;
    }
    this.pressed = label === undefined ? { stale: false } : { stale: false, chosen: label };
  }

  text(raw: string, forwarded = false): void {
    const text = raw.trim();
    if (text.startsWith('/')) {
      const name = text.slice(1).split(/[\s@]/)[0]?.toLowerCase() ?? '';
      this.command(name);
      return;
    }
    // The words of a shortcut button typed (the terminal, WhatsApp): the same as pressing it.
    const typed = this.typedShortcut(text);
    if (typed) {
      this.button(typed);
      return;
    }
    // Words of danger come before anything else, wherever the person is; their place is kept.
    const urgent = isEmergencyText(text);
    const ticket = this.state.ticket;
    if (ticket?.relay) {
      // Writing to a counsellor: the words go to them (danger marked), the dialogue stays aside.
      if (urgent) this.say(this.emergencyText(true));
      // A long message goes in parts rather than cut (by characters: an emoji is never split).
      const chars = Array.from(text);
      for (let at = 0; at < chars.length; at += MAX_RELAYED)
        this.effects.push({
          type: 'relay',
          ticket: ticket.id,
          text: chars.slice(at, at + MAX_RELAYED).join(''),
          urgent,
        });
      // Every message is answered: a short receipt.
      this.sayWhileRelaying('relay.sent');
      return;
    }
    if (urgent) this.emergency(true, text);
    const active = this.state.active;
    const step =
      active && this.deps.flows.has(active.flow) ? currentStep(this.flow(active.flow), active) : undefined;
    const words = wordCount(text);
    const atMenu = !step || (step.kind === 'choice' && step.menu);
    // An ad is read even when it uses words of danger (debts, passports): the numbers came first.
    if (this.deps.analyzeAd && step?.kind !== 'input' && words >= 3) {
      const long = atMenu ? words >= AD_WORDS_OUTSIDE : words >= AD_WORDS_INSIDE;
      const notAnAnswer = atMenu || !matchAnswer(text, this.choicesFor(active as FlowState));
      if ((forwarded || long) && notAnAnswer) {
        // A long chat message is not an ad: only one that reads like one (or was forwarded) is taken so.
        const verdict = this.deps.analyzeAd(text);
        if (forwarded || verdict.jobAd) {
          if (atMenu) this.takeAsAd(text, verdict);
          else this.adInCheck(text, verdict);
          return;
        }
      }
    }
    if (!active || !step) {
      if (!urgent) this.say(this.t('menu.free_text'));
      this.openFlow(MENU_FLOW);
      return;
    }
    // The skip button's words typed (the terminal, WhatsApp's numbered text), in any of the languages.
    const skipLabel = step.kind === 'input' ? step.skip : undefined;
    if (
      skipLabel &&
      matchAnswer(
        text,
        LANGS.map((l) => ({ id: 'skip', label: this.deps.t(l)(skipLabel) })),
      )
    ) {
      this.answerText(active, SKIPPED);
      return;
    }
    if (step.kind === 'input' && step.validate === 'phone') {
      const phone = parsePhone(text);
      if (!phone) {
        if (!urgent) this.say(this.t('callback.phone.invalid'));
        this.reprompt();
        return;
      }
      this.replies.push({ text: this.t('callback.phone.ok'), removeKeyboard: true });
      this.answerText(active, phone);
      return;
    }
    if (step.kind === 'input') {
      let given = text;
      if (step.validate === 'ad' && this.deps.analyzeAd) {
        given = text.slice(0, MAX_AD_LENGTH);
        const verdict = this.deps.analyzeAd(given);
        // "привет", "назад", a question: not an ad. Say so, and keep waiting (the menu is a tap away).
        if (!forwarded && !verdict.jobAd && wordCount(given) < AD_WORDS_OUTSIDE) {
          this.say(this.t('ad.not_an_ad'));
          this.reprompt();
          return;
        }
        this.pendingAd = given;
        this.knownVerdict = verdict;
      }
      // A note longer than the question takes is kept up to its limit, not refused over and over.
      if (step.validate === 'text') given = given.slice(0, step.maxLength);
      const result = answer(this.flow(active.flow), active, { text: given });
      if (result.ok) {
        this.state.active = result.state ?? undefined;
        this.state.nonce++;
        this.run(result.events);
        if (!this.state.active && !this.state.ticket?.relay) this.openFlow(MENU_FLOW);
      } else {
        this.say(this.t('common.hint_input'));
        this.reprompt();
      }
      return;
    }
    const picked = urgent ? undefined : matchAnswer(text, this.choicesFor(active));
    if (picked && this.choose(picked)) return;
    const lang = this.matchLanguageName(text);
    if (lang) {
      this.setLanguage(lang);
      return;
    }
    // At the menu, words that are no choice get what the bot is for; at a question, how to answer it.
    if (!urgent) this.say(this.t(active.flow === MENU_FLOW ? 'menu.free_text' : 'common.hint_choice'));
    this.reprompt();
  }

  private matchLanguageName(text: string): Lang | undefined {
    const typed = normalizeAnswer(text);
    return LANGS.find((l) => normalizeAnswer(this.deps.t(l)(LANGUAGE_NAME_KEYS[l])) === typed);
  }

  /** The shortcut whose words (in any language) the person typed: back to the menu, an urgent callback. */
  private typedShortcut(text: string): string | undefined {
    const words = (key: string) => LANGS.map((l) => ({ id: key, label: this.deps.t(l)(key) }));
    const typed = normalizeAnswer(text);
    if (MENU_WORDS.has(typed)) return MENU_SHORTCUT;
    const found = matchAnswer(text, [...words('verdict.next.menu'), ...words('callback.urgent_button')]);
    // Exact words only: "меню" inside a sentence to a counsellor is not a button.
    if (!found) return undefined;
    const exact = LANGS.some((l) => normalizeAnswer(this.deps.t(l)(found)) === typed);
    if (!exact) return undefined;
    return found === 'verdict.next.menu' ? MENU_SHORTCUT : URGENT_CALLBACK_SHORTCUT;
  }

  /** Answers the input the person is at with `given` (already checked), and goes on. */
  private answerText(active: FlowState, given: string): void {
    const result = answer(this.flow(active.flow), active, { text: given });
    if (!result.ok) {
      this.say(this.t('common.hint_input'));
      this.reprompt();
      return;
    }
    this.state.active = result.state ?? undefined;
    this.state.nonce++;
    this.run(result.events);
    if (!this.state.active && !this.state.ticket?.relay) this.openFlow(MENU_FLOW);
  }

  /** A number shared with the platform's button: the answer to the phone question, if one waits. */
  contact(phone: string): void {
    const active = this.state.active;
    const step = active ? currentStep(this.flow(active.flow), active) : undefined;
    const parsed = parsePhone(phone.startsWith('+') ? phone : `+${phone}`) ?? parsePhone(phone);
    if (active && step?.kind === 'input' && step.validate === 'phone' && parsed) {
      this.replies.push({ text: this.t('callback.phone.ok'), removeKeyboard: true });
      this.answerText(active, parsed);
      return;
    }
    this.media();
  }

  media(caption?: string, forwarded = false): void {
    // A photo or a document with words under it: the words are the message (an ad, often).
    if (caption && caption.trim().length > 0) {
      this.text(caption, forwarded);
      return;
    }
    if (this.state.ticket?.relay) {
      this.sayWhileRelaying('relay.text_only');
      return;
    }
    this.say(this.t('common.hint_media'));
    this.reprompt();
  }

  edited(): void {
    if (this.state.ticket?.relay) {
      this.sayWhileRelaying('relay.edited');
      return;
    }
    this.say(this.t('common.edited'));
    this.reprompt();
  }
}

/** One step of the dialogue. Pure: the same state and input always give the same turn. */
export function handle(deps: DialogueDeps, previous: PersonState | null, input: Input, meta: Meta): Turn {
  const text = input.kind === 'text' ? input.text : undefined;
  const state: PersonState = previous
    ? structuredClone(previous)
    : newPerson(detectLanguage(text, meta.platformLang));
  if (previous && !state.langChosen && text) {
    // Until the person chooses, follow the letters they write in: Kazakh letters are certain.
    const fromText = languageOfText(text);
    if (fromText === 'kk' || (fromText === 'ru' && state.lang === 'en')) state.lang = fromText;
  }
  // An ad the service read ahead is not read again, and keeps what the lookup added to its verdict.
  const ahead = meta.ad;
  const d: DialogueDeps =
    ahead && deps.analyzeAd
      ? {
          ...deps,
          analyzeAd: (t) =>
            t.trim().slice(0, MAX_AD_LENGTH) === ahead.text
              ? ahead.verdict
              : (deps.analyzeAd as (x: string) => AdVerdict)(t),
        }
      : deps;
  const c = new Conversation(d, state, meta);
  const firstContact = !previous;
  switch (input.kind) {
    case 'command':
      c.command(input.command);
      break;
    case 'text':
      if (firstContact && !input.text.trim().startsWith('/')) {
        // Someone whose first message is an ad gets it read; anyone else, the greeting first.
        if (isEmergencyText(input.text)) c.emergency(true);
        else if (d.analyzeAd && (input.forwarded || wordCount(input.text) >= AD_WORDS_OUTSIDE)) {
          const verdict = d.analyzeAd(input.text);
          if (input.forwarded || verdict.jobAd) {
            c.greet();
            c.takeAsAd(input.text, verdict);
            break;
          }
        }
        c.command('start');
      } else c.text(input.text, input.forwarded);
      break;
    case 'button':
      c.button(input.data);
      break;
    case 'media':
      if (firstContact && !input.caption?.trim()) c.command('start');
      else if (firstContact && input.caption) {
        c.greet();
        c.takeAsAd(input.caption);
      } else c.media(input.caption, input.forwarded);
      break;
    case 'edited':
      c.edited();
      break;
    case 'contact':
      if (firstContact) c.command('start');
      else c.contact(input.phone);
      break;
    case 'open':
      if (deps.flows.has(input.flow)) c.openFlow(input.flow);
      else c.command('start');
      break;
  }
  if (firstContact) c.stats.unshift({ kind: 'started' });
  const turn: Turn = { state: c.state, replies: c.replies, effects: c.effects, stats: c.stats };
  if (c.pressed) turn.button = c.pressed;
  if (c.forget) {
    turn.forget = true;
    const from = deletableFrom(previous?.marks, meta);
    if (from !== undefined) turn.deleteFrom = from;
  } else if (meta.messageId !== undefined) turn.state.marks = markMessage(turn.state.marks, meta);
  return turn;
}
