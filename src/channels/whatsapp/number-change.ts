import type { ClientContext, Redis } from 'ioredis';
import type { PersonKey } from '../../domain/person.js';
import { handoffKeys, personKey, personRef } from '../../store/keys.js';
import { MOVE_KEY_FUNCTION } from '../../store/lua.js';

/**
 * Moves, in one step: the person's state (when the old number has one, it is the conversation in hand
 * and replaces what the new number may have), their list of requests (with its TTL), and each request's
 * personal part (who they are and the reply address) while it still exists, so that a counsellor's reply
 * goes to the new number. KEYS: old state, new state, old list, new list, then each request's personal
 * part. ARGV: the new person's reference, the new address.
 */
const MOVE = `${MOVE_KEY_FUNCTION}
moveKey(KEYS[1], KEYS[2], true)
moveKey(KEYS[3], KEYS[4], false)
local moved = 0
for i = 5, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('HSET', KEYS[i], 'person', ARGV[1], 'address', ARGV[2])
    moved = moved + 1
  end
end
return moved
`;

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext> {
    tekserWaMoveNumber(numKeys: number, ...args: string[]): Promise<number>;
  }
}

/**
 * WhatsApp's `user_changed_number`: everything tekser keeps under the old number's key (the dialogue's
 * place, the open requests and where their replies go) moves to the new one. Throws when Redis is away
 * (the webhook then answers 503, and Meta delivers the change again).
 */
export function numberMover(redis: Redis, prefix: string, personOf: (waId: string) => PersonKey) {
  if (!(redis as { tekserWaMoveNumber?: unknown }).tekserWaMoveNumber)
    redis.defineCommand('tekserWaMoveNumber', { lua: MOVE });
  const keys = handoffKeys(prefix);
  return async (oldId: string, newId: string): Promise<number> => {
    const from = personOf(oldId);
    const to = personOf(newId);
    if (from.id === to.id) return 0;
    const tickets = await redis.smembers(keys.personTickets(from));
    const list = [
      personKey(prefix, from),
      personKey(prefix, to),
      keys.personTickets(from),
      keys.personTickets(to),
      ...tickets.map((id) => keys.personal(id)),
    ];
    return redis.tekserWaMoveNumber(list.length, ...list, personRef(to), newId);
  };
}
