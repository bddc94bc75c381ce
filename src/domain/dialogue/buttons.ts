import { isLang, type Lang } from '../language.js';

/**
 * What a button sends back, typed. On the wire it is short ASCII (Telegram's callback_data is 64 bytes):
 * an answer is `<nonce in base 36>:<option id>`, so a button of an older question is known; the shortcuts
 * that work at any time have fixed prefixes.
 */
export type ButtonData =
  | { type: 'answer'; nonce: number; option: string }
  | { type: 'language'; lang: Lang }
  | { type: 'menu' }
  | { type: 'urgent_callback' }
  | { type: 'relay' }
  | { type: 'skip' }
  /** Go on with the check set aside for "Get help now". */
  | { type: 'continue' }
  /** Every reason of the last verdict. */
  | { type: 'all_reasons' }
  /** The answer to "Are you in danger right now?", asked after a bare cry for help. */
  | { type: 'danger_yes' }
  | { type: 'danger_no' }
  /** Back to the question before this one, to change its answer: the nonce of the question it was shown on. */
  | { type: 'back'; nonce: number };

const LANGUAGE_PREFIX = 'L:';
const BACK_PREFIX = 'B:';
const FIXED = {
  menu: 'M:menu',
  urgent_callback: 'U:callback',
  relay: 'R:relay',
  skip: 'S:skip',
  continue: 'C:check',
  all_reasons: 'V:all',
  danger_yes: 'D:yes',
  danger_no: 'D:no',
} as const satisfies Record<Exclude<ButtonData['type'], 'answer' | 'language' | 'back'>, string>;

export function encodeButton(button: ButtonData): string {
  switch (button.type) {
    case 'answer':
      return `${button.nonce.toString(36)}:${button.option}`;
    case 'language':
      return `${LANGUAGE_PREFIX}${button.lang}`;
    case 'back':
      return `${BACK_PREFIX}${button.nonce.toString(36)}`;
    default:
      return FIXED[button.type];
  }
}

/**
 * The button a callback's data stands for. Anything else is read as an answer, whose nonce (NaN when
 * there is none) will not match the person's: a stale button.
 */
export function decodeButton(data: string): ButtonData {
  for (const [type, fixed] of Object.entries(FIXED) as [keyof typeof FIXED, string][])
    if (data === fixed) return { type };
  if (data.startsWith(LANGUAGE_PREFIX)) {
    const lang = data.slice(LANGUAGE_PREFIX.length);
    if (isLang(lang)) return { type: 'language', lang };
  }
  if (data.startsWith(BACK_PREFIX)) return { type: 'back', nonce: Number.parseInt(data.slice(2), 36) };
  const sep = data.indexOf(':');
  const nonce = sep > 0 ? Number.parseInt(data.slice(0, sep), 36) : Number.NaN;
  return { type: 'answer', nonce, option: data.slice(sep + 1) };
}

export const MENU_BUTTON = encodeButton({ type: 'menu' });
export const URGENT_CALLBACK_BUTTON = encodeButton({ type: 'urgent_callback' });
export const SKIP_BUTTON = encodeButton({ type: 'skip' });
export const CONTINUE_BUTTON = encodeButton({ type: 'continue' });
export const ALL_REASONS_BUTTON = encodeButton({ type: 'all_reasons' });
export const DANGER_YES_BUTTON = encodeButton({ type: 'danger_yes' });
export const DANGER_NO_BUTTON = encodeButton({ type: 'danger_no' });
