import { z } from 'zod';

/** Pictures read (issue 18): at most this many bytes, as Meta says before the file is fetched. */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

/** `GET /{media-id}`: where the file is, for five minutes, and what it is. */
const MediaUrl = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  file_size: z.coerce.number().optional(),
});

/**
 * A WhatsApp picture's bytes, in memory only: the media id gives a short-lived URL, fetched with the
 * same token. Throws when Meta says no, the answer is not what is documented, or the file is too large.
 */
export async function downloadMedia(
  mediaId: string,
  options: { apiUrl: string; token: string; fetch?: typeof fetch | undefined },
): Promise<Uint8Array> {
  const get = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.token}` };
  const res = await get(`${options.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(mediaId)}`, { headers });
  if (!res.ok) throw new Error(`media url: ${res.status}`);
  const media = MediaUrl.parse(await res.json());
  if ((media.file_size ?? 0) > MAX_MEDIA_BYTES) throw new Error('picture too large');
  const file = await get(media.url, { headers });
  if (!file.ok) throw new Error(`media download: ${file.status}`);
  return new Uint8Array(await file.arrayBuffer());
}
