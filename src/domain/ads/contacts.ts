import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { BoundedMap } from '../memo.js';

export type ContactType = 'phone' | 'handle' | 'url' | 'domain' | 'email';
export interface Contact {
  type: ContactType;
  /** Phone numbers in E.164 (+77012345678), handles as @name, domains and emails in lower case. */
  value: string;
}

// Tried only where a run of such characters begins: a long run without "@" costs one pass, not n².
const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
const URL =
  /\b(?:https?:\/\/|www\.)[^\s<>"'«»()]+|\b(?:t\.me|wa\.me|instagram\.com|vk\.com|facebook\.com)\/[^\s<>"'«»()]+/gi;
const HANDLE = /(?<![\w@.])@([a-z][a-z0-9_]{3,31})\b/gi;
/** Something that may be a phone number: 10 to 15 digits with the usual separators, an optional +. */
const PHONE_CANDIDATE = /(?<![\d\w])\+?\d(?:[\s\-.()]{0,3}\d){9,14}(?![\d])/g;
const DOMAIN =
  /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:kz|ru|com|net|org|info|biz|io|me|uk|ae|tr|kr|pl|de|eu|asia|online|site|work|jobs|pro|club|top|xyz|cy)\b/gi;

/**
 * A candidate checked by libphonenumber (Kazakhstan when no country code): the number in E.164, or
 * undefined. Parsing is most of what contact extraction costs and the same numbers come back in ad
 * after ad, so answers are remembered (a bounded map: a flood of new numbers cannot grow it for ever).
 */
const phoneCache = new BoundedMap<string, string | undefined>(10_000);
function phoneNumber(candidate: string): string | undefined {
  if (phoneCache.has(candidate)) return phoneCache.get(candidate);
  let number: string | undefined;
  try {
    const phone = parsePhoneNumberFromString(candidate, 'KZ');
    if (phone?.isValid()) number = phone.number;
  } catch {
    // Not a number libphonenumber can read.
  }
  phoneCache.set(candidate, number);
  return number;
}

/**
 * The ways to reach whoever placed the ad: phone numbers (Kazakhstan as the default region, so
 * "8 701 234 56 78" is +77012345678), @handles, links, domains, emails. Each once, in order of appearance.
 */
export function extractContacts(text: string): Contact[] {
  return extractContactSpans(text).map((f) => f.contact);
}

/** The contacts with where each stands in the text. */
export function extractContactSpans(text: string): { contact: Contact; span: [number, number] }[] {
  const found: { at: number; end: number; contact: Contact }[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);
  const add = (at: number, end: number, contact: Contact) => {
    found.push({ at, end, contact });
    taken.push([at, end]);
  };
  // E-mails and handles have an "@": a text without one is not scanned for them.
  const at = text.includes('@');
  for (const m of at ? text.matchAll(EMAIL) : [])
    add(m.index, m.index + m[0].length, { type: 'email', value: m[0].toLowerCase() });
  for (const m of text.matchAll(URL)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const url = m[0].replace(/[.,;:!?]+$/, '');
    add(m.index, m.index + url.length, { type: 'url', value: url });
    // wa.me/77012345678 is a phone number too.
    const wa = /wa\.me\/\+?(\d{10,15})/i.exec(url);
    if (wa)
      found.push({ at: m.index, end: m.index + url.length, contact: { type: 'phone', value: `+${wa[1]}` } });
  }
  for (const m of at ? text.matchAll(HANDLE) : []) {
    if (free(m.index, m.index + m[0].length))
      add(m.index, m.index + m[0].length, { type: 'handle', value: `@${m[1]?.toLowerCase()}` });
  }
  for (const m of text.matchAll(DOMAIN)) {
    if (free(m.index, m.index + m[0].length))
      add(m.index, m.index + m[0].length, { type: 'domain', value: m[0].toLowerCase() });
  }
  // Candidates by a cheap pattern, each checked by libphonenumber (Kazakhstan when no country code).
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const end = m.index + m[0].trimEnd().length;
    if (!free(start, end)) continue;
    const number = phoneNumber(m[0].trim());
    if (number) add(start, end, { type: 'phone', value: number });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((f) => {
      const key = `${f.contact.type}:${f.contact.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((f) => ({ contact: f.contact, span: [f.at, f.end] as [number, number] }));
}
