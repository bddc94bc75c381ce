import type { Api, ApiClientOptions, Context } from 'grammy';
import type { Message } from 'grammy/types';
import { readCapped } from '../download.js';
import { DeliveryError } from '../sender.js';

/** Pictures tekser reads (issue 18): at most this many bytes, as Telegram says before it is fetched. */
export const MAX_PICTURE_FILE_BYTES = 10 * 1024 * 1024;
/** Pixels of the photo size chosen: the largest Telegram offers up to this (it is read, not shown). */
const MAX_PHOTO_PIXELS = 40_000_000;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** The file of a message that is a picture: a photo's largest size within limits, or an image document. */
export function pictureFile(m: Message): { fileId: string; size?: number | undefined } | undefined {
  if (m.photo && m.photo.length > 0) {
    const fits = m.photo.filter(
      (p) => p.width * p.height <= MAX_PHOTO_PIXELS && (p.file_size ?? 0) <= MAX_PICTURE_FILE_BYTES,
    );
    const best = fits.at(-1) ?? m.photo[0];
    return best ? { fileId: best.file_id, size: best.file_size } : undefined;
  }
  const doc = m.document;
  if (doc?.mime_type && IMAGE_TYPES.has(doc.mime_type)) return { fileId: doc.file_id, size: doc.file_size };
  return undefined;
}

/**
 * A file's bytes, in memory only: getFile, then the file from the Bot API's file URL, read up to
 * `maxBytes` (a picture to read: MAX_PICTURE_FILE_BYTES). A file over the limit, as Telegram says before
 * it is fetched or as it is read, is refused with DeliveryError `too_large`.
 */
export async function downloadFile(
  api: Api,
  file: { fileId: string; size?: number | undefined },
  options: { token: string; client?: ApiClientOptions | undefined },
  maxBytes = MAX_PICTURE_FILE_BYTES,
): Promise<Uint8Array> {
  if ((file.size ?? 0) > maxBytes) throw new DeliveryError('too_large');
  const got = await api.getFile(file.fileId);
  if (!got.file_path) throw new Error('no file path');
  if ((got.file_size ?? 0) > maxBytes) throw new DeliveryError('too_large');
  const root = options.client?.apiRoot ?? 'https://api.telegram.org';
  const fetchFile = (options.client?.fetch as typeof fetch | undefined) ?? fetch;
  const res = await fetchFile(`${root}/file/bot${options.token}/${got.file_path}`);
  if (!res.ok) throw new Error(`file download: ${res.status}`);
  return readCapped(res, maxBytes);
}

/** How often "typing…" is sent again while a picture is read: Telegram shows it for about 5 s. */
const TYPING_EVERY_MS = 4_500;

/** Shows "typing…" in the chat until the returned function is called. */
export function typing(ctx: Context): () => void {
  const show = () => ctx.replyWithChatAction('typing').catch(() => undefined);
  void show();
  const timer = setInterval(show, TYPING_EVERY_MS);
  return () => clearInterval(timer);
}
