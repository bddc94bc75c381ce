import { describe, expect, it } from 'vitest';
import { anyPhraseWithin } from '../../src/domain/ads/matcher.js';
import { clauseStart, refusedBefore } from '../../src/domain/ads/negation.js';
import { wordKeys } from '../../src/domain/ads/phrase-index.js';
import { readings } from '../../src/domain/ads/readings.js';
import type { Token } from '../../src/domain/ads/tokens.js';
import { loadLexicon } from '../../src/infra/content.js';
import { corpusAds } from '../helpers/ad-text.js';

const lexicon = loadLexicon();
const refusals = lexicon.negation.clause;

/** A deterministic shuffle (a fixed multiplier, not a random one): the same order on every run. */
const shuffled = (n: number) =>
  Array.from({ length: n }, (_, k) => k).sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101));

/**
 * negation.ts reads a clause's refusals once and remembers, per reading's words, how far it read and the earliest
 * end of a refusal there: asked in any order, it must answer as looking at the clause again each time did.
 */
describe('what negation remembers of a clause', () => {
  const texts = [
    ...corpusAds.slice(0, 80),
    // One long clause, a refusal in the middle of it and words it lists on both sides.
    `Работа ${'девушки 18-25 '.repeat(20)}мы никогда не берём предоплату и взносы ${'паспорт хранится '.repeat(20)}`,
  ];

  it('knows where each word’s clause starts, as walking back through it does', () => {
    for (const text of texts) {
      const { tokens } = readings(text).base;
      tokens.forEach((t: Token, k: number) => {
        let start = k;
        while (start > 0 && (tokens[start - 1] as Token).clause === t.clause) start--;
        expect(clauseStart(tokens, k)).toBe(start);
      });
    }
  });

  it('finds a refusal before a word as looking through the clause each time does, asked in any order', () => {
    let refused = 0;
    for (const text of texts) {
      const { tokens } = readings(text).base;
      const keys = tokens.map((t) => wordKeys(t.word));
      for (const order of [shuffled(tokens.length), [...tokens.keys()].reverse()]) {
        // One array for every question of this order: what is remembered from one question serves the next.
        const words = tokens.slice();
        for (const from of order) {
          const start = clauseStart(words, from);
          const expected = anyPhraseWithin(refusals, words, start, from, keys);
          expect(refusedBefore(refusals, words, start, from, keys)).toBe(expected);
          if (expected) refused++;
          // As a list's tail asks: the clause before this word's, up to this word (refusedInList).
          if (from > 0 && clauseStart(words, from - 1) !== start) {
            const before = clauseStart(words, from - 1);
            expect(refusedBefore(refusals, words, before, from, keys)).toBe(
              anyPhraseWithin(refusals, words, before, from, keys),
            );
          }
        }
      }
    }
    // The comparison means something only if refusals are found.
    expect(refused).toBeGreaterThan(20);
  });

  it('answers for the keys it is asked with: the same words with other keys are read again', () => {
    const text = 'Мы никогда не берём предоплату и взносы за оформление';
    const { tokens } = readings(text).base;
    const keys = tokens.map((t) => wordKeys(t.word));
    const none = tokens.map(() => [] as number[]);
    const last = tokens.length - 1;
    // With no keys no refusal can start; with the words' own keys one does.
    expect(refusedBefore(refusals, tokens, 0, last, none)).toBe(
      anyPhraseWithin(refusals, tokens, 0, last, none),
    );
    expect(refusedBefore(refusals, tokens, 0, last, keys)).toBe(true);
    expect(anyPhraseWithin(refusals, tokens, 0, last, keys)).toBe(true);
  });
});
