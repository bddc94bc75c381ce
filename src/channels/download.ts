import { DeliveryError } from './sender.js';

/**
 * A downloaded file's bytes, in memory only, refused (DeliveryError `too_large`) as soon as it is larger
 * than `maxBytes`: by its declared length before anything is read, else while it is read, so a file
 * larger than it says costs no more than the limit.
 */
export async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new DeliveryError('too_large');
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new DeliveryError('too_large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** A file name safe to hand on: no line breaks or control characters, at most 200 characters. */
export function safeFileName(name: string | undefined, fallback: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here
  const clean = (name ?? '').replace(/[\u0000-\u001f\u007f"\\/]/g, '').trim();
  return Array.from(clean).slice(0, 200).join('') || fallback;
}
