import type { AdVerdict } from '../ads/analyze.js';
import type { Countries } from '../countries.js';
import type { DangerReading } from '../danger/index.js';
import type { FlowState } from '../flow/interpreter.js';
import type { Flow, Situation } from '../flow/schema.js';
import type { WorkingHours } from '../hours.js';
import type { IntelLookup } from '../intel/seen.js';
import type { Lang } from '../language.js';
import type { RiskLevel } from '../risk.js';

/**
 * The dialogue's vocabulary: what a person's state holds, what comes in (`Input`), what goes out (`Turn`:
 * replies, effects, anonymous counts). Nothing here knows Telegram, WhatsApp or Redis.
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
  /** After a bare cry for help, "Are you in danger right now?" waits for its answer (the place is kept). */
  askedDanger?: boolean;
  /** The language was opened from a check in progress: go back to it once chosen. */
  langReturn?: boolean;
  /** Answers of the offer check that the last checked ad settles (option ids, never the ad's text). */
  adPrefill?: Record<string, string>;
  /** Red flags of the ads checked for the offer in progress: they count in its verdict too. */
  adFlags?: string[];
  /** Of those, the flags the ad softened (said openly, by an employer that names itself): they weigh less. */
  adSoftened?: string[];
  /**
   * The last verdict, kept for the counsellor the person may ask for next and for "All reasons": no
   * answers, only the result (flag ids, the text keys of what is still unknown, and whom the advice is for).
   */
  last?: { level: RiskLevel; flags: string[]; at: number; situation?: Situation; unknowns?: string[] };
  /** The country the person named at the "where" question (an id of flows/countries), for "Get help now". */
  country?: string;
  /**
   * The person's open request for a counsellor. `relay`: what they write goes to the counsellor instead
   * of the dialogue; `told`: they were told so once.
   */
  ticket?: { id: string; mode: ContactMode; relay: boolean; told?: boolean };
  /**
   * The channel's own record of the chat's messages (Telegram: two message ids with when each was seen),
   * kept with the state so that /forget can delete the bot's recent messages. The dialogue only keeps it.
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
  /**
   * She agreed that counsellors may see their notes of her earlier requests, and later of this one
   * (src/app/history.ts). Absent: she said no, or was not asked.
   */
  history?: true;
}

/** The media a person and her counsellor can pass each other (a sticker never is). */
export type RelayedMedia = 'photo' | 'voice' | 'audio' | 'video' | 'video_note' | 'document';

/**
 * A photo, voice message, audio, video or document as its platform names it, to be passed on between a
 * person and her counsellor: never its bytes. Its file name is her words, like a caption: never logged.
 */
export interface MediaRef {
  kind: RelayedMedia;
  /** Telegram: the message's id in the chat it was sent in (copied as it is, nothing downloaded). */
  message?: number;
  /** The chat it was sent in, when that is not the person's own (the operators' chat). */
  chat?: number;
  /** The platform's file id: Telegram's file_id, WhatsApp's media id. */
  file?: string;
  /** Its size in bytes, when the platform says. */
  size?: number;
  mime?: string;
  name?: string;
}

/** What a turn asks the world to do besides answering: open a request, pass a message on. */
export type Effect =
  | { type: 'open_ticket'; request: TicketRequest }
  | { type: 'relay'; ticket: string; text: string; urgent: boolean }
  /** Media for the counsellor, with its caption (her words, like a message's). */
  | { type: 'relay_media'; ticket: string; media: MediaRef; caption?: string; urgent: boolean }
  /** Words of danger from someone whose request is open: the counsellors hear it now, with the words. */
  | { type: 'urgent'; ticket: string; text?: string };

/** Anonymous counts for the NGO: what happened, never to whom. */
export type StatEvent =
  | { kind: 'started' }
  /** The offer check begun, by any way in (menu, ad, deep link, the terminal's --flow). */
  | { kind: 'check_started' }
  /** A question of the offer check reached (by its id): where people stop, counted, never who. */
  | { kind: 'asked'; step: string }
  | { kind: 'check'; level: RiskLevel; flags: string[] }
  | { kind: 'ad'; level: RiskLevel; flags: string[] }
  | { kind: 'callback'; urgent: boolean };

/**
 * What was read in a picture on the server (src/infra/ocr.ts): its text, or why there is none (no text in
 * it, the readers busy, the picture refused or failed). Absent: the picture was not read (an open
 * counsellor request, no reader): the caption alone is the message, as before.
 */
export type PictureText = { text: string } | { unread: 'empty' | 'busy' | 'failed' };

export type Input =
  | { kind: 'command'; command: string }
  /** `forwarded`: the person forwarded it from a channel, a group or someone else (likely an ad). */
  | { kind: 'text'; text: string; forwarded?: boolean }
  | { kind: 'button'; data: string }
  /** A sticker, photo, voice…; a photo or document's caption is text (an ad often comes so). */
  | {
      kind: 'media';
      media: string;
      caption?: string;
      forwarded?: boolean;
      picture?: PictureText;
      /** The platform's id of a picture still to be read (a WhatsApp media id): the channel's, never read here. */
      file?: string;
      /** What the counsellor of an open request can be passed (absent: a kind that cannot be). */
      ref?: MediaRef;
    }
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

/** For a pressed button: whether it was stale, and the label of the answer it gave. */
export interface Pressed {
  stale: boolean;
  chosen?: string;
}

export interface Turn {
  state: PersonState;
  /** The person asked to be forgotten: erase what is stored instead of saving `state`. */
  forget?: boolean;
  replies: Reply[];
  button?: Pressed;
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
  /** The NGO's hotline: its number, when it answers, and the NGO's name. */
  hotline: { phone: string; hours: WorkingHours; org: string };
  stateTtlDays: number;
  /** The ad analyzer, with its lexicon. Without it, ads are not read. */
  analyzeAd?: (text: string) => AdVerdict;
  /** Words of danger in a free text, with their lexicon (flows/lexicon/danger.yaml). */
  readDanger: (text: string) => DangerReading;
  /** The numbers to call in danger (112, 102), as the emergency texts name them. */
  emergencyPhones: string[];
  /** When counsellors work, for "when to expect the call". */
  counsellors: { hours: WorkingHours; timeZone: string; slaMinutes: number; retentionDays: number };
  /** "Seen before" is on: how long its counts go back. */
  intel?: { retentionDays: number };
  /** Emergency numbers and Kazakhstan's missions per destination country (flows/countries). */
  countries?: Countries;
}

/**
 * A channel's record of the messages of a chat, kept in the person's state (`marks`): where the
 * platform lets a bot delete its recent messages, /forget says from which message on.
 */
export interface MessageMarks {
  /** The marks after this update's message was seen. */
  mark(marks: [number, number][] | undefined): [number, number][];
  /** The first message that may still be deleted. */
  deletableFrom(marks: [number, number][] | undefined): number | undefined;
}

export interface Meta {
  /** The platform's language code for the person (Telegram's language_code). */
  platformLang?: string;
  now: number;
  /** The channel's record of messages for /forget (Telegram), when it keeps one. */
  messages?: MessageMarks;
  /** A new unguessable id, for a request opened in this turn. */
  newId?: () => string;
  /**
   * An ad read before the turn (the service looks up what others' checks know, which is I/O): its
   * verdict (with `reported_contact` raised when a counsellor flagged one of its contacts) and "seen
   * before". Used when the turn reads this very text as an ad.
   */
  ad?: { text: string; verdict: AdVerdict; seen?: IntelLookup };
}
