import { MAX_AD_LENGTH } from '../ads/analyze.js';
import { begin, currentStep } from '../flow/interpreter.js';
import { detectLanguage, languageOfText } from '../language.js';
import { parsePhone } from '../phone.js';
import { ACTION_HANDLERS } from './actions.js';
import { adInCheck, firstAd, takeAsAd } from './ad-intake.js';
import { answerChoice, answerInWords, pastedAd } from './answers.js';
import { decodeButton } from './buttons.js';
import { command } from './commands.js';
import { newPerson, TurnContext } from './context.js';
import { askIfInDanger, inDanger, notInDanger, typedDangerAnswer } from './danger-check.js';
import { emergency } from './help-now.js';
import { dangerInText, mayBeHerStory, readsAsStory, storyFirst } from './her-story.js';
import { firstPicture, pictureAsText } from './picture.js';
import { relayMedia, relayMessage } from './relay.js';
import { SKIPPED } from './request.js';
import { routeEarly, routeText } from './route.js';
import { LANGUAGE_NAME_KEYS } from './texts.js';
import type { DialogueDeps, Input, Meta, PersonState, Turn } from './types.js';
import { allReasons } from './verdict.js';

/**
 * The dialogue engine: one pure step from (state, input) to (state, replies). It knows nothing of
 * Telegram, WhatsApp or Redis; channels turn updates into `Input` and `Reply` into their messages.
 */
export function handle(deps: DialogueDeps, previous: PersonState | null, input: Input, meta: Meta): Turn {
  const text = input.kind === 'text' ? input.text : undefined;
  const state: PersonState = previous
    ? copyState(previous)
    : newPerson(detectLanguage(text, meta.platformLang));
  if (previous && !state.langChosen && text) {
    // Until the person chooses, follow the letters they write in: Kazakh letters are certain.
    const fromText = languageOfText(text);
    if (fromText === 'kk' || (fromText === 'ru' && state.lang === 'en')) state.lang = fromText;
  }
  const ctx = new TurnContext(withAdReadAhead(deps, meta), state, meta, ACTION_HANDLERS);
  const firstContact = !previous;
  if (firstContact) firstMessage(ctx, input);
  else onInput(ctx, input);
  if (firstContact) ctx.stats.unshift({ kind: 'started' });
  const turn: Turn = { state: ctx.state, replies: ctx.replies, effects: ctx.effects, stats: ctx.stats };
  if (ctx.pressed) turn.button = ctx.pressed;
  if (ctx.forget) {
    turn.forget = true;
    const from = meta.messages?.deletableFrom(previous?.marks);
    if (from !== undefined) turn.deleteFrom = from;
  } else if (meta.messages) turn.state.marks = meta.messages.mark(turn.state.marks);
  return turn;
}

/**
 * A deep copy of a stored state, as `structuredClone` makes it (the same keys in the same order, every
 * array and object a new one), for the plain data a state is (it is stored as JSON): about a sixth of
 * `structuredClone`'s time, which serialises and reads back. The turn changes its copy only.
 */
export function copyState<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyState) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copyState((value as Record<string, unknown>)[key]);
    // A key "__proto__" (JSON.parse makes it an own key) is defined, not assigned: assigning sets the prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}

/**
 * An ad the service read ahead is not read again, and keeps what the lookup added to its verdict; a text
 * read in this turn is not read again either (what it is, where it is pasted, and the words the emergency
 * numbers are chosen by all ask about the same message).
 */
function withAdReadAhead(deps: DialogueDeps, meta: Meta): DialogueDeps {
  const ahead = meta.ad;
  const analyze = deps.analyzeAd;
  if (!analyze) return deps;
  let last: { text: string; verdict: ReturnType<typeof analyze> } | undefined;
  return {
    ...deps,
    analyzeAd: (t) => {
      if (ahead && t.trim().slice(0, MAX_AD_LENGTH) === ahead.text) return ahead.verdict;
      if (last?.text !== t) last = { text: t, verdict: analyze(t) };
      return last.verdict;
    },
  };
}

/** Someone's first message: an ad gets read, words of danger the numbers, anyone else the greeting. */
function firstMessage(ctx: TurnContext, input: Input): void {
  switch (input.kind) {
    case 'text': {
      if (input.text.trim().startsWith('/')) {
        onText(ctx, input.text, input.forwarded);
        return;
      }
      firstWords(ctx, input.text);
      return;
    }
    case 'media': {
      if (input.picture) {
        // A picture read on the server: an ad, words of danger, or else the greeting and the picture.
        if (!firstPicture(ctx, input.caption, input.picture)) onMedia(ctx, input);
        return;
      }
      // A picture's caption is an ad only when it reads like one ("Taj Mahal", "my receipt" are not).
      if (input.caption?.trim()) firstWords(ctx, input.caption);
      else command(ctx, 'start');
      return;
    }
    case 'contact':
      command(ctx, 'start');
      return;
    default:
      onInput(ctx, input);
  }
}

/**
 * The words of a first message: an ad is read as an ad (never as a cry: its verdict brings the numbers
 * when it means danger); anything else with words of danger brings the numbers before the greeting.
 */
function firstWords(ctx: TurnContext, text: string): void {
  // A text that may be her own story: its words of danger bring the numbers, before the greeting and the
  // verdict.
  if (firstAd(ctx, text, (v) => storyFirst(ctx, text, v))) return;
  const reading = ctx.deps.readDanger(text);
  if (reading.danger) emergency(ctx, true, text);
  else if (reading.ask) {
    // A bare "help!": asked whether she is in danger, not alarmed. She is at the menu, not shown yet (the
    // question is what she reads last); No shows it.
    ctx.greet();
    const menu = begin(ctx.flow(ctx.roles.flow.menu)).state;
    if (menu) ctx.state.active = menu;
    ctx.state.nonce++;
    askIfInDanger(ctx);
    return;
  }
  command(ctx, 'start');
}

function onInput(ctx: TurnContext, input: Input): void {
  // "Are you in danger right now?" waits one turn: answered now, or left for whatever she does instead.
  const asked = ctx.state.askedDanger === true;
  ctx.state.askedDanger = undefined;
  switch (input.kind) {
    case 'command':
      command(ctx, input.command);
      return;
    case 'text':
      onText(ctx, input.text, input.forwarded, asked);
      return;
    case 'button':
      onButton(ctx, input.data, asked);
      return;
    case 'media':
      onMedia(ctx, input);
      return;
    case 'edited':
      onEdited(ctx);
      return;
    case 'contact':
      onContact(ctx, input.phone);
      return;
    case 'open':
      if (ctx.deps.flows.has(input.flow)) ctx.openFlow(input.flow);
      else command(ctx, 'start');
      return;
  }
}

function stale(ctx: TurnContext): void {
  ctx.pressed = { stale: true };
  ctx.say(ctx.t('common.stale'));
  ctx.reprompt();
}

function onButton(ctx: TurnContext, data: string, asked = false): void {
  const button = decodeButton(data);
  // Any button but "write to the counsellor" brings the person back from writing to the dialogue.
  if (button.type !== 'relay' && button.type !== 'urgent_callback') ctx.stepOutOfRelay();
  switch (button.type) {
    case 'menu':
      ctx.pressed = { stale: false };
      ctx.openMenu();
      return;
    case 'urgent_callback':
      ctx.pressed = { stale: false };
      urgentCallback(ctx);
      return;
    case 'relay':
      ctx.pressed = { stale: false };
      ctx.startRelay();
      return;
    case 'skip':
      skip(ctx);
      return;
    case 'continue':
      continueCheck(ctx);
      return;
    case 'all_reasons':
      ctx.pressed = { stale: false };
      allReasons(ctx);
      ctx.reprompt();
      return;
    case 'language':
      ctx.pressed = { stale: false, chosen: ctx.t(LANGUAGE_NAME_KEYS[button.lang]) };
      ctx.setLanguage(button.lang);
      return;
    case 'danger_yes':
      inDanger(ctx);
      return;
    case 'danger_no':
      if (!notInDanger(ctx, asked)) stale(ctx);
      return;
    case 'back':
      // Only from the question she is at: "Back" on an older message changes nothing.
      if (button.nonce !== ctx.state.nonce || !ctx.goBack()) stale(ctx);
      else ctx.pressed = { stale: false, chosen: ctx.t('common.back') };
      return;
    case 'answer': {
      const active = ctx.state.active;
      if (!active || button.nonce !== ctx.state.nonce) {
        stale(ctx);
        return;
      }
      const label = ctx.choicesFor(active).find((c) => c.id === button.option)?.label;
      if (!ctx.choose(button.option)) {
        stale(ctx);
        return;
      }
      ctx.pressed = label === undefined ? { stale: false } : { stale: false, chosen: label };
    }
  }
}

/** Back to the check set aside for "Get help now", at the question it stopped at. */
function continueCheck(ctx: TurnContext): void {
  const paused = ctx.state.paused;
  if (!paused) {
    stale(ctx);
    return;
  }
  ctx.pressed = { stale: false };
  ctx.state.active = paused;
  ctx.state.paused = undefined;
  ctx.state.nonce++;
  ctx.say(ctx.t('help_now.continued'));
  ctx.reprompt();
}

/**
 * "Call me back urgently": the request already open is marked so, or the callback form opens. A check in
 * progress is set aside, not lost: it waits in the menu.
 */
function urgentCallback(ctx: TurnContext): void {
  if (ctx.state.ticket) {
    ctx.effects.push({ type: 'urgent', ticket: ctx.state.ticket.id });
    ctx.say(ctx.t('callback.urgent_open'));
    ctx.reprompt();
    return;
  }
  if (!ctx.inProgress(ctx.state.active)) ctx.state.active = undefined;
  const { when, urgent } = ctx.roles.answer;
  ctx.openFlow(ctx.roles.flow.callback, { [when]: 'now', [urgent]: 'yes' });
}

function skip(ctx: TurnContext): void {
  const active = ctx.state.active;
  const step = active ? currentStep(ctx.flow(active.flow), active) : undefined;
  if (!active || step?.kind !== 'input' || !step.skip) {
    stale(ctx);
    return;
  }
  ctx.pressed = { stale: false, chosen: ctx.t(step.skip) };
  ctx.answerText(active, SKIPPED);
}

/** A command, a shortcut's words, or the answer to "Are you in danger right now?": taken before all else. */
function takenEarly(ctx: TurnContext, text: string, asked: boolean): boolean {
  const early = routeEarly(ctx, text);
  if (early?.type === 'command') command(ctx, early.name);
  else if (early?.type === 'shortcut') onButton(ctx, early.data, asked);
  else {
    const said = asked ? typedDangerAnswer(ctx, text) : undefined;
    if (said === 'yes') inDanger(ctx);
    else return said === 'no' && notInDanger(ctx, asked);
  }
  return true;
}

function onText(ctx: TurnContext, raw: string, forwarded = false, asked = false): void {
  const text = raw.trim();
  let urgent = false;
  if (takenEarly(ctx, text, asked)) return;
  const ticket = ctx.state.ticket;
  if (ticket?.relay) {
    // To the counsellor, whatever it is. A bare cry for help reaches the card marked urgent; only words
    // of danger bring the numbers.
    const reading = ctx.deps.readDanger(text);
    relayMessage(ctx, ticket.id, text, reading.danger || reading.ask, reading.danger);
    return;
  }
  // What the text is comes first: a job ad is read as an ad, not as a cry ("the employer keeps your
  // passport" is the ad's trap, and its verdict puts the numbers first when it means danger).
  const route = routeText(ctx, text, forwarded);
  const pasted = pastedAd(ctx, route, text);
  // A text read where an ad would be is read for words of danger too when it may be her own story ("Я сейчас
  // в Турции, хозяин забрал паспорт, из квартиры не выпускает… Что мне делать?": told, not offered).
  const read = route.type === 'ad' ? route.verdict : pasted;
  const herStory = !!read && mayBeHerStory(read);
  if (read && herStory) ctx.asStory = readsAsStory(read);
  if ((route.type !== 'ad' && !pasted?.jobAd) || herStory) {
    const danger = dangerInText(ctx, text, read, herStory);
    if (danger === undefined) return;
    urgent = danger;
  }
  switch (route.type) {
    case 'ad':
      if (route.atMenu) takeAsAd(ctx, text, route.verdict);
      else adInCheck(ctx, text, route.verdict);
      return;
    case 'no_question':
      if (!urgent) ctx.say(ctx.t('menu.free_text'));
      ctx.openMenu();
      return;
    case 'skip':
      ctx.answerText(route.active, SKIPPED);
      return;
    case 'answer':
      if (route.step.kind === 'input')
        answerInWords(ctx, route.active, route.step, text, { forwarded, urgent, pasted });
      else answerChoice(ctx, route.active, text, urgent);
      return;
  }
}

/** A number shared with the platform's button: the answer to the phone question, if one waits. */
function onContact(ctx: TurnContext, phone: string): void {
  const active = ctx.state.active;
  const step = active ? currentStep(ctx.flow(active.flow), active) : undefined;
  const parsed = parsePhone(phone.startsWith('+') ? phone : `+${phone}`) ?? parsePhone(phone);
  if (active && step?.kind === 'input' && step.validate === 'phone') {
    if (!parsed) {
      // A contact card whose number does not parse (WhatsApp's cards are typed by hand): as a typed one.
      ctx.say(ctx.t('callback.phone.invalid'));
      ctx.reprompt();
      return;
    }
    ctx.replies.push({ text: ctx.t('callback.phone.ok'), removeKeyboard: true });
    ctx.answerText(active, parsed);
    return;
  }
  onMedia(ctx, { kind: 'media', media: 'contact' });
}

function onMedia(ctx: TurnContext, input: Extract<Input, { kind: 'media' }>): void {
  const { caption, forwarded = false } = input;
  if (input.picture) {
    // Read on the server (never with a request open: pictureRoute): its text is an ad pasted here.
    const words = pictureAsText(ctx, caption, input.picture);
    if (words !== undefined) onText(ctx, words, words !== caption || forwarded);
    return;
  }
  // Writing to a counsellor: the media itself goes on, with its caption (pictures are never read then).
  const ticket = ctx.state.ticket;
  if (ticket?.relay) {
    relayMedia(ctx, ticket.id, input);
    return;
  }
  // A photo or a document with words under it: the words are the message (an ad, often).
  if (caption && caption.trim().length > 0) {
    onText(ctx, caption, forwarded);
    return;
  }
  ctx.say(ctx.t('common.hint_media'));
  ctx.reprompt();
}

function onEdited(ctx: TurnContext): void {
  if (ctx.state.ticket?.relay) {
    ctx.sayWhileRelaying('relay.edited');
    return;
  }
  ctx.say(ctx.t('common.edited'));
  ctx.reprompt();
}
