import { type AdVerdict, MAX_AD_LENGTH } from '../ads/analyze.js';
import { currentStep, type FlowState } from '../flow/interpreter.js';
import type { Step } from '../flow/schema.js';
import { LANGS, type Lang } from '../language.js';
import { matchAnswer, normalizeAnswer } from '../text.js';
import { AD_MIN_WORDS, wordCount } from './ad-intake.js';
import {
  ALL_REASONS_BUTTON,
  CONTINUE_BUTTON,
  encodeButton,
  MENU_BUTTON,
  URGENT_CALLBACK_BUTTON,
} from './buttons.js';
import type { TurnContext } from './context.js';
import { LANGUAGE_NAME_KEYS } from './texts.js';

/**
 * What a typed message is, given where the person is: a command, a shortcut's words, an ad, or an answer
 * to the question they are at (and of which kind). Reads the turn, changes nothing.
 */

/** The menu asked for in one word, in any of the languages. */
const MENU_WORDS = new Set(['меню', 'menu', 'мәзір', 'главное меню', 'басты мәзір', 'main menu']);

export type EarlyRoute = { type: 'command'; name: string } | { type: 'shortcut'; data: string };

/** A command, or a shortcut button's words typed (the terminal, WhatsApp): before anything else. */
export function routeEarly(ctx: TurnContext, text: string): EarlyRoute | undefined {
  if (text.startsWith('/'))
    return { type: 'command', name: text.slice(1).split(/[\s@]/)[0]?.toLowerCase() ?? '' };
  const data = typedShortcut(ctx, text);
  return data ? { type: 'shortcut', data } : undefined;
}

export type TextRoute =
  | { type: 'ad'; atMenu: boolean; verdict: AdVerdict }
  /** No question waits (or its flow is gone). */
  | { type: 'no_question' }
  | { type: 'skip'; active: FlowState }
  | { type: 'answer'; active: FlowState; step: Step };

/** A message that is not a command: an ad, or words for the question the person is at. */
export function routeText(ctx: TurnContext, text: string, forwarded: boolean): TextRoute {
  const active = ctx.state.active;
  const step =
    active && ctx.deps.flows.has(active.flow) ? currentStep(ctx.flow(active.flow), active) : undefined;
  const ad = readsAsAd(ctx, text, forwarded, step);
  if (ad) return ad;
  if (!active || !step) return { type: 'no_question' };
  // The skip button's words typed (the terminal, WhatsApp's numbered text), in any of the languages.
  const skipLabel = step.kind === 'input' ? step.skip : undefined;
  if (
    skipLabel &&
    matchAnswer(
      text,
      LANGS.map((l) => ({ id: 'skip', label: ctx.deps.t(l)(skipLabel) })),
    )
  )
    return { type: 'skip', active };
  return { type: 'answer', active, step };
}

/**
 * An ad, wherever it comes (at the menu, in the middle of a check, forwarded or typed), is recognised by
 * reading like a job ad (the analyzer's own cues: job words with pay or a contact, or a red flag), never by
 * its length or by being forwarded. A short answer to the question stays an answer. An ad is read as an ad
 * even when it uses words of danger ("the employer keeps your passport"): the engine routes first and reads
 * danger only in what is not an ad; the ad's verdict brings the numbers when its flags mean danger.
 */
function readsAsAd(
  ctx: TurnContext,
  text: string,
  _forwarded: boolean,
  step: Step | undefined,
): TextRoute | undefined {
  const analyze = ctx.deps.analyzeAd;
  if (!analyze || step?.kind === 'input') return undefined;
  // Only the part the analyzer reads is looked at: a 64 KB message costs what 8 KB does.
  const capped = text.length > MAX_AD_LENGTH ? text.slice(0, MAX_AD_LENGTH) : text;
  if (wordCount(capped) < AD_MIN_WORDS) return undefined;
  const atMenu = !step || (step.kind === 'choice' && !!step.menu);
  if (!atMenu && matchAnswer(capped, ctx.choicesFor(ctx.state.active as FlowState))) return undefined;
  const verdict = analyze(text);
  return verdict.jobAd ? { type: 'ad', atMenu, verdict } : undefined;
}

/** A language named in words ("қазақша", "English"). */
export function languageNamed(ctx: TurnContext, text: string): Lang | undefined {
  const typed = normalizeAnswer(text);
  return LANGS.find((l) => normalizeAnswer(ctx.deps.t(l)(LANGUAGE_NAME_KEYS[l])) === typed);
}

/** Shortcut buttons whose words can be typed (the terminal shows them as words), by their text key. */
const TYPED_SHORTCUTS: Record<string, string> = {
  'verdict.next.menu': MENU_BUTTON,
  'callback.urgent_button': URGENT_CALLBACK_BUTTON,
  'help_now.continue': CONTINUE_BUTTON,
  'verdict.all_reasons': ALL_REASONS_BUTTON,
};

/** A shortcut's words as typed: without its count ("All reasons (17)" is typed "all reasons"). */
function shortcutWords(label: string): string {
  return normalizeAnswer(label.replace(/\d+/g, ''));
}

/** The shortcut whose words (in any language) the person typed: back to the menu, an urgent callback... */
function typedShortcut(ctx: TurnContext, text: string): string | undefined {
  const typed = normalizeAnswer(text);
  if (MENU_WORDS.has(typed)) return MENU_BUTTON;
  const bare = shortcutWords(text);
  // Exact words only: "меню" inside a sentence to a counsellor is not a button.
  for (const [key, data] of Object.entries(TYPED_SHORTCUTS))
    if (LANGS.some((l) => shortcutWords(ctx.deps.t(l)(key, { count: 0 })) === bare)) return data;
  // "Back", where the question offers it: for the question she is at now.
  if (
    ctx.previousQuestion(ctx.state.active) &&
    LANGS.some((l) => shortcutWords(ctx.deps.t(l)('common.back')) === bare)
  )
    return encodeButton({ type: 'back', nonce: ctx.state.nonce });
  return undefined;
}
