import type { PersonState } from '../domain/dialogue/index.js';
import type { PersonKey } from '../domain/person.js';
import { personKey } from './keys.js';
import { decodeState, encodeState, type Store } from './store.js';

/** The embedded store for the terminal chat when no Redis answers: nothing outlives the process. */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, { value: string; expires: number }>();
  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async load(who: PersonKey): Promise<PersonState | null> {
    const key = personKey('', who);
    const entry = this.data.get(key);
    if (!entry) return null;
    if (entry.expires <= this.now()) {
      this.data.delete(key);
      return null;
    }
    // Stored encoded, as Redis does, so the two stores behave alike (no shared objects between turns).
    return decodeState(entry.value);
  }

  async save(who: PersonKey, state: PersonState, expectedRev?: number): Promise<boolean> {
    if (expectedRev !== undefined) {
      const current = await this.load(who);
      if ((current?.rev ?? 0) !== expectedRev) return false;
    }
    this.data.set(personKey('', who), {
      value: encodeState(state),
      expires: this.now() + this.ttlSeconds * 1000,
    });
    return true;
  }

  async forget(who: PersonKey): Promise<void> {
    this.data.delete(personKey('', who));
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.data.clear();
  }
}
