import { z } from 'zod';
import type { Input, MediaRef, RelayedMedia } from '../../domain/dialogue/index.js';
import { MAX_INCOMING_TEXT } from './limits.js';

/** The part of a shared contact card tekser reads: its numbers (Meta's `contacts[].phones[]`). */
const SharedContact = z.object({
  phones: z
    .array(z.object({ phone: z.string().max(40).optional(), wa_id: z.string().max(40).optional() }))
    .optional(),
});

/**
 * The webhook notifications Meta posts for a WhatsApp Business number (field `messages`), as documented
 * for the pinned Graph version: messages a person sends, the statuses of messages tekser sent, and errors.
 * Each message and status is read on its own, so one shape tekser does not know (Meta adds kinds) is
 * counted and skipped without losing the others of the same request.
 */

const Context = z
  .object({
    /** Forwarded five times or less. */
    forwarded: z.boolean().optional(),
    /** Forwarded more than five times. */
    frequently_forwarded: z.boolean().optional(),
  })
  .passthrough();

const base = {
  /**
   * The person's WhatsApp id: their phone number, digits only; empty (or absent) for a person who adopted a
   * username and does not share it, who then has only `from_user_id`.
   */
  from: z.string().max(64).optional(),
  /** Their business-scoped user id (BSUID, e.g. `KZ.13491208655302741918`), when Meta gives one. */
  from_user_id: z.string().max(128).optional(),
  /** A message written in a group the business is in: not a conversation with one person. */
  group_id: z.string().max(128).optional(),
  /** wamid: it encodes the person's number, so it is never logged or stored as it is. */
  id: z.string().min(1).max(512),
  timestamp: z.string().max(32),
  context: Context.optional(),
};

const Media = z
  .object({
    id: z.string().optional(),
    mime_type: z.string().optional(),
    caption: z.string().optional(),
    /** A document's file name: her words, never logged. */
    filename: z.string().optional(),
    /** An audio recorded as a voice message. */
    voice: z.boolean().optional(),
  })
  .passthrough();
type MediaObject = z.infer<typeof Media>;

const ButtonReply = z.object({ id: z.string().min(1).max(256), title: z.string() });
const ListReply = z.object({
  id: z.string().min(1).max(200),
  title: z.string(),
  description: z.string().optional(),
});

export const MessageSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('text'), text: z.object({ body: z.string() }) }),
  z.object({
    ...base,
    type: z.literal('interactive'),
    interactive: z.discriminatedUnion('type', [
      z.object({ type: z.literal('button_reply'), button_reply: ButtonReply }),
      z.object({ type: z.literal('list_reply'), list_reply: ListReply }),
    ]),
  }),
  /** A quick-reply button of a template message (the reopening template). */
  z.object({
    ...base,
    type: z.literal('button'),
    button: z.object({ text: z.string(), payload: z.string().optional() }),
  }),
  z.object({ ...base, type: z.literal('image'), image: Media }),
  z.object({ ...base, type: z.literal('document'), document: Media }),
  z.object({ ...base, type: z.literal('video'), video: Media }),
  z.object({ ...base, type: z.literal('audio'), audio: Media }),
  z.object({ ...base, type: z.literal('sticker'), sticker: Media }),
  z.object({ ...base, type: z.literal('contacts'), contacts: z.array(z.unknown()) }),
  z.object({
    ...base,
    type: z.literal('location'),
    location: z.object({ latitude: z.number(), longitude: z.number() }).passthrough(),
  }),
  z.object({
    ...base,
    type: z.literal('reaction'),
    /** Without an emoji when the person took their reaction back. */
    reaction: z.object({ message_id: z.string(), emoji: z.string().optional() }),
  }),
  /**
   * What WhatsApp itself says about the person: `user_changed_number` carries the new number (`wa_id`;
   * `new_wa_id` in older versions); `user_changed_user_id`, a new business-scoped user id (`user_id`)
   * beside the one before (`previous_user_id`), and no number. Never shown to the dialogue.
   */
  z.object({
    ...base,
    type: z.literal('system'),
    system: z
      .object({
        type: z.string().max(64).optional(),
        wa_id: z.string().max(64).optional(),
        new_wa_id: z.string().max(64).optional(),
        user_id: z.string().max(128).optional(),
        previous_user_id: z.string().max(128).optional(),
      })
      .passthrough(),
  }),
  /** An edit of a message sent before (newer Graph versions): the new words, never taken as an answer. */
  z.object({ ...base, type: z.literal('edit'), edit: z.object({}).passthrough().optional() }).passthrough(),
  /**
   * What the Cloud API does not pass on (polls, view-once media…): Meta says only that it came, and of
   * what kind (`unsupported.type`; under v23 an edit comes so, `"edit"`).
   */
  z
    .object({
      ...base,
      type: z.literal('unsupported'),
      unsupported: z
        .object({ type: z.string().max(64).optional() })
        .passthrough()
        .optional(),
    })
    .passthrough(),
]);
export type IncomingMessage = z.infer<typeof MessageSchema>;

/**
 * Where a person's answers go, and what names them: the phone number when Meta gives it (as before usernames,
 * so that nobody's state or request changes address), otherwise the business-scoped user id. `undefined`:
 * neither, and nothing can be answered.
 */
export function senderOf(message: Pick<IncomingMessage, 'from' | 'from_user_id'>): string | undefined {
  if (message.from) return message.from;
  const bsuid = message.from_user_id;
  if (bsuid && isBsuid(bsuid)) return bsuid;
  return undefined;
}

/**
 * A change of what names the person, with the old id and the new when both are known: a new number
 * (`system` / `user_changed_number`), or a new business-scoped user id (`user_changed_user_id`; Meta's
 * system messages reference, 2026-08). The second matters to a person known by that id (one who hides
 * their number): one known by their number keeps their key, and nothing is kept under the old id to move.
 */
export function numberChangeOf(
  message: IncomingMessage,
): { from: string; to: string; kind: 'number' | 'user_id' } | undefined {
  if (message.type !== 'system') return undefined;
  const system = message.system;
  if (system.type === 'user_changed_number') {
    const from = senderOf(message);
    const to = system.wa_id ?? system.new_wa_id;
    return from && to && from !== to ? { from, to, kind: 'number' } : undefined;
  }
  if (system.type === 'user_changed_user_id') {
    const from = system.previous_user_id ?? message.from_user_id;
    const to = system.user_id;
    return from && to && from !== to && isBsuid(from) && isBsuid(to)
      ? { from, to, kind: 'user_id' }
      : undefined;
  }
  return undefined;
}

/** A business-scoped user id: a country code, (a parent's `ENT.`), then letters and digits. */
export function isBsuid(id: string): boolean {
  return /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,100}$/.test(id);
}

const ErrorSchema = z
  .object({ code: z.number().int(), title: z.string().optional(), message: z.string().optional() })
  .passthrough();

export const StatusSchema = z
  .object({
    id: z.string(),
    status: z.string().max(32),
    timestamp: z.string(),
    /** The phone number sent to; absent when the message went to a business-scoped user id. */
    recipient_id: z.string().optional(),
    recipient_user_id: z.string().optional(),
    errors: z.array(ErrorSchema).optional(),
  })
  .passthrough();
export type MessageStatus = z.infer<typeof StatusSchema>;

const ValueSchema = z
  .object({
    metadata: z.object({ phone_number_id: z.string() }).passthrough().optional(),
    messages: z.array(z.unknown()).optional(),
    statuses: z.array(z.unknown()).optional(),
    errors: z.array(z.unknown()).optional(),
  })
  .passthrough();

export const NotificationSchema = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() }).passthrough()),
    }),
  ),
});

export type WebhookEvent =
  | { kind: 'message'; message: IncomingMessage }
  | { kind: 'status'; status: MessageStatus }
  | { kind: 'error'; code: number }
  /** `shape` is a short name safe for metrics and logs: never content. */
  | { kind: 'unknown'; shape: string };

/** A name for an unknown shape: the `type` Meta gave it when it looks like one, nothing more. */
function shapeOf(where: string, raw: unknown): string {
  const type = (raw as { type?: unknown })?.type;
  return typeof type === 'string' && /^[a-z_]{1,32}$/.test(type) ? `${where}:${type}` : where;
}

/**
 * Every event of one POST, in the order Meta put them. Changes for another phone number of the same app
 * are not ours to answer. `null` when the body is not a WhatsApp notification at all.
 */
export function readNotification(body: unknown, phoneNumberId?: string): WebhookEvent[] | null {
  const parsed = NotificationSchema.safeParse(body);
  if (!parsed.success || parsed.data.object !== 'whatsapp_business_account') return null;
  const events: WebhookEvent[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) readChange(change, phoneNumberId, events);
  }
  return events;
}

type Change = z.infer<typeof NotificationSchema>['entry'][number]['changes'][number];

/** The events of one change, added to `events`: only `messages` changes for our number carry any. */
function readChange(change: Change, phoneNumberId: string | undefined, events: WebhookEvent[]): void {
  if (change.field !== 'messages') {
    events.push({
      kind: 'unknown',
      shape: `field:${/^[a-z_]{1,32}$/.test(change.field) ? change.field : 'other'}`,
    });
    return;
  }
  const value = ValueSchema.safeParse(change.value);
  if (!value.success) {
    events.push({ kind: 'unknown', shape: 'value' });
    return;
  }
  const v = value.data;
  if (phoneNumberId && v.metadata && v.metadata.phone_number_id !== phoneNumberId) {
    events.push({ kind: 'unknown', shape: 'other_number' });
    return;
  }
  readValue(v, events);
}

/** The messages, statuses and errors of one change, each read on its own, added to `events`. */
function readValue(v: z.infer<typeof ValueSchema>, events: WebhookEvent[]): void {
  for (const raw of v.messages ?? []) {
    const m = MessageSchema.safeParse(raw);
    if (m.success && senderOf(m.data) === undefined)
      events.push({ kind: 'unknown', shape: 'message:sender' });
    else
      events.push(
        m.success
          ? { kind: 'message', message: m.data }
          : { kind: 'unknown', shape: shapeOf('message', raw) },
      );
  }
  for (const raw of v.statuses ?? []) {
    const s = StatusSchema.safeParse(raw);
    events.push(s.success ? { kind: 'status', status: s.data } : { kind: 'unknown', shape: 'status' });
  }
  for (const raw of v.errors ?? []) {
    const e = ErrorSchema.safeParse(raw);
    events.push(e.success ? { kind: 'error', code: e.data.code } : { kind: 'unknown', shape: 'error' });
  }
}

/** A person's words, at most MAX_INCOMING_TEXT units, never cut in the middle of a surrogate pair. */
export function capText(text: string): string {
  if (text.length <= MAX_INCOMING_TEXT) return text;
  const cut = text.charCodeAt(MAX_INCOMING_TEXT - 1);
  return text.slice(0, cut >= 0xd800 && cut <= 0xdbff ? MAX_INCOMING_TEXT - 1 : MAX_INCOMING_TEXT);
}

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** A document that is a picture (sent "as a file"): its media id, to be read like a photo. */
function pictureDocument(doc: {
  id?: string | undefined;
  mime_type?: string | undefined;
}): string | undefined {
  return doc.mime_type && IMAGE_TYPES.has(doc.mime_type) ? doc.id : undefined;
}

/** A media message as a counsellor can be passed it: its media id, type and file name (no bytes). */
function refOf(kind: RelayedMedia, m: MediaObject): MediaRef | undefined {
  if (!m.id) return undefined;
  const ref: MediaRef = { kind, file: m.id };
  if (m.mime_type) ref.mime = m.mime_type;
  if (m.filename) ref.name = m.filename.slice(0, 240);
  return ref;
}

/**
 * What a message means to the dialogue, as Telegram's adapter says it: text, a pressed answer, or media
 * with its caption as the words. `undefined`: nothing to answer (a reaction taken back).
 */
export function toInput(message: IncomingMessage): Input | undefined {
  const forwarded = !!(message.context?.forwarded || message.context?.frequently_forwarded);
  const media = (kind: string, caption?: string, file?: string, ref?: MediaRef): Input => {
    const input: Input = { kind: 'media', media: kind };
    if (caption) input.caption = capText(caption);
    if (forwarded) input.forwarded = true;
    // A picture to read (issue 18): the media id, with which the channel fetches it when it is answered.
    if (file) input.file = file;
    // What a counsellor can be passed (issue 17), fetched only if she is writing to one.
    if (ref) input.ref = ref;
    return input;
  };
  switch (message.type) {
    case 'text':
      // Capped first: what follows (the dialogue, the ad's analysis, the intake entry) reads at most this.
      return forwarded
        ? { kind: 'text', text: capText(message.text.body), forwarded }
        : { kind: 'text', text: capText(message.text.body) };
    case 'interactive':
      return {
        kind: 'button',
        data:
          message.interactive.type === 'button_reply'
            ? message.interactive.button_reply.id
            : message.interactive.list_reply.id,
      };
    case 'button':
      // The reopening template's quick reply: the person came back, so take them on where they were.
      return { kind: 'command', command: 'resume' };
    case 'image':
      return media('photo', message.image.caption, message.image.id, refOf('photo', message.image));
    case 'document':
      return media(
        'document',
        message.document.caption,
        pictureDocument(message.document),
        refOf('document', message.document),
      );
    case 'video':
      return media('video', message.video.caption, undefined, refOf('video', message.video));
    case 'audio':
      return media(
        'audio',
        undefined,
        undefined,
        refOf(
          message.audio.voice || message.audio.mime_type?.startsWith('audio/ogg') ? 'voice' : 'audio',
          message.audio,
        ),
      );
    case 'sticker':
      return media('sticker');
    case 'contacts': {
      // A shared contact card: its first number answers "which number should we call?".
      const card = SharedContact.safeParse(message.contacts[0]);
      const phone = card.success ? card.data.phones?.find((p) => p.phone ?? p.wa_id) : undefined;
      const number = phone?.phone ?? phone?.wa_id;
      return number ? { kind: 'contact', phone: number } : media('contact');
    }
    case 'location':
      return media('location');
    case 'reaction':
      // An emoji on a message asks nothing (the channel does not even queue it).
      return undefined;
    case 'system':
      return undefined;
    case 'edit':
      // As Telegram's edits: an edit changes no answer (not even a number corrected at the phone question).
      return { kind: 'edited' };
    case 'unsupported':
      return message.unsupported?.type === 'edit' ? { kind: 'edited' } : media('other');
  }
}
