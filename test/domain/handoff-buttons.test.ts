import { describe, expect, it } from 'vitest';
import { type CardButton, decodeCardButton, encodeCardButton } from '../../src/domain/handoff/buttons.js';
import { CASE_OUTCOMES } from '../../src/domain/handoff/ticket.js';

const ID = 'abcdefghijkmnpqr';

describe("the operators' button codec", () => {
  it('keeps the wire form that cards already posted carry', () => {
    expect(encodeCardButton({ type: 'take', ticket: ID })).toBe(`tk:${ID}`);
    expect(encodeCardButton({ type: 'resolve', ticket: ID })).toBe(`rs:${ID}`);
    expect(encodeCardButton({ type: 'outcome', ticket: ID, outcome: 'lawyer' })).toBe(`ro:${ID}:lawyer`);
    expect(encodeCardButton({ type: 'skip_note', ticket: ID })).toBe(`rn:${ID}`);
  });

  it('reads back every button it writes, within 64 bytes', () => {
    const buttons: CardButton[] = [
      { type: 'take', ticket: ID },
      { type: 'resolve', ticket: ID },
      { type: 'skip_note', ticket: ID },
      ...CASE_OUTCOMES.map((outcome) => ({ type: 'outcome' as const, ticket: ID, outcome })),
    ];
    for (const button of buttons) {
      const data = encodeCardButton(button);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeCardButton(data)).toEqual(button);
    }
  });

  it('reads an unknown outcome as none, and data of another kind as no button', () => {
    expect(decodeCardButton(`ro:${ID}:bribed`)).toEqual({ type: 'outcome', ticket: ID, outcome: undefined });
    expect(decodeCardButton('L:ru')).toBeUndefined();
    expect(decodeCardButton('tk')).toBeUndefined();
  });
});

describe("the wizard's and Reassign's buttons", () => {
  it('read back what they write, within 64 bytes, and refuse what they cannot read', () => {
    const buttons: CardButton[] = [
      { type: 'release', ticket: ID },
      { type: 'referral', ticket: ID, referral: 'legal-aid' },
      { type: 'referral', ticket: ID, referral: 'none' },
      { type: 'follow_up', ticket: ID, days: 7 },
      { type: 'follow_up', ticket: ID, days: 0 },
      { type: 'reassign', ticket: ID },
      { type: 'reassign_to', ticket: ID, to: 9_007_199_254_740 },
      { type: 'canned', ticket: ID },
      { type: 'canned_send', ticket: ID, reply: 'a'.repeat(20) },
    ];
    for (const button of buttons) {
      const data = encodeCardButton(button);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeCardButton(data)).toEqual(button);
    }
    expect(decodeCardButton(`rr:${ID}:Bad Name`)).toEqual({
      type: 'referral',
      ticket: ID,
      referral: undefined,
    });
    expect(decodeCardButton(`rf:${ID}:-1`)).toEqual({ type: 'follow_up', ticket: ID, days: undefined });
    expect(decodeCardButton(`rf:${ID}:9999`)).toEqual({ type: 'follow_up', ticket: ID, days: undefined });
    expect(decodeCardButton(`rg:${ID}:x`)).toEqual({ type: 'reassign_to', ticket: ID, to: undefined });
    expect(decodeCardButton(`rg:${ID}:0`)).toEqual({ type: 'reassign_to', ticket: ID, to: undefined });
    expect(decodeCardButton(`cs:${ID}:Bad!`)).toEqual({ type: 'canned_send', ticket: ID, reply: undefined });
  });
});
