import { createHmac, randomBytes } from 'node:crypto';
import type { Lang } from '../domain/language.js';
import type { PersonKey } from '../domain/person.js';

/**
 * The language each person last spoke with this process: when the store is away, the answer is still in
 * their language, even for a button press, which carries no words. A language code and a time, under a
 * hash of the person's key with a secret made at start (so the map names no one), in memory only: for a
 * day after their last message, the oldest dropped first past 50,000, and gone with /forget (on this
 * instance; on another, within the day).
 */
export class RecentLanguages {
  private readonly byPerson = new Map<string, { lang: Lang; at: number }>();
  private readonly secret = randomBytes(32);
  private static readonly MAX = 50_000;
  private static readonly FOR_MS = 24 * 3_600_000;

  private key(who: PersonKey): string {
    return createHmac('sha256', this.secret).update(`${who.channel}:${who.id}`).digest('base64url');
  }

  get(who: PersonKey, now: number): Lang | undefined {
    const key = this.key(who);
    const known = this.byPerson.get(key);
    if (!known) return undefined;
    if (now - known.at <= RecentLanguages.FOR_MS) return known.lang;
    this.byPerson.delete(key);
    return undefined;
  }

  set(who: PersonKey, lang: Lang, now: number): void {
    const key = this.key(who);
    // Set anew, so the map's order is the order of last messages: the oldest is dropped first.
    this.byPerson.delete(key);
    this.byPerson.set(key, { lang, at: now });
    if (this.byPerson.size > RecentLanguages.MAX) {
      const oldest = this.byPerson.keys().next().value;
      if (oldest !== undefined) this.byPerson.delete(oldest);
    }
  }

  forget(who: PersonKey): void {
    this.byPerson.delete(this.key(who));
  }
}
