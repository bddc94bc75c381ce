/**
 * The one shortcut between the Telegram flood limit and the person store, kept for speed: the flood
 * counter's script (src/store/flood-counter.ts) also GETs the person's state, and keeps it here for the
 * turn's load, so that an update costs two round trips to Redis in all (that one, and the save) instead
 * of three. Safe because saves compare and set: a state that got old meanwhile is caught by the save,
 * and the turn is stepped again on a fresh read (`RedisStore.reload`).
 *
 * Each state is used once, by the next load of its key; the map is cleared when it grows past 10,000
 * (updates whose turn never loaded, such as a flood that was cut).
 */
export class StateReadAhead {
  private readonly states = new Map<string, string | null>();
  private static readonly MAX = 10_000;

  keep(key: string, raw: string | null): void {
    if (this.states.size > StateReadAhead.MAX) this.states.clear();
    this.states.set(key, raw);
  }

  /** The state read ahead for this key, once. */
  take(key: string): { found: true; raw: string | null } | { found: false } {
    if (!this.states.has(key)) return { found: false };
    const raw = this.states.get(key) ?? null;
    this.states.delete(key);
    return { found: true, raw };
  }

  drop(key: string): void {
    this.states.delete(key);
  }
}
