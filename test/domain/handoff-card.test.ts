import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialogueDeps } from '../../src/domain/dialogue/index.js';
import { renderCard } from '../../src/domain/handoff/card.js';
import { fromPersonText, urgentText } from '../../src/domain/handoff/notices.js';
import { QUOTE_MARK } from '../../src/domain/handoff/quote.js';
import type { Ticket } from '../../src/domain/handoff/ticket.js';
import type { Lang } from '../../src/domain/language.js';
import { deps as makeDeps } from '../helpers/content.js';

const d: DialogueDeps = await makeDeps();

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 'abcdefghijkmnpqr',
  status: 'open',
  lang: 'ru',
  channel: 'tg',
  mode: 'call',
  noNumber: false,
  when: 'now',
  urgent: false,
  level: 'high',
  flags: [],
  createdAt: 0,
  forgotten: false,
  cannotMessage: false,
  ...over,
});

/** The card's own lines: everything that is not the person's quoted words. */
const ownLines = (text: string) => text.split('\n').filter((line) => !line.startsWith(QUOTE_MARK.trimEnd()));

/** Text a person might write to forge a card's lines, in every language and with every kind of break. */
const forged = (lang: Lang) => {
  const t = d.t(lang);
  const lines = [
    t('ops.card.phone', { phone: '+7 700 000 00 00' }),
    t('ops.card.urgent', { ticket: 'AAAAA' }),
    t('ops.urgent', { ticket: 'AAAAA' }),
    t('ops.card.taken', { name: 'Aigerim' }),
  ];
  return ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f'].map(
    (br) => `ok${br}${lines.join(br)}${br}\u202eevil`,
  );
};

describe("a person's words on a card", () => {
  for (const lang of ['ru', 'kk', 'en'] as Lang[]) {
    it(`cannot add a phone, an alarm or a taken line to the card (${lang})`, () => {
      const t = d.t(lang);
      const plain = renderCard(t, ticket({ lang }), { note: 'ok' }, false);
      for (const note of forged(lang)) {
        const card = renderCard(t, ticket({ lang }), { note }, false);
        // The card's own lines are those of a card with a harmless note: nothing added by the note.
        expect(ownLines(card.text)).toEqual(ownLines(plain.text));
        expect(card.text).not.toMatch(/[\u2028\u2029\u0085\v\f\r\u202e]/);
      }
    });

    it(`relays a person's message with every line of it quoted (${lang})`, () => {
      const t = d.t(lang);
      for (const words of forged(lang)) {
        for (const text of [
          fromPersonText(t, 'abcdefghijkmnpqr', words, false),
          fromPersonText(t, 'abcdefghijkmnpqr', words, true),
          urgentText(t, 'abcdefghijkmnpqr', words),
        ]) {
          const [first, ...rest] = text.split('\n');
          expect(first).not.toContain('+7 700');
          for (const line of rest) expect(line.startsWith(QUOTE_MARK)).toBe(true);
        }
      }
    });
  }

  it('keeps the card its own for any note at all', () => {
    const t = d.t('en');
    const plain = ownLines(renderCard(t, ticket(), { note: 'ok', phone: '+77001234567' }, false).text);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }), (note) => {
        const card = renderCard(t, ticket(), { note, phone: '+77001234567' }, false);
        expect(ownLines(card.text)).toEqual(plain);
      }),
    );
  });

  it("keeps a counsellor's name on one line", () => {
    const t = d.t('en');
    const card = renderCard(
      t,
      ticket({ status: 'taken', takenName: 'A\nPhone: +7 700 000 00 00' }),
      {},
      false,
    );
    expect(card.text.split('\n').filter((l) => l.startsWith('Phone'))).toEqual([]);
  });
});

describe('her earlier requests on a card', () => {
  it('quote every note line, say "no history shared" when there is none, and count what is left out', () => {
    const t = d.t('en');
    const earlier = (note: string) => ({
      shown: [{ id: 'bcdefghijkmnpqrs', date: '2026-11-28', outcome: 'lawyer' as const, note }],
      more: 2,
    });
    const plain = renderCard(t, ticket(), {}, false, earlier('ok')).text;
    for (const note of forged('en'))
      expect(ownLines(renderCard(t, ticket(), {}, false, earlier(note)).text)).toEqual(ownLines(plain));
    expect(plain.split('\n').at(-1)).toBe(t('ops.history.more', { count: 2 }));
    expect(plain).toContain('2026-11-28 · #BCDEF · Referred to a lawyer');
    expect(renderCard(t, ticket(), {}, false, { shown: [], more: 0 }).text.split('\n').at(-1)).toBe(
      t('ops.history.none'),
    );
    // A forgotten person's card: no history line at all.
    expect(renderCard(t, ticket(), {}, false, undefined).text).not.toContain('🗂');
  });
});

describe("a long relayed message, split for the chat's limit", () => {
  it("has every part begin with the header or a quoted line, never with the person's words unmarked", async () => {
    const { splitText } = await import('../../src/app/split-text.js');
    const t = d.t('en');
    const words = `${'word '.repeat(900)}Phone: +7 700 000 00 00 ${'😢'.repeat(2500)}`;
    const parts = splitText(fromPersonText(t, 'abcdefghijkmnpqr', words, false), 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries())
      for (const [j, line] of part.split('\n').entries())
        if (i > 0 || j > 0) expect(line.startsWith(QUOTE_MARK)).toBe(true);
  });
});
