import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../scripts/ad-corpus.js';
import {
  beginsWithStem,
  findPhrases,
  type Phrase,
  type PhraseIndex,
  phraseAt,
  phrasesBeginningWith,
  phrasesBeginningWithParted,
  type Token,
  tokenize,
  wordKeys,
} from '../../src/domain/ads/matcher.js';
import { normalize } from '../../src/domain/ads/normalize.js';
import { loadLexicon } from '../../src/infra/content.js';

/*
 * A phrase's parts carry the words their alternatives can begin with, so that a word none can begin is
 * passed over at once. Matching with that quick test must find exactly what trying every alternative finds.
 */
const lexicon = loadLexicon();
const phrases = [...lexicon.cues.values()].flatMap((c) => c.phrases);
const withoutQuickTest = new Map<Phrase, Phrase>(
  phrases.map((p) => [p, { cue: p.cue, gap: p.gap, parts: p.parts }]),
);

/**
 * Where each phrase ends, tried at each token, with the quick test asked of the words, of their keys
 * (as the analyzer asks it), and without it (one expect each: it is slow).
 */
function expectSameMatches(tokens: Token[]) {
  const quick: number[] = [];
  const byKeys: number[] = [];
  const every: number[] = [];
  const keys = tokens.map((t) => wordKeys(t.word));
  for (let i = 0; i < tokens.length; i++) {
    for (const p of phrases) {
      quick.push(phraseAt(p, tokens, i));
      byKeys.push(phraseAt(p, tokens, i, keys));
      every.push(phraseAt(withoutQuickTest.get(p) as Phrase, tokens, i));
    }
  }
  expect(quick).toEqual(every);
  expect(byKeys).toEqual(every);
}

const corpus = readCorpus(join(import.meta.dirname, '..', 'fixtures', 'ads')).map((a) => a.text);
/** The lexicon's own words (stems written out, with endings), so that phrases nearly match. */
const lexiconWords = [
  ...new Set(
    phrases.flatMap((p) =>
      p.parts.flatMap((alts) =>
        alts.flatMap((run) => run.map((w) => (w.kind === 'stem' ? `${w.text}ы` : w.text))),
      ),
    ),
  ),
].filter((w) => w.length > 0);

describe('the quick test of a phrase part', () => {
  it('is present on every compiled phrase', () => {
    for (const p of phrases) expect(p.firsts?.length).toBe(p.parts.length);
  });
  // Compares every phrase the slow way on every word of 160 ads: about 20 s on a busy machine.
  it('changes no match on the corpus', { timeout: 90_000 }, () => {
    for (const text of corpus) expectSameMatches(tokenize(normalize(text)));
  });
  it('changes no match on runs of the lexicon words, numbers and punctuation', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.constantFrom(...lexiconWords), fc.constantFrom('1500', '.', ',', '!', 'и', 'the')),
          {
            maxLength: 30,
          },
        ),
        (words) => expectSameMatches(tokenize(normalize(words.join(' ')))),
      ),
      { numRuns: 300 },
    );
  });

  // With the tokens' keys, a phrase with a part none of the tokens can begin is not tried at all.
  it('lists the phrases a word can start as a look at every list of the index would, in its order', () => {
    // Every list the index has, in its order: the words' first letters, numbers, then everywhere.
    const reference = (index: PhraseIndex, word: string, number: boolean) => {
      const out: Phrase[] = [];
      const lists = [
        word.length >= 3 ? index.byPrefix3.get(word.slice(0, 3)) : undefined,
        index.byPrefix.get(word.slice(0, 2)),
        number ? index.numbers : undefined,
        index.everywhere,
      ];
      for (const list of lists)
        for (const p of list ?? [])
          if (
            !out.includes(p) &&
            (p.parts[0] ?? []).some((run) => {
              const w = run[0];
              if (!w) return false;
              if (w.kind === 'exact') return word === w.text;
              if (w.kind === 'stem') return beginsWithStem(word, w.text);
              return w.kind === 'number' ? number : true;
            })
          )
            out.push(p);
      return out;
    };
    const words = new Set([...lexiconWords, 'в', 'с', 'a', 'у', 'на', 'и', '1500', '25']);
    for (const text of corpus) for (const t of tokenize(normalize(text))) words.add(t.word);
    expect(words.size).toBeGreaterThan(1000);
    for (const word of words) {
      const number = /^\d+$/.test(word);
      expect(phrasesBeginningWith(lexicon.index, word, number), word).toEqual(
        reference(lexicon.index, word, number),
      );
    }
  });

  it("finds every phrase with the tokens' keys as it finds them without", () => {
    const same = (tokens: Token[]) => {
      const parted = tokens.map((t) => phrasesBeginningWithParted(lexicon.index, t.word, t.number));
      const facts = {
        starts: parted.map((p) => p.selective),
        slots: parted.map((p) => p.slots),
        keys: tokens.map((t) => wordKeys(t.word)),
      };
      expect(findPhrases(lexicon.index, tokens, facts)).toEqual(findPhrases(lexicon.index, tokens));
    };
    for (const text of corpus) same(tokenize(normalize(text)));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...lexiconWords), fc.constantFrom('1500', '.', ',', 'в', 'the')), {
          maxLength: 30,
        }),
        (words) => same(tokenize(normalize(words.join(' ')))),
      ),
      { numRuns: 1000 },
    );
  });
});
