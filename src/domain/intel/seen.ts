import { type AdVerdict, type FoundFlag, offersNothing } from '../ads/analyze.js';
import { extractContactSpans } from '../ads/contacts.js';
import { FLAGS } from '../flags.js';
import { assessRisk, type RiskLevel } from '../risk.js';
import { type CanonicalContact, canonicalContact, canonicalContacts, type IntelKind } from './contact.js';
import { adFingerprint } from './fingerprint.js';

/** The red flag a counsellor's confirmation raises in every later verdict with that contact. */
export const REPORTED_CONTACT = 'reported_contact';

/** What is kept of one checked ad: its contacts (canonical, hashed by the store), fingerprint and risk. */
export interface AdIntel {
  contacts: CanonicalContact[];
  /** MinHash of the normalised text (see fingerprint.ts); absent for an ad too short to recognise. */
  fingerprint?: string;
  risk: RiskLevel;
}

export type RiskCounts = Record<RiskLevel, number>;

/** A counsellor's confirmation that a contact is dangerous. */
export interface ContactFlag {
  reason: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** What other people's checks know about one contact. */
export interface ContactIntel {
  /** The contact itself, as the ad in hand gives it: known to the caller, never read from the store. */
  contact: CanonicalContact;
  kind: IntelKind;
  /** Checks of ads with this contact within the retention period (each person's re-checks once). */
  count: number;
  byRisk: RiskCounts;
  firstSeen?: number;
  lastSeen?: number;
  flagged?: ContactFlag;
}

/** The same ad (or one very like it) checked before. */
export interface Repost {
  count: number;
  lastSeen: number;
  /** Some of those checks were of a changed version, not of this very text. */
  changed: boolean;
}

export interface IntelLookup {
  contacts: ContactIntel[];
  repost?: Repost;
}

export const noRisks = (): RiskCounts => ({ low: 0, medium: 0, high: 0, critical: 0 });

/**
 * What an analysed ad contributes to "seen before", or undefined for a text that is not an offer (a chat
 * message, a question or a story, a story told of what happened, or a warning that quotes a scam: its
 * contacts are the scam's, but it does not offer the job).
 */
export function adIntel(text: string, verdict: AdVerdict): AdIntel | undefined {
  if (!verdict.jobAd || offersNothing(verdict)) return undefined;
  const contacts = canonicalContacts(verdict.contacts);
  const fingerprint = adFingerprint(text);
  if (contacts.length === 0 && !fingerprint) return undefined;
  return { contacts, ...(fingerprint ? { fingerprint } : {}), risk: verdict.risk };
}

/** Whether a lookup has anything to tell the person. */
export function hasNews(lookup: IntelLookup | undefined): boolean {
  return !!lookup && (!!lookup.repost || lookup.contacts.some((c) => c.count > 0 || c.flagged));
}

/**
 * The verdict with the `reported_contact` flag raised when a counsellor has flagged one of its contacts,
 * and the risk assessed again (the flag is critical). The evidence is the flagged contacts as the ad
 * writes them when its text is given, else in their canonical form. Pure: the verdict passed in is not
 * changed.
 */
export function withReportedContacts(
  verdict: AdVerdict,
  lookup: IntelLookup | undefined,
  text?: string,
): AdVerdict {
  const flagged = lookup?.contacts.filter((c) => c.flagged) ?? [];
  if (flagged.length === 0 || verdict.warning || verdict.flags.some((f) => f.id === REPORTED_CONTACT)) {
    return verdict;
  }
  const wanted = new Set(flagged.map((c) => `${c.contact.kind}:${c.contact.value}`));
  const quoted = text
    ? extractContactSpans(text).filter(({ contact }) => {
        const c = canonicalContact(contact);
        return c && wanted.has(`${c.kind}:${c.value}`);
      })
    : [];
  const reported: FoundFlag = {
    id: REPORTED_CONTACT,
    severity: FLAGS.get(REPORTED_CONTACT)?.severity ?? 'critical',
    evidence:
      quoted.length > 0
        ? quoted.map(({ span }) => (text as string).slice(span[0], span[1]))
        : flagged.map((c) => c.contact.value),
    spans: quoted.map(({ span }) => span),
  };
  const flags = [...verdict.flags, reported];
  const risk = assessRisk(
    flags.map((f) => f.id),
    (id) => flags.find((f) => f.id === id)?.severity,
  );
  const order = new Map(risk.flags.map((id, i) => [id, i]));
  flags.sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));
  return { ...verdict, flags, risk: risk.level, score: risk.score, jobAd: true };
}
