import type { PersonState } from '../domain/dialogue/index.js';
import type { PersonKey } from '../domain/person.js';
import type { Store } from '../store/store.js';

/** How often a change is tried again when another instance saved the same person in between. */
export const MAX_ATTEMPTS = 5;

/**
 * Changes a person's stored state from outside their own updates (a counsellor closed their request),
 * with the same compare-and-set as a turn. A person with no state is left alone.
 */
export async function updatePersonState(
  store: Pick<Store, 'load' | 'reload' | 'save'>,
  who: PersonKey,
  change: (state: PersonState) => void,
): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const state = store.reload ? await store.reload(who) : await store.load(who);
    if (!state) return;
    const expected = state.rev ?? 0;
    change(state);
    state.rev = expected + 1;
    if (await store.save(who, state, expected)) return;
  }
}

/** A closed request: the person's messages go to the dialogue again. */
export function forgetClosedTicket(store: Pick<Store, 'load' | 'reload' | 'save'>) {
  return (who: PersonKey, ticketId: string): Promise<void> =>
    updatePersonState(store, who, (state) => {
      if (state.ticket?.id === ticketId) state.ticket = undefined;
    });
}
