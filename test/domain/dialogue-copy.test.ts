import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyState } from '../../src/domain/dialogue/engine.js';

/** Every object and array of a value, to see that a copy shares none of them with its original. */
function containers(value: unknown, out = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null) {
    out.add(value);
    for (const v of Object.values(value)) containers(v, out);
  }
  return out;
}

describe('copyState', () => {
  it('copies a stored state as structuredClone does, sharing nothing with it', () => {
    // JSON values (what a state is: it is stored as JSON), with keys left undefined as a turn may leave them.
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(-0))),
    );
    fc.assert(
      fc.property(value, (v) => {
        const copy = copyState(v);
        expect(copy).toStrictEqual(structuredClone(v));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(v));
        if (typeof v === 'object' && v !== null) expect(Object.keys(copy as object)).toEqual(Object.keys(v));
        const mine = containers(copy);
        for (const c of containers(v)) expect(mine.has(c)).toBe(false);
      }),
      { numRuns: 2000 },
    );
    const odd = JSON.parse('{"__proto__": {"a": [1]}, "b": null}');
    expect(copyState(odd)).toStrictEqual(structuredClone(odd));
    expect(Object.keys(copyState(odd))).toEqual(['__proto__', 'b']);
  });
});
