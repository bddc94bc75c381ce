import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `X-Hub-Signature-256` is Meta's signature of exactly these bytes: `sha256=` and the hex
 * HMAC-SHA256 of the raw body with the app secret, compared in constant time. The raw bytes, not a
 * re-serialised object: JSON.stringify would not give back what Meta signed.
 */
export function signatureMatches(raw: Buffer, header: string, appSecret: string): boolean {
  const prefix = 'sha256=';
  if (!header.startsWith(prefix)) return false;
  const expected = Buffer.from(createHmac('sha256', appSecret).update(raw).digest('hex'), 'utf8');
  const given = Buffer.from(header.slice(prefix.length).toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Two secrets compared in constant time, whatever their lengths (both hashed to the same length first). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * A person's tag for logs: a keyed hash of their WhatsApp id, which is their phone number. A plain hash
 * of a phone number is undone by trying every number; keyed with the app secret it is not.
 */
export function personTag(waId: string, key: string): string {
  return createHmac('sha256', key).update(`person:${waId}`).digest('hex').slice(0, 12);
}
