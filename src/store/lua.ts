import type { ClientContext, Redis, Result } from 'ioredis';

/**
 * Every Lua script tekser runs in Redis, by name. A script is used wherever two counsellors or two
 * instances could race on a change that takes more than one command.
 */

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext> {
    /** HSET on a key that still exists (usable in a MULTI): see HSET_IF_EXISTS. */
    tekserHsetIfExists(key: string, ...fieldsAndValues: string[]): Result<number, Context>;
  }
}

/** The stored state's revision must be ARGV[1]; if so it becomes ARGV[2] (TTL ARGV[3]). */
const SET_IF_REV = `
local current = redis.call('GET', KEYS[1])
local rev = 0
if current then
  local ok, state = pcall(cjson.decode, current)
  if ok and type(state) == 'table' and tonumber(state.rev) then rev = tonumber(state.rev) end
end
if rev ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
`;

/** Saves a person's state only if it is still at the revision the update started from (and counts). */
export const SAVE_IF = `${SET_IF_REV}-- The NGO's anonymous counters that this turn adds to, in the same round trip.
if KEYS[2] then
  for i = 5, #ARGV, 2 do redis.call('HINCRBY', KEYS[2], ARGV[i], tonumber(ARGV[i + 1])) end
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4]))
end
return 1
`;

/**
 * The flood counter (src/store/flood-counter.ts): counts one update in the window (the window starts with
 * the first), and reads the person's state ahead when KEYS[2] names it. One command: a MULTI of the same
 * three cost the client twice the CPU (five commands and a pipeline object each time).
 */
export const FLOOD = `
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]), 'NX')
if KEYS[2] then return {n, redis.call('GET', KEYS[2])} end
return {n}
`;

/**
 * SAVE_IF with the writes that belong to the same turn (a counsellor request opened: its ticket, queues
 * and jobs; the counters), all or none: a Redis that fails between the state and the ticket cannot leave
 * a person pointing at a request that was never written. KEYS[1] the person; KEYS[2..] the keys the
 * writes touch. ARGV[4]: the writes as JSON, each [command, index of its key in KEYS, args...].
 */
export const SAVE_IF_WITH = `${SET_IF_REV}
for _, w in ipairs(cjson.decode(ARGV[4])) do
  redis.call(w[1], KEYS[w[2]], unpack(w, 3))
end
return 1
`;

/** Takes an open ticket; of two counsellors at once, one gets it, the other learns who did. */
export const TAKE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'missing'} end
if status == 'resolved' then return {'resolved'} end
if status == 'taken' then
  return {'taken', redis.call('HGET', KEYS[1], 'takenName') or '', redis.call('HGET', KEYS[1], 'takenBy') or '0'}
end
redis.call('HSET', KEYS[1], 'status', 'taken', 'takenBy', ARGV[1], 'takenName', ARGV[2], 'takenAt', ARGV[3])
return {'ok'}
`;

/** Closes a ticket that is not closed yet. */
export const RESOLVE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status == 'resolved' then return 'resolved' end
redis.call('HSET', KEYS[1], 'status', 'resolved', 'outcome', ARGV[1], 'resolvedAt', ARGV[2], 'resolvedBy', ARGV[3])
return 'ok'
`;

/** Gives a taken ticket back to everyone: open again, nobody holding it. */
export const RELEASE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status ~= 'taken' then return status end
redis.call('HSET', KEYS[1], 'status', 'open')
redis.call('HDEL', KEYS[1], 'takenBy', 'takenName', 'takenAt')
return 'ok'
`;

/**
 * Hands a taken ticket to another counsellor: ARGV to, name, now. Returns {'ok', the previous holder's
 * name}, or why not: 'missing', 'open', 'resolved', or 'same' (already theirs).
 */
export const REASSIGN = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'missing'} end
if status ~= 'taken' then return {status} end
if redis.call('HGET', KEYS[1], 'takenBy') == ARGV[1] then return {'same'} end
local from = redis.call('HGET', KEYS[1], 'takenName') or ''
redis.call('HSET', KEYS[1], 'takenBy', ARGV[1], 'takenName', ARGV[2], 'reassignedAt', ARGV[3])
return {'ok', from}
`;

/**
 * A due follow-up, once: the job leaves the outbox and the reminder joins the ticket's queue to the
 * operators' chat in one step, so two instances (or a retry after a crash) never queue it twice.
 * KEYS outbox, list; ARGV follow-up job, item, now, ttl, the queue's job. Returns 1 when queued.
 */
export const FOLLOW_UP_ONCE = `
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4]))
redis.call('ZADD', KEYS[1], 'NX', tonumber(ARGV[3]), ARGV[5])
return 1
`;

/** Claims a due job for a while, so that two instances do not deliver the same thing at once. */
export const CLAIM = `
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not due or tonumber(due) > tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
`;

/**
 * Queues an item for a ticket that is still open: KEYS ticket, list, outbox; ARGV item, now, ttl, job.
 * Returns 'ok', or 'gone' (expired or never written) / 'resolved' so the person is told, not misled.
 */
export const PUSH_IF_OPEN = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'gone' end
if status == 'resolved' then return 'resolved' end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('ZADD', KEYS[3], 'NX', tonumber(ARGV[2]), ARGV[4])
return 'ok'
`;

/** Takes a job off the outbox only if its queue is empty: an item pushed meanwhile keeps its job. */
export const DONE_IF_EMPTY = `
if redis.call('LLEN', KEYS[2]) > 0 then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
`;

/** Removes the first item of a queue only if it is the one that was delivered. */
export const POP_IF_FIRST = `
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LPOP', KEYS[1]) return 1 end
return 0
`;

/** Sets fields on a ticket that still exists: an expired one is not brought back without a TTL. */
export const HSET_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1
`;

/**
 * A Lua function for scripts that give a key a new name (a person's keys moving to new names): `from`
 * renamed to `to` with its TTL. When `to` exists already: with `replace`, `from` takes its place; else a
 * set gets `from`'s members and the longer of the two TTLs (no TTL counts as the longer), and anything
 * else keeps `to` (written since, so newer) while `from` is dropped. Returns 0 when there was no `from`,
 * 1 when it was renamed, 2 when it was merged or dropped.
 */
export const MOVE_KEY_FUNCTION = `
local function moveKey(from, to, replace)
  local ttl = redis.call('PTTL', from)
  if ttl == -2 then return 0 end
  if replace or redis.call('EXISTS', to) == 0 then
    redis.call('RENAME', from, to)
    return 1
  end
  if redis.call('TYPE', from).ok == 'set' and redis.call('TYPE', to).ok == 'set' then
    local kept = redis.call('PTTL', to)
    redis.call('SUNIONSTORE', to, to, from)
    if ttl > 0 and kept > 0 then redis.call('PEXPIRE', to, math.max(ttl, kept)) end
  end
  redis.call('DEL', from)
  return 2
end
`;

/** One key to its new name (MOVE_KEY_FUNCTION, never replacing): KEYS old, new. */
export const MOVE_KEY = `${MOVE_KEY_FUNCTION}
return moveKey(KEYS[1], KEYS[2], false)
`;

/**
 * A request's personal part whose person is still `ARGV[1]`: they become `ARGV[2]`, and `ARGV[3]` their
 * reply address unless one is there. HSET keeps the key's TTL.
 */
export const READDRESS = `
if redis.call('HGET', KEYS[1], 'person') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'person', ARGV[2])
redis.call('HSETNX', KEYS[1], 'address', ARGV[3])
return 1
`;

/** Deletes a lock, or renews it for ARGV[2] ms, only while it still holds this holder's token ARGV[1]. */
export const UNLOCK = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;
export const RENEW_LOCK = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
`;

/** The scripts as commands on the client (defined once per client, by `withScripts`). */
export interface Scripts {
  tekserSaveIf(numKeys: number, ...args: string[]): Promise<number>;
  tekserFlood(numKeys: number, ...args: string[]): Promise<[number, string | null] | [number]>;
  tekserSaveIfWith(numKeys: number, ...args: string[]): Promise<number>;
  tekserPushIfOpen(
    ticket: string,
    list: string,
    outbox: string,
    item: string,
    now: string,
    ttl: string,
    job: string,
  ): Promise<string>;
  tekserDoneIfEmpty(outbox: string, list: string, job: string): Promise<number>;
  tekserPopIfFirst(list: string, item: string): Promise<number>;
  tekserTake(key: string, by: string, name: string, at: string): Promise<string[]>;
  tekserResolve(key: string, outcome: string, at: string, by: string): Promise<string>;
  tekserClaim(outbox: string, job: string, now: string, until: string): Promise<number>;
  tekserRelease(key: string): Promise<string>;
  tekserMoveKey(from: string, to: string): Promise<number>;
  tekserReaddress(key: string, person: string, newPerson: string, address: string): Promise<number>;
  tekserUnlock(key: string, token: string): Promise<number>;
  tekserRenewLock(key: string, token: string, ms: string): Promise<number>;
  tekserReassign(key: string, to: string, name: string, at: string): Promise<string[]>;
  tekserFollowUpOnce(
    outbox: string,
    list: string,
    job: string,
    item: string,
    now: string,
    ttl: string,
    opsJob: string,
  ): Promise<number>;
}

/** Name, number of keys (undefined: given with each call) and body of every script. */
const COMMANDS: [name: keyof Scripts | 'tekserHsetIfExists', keys: number | undefined, lua: string][] = [
  ['tekserSaveIf', undefined, SAVE_IF],
  ['tekserFlood', undefined, FLOOD],
  ['tekserSaveIfWith', undefined, SAVE_IF_WITH],
  ['tekserTake', 1, TAKE],
  ['tekserResolve', 1, RESOLVE],
  ['tekserClaim', 1, CLAIM],
  ['tekserRelease', 1, RELEASE],
  ['tekserReassign', 1, REASSIGN],
  ['tekserFollowUpOnce', 2, FOLLOW_UP_ONCE],
  ['tekserPushIfOpen', 3, PUSH_IF_OPEN],
  ['tekserDoneIfEmpty', 2, DONE_IF_EMPTY],
  ['tekserPopIfFirst', 1, POP_IF_FIRST],
  ['tekserHsetIfExists', 1, HSET_IF_EXISTS],
  ['tekserMoveKey', 2, MOVE_KEY],
  ['tekserReaddress', 1, READDRESS],
  ['tekserUnlock', 1, UNLOCK],
  ['tekserRenewLock', 1, RENEW_LOCK],
];

/** The client with tekser's scripts defined on it (once: several stores share one client). */
export function withScripts(redis: Redis): Redis & Scripts {
  for (const [name, numberOfKeys, lua] of COMMANDS) {
    if (name in redis) continue;
    redis.defineCommand(name, numberOfKeys === undefined ? { lua } : { numberOfKeys, lua });
  }
  return redis as Redis & Scripts;
}
