import { z } from 'zod';
import type { MediaFile } from '../../app/ports.js';
import { readCapped } from '../download.js';
import { DeliveryError } from '../sender.js';

/** Pictures read (issue 18): at most this many bytes, as Meta says before the file is fetched. */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024;

/** `GET /{media-id}`: where the file is, for five minutes, and what it is. */
const MediaUrl = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  file_size: z.coerce.number().optional(),
});

/** A failed request's reason: a server error or the network is tried again, anything else is not. */
const failure = (status?: number) =>
  new DeliveryError(status === undefined || status >= 500 || status === 429 ? 'retry' : 'failed');

/**
 * Media a person sent, in memory only: the media id gives a short-lived URL, fetched with the same token,
 * read up to `maxBytes` (refused with DeliveryError `too_large` beyond, by the size Meta gives or as it is
 * read). Rejects with a DeliveryError: `retry` when Meta or the network failed, `failed` when Meta says no
 * or the answer is not what is documented.
 */
export async function fetchMedia(
  mediaId: string,
  options: { apiUrl: string; token: string; maxBytes: number; fetch?: typeof fetch | undefined },
): Promise<MediaFile> {
  const get = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.token}` };
  const url = `${options.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(mediaId)}`;
  const res = await get(url, { headers }).catch(() => undefined);
  if (!res?.ok) throw failure(res?.status);
  const media = MediaUrl.safeParse(await res.json().catch(() => undefined));
  if (!media.success) throw new DeliveryError('failed');
  if ((media.data.file_size ?? 0) > options.maxBytes) throw new DeliveryError('too_large');
  const file = await get(media.data.url, { headers }).catch(() => undefined);
  if (!file?.ok) throw failure(file?.status);
  const bytes = await readCapped(file, options.maxBytes);
  return { bytes, mime: media.data.mime_type ?? 'application/octet-stream' };
}

/** A WhatsApp picture's bytes to read, at most MAX_PICTURE_BYTES. */
export async function downloadMedia(
  mediaId: string,
  options: { apiUrl: string; token: string; fetch?: typeof fetch | undefined },
): Promise<Uint8Array> {
  return (await fetchMedia(mediaId, { ...options, maxBytes: MAX_PICTURE_BYTES })).bytes;
}
