import { type Api, type ApiClientOptions, Composer, type Context, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type { IncomingPicture } from '../../app/dialogue-service.js';
import type { MediaFile } from '../../app/ports.js';
import type { Input, MediaRef, RelayedMedia, Reply } from '../../domain/dialogue/index.js';
import { safeFileName } from '../download.js';
import { DeliveryError } from '../sender.js';
import { downloadFile, pictureFile, typing } from './pictures.js';

/**
 * Media on Telegram: a person's media routed to the dialogue, what a message carries in the dialogue's
 * words, and media passed between a person and her counsellor (copied, or uploaded from the other
 * platform's file).
 */

/** A media's caption, at most (core.telegram.org/bots/api: 0-1024 characters). */
export const MAX_CAPTION = 1024;
/** A photo a bot uploads, at most; a larger picture goes as a document (50 MB). */
const MAX_PHOTO_UPLOAD = 10 * 1024 * 1024;

/** What the bot's turns give back, to be sent. */
type Answer = { replies: Reply[]; deleteFrom?: number };

/** The bot's own pieces the media routes use (src/channels/telegram/bot.ts). */
export interface MediaRouting {
  /** A turn of the dialogue on this update. */
  turn: (ctx: Context, input: Input) => Promise<Answer | undefined>;
  /** A turn on a picture: read on the server unless the dialogue says it belongs to an open request. */
  pictureTurn: (ctx: Context, picture: IncomingPicture) => Promise<Answer | undefined>;
  send: (ctx: Context, answer: Answer) => Promise<void>;
  /** Where a picture's file is fetched from: the bot's token and HTTP client. */
  file: { token: string; client?: ApiClientOptions | undefined };
}

/**
 * A person's messages that are neither text nor a shared contact: a picture (a photo, an image file) is
 * read on the server unless it belongs to an open request; anything else goes to the dialogue as media,
 * with its caption and what a counsellor can be passed of it.
 */
export function mediaRoutes(r: MediaRouting): Composer<Context> {
  const routes = new Composer<Context>();
  routes.on('message', async (ctx, next) => {
    const file = pictureFile(ctx.message);
    if (!file) return next();
    const m = ctx.message;
    const result = await r.pictureTurn(ctx, {
      caption: m.caption,
      forwarded: m.forward_origin !== undefined,
      ref: mediaRef(m),
      download: () => downloadFile(ctx.api, file, r.file),
      reading: () => typing(ctx),
    });
    if (result) await r.send(ctx, result);
  });
  routes.on('message', async (ctx) => {
    const m = ctx.message;
    const input: Input = { kind: 'media', media: mediaKind(m) };
    if (m.caption) input.caption = m.caption;
    // What a counsellor can be passed, if she is writing to one (the dialogue decides).
    const ref = mediaRef(m);
    if (ref) input.ref = ref;
    if (m.forward_origin) input.forwarded = true;
    const result = await r.turn(ctx, input);
    if (result) await r.send(ctx, result);
  });
  return routes;
}

/** What a message that is not text carries, in the dialogue's words for media. */
export function mediaKind(m: Message): string {
  if (m.sticker) return 'sticker';
  if (m.photo) return 'photo';
  if (m.voice || m.audio) return 'audio';
  if (m.video || m.video_note || m.animation) return 'video';
  if (m.document) return 'document';
  if (m.contact) return 'contact';
  if (m.location || m.venue) return 'location';
  return 'other';
}

/**
 * The media of a message that a person and her counsellor can pass each other: the message itself (it is
 * copied), and its file for the other platform. Undefined for a sticker, a location, a poll…
 */
export function mediaRef(m: Message): MediaRef | undefined {
  const ref = (kind: RelayedMedia, file: { file_id: string; file_size?: number }, mime?: string) => {
    const out: MediaRef = { kind, message: m.message_id, file: file.file_id };
    if (file.file_size !== undefined) out.size = file.file_size;
    if (mime) out.mime = mime;
    return out;
  };
  const photo = m.photo?.at(-1);
  if (photo) return ref('photo', photo, 'image/jpeg');
  if (m.voice) return ref('voice', m.voice, m.voice.mime_type ?? 'audio/ogg');
  if (m.audio) return ref('audio', m.audio, m.audio.mime_type);
  if (m.video) return ref('video', m.video, m.video.mime_type ?? 'video/mp4');
  if (m.animation) return ref('video', m.animation, m.animation.mime_type ?? 'video/mp4');
  if (m.video_note) return ref('video_note', m.video_note, 'video/mp4');
  if (m.document) {
    const doc = ref('document', m.document, m.document.mime_type ?? 'application/octet-stream');
    if (m.document.file_name) doc.name = m.document.file_name;
    return doc;
  }
  return undefined;
}

/** Whether a copy of this media can carry a caption (a round video cannot). */
export function captionable(media: MediaRef): boolean {
  return media.kind !== 'video_note';
}

/** The name a file goes by when it has none of its own. */
const FALLBACK_NAMES: Record<RelayedMedia, string> = {
  photo: 'photo.jpg',
  voice: 'voice.ogg',
  audio: 'audio',
  video: 'video.mp4',
  video_note: 'video.mp4',
  document: 'document',
};

/** Uploads a file to a chat as Telegram shows its kind best: a photo, a voice message, audio, a video, or a document. */
export async function uploadMedia(
  api: Api,
  chat: number,
  kind: RelayedMedia,
  file: MediaFile,
  other: { caption?: string | undefined } & Record<string, unknown>,
): Promise<Message> {
  const input = new InputFile(file.bytes, safeFileName(file.name, FALLBACK_NAMES[kind]));
  const mime = file.mime.toLowerCase();
  if (kind === 'photo' && file.bytes.byteLength <= MAX_PHOTO_UPLOAD && /^image\/(jpeg|png)$/.test(mime))
    return api.sendPhoto(chat, input, other);
  if ((kind === 'voice' || kind === 'audio') && mime.startsWith('audio/ogg'))
    return api.sendVoice(chat, input, other);
  if (kind === 'audio' && /^audio\/(mpeg|mp4|mp3)$/.test(mime)) return api.sendAudio(chat, input, other);
  if ((kind === 'video' || kind === 'video_note') && mime === 'video/mp4')
    return api.sendVideo(chat, input, other);
  return api.sendDocument(chat, input, other);
}

/** The mime type of a Telegram file that did not say (a photo is always a JPEG). */
const DEFAULT_MIME: Record<RelayedMedia, string> = {
  photo: 'image/jpeg',
  voice: 'audio/ogg',
  audio: 'audio/mpeg',
  video: 'video/mp4',
  video_note: 'video/mp4',
  document: 'application/octet-stream',
};

/** A file sent in a chat the bot is in, fetched into memory (getFile, then the file), at most `maxBytes`. */
export async function fetchTelegramFile(api: Api, media: MediaRef, maxBytes: number): Promise<MediaFile> {
  if (!media.file) throw new DeliveryError('unsupported');
  const bytes = await downloadFile(
    api,
    { fileId: media.file, size: media.size },
    { token: api.token, client: api.options },
    maxBytes,
  );
  return { bytes, mime: media.mime ?? DEFAULT_MIME[media.kind], name: media.name };
}
