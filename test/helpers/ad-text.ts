import { join } from 'node:path';
import fc from 'fast-check';
import { readCorpus } from '../../scripts/ad-corpus.js';

/** The texts of the labelled corpus ads (`test/fixtures/ads/`). */
export const corpusAds: string[] = readCorpus(join(import.meta.dirname, '..', 'fixtures', 'ads')).map(
  (a) => a.text,
);

/**
 * A corpus ad with up to `max` of these pieces (disguises, look-alike letters, emoji, odd code units)
 * put in anywhere: where a rewritten part of the analyzer must read exactly as the old one did.
 */
export function corpusAdWith(pieces: readonly string[], max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...corpusAds),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...pieces)), { maxLength: max }),
    )
    .map(([text, edits]) => {
      let out = text;
      for (const [at, insert] of edits) {
        const i = at % (out.length + 1);
        out = out.slice(0, i) + insert + out.slice(i);
      }
      return out;
    });
}

/** Any text: Unicode strings, lone code units, and runs of these pieces. */
export function anyAdText(pieces: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join('')),
  );
}
