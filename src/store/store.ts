import { z } from 'zod';
import type { PersonState } from '../domain/dialogue/index.js';
import { SITUATIONS } from '../domain/flow/schema.js';
import { LANGS } from '../domain/language.js';
import type { PersonKey } from '../domain/person.js';
import { RISK_LEVELS } from '../domain/risk.js';
import type { Counters } from './stats.js';

/** A write that goes with a person's save, in the same atomic step (src/store/lua.ts SAVE_IF_WITH). */
export interface Write {
  command: 'hset' | 'expire' | 'sadd' | 'zadd' | 'rpush' | 'hincrby';
  key: string;
  args: string[];
}

/** Where people's dialogue state lives: Redis in production, memory for the terminal chat without Redis. */
export interface Store {
  readonly kind: 'redis' | 'memory';
  load(who: PersonKey): Promise<PersonState | null>;
  /** Loads from the store itself, past anything read ahead. */
  reload?(who: PersonKey): Promise<PersonState | null>;
  /**
   * Saves with the state TTL (everything about a person expires on its own), but only if the stored
   * state is still at revision `expectedRev` (0: none stored): two instances handling one person at
   * once cannot overwrite each other. Returns whether it saved. Without `expectedRev`, saves anyway.
   */
  save(who: PersonKey, state: PersonState, expectedRev?: number, counters?: Counters): Promise<boolean>;
  /**
   * `save` with other writes of the same turn (a counsellor request opened), all or none: a store
   * without it (memory) saves, and the caller writes the rest after.
   */
  saveWith?(
    who: PersonKey,
    state: PersonState,
    expectedRev: number,
    counters: Counters | undefined,
    writes: readonly Write[],
  ): Promise<boolean>;
  /** Erases everything stored about the person. */
  forget(who: PersonKey): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const FlowStateSchema = z.object({
  flow: z.string().max(64),
  version: z.number().int(),
  step: z.string().max(64),
  answers: z.record(z.string().max(64), z.string().max(4096)),
  again: z.boolean().optional(),
});

/** Stored state is an edge too: an old or damaged value is dropped, never trusted. */
export const PersonStateSchema = z.object({
  v: z.literal(1),
  lang: z.enum(LANGS),
  langChosen: z.boolean(),
  nonce: z.number().int().min(0),
  rev: z.number().int().min(0).optional(),
  active: FlowStateSchema.optional(),
  paused: FlowStateSchema.optional(),
  alerted: z.boolean().optional(),
  askedDanger: z.boolean().optional(),
  langReturn: z.boolean().optional(),
  adPrefill: z.record(z.string().max(64), z.string().max(64)).optional(),
  adFlags: z.array(z.string().max(64)).max(64).optional(),
  adSoftened: z.array(z.string().max(64)).max(64).optional(),
  last: z
    .object({
      level: z.enum(RISK_LEVELS),
      flags: z.array(z.string().max(64)).max(64),
      at: z.number(),
      situation: z.enum(SITUATIONS).optional(),
      unknowns: z.array(z.string().max(64)).max(64).optional(),
    })
    .optional(),
  country: z.string().max(24).optional(),
  ticket: z
    .object({
      id: z.string().max(32),
      mode: z.enum(['call', 'write']),
      relay: z.boolean(),
      told: z.boolean().optional(),
    })
    .optional(),
  marks: z
    .array(z.tuple([z.number().int(), z.number()]))
    .max(4)
    .optional(),
});

// The fast path of decodeState: PersonStateSchema checked by hand, and only said yes to when zod would
// give back the same object (every key known, every value valid); anything else goes to zod, which drops
// unknown keys or refuses. zod's parse was the largest part of tekser's own time in a Telegram update
// (docs/benchmarks.md). A new field in the schema is unknown here until added: that state then takes the
// slow path, never a wrong one; test/store/state-codec.test.ts checks both agree.
type Check = (x: unknown) => boolean;
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const str =
  (max: number): Check =>
  (x) =>
    typeof x === 'string' && x.length <= max;
const bool: Check = (x) => typeof x === 'boolean';
const int: Check = (x) => Number.isSafeInteger(x);
const count: Check = (x) => Number.isSafeInteger(x) && (x as number) >= 0;
const num: Check = (x) => typeof x === 'number' && Number.isFinite(x);
const oneOf =
  (values: readonly string[]): Check =>
  (x) =>
    typeof x === 'string' && values.includes(x);
const list =
  (item: Check, max = Number.POSITIVE_INFINITY): Check =>
  (x) =>
    Array.isArray(x) && x.length <= max && x.every(item);
const record =
  (key: number, value: Check): Check =>
  (x) => {
    if (!isObject(x)) return false;
    for (const k in x) if (k.length > key || k === '__proto__' || !value(x[k])) return false;
    return true;
  };
/** An object whose keys are all in `required` or `optional`, each valid, and every required one there. */
const shape = (required: Record<string, Check>, optional: Record<string, Check>): Check => {
  const needed = Object.keys(required);
  return (x) => {
    if (!isObject(x)) return false;
    for (const k of needed) if (!Object.hasOwn(x, k)) return false;
    for (const k in x) {
      const check = Object.hasOwn(required, k)
        ? required[k]
        : Object.hasOwn(optional, k)
          ? optional[k]
          : undefined;
      if (!check?.(x[k])) return false;
    }
    return true;
  };
};
const flowState = shape(
  { flow: str(64), version: int, step: str(64), answers: record(64, str(4096)) },
  { again: bool },
);
export const isExactState = shape(
  { v: (x) => x === 1, lang: oneOf(LANGS), langChosen: bool, nonce: count },
  {
    rev: count,
    active: flowState,
    paused: flowState,
    alerted: bool,
    askedDanger: bool,
    langReturn: bool,
    adPrefill: record(64, str(64)),
    adFlags: list(str(64), 64),
    adSoftened: list(str(64), 64),
    last: shape(
      { level: oneOf(RISK_LEVELS), flags: list(str(64), 64), at: num },
      { situation: oneOf(SITUATIONS), unknowns: list(str(64), 64) },
    ),
    country: str(24),
    ticket: shape({ id: str(32), mode: oneOf(['call', 'write']), relay: bool }, { told: bool }),
    marks: list((m) => Array.isArray(m) && m.length === 2 && int(m[0]) && num(m[1]), 4),
  },
);

/** A stored state, checked (quickly when it is exactly as tekser writes it), or null. */
export function decodeState(raw: string | null): PersonState | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (isExactState(value)) return value as PersonState;
    const parsed = PersonStateSchema.safeParse(value);
    return parsed.success ? (parsed.data as PersonState) : null;
  } catch {
    return null;
  }
}

export function encodeState(state: PersonState): string {
  return JSON.stringify(state);
}
