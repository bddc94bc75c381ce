import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonState } from '../../src/domain/dialogue/index.js';
import { decodeState, encodeState, isExactState, PersonStateSchema } from '../../src/store/store.js';

/** What zod alone makes of a stored value: the reference the fast path must agree with. */
function byZod(raw: string): PersonState | null {
  try {
    const parsed = PersonStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as PersonState) : null;
  } catch {
    return null;
  }
}

/** The same as `toStrictEqual`, and also own keys it passes over (`__proto__`), in any order. */
function same(a: unknown, b: unknown): void {
  const canonical = (x: unknown): unknown =>
    x && typeof x === 'object'
      ? Array.isArray(x)
        ? x.map(canonical)
        : Object.keys(x)
            .sort()
            .map((k) => [k, canonical((x as Record<string, unknown>)[k])])
      : x;
  expect(a).toStrictEqual(b);
  expect(JSON.stringify(canonical(a))).toBe(JSON.stringify(canonical(b)));
}

/**
 * Stored states: with `damaged`, now and then a value of the wrong type or past a limit, a key missing
 * or one too many; without, only what the schema allows (limits reached, not passed).
 */
function states(damaged: boolean) {
  const other = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string({ maxLength: 3 }),
    fc.constant([]),
  );
  const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    damaged ? fc.oneof({ weight: 20, arbitrary: a }, { weight: 1, arbitrary: other }) : a;
  const either = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
    maybe(damaged ? fc.oneof({ weight: 10, arbitrary: good }, { weight: 1, arbitrary: bad }) : good);
  const text = (max: number) =>
    either(
      fc.oneof({ weight: 10, arbitrary: fc.string({ maxLength: 6 }) }, fc.constant('x'.repeat(max))),
      fc.constantFrom('x'.repeat(max + 1), '__proto__'),
    );
  const int = (min: number) =>
    either(fc.integer({ min, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(min - 1, 0.5, 2 ** 53, 1e300));
  const num = either(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant('1'));
  const bool = maybe(fc.boolean());
  const among = (allowed: string[], wrong: string) => either(fc.constantFrom(...allowed), fc.constant(wrong));
  const list = (item: fc.Arbitrary<unknown>, max: number) =>
    either(
      fc.oneof(
        { weight: 4, arbitrary: fc.array(item, { maxLength: 4 }) },
        fc.array(item, { minLength: max, maxLength: max }),
      ),
      fc.array(item, { minLength: max + 1, maxLength: max + 1 }),
    );
  const dict = (key: number, value: fc.Arbitrary<unknown>) =>
    maybe(
      fc
        .array(fc.tuple(text(key), value), { maxLength: 4 })
        .map((entries) =>
          Object.fromEntries(entries.filter(([k]) => typeof k === 'string') as [string, unknown][]),
        ),
    );
  const obj = (
    required: Record<string, fc.Arbitrary<unknown>>,
    optional: Record<string, fc.Arbitrary<unknown>>,
  ) =>
    maybe(
      fc
        .tuple(
          fc.record(required),
          fc.record(optional, { requiredKeys: [] }),
          damaged ? fc.option(fc.constantFrom(...Object.keys(required)), { freq: 20 }) : fc.constant(null),
          damaged ? fc.option(other, { freq: 20 }) : fc.constant(null),
        )
        .map(([r, o, drop, extra]) => {
          const out: Record<string, unknown> = { ...r, ...o };
          if (drop) delete out[drop];
          if (extra !== null) out.extra = extra;
          return out;
        }),
    );
  const flowState = obj(
    { flow: text(64), version: int(-5), step: text(64), answers: dict(64, text(4096)) },
    { again: bool },
  );
  return obj(
    {
      v: either(fc.constant(1), fc.constant(2)),
      lang: among(['ru', 'kk', 'en'], 'de'),
      langChosen: bool,
      nonce: int(0),
    },
    {
      rev: int(0),
      active: flowState,
      paused: flowState,
      alerted: bool,
      askedDanger: bool,
      langReturn: bool,
      adPrefill: dict(64, text(64)),
      adFlags: list(text(64), 64),
      last: obj(
        { level: among(['low', 'medium', 'high', 'critical'], 'none'), flags: list(text(64), 64), at: num },
        { situation: among(['considering', 'there', 'in_danger'], 'gone'), unknowns: list(text(64), 64) },
      ),
      country: text(24),
      ticket: obj({ id: text(32), mode: among(['call', 'write'], 'fax'), relay: bool }, { told: bool }),
      marks: list(either(fc.tuple(int(-5), num), fc.tuple(int(0), num, num)), 4),
    },
  );
}

/**
 * One thing wrong in a valid state, at the `where`-th value of it: a string one character longer (past a
 * limit it was at, or out of its list), a number made fractional, negative or too large, an array one item
 * longer, an object with a key dropped, one too many, or an own `__proto__` (a string), or a value of another type.
 */
function damage(value: unknown, where: number, how: number): unknown {
  const root = { value };
  const spots: [Record<string, unknown>, string][] = [];
  const walk = (parent: Record<string, unknown>, key: string) => {
    spots.push([parent, key]);
    const v = parent[key];
    if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v as Record<string, unknown>, k);
  };
  walk(root, 'value');
  const [parent, key] = spots[where % spots.length] as [Record<string, unknown>, string];
  const v = parent[key];
  const kind = how % 4;
  if (kind === 3) parent[key] = [null, true, '1', [], {}][how % 5];
  else if (typeof v === 'string') parent[key] = `${v}x`;
  else if (typeof v === 'number') parent[key] = [v + 0.5, -1 - Math.abs(v), 2 ** 53][kind];
  else if (Array.isArray(v)) v.push(kind === 0 ? v[0] : null);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (kind === 0 && keys.length > 0) delete o[keys[how % keys.length] as string];
    else if (kind === 1) o.extra = true;
    else
      Object.defineProperty(o, '__proto__', {
        value: {},
        enumerable: true,
        configurable: true,
        writable: true,
      });
  } else parent[key] = 'x';
  return root.value;
}

describe('decoding a stored state', () => {
  it('keeps every state the schema allows, as zod gives it', () => {
    fc.assert(
      fc.property(states(false), (value) => {
        const raw = JSON.stringify(value);
        const zod = byZod(raw);
        expect(zod).not.toBeNull();
        // Taken by the fast path, and the same as zod's.
        expect(isExactState(JSON.parse(raw))).toBe(true);
        same(decodeState(raw), zod);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives what zod gives for a state with one thing wrong: a key dropped, or the state refused', () => {
    let refused = 0;
    let dropped = 0;
    fc.assert(
      fc.property(states(false), fc.nat(), fc.nat(), (value, where, how) => {
        const raw = JSON.stringify(damage(value, where, how));
        const zod = byZod(raw);
        if (!zod) refused++;
        else if (JSON.stringify(zod) !== raw) dropped++;
        same(decodeState(raw), zod);
      }),
      { numRuns: 4000 },
    );
    expect(refused).toBeGreaterThan(500);
    expect(dropped).toBeGreaterThan(100);
  });

  it('gives what zod gives for states with several things wrong', () => {
    fc.assert(
      fc.property(states(true), (value) => {
        const raw = JSON.stringify(value);
        same(decodeState(raw), byZod(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a state as tekser writes it, and drops what is not JSON', () => {
    const kept: PersonState = {
      v: 1,
      lang: 'kk',
      langChosen: true,
      nonce: 3,
      rev: 7,
      active: { flow: 'offer-check', version: 2, step: 'visa', answers: { situation: 'considering' } },
      last: { level: 'high', flags: ['no_contract'], at: 1_700_000_000_000, situation: 'there' },
      marks: [[12, 1_700_000_000_000]],
    };
    expect(decodeState(encodeState(kept))).toStrictEqual(kept);
    // A key named __proto__ in a record: zod leaves it out, and so must the fast path.
    const odd = '{"v":1,"lang":"ru","langChosen":false,"nonce":0,"adPrefill":{"__proto__":"x","visa":"no"}}';
    same(decodeState(odd), byZod(odd));
    expect(decodeState('{"v":1,')).toBeNull();
    expect(decodeState(null)).toBeNull();
  });
});
