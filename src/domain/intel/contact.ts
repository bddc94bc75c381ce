import { createHmac } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { type Contact, extractContactSpans } from '../ads/contacts.js';

/** What other people's checks are counted by: the ways to reach whoever placed an ad. */
export const INTEL_KINDS = ['phone', 'handle', 'domain', 'email'] as const;
export type IntelKind = (typeof INTEL_KINDS)[number];

/**
 * One contact written one way, however an ad or a counsellor wrote it: phone numbers in E.164
 * (+77011234567), handles as @name in lower case, domains in lower case without "www.", e-mails in
 * lower case. Two ads reach the same person exactly when their canonical contacts are equal.
 */
export interface CanonicalContact {
  kind: IntelKind;
  value: string;
}

const HANDLE = /^@([a-z][a-z0-9_]{3,31})$/;
const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/;
/** A host name as the URL parser writes it (Cyrillic domains come out in punycode: xn--…). */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Sites whose links name a person's account in their path: the account is the contact, not the site. */
const SOCIAL = new Set([
  't.me',
  'telegram.me',
  'instagram.com',
  'vk.com',
  'facebook.com',
  'fb.com',
  'tiktok.com',
  'threads.net',
]);
/** First path parts of those sites that are pages of the site, not accounts. */
const NOT_ACCOUNTS = new Set([
  'joinchat',
  'share',
  'addstickers',
  'p',
  'reel',
  'reels',
  'explore',
  'stories',
]);
/**
 * Sites where anyone posts: a link to them, or their name, says nothing about who placed the ad, and
 * counting them would tell every person that a job board "was in 400 ads, 30 of them high-risk".
 */
const PLATFORMS = new Set([
  ...SOCIAL,
  'wa.me',
  'whatsapp.com',
  'api.whatsapp.com',
  'chat.whatsapp.com',
  'olx.kz',
  'krisha.kz',
  'kolesa.kz',
  'hh.kz',
  'hh.ru',
  'enbek.kz',
  'egov.kz',
  'google.com',
  'forms.gle',
  'docs.google.com',
  'youtube.com',
  'youtu.be',
  'linkedin.com',
  'gmail.com',
  'mail.ru',
  'yandex.ru',
  'yandex.kz',
]);

function phone(text: string): CanonicalContact | undefined {
  try {
    const parsed = parsePhoneNumberFromString(text, 'KZ');
    return parsed?.isValid() ? { kind: 'phone', value: parsed.number } : undefined;
  } catch {
    return undefined;
  }
}

function handle(name: string): CanonicalContact | undefined {
  const value = `@${name.replace(/^@/, '').toLowerCase()}`;
  return HANDLE.test(value) ? { kind: 'handle', value } : undefined;
}

function domain(host: string): CanonicalContact | undefined {
  let value: string;
  try {
    // The URL parser lower-cases, drops a trailing dot's worth of oddities and writes IDNs in punycode,
    // so "Пример.kz" from an ad and from a counsellor come out the same.
    value = new URL(`http://${host.trim()}`).hostname;
  } catch {
    return undefined;
  }
  value = value.replace(/^www\./, '');
  if (!HOST.test(value) || PLATFORMS.has(value)) return undefined;
  return { kind: 'domain', value };
}

function email(text: string): CanonicalContact | undefined {
  const value = text
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return EMAIL.test(value) ? { kind: 'email', value } : undefined;
}

/** A link: an account on a social site, a phone number on WhatsApp, or else the site's domain. */
function link(text: string): CanonicalContact | undefined {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^www\./, '');
  const first = decodeURIComponent(url.pathname.split('/')[1] ?? '');
  if (host === 'wa.me') return phone(`+${first.replace(/^\+/, '')}`);
  if (host.endsWith('whatsapp.com')) {
    const number = url.searchParams.get('phone');
    return number ? phone(`+${number.replace(/^\+/, '')}`) : undefined;
  }
  if (SOCIAL.has(host)) return NOT_ACCOUNTS.has(first.toLowerCase()) ? undefined : handle(first);
  return domain(host);
}

/**
 * The canonical form of a contact the ad analyzer found, or undefined for one that names no one (a link
 * to a job board, an invitation link).
 */
export function canonicalContact(contact: Contact | CanonicalContact): CanonicalContact | undefined {
  const kind = 'kind' in contact ? contact.kind : contact.type;
  switch (kind) {
    case 'phone':
      return phone(contact.value);
    case 'handle':
      return handle(contact.value);
    case 'email':
      return email(contact.value);
    case 'domain':
      return domain(contact.value);
    case 'url':
      return link(contact.value);
  }
}

/** The canonical contacts of an ad, each once, in the order the ad gives them. */
export function canonicalContacts(contacts: readonly (Contact | CanonicalContact)[]): CanonicalContact[] {
  const seen = new Set<string>();
  const out: CanonicalContact[] = [];
  for (const c of contacts) {
    const canonical = canonicalContact(c);
    if (!canonical) continue;
    const key = `${canonical.kind}:${canonical.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(canonical);
  }
  return out;
}

/**
 * A contact as a counsellor types it after /contact or /flag: "+7 701 123 45 67", "8(701)123-45-67",
 * "@Handle", "t.me/handle", "example.com", "https://www.example.com/x", "a@b.kz". Undefined unless the
 * whole text is one contact.
 */
export function parseContact(input: string): CanonicalContact | undefined {
  const text = input.trim().replace(/[.,;:!?]+$/, '');
  if (/^[+\d(][\d\s\-.()]*$/.test(text)) {
    // Phone numbers the way the ad analyzer reads them (spaces, dashes, brackets, 8 for +7), so a number
    // a counsellor types is the number found in an ad.
    const found = extractContactSpans(text);
    const only = found.length === 1 ? found[0] : undefined;
    if (only?.contact.type === 'phone' && only.span[0] === 0 && only.span[1] === text.length) {
      return phone(only.contact.value);
    }
    return undefined;
  }
  if (text === '' || /\s/.test(text)) return undefined;
  if (text.startsWith('@')) return handle(text);
  if (text.includes('@')) return email(text);
  if (text.includes('/') || /^www\./i.test(text)) return link(text);
  return domain(text);
}

/**
 * A contact at the start of a counsellor's command and the words after it: "/flag +7 701 123 45 67 took
 * the passports of three women" -> the number, and the reason. The longest beginning that is one contact
 * wins, since a phone number may be written with spaces.
 */
export function parseContactAndRest(input: string): { contact: CanonicalContact; rest: string } | undefined {
  const text = input.trim();
  const ends = [...text.matchAll(/\s+/g)].map((m) => m.index);
  for (const end of [text.length, ...ends.reverse()]) {
    const contact = parseContact(text.slice(0, end));
    if (contact) return { contact, rest: text.slice(end).trim() };
  }
  return undefined;
}

/**
 * A contact as it is stored: HMAC-SHA256 with the deployment's secret, in hex. Without the secret no one
 * can tell which contact a key counts, nor test a guess; another deployment's keys never match.
 */
export function hashContact(secret: string, contact: CanonicalContact): string {
  return createHmac('sha256', secret)
    .update(`contact\u0000${contact.kind}\u0000${contact.value}`)
    .digest('hex');
}

/** A person on a channel as the de-duplication of their checks knows them: a keyed hash, never the id. */
export function hashPerson(secret: string, who: { channel: string; id: string }): string {
  return createHmac('sha256', secret).update(`person\u0000${who.channel}\u0000${who.id}`).digest('hex');
}

/**
 * A counsellor's reason with every contact in it replaced by "…", so that a flag stored without expiry
 * never holds a raw phone number, handle, site or e-mail.
 */
export function redactContacts(text: string): string {
  let out = text;
  // The analyzer names each contact once: a number written twice needs a second round.
  for (let round = 0; round < 10; round++) {
    const spans = extractContactSpans(out)
      .map((f) => f.span)
      .sort((a, b) => b[0] - a[0]);
    if (spans.length === 0) break;
    let before = out.length;
    for (const [start, end] of spans) {
      if (end > before) continue;
      out = `${out.slice(0, start)}…${out.slice(end)}`;
      before = start;
    }
  }
  return out;
}
