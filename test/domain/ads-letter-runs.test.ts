import { describe, expect, it } from 'vitest';
import { analyzeAd } from '../../src/domain/ads/analyze.js';
import { boundLetterRuns, MAX_LETTER_RUN } from '../../src/domain/ads/letter-runs.js';
import { loadLexicon } from '../../src/infra/content.js';

const lexicon = loadLexicon();
const flagsOf = (text: string) => analyzeAd(lexicon, text).flags.map((f) => f.id);

describe('runs of letters in the lexicon’s patterns are bounded', () => {
  it('rewrites \\p{L}* and \\p{L}+, lazy or not, and nothing else', () => {
    expect(boundLetterRuns('кафе\\p{L}*\\s')).toBe(`кафе\\p{L}{0,${MAX_LETTER_RUN}}\\s`);
    expect(boundLetterRuns('(?:\\p{L}+\\s+){0,2}')).toBe(`(?:\\p{L}{1,${MAX_LETTER_RUN}}\\s+){0,2}`);
    expect(boundLetterRuns('a\\p{L}*?b', 5)).toBe('a\\p{L}{0,5}?b');
    expect(boundLetterRuns('a\\p{L}+', 5)).toBe('a\\p{L}{1,5}');
    // A letter with no quantifier, or a bounded one, a class, another property, an escaped backslash: as written.
    for (const same of [
      '(?<!\\p{L})жұмыс',
      '\\p{L}{2,}',
      '[\\p{L}\\d]*',
      '[^\\p{L}\\d\\n]*x',
      '\\p{Lu}*',
      '\\\\p{L}*',
      '[\\]\\p{L}]+',
    ])
      expect(boundLetterRuns(same, 5)).toBe(same);
  });

  it('every pattern the lexicon compiles is bounded', () => {
    const patterns = [...lexicon.cues.values()].flatMap((c) => c.regexes);
    expect(patterns.filter((re) => re.source.includes('\\p{L}{0,')).length).toBeGreaterThan(30);
    for (const re of patterns) expect(boundLetterRuns(re.source)).toBe(re.source);
  });

  it('reads a stem up to the bound from the end of its run of letters, and no further', () => {
    const re = lexicon.cues.get('restaurant_named')?.regexes[0] as RegExp;
    const named = (letters: number) => `хостес в кафе${'а'.repeat(letters)} «Луна»`;
    expect(named(MAX_LETTER_RUN).match(re)).not.toBeNull();
    expect(named(MAX_LETTER_RUN + 1).match(re)).toBeNull();
  });

  it('still reads a hashtag of a sentence run together', () => {
    expect(flagsOf('#работадлядевушекзарубежомвысокаязарплата16-25 пишите в директ')).toContain(
      'minor_targeted',
    );
  });
});
