import { type CaseOutcome, isCaseOutcome } from './ticket.js';

/**
 * What a button in the operators' chat carries, as data: short (Telegram allows 64 bytes) and the
 * ticket's unguessable id. The wire form (`tk:`, `rs:`, `ro:`, `rn:`, `rl:`, …) is what cards already posted
 * carry: it must not change.
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
  | { type: 'release'; ticket: string }
  /** Where the person was referred: an id of flows/desk/referrals.yaml, or "none" (the wizard). */
  | { type: 'referral'; ticket: string; referral: string | undefined }
  /** A follow-up in so many days; 0: none (the wizard). `undefined`: data we do not read. */
  | { type: 'follow_up'; ticket: string; days: number | undefined }
  /** Hand a taken request to another counsellor: asks whom (the card). */
  | { type: 'reassign'; ticket: string }
  /** Hand it to this counsellor (Telegram user id), picked from those who took requests before. */
  | { type: 'reassign_to'; ticket: string; to: number | undefined }
  /** List the canned replies (flows/desk/replies.yaml) to send to the person (💬 on the card). */
  | { type: 'canned'; ticket: string }
  /** Send this canned reply (its id); `undefined`: data we do not read. */
  | { type: 'canned_send'; ticket: string; reply: string | undefined };

export type CardButtonType = CardButton['type'];

const PREFIX: Record<CardButtonType, string> = {
  take: 'tk:',
  resolve: 'rs:',
  outcome: 'ro:',
  skip_note: 'rn:',
  release: 'rl:',
  referral: 'rr:',
  follow_up: 'rf:',
  reassign: 'ra:',
  reassign_to: 'rg:',
  canned: 'cr:',
  canned_send: 'cs:',
};
const BY_PREFIX = new Map(Object.entries(PREFIX).map(([type, prefix]) => [prefix, type as CardButtonType]));

/** The longest follow-up a button may carry, in days. */
const MAX_DAYS = 400;

/** The third part of a button's data, after the ticket, when it has one. */
function extra(button: CardButton): string | undefined {
  switch (button.type) {
    case 'outcome':
      return button.outcome ?? '';
    case 'referral':
      return button.referral ?? '';
    case 'follow_up':
      return String(button.days ?? '');
    case 'reassign_to':
      return String(button.to ?? '');
    case 'canned_send':
      return button.reply ?? '';
    default:
      return undefined;
  }
}

export function encodeCardButton(button: CardButton): string {
  const data = `${PREFIX[button.type]}${button.ticket}`;
  const more = extra(button);
  return more === undefined ? data : `${data}:${more}`;
}

const asInteger = (s: string, max: number) =>
  /^\d{1,15}$/.test(s) && Number(s) <= max ? Number(s) : undefined;

/** An id of flows/desk/ (a referral, a canned reply), as desk-content.ts allows them: short ASCII. */
const asDeskId = (s: string) => (/^[a-z0-9][a-z0-9_-]{0,19}$/.test(s) ? s : undefined);

/**
 * Reads a button's data; undefined for data that is not an operators' button. The ticket is not checked
 * here: whoever acts on it says "unknown request" in its own turn (after checking who pressed it).
 */
export function decodeCardButton(data: string): CardButton | undefined {
  const type = BY_PREFIX.get(data.slice(0, 3));
  if (type === undefined) return undefined;
  const rest = data.slice(3);
  const [ticket = '', more = ''] = rest.split(':');
  switch (type) {
    case 'outcome':
      return { type, ticket, outcome: isCaseOutcome(more) ? more : undefined };
    case 'referral':
      return { type, ticket, referral: asDeskId(more) };
    case 'canned_send':
      return { type, ticket, reply: asDeskId(more) };
    case 'follow_up':
      return { type, ticket, days: asInteger(more, MAX_DAYS) };
    case 'reassign_to': {
      const to = asInteger(more, Number.MAX_SAFE_INTEGER);
      return { type, ticket, to: to === 0 ? undefined : to };
    }
    default:
      return { type, ticket: rest };
  }
}
