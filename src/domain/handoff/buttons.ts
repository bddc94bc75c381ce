import { type CaseOutcome, isCaseOutcome } from './ticket.js';

/**
 * What a button in the operators' chat carries, as data: short (Telegram allows 64 bytes) and the
 * ticket's unguessable id. The wire form (`tk:`, `rs:`, `ro:`, `rn:`) is what cards already posted carry:
 * it must not change.
 */
export type CardButton =
  /** Take the request (the card). */
  | { type: 'take'; ticket: string }
  /** Close it: asks for the outcome (the card). */
  | { type: 'resolve'; ticket: string }
  /** The outcome chosen; `undefined` when the data named none we know (an old or forged button). */
  | { type: 'outcome'; ticket: string; outcome: CaseOutcome | undefined }
  /** No note on closing (the note question). */
  | { type: 'skip_note'; ticket: string }
  /** Give a taken request back to everyone (the card). */
  | { type: 'release'; ticket: string };

export type CardButtonType = CardButton['type'];

const PREFIX: Record<CardButtonType, string> = {
  take: 'tk:',
  resolve: 'rs:',
  outcome: 'ro:',
  skip_note: 'rn:',
  release: 'rl:',
};
const BY_PREFIX = new Map(Object.entries(PREFIX).map(([type, prefix]) => [prefix, type as CardButtonType]));

export function encodeCardButton(button: CardButton): string {
  const data = `${PREFIX[button.type]}${button.ticket}`;
  return button.type === 'outcome' ? `${data}:${button.outcome ?? ''}` : data;
}

/**
 * Reads a button's data; undefined for data that is not an operators' button. The ticket is not checked
 * here: whoever acts on it says "unknown request" in its own turn (after checking who pressed it).
 */
export function decodeCardButton(data: string): CardButton | undefined {
  const type = BY_PREFIX.get(data.slice(0, 3));
  if (type === undefined) return undefined;
  const rest = data.slice(3);
  if (type !== 'outcome') return { type, ticket: rest };
  const [ticket = '', outcome = ''] = rest.split(':');
  return { type, ticket, outcome: isCaseOutcome(outcome) ? outcome : undefined };
}
