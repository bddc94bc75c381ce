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

export function decodeState(raw: string | null): PersonState | null {
  if (raw === null) return null;
  try {
    const parsed = PersonStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as PersonState) : null;
  } catch {
    return null;
  }
}

export function encodeState(state: PersonState): string {
  return JSON.stringify(state);
}
