import { type Api, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type { MediaFile } from '../../app/ports.js';
import type { MediaRef, RelayedMedia } from '../../domain/dialogue/index.js';
import { safeFileName } from '../download.js';
import { DeliveryError } from '../sender.js';
import { downloadFile } from './pictures.js';

/** A media's caption, at most (core.telegram.org/bots/api: 0-1024 characters). */
export const MAX_CAPTION = 1024;
/** A photo a bot uploads, at most; a larger picture goes as a document (50 MB). */
const MAX_PHOTO_UPLOAD = 10 * 1024 * 1024;

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
