import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../scripts/ad-corpus.js';
import { beginsAtSurrogate, type Firsts, readFirsts } from '../../src/domain/ads/regex-firsts.js';
import { findLiterals, literalScan, matchAllAt } from '../../src/domain/ads/regex-starts.js';
import { loadLexicon } from '../../src/infra/content.js';

/**
 * The first sets of patterns without leading strings (regex-firsts.ts), and `matchAllAt` trying such a
 * pattern only where its first set and its leading lookbehind allow (regex-starts.ts): exactly the
 * matches of `text.matchAll(re)`, for the lexicon's patterns and for patterns at the edges of what the
 * reader follows.
 */

const lexicon = loadLexicon();
const lexiconPatterns = [...lexicon.cues.values()].flatMap((c) => c.regexes);

/** The characters of a first set (the BMP ones a table marks 1), as a string, for a short look. */
const beginsWith = (f: Firsts | undefined, chars: string) =>
  [...chars].filter((c) => f?.first[c.charCodeAt(0)] === 1).join('');
const refusesAfter = (f: Firsts | undefined, chars: string) =>
  [...chars].filter((c) => f?.after?.[c.charCodeAt(0)] === 1).join('');
const SAMPLE = 'aZжЖ1 .,-\n@+«😀';

/** Patterns the reader follows, each with a leading lookbehind, so that a scan tries them by their places. */
const edgePatterns = [
  '(?<!\\p{L})\\p{L}+\\s(?:көшесі|даңғылы)',
  '(?<![\\p{L}])(?:тоо|ао|sdn\\.?\\s?bhd|s\\.?r\\.?o)(?!\\p{L})',
  '(?<![\\d.,])(?:1[6-9]|2\\d)\\s?(?:-|до)\\s?(?:2[0-5])',
  // A match may begin with the optional number, or with the word after it.
  '(?<!\\p{L})(?:\\d+\\s)?[a-z]+@',
  // One that may begin with any character but a letter, a digit or a line break, or with a pair.
  '(?<![\\d])[^\\p{L}\\d\\n]+x',
  // Characters beyond the BMP: letters that are pairs ("𝐀"), and flags.
  '(?<!\\p{L})\\p{L}{2}',
  '(?<!\\d)(?:🇰🇿|🇹🇷)\\s?\\d',
  // The `s` flag: a dot that matches a line break.
  '(?<!a).b',
  // A required string a match may begin with: the last place of one is still tried.
  '(?<!\\d)(?:ab|cd)?(?:\\$|€)\\d',
  // A lookbehind whose class has lone surrogates but not the pair they make ("😀x" is a match).
  '(?<![^\\p{L}\\p{So}])x',
].map((s) => new RegExp(s, s.startsWith('(?<!a).') ? 'gsu' : 'gu'));

const corpus = readCorpus(join(import.meta.dirname, '..', 'fixtures', 'ads')).map((a) => a.text);
const PIECES = [
  ...' .,-\n@+«»1256789azAZжЖ',
  'көшесі',
  'даңғылы',
  'абай',
  'тоо',
  'ао',
  'sdn bhd',
  's.r.o',
  '18-25',
  '16 до 20',
  '1.18-25',
  'mail@',
  '12 ab@',
  '𝐀',
  '𝐀𝐁',
  '😀',
  '🇰🇿',
  '🇹🇷 5',
  '\ud83d',
  '\ude00',
  '\udbff\udc00',
  'x',
  '\nb',
  '$5',
  'ab€',
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')),
  fc
    .tuple(
      fc.constantFrom(...corpus),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES)), { maxLength: 10 }),
      fc.boolean(),
    )
    .map(([t, edits, upper]) => {
      let out = upper ? t.toUpperCase() : t.toLowerCase();
      for (const [at, insert] of edits) {
        const i = at % (out.length + 1);
        out = out.slice(0, i) + insert + out.slice(i);
      }
      return out;
    }),
);
const found = (ms: RegExpExecArray[]) => ms.map((m) => [m.index, ...m]);
const everywhere = (re: RegExp, t: string) => {
  re.lastIndex = 0;
  return [...t.matchAll(re)];
};

describe('the characters a match can begin with', () => {
  it('reads the first character, and the next while those before may match nothing', () => {
    const word = readFirsts(/(?<!\p{L})\p{L}+\s/gu);
    expect(beginsWith(word, SAMPLE)).toBe('aZжЖ');
    expect(refusesAfter(word, SAMPLE)).toBe('aZжЖ');
    // An optional part: what follows it may begin the match too.
    const optional = readFirsts(/(?<!\p{L})(?:\d+\s)?[a-z]+@/gu);
    expect(beginsWith(optional, SAMPLE)).toBe('a1');
    expect(beginsWith(readFirsts(/(?:ab){0}c/u), 'abc')).toBe('ac');
    expect(beginsWith(readFirsts(/(?:x|)?(?:y)*z/u), 'xyzw')).toBe('xyz');
    // Assertions are passed over, and stand for no character.
    expect(beginsWith(readFirsts(/^\b(?=\d)(?<=\s|^)[a.]/u), SAMPLE)).toBe('a.');
    // Escapes, classes, and the dot with and without the `s` flag.
    expect(beginsWith(readFirsts(/[\d.,–-]\u0430\x41/u), `${SAMPLE}а–`)).toBe('1.,-–');
    expect(beginsWith(readFirsts(/\u0430|\u{436}|\cJ|\+/u), SAMPLE)).toBe('ж\n+');
    expect(beginsWith(readFirsts(/.x/u), 'a\n')).toBe('a');
    expect(beginsWith(readFirsts(/.x/su), 'a\n')).toBe('a\n');
    expect(beginsWith(readFirsts(/(?<name>q)|[^\p{L}\d\n]/u), SAMPLE)).toBe(' .,-@+«');
  });

  it('reads what a leading lookbehind of one character refuses before a match, and nothing else', () => {
    expect(refusesAfter(readFirsts(/(?<![\d.,])(?<!ab)1/gu), SAMPLE)).toBe('1.,');
    expect(refusesAfter(readFirsts(/\b(?<!\d)(?=x)(?<![@])x/gu), SAMPLE)).toBe('1@');
    // Not at the top of every alternative, or of more than one character: it refuses no place.
    expect(readFirsts(/(?<!\d)1|2/gu)?.after).toBeUndefined();
    expect(readFirsts(/(?<!\d\d)1/gu)?.after).toBeUndefined();
    expect(readFirsts(/(?<!\d|x)1/gu)?.after).toBeUndefined();
    expect(readFirsts(/x?(?<!\d)1/gu)?.after).toBeUndefined();
    // A surrogate before a place is never taken for the character before it.
    const word = readFirsts(/(?<!\p{L})\p{L}/u);
    expect([0xd835, 0xdc00].map((u) => word?.after?.[u])).toEqual([0, 0]);
  });

  it('declines what it cannot be sure of', () => {
    for (const re of [
      /a*/gu, // may match nothing
      /(?:a|)/gu,
      /(?<!x)(a)?\1b/gu, // a backreference where the first character may still be
      /тоо/giu, // ignored case
      /(?<!x)a/g, // not Unicode
      /(?<!x)a/uy, // sticky
      // A pair written as two escapes is one character, here an optional one: the match may begin with x.
      /\uD83D\uDE00?x/u,
      /\u{D83D}x/u,
    ])
      expect(readFirsts(re), re.source).toBeUndefined();
    // biome-ignore lint/complexity/useRegexLiterals: a literal with the v flag needs a later target than this project's
    expect(readFirsts(new RegExp('[[a]--[b]]x', 'gv'))).toBeUndefined();
  });

  it('looks at a surrogate: a pair by its character, never its second half, a lone one by the table', () => {
    const word = readFirsts(/(?<!\p{L})\p{L}/gu) as Firsts;
    // "𝐀" (a letter, U+1D400) and "😀" (no letter).
    expect(beginsAtSurrogate(word, 'x𝐀', 1)).toBe(true);
    expect(beginsAtSurrogate(word, 'x𝐀', 2)).toBe(false);
    expect(beginsAtSurrogate(word, '😀', 0)).toBe(false);
    expect(beginsAtSurrogate(word, '\ud835', 0)).toBe(false);
    const notLetter = readFirsts(/(?<!\d)[^\p{L}]/gu) as Firsts;
    expect(beginsAtSurrogate(notLetter, '😀', 0)).toBe(true);
    expect(beginsAtSurrogate(notLetter, '😀', 1)).toBe(false);
    expect(beginsAtSurrogate(notLetter, 'a\ude00', 1)).toBe(true);
    expect(beginsAtSurrogate(notLetter, '\ud83da', 0)).toBe(true);
    const flag = readFirsts(/(?<!\d)🇰🇿/gu) as Firsts;
    expect(beginsAtSurrogate(flag, '🇰🇿', 0)).toBe(true);
    expect(beginsAtSurrogate(flag, '🇹🇷', 0)).toBe(false);
  });
});

describe('patterns tried where their first set allows', () => {
  const all = [...lexiconPatterns, ...edgePatterns];
  const scan = literalScan(all);

  it('tries the lexicon patterns that begin with a lookbehind, with no leading strings, by their first sets', () => {
    const byFirsts = all.filter((re) => scan.patterns.get(re)?.firsts !== undefined);
    for (const re of edgePatterns) expect(byFirsts, re.source).toContain(re);
    expect(byFirsts.length - edgePatterns.length).toBeGreaterThanOrEqual(15);
    const legalForm = lexiconPatterns.find((re) => re.source.includes('sdn'));
    expect(legalForm && scan.patterns.get(legalForm)?.firsts).toBeDefined();
    // One set for two patterns that begin alike, however they write it.
    const twins = literalScan([/(?<!\p{L})\p{L}+x/gu, /(?<![\p{L}])\p{L}{2,}y/gu]);
    expect(twins.firsts.sets.length).toBe(1);
  });

  it('finds what matchAll finds, at the edges', () => {
    const cases: [RegExp, string][] = [
      [edgePatterns[3] as RegExp, 'x 12 ab@ 12ab@ a1 b@'],
      [edgePatterns[5] as RegExp, '𝐀𝐁 x𝐀𝐁 ab 😀ab \ud835ab'],
      [edgePatterns[6] as RegExp, '1🇰🇿 5 🇰🇿5 🇹🇷 7'],
      [edgePatterns[7] as RegExp, 'a\nb \nb x.b'],
      [edgePatterns[8] as RegExp, 'ab$1 €2 1$3 $4'],
      [edgePatterns[9] as RegExp, '😀x ax \ude00x .x'],
      // The places of the required word's last place and after are not tried.
      [edgePatterns[0] as RegExp, 'абай көшесі, абай даңғылы, абай көшесі абай'],
    ];
    // After spaces, which no set begins with: places few enough to be tried one by one.
    for (const [re, t] of cases.map(([re, t]): [RegExp, string] => [re, `${' '.repeat(120)}${t}`])) {
      const got = found(matchAllAt(re, t, findLiterals(scan, t)));
      expect(got, re.source).toEqual(found(everywhere(re, t)));
      expect(got.length, re.source).toBeGreaterThan(0);
    }
  });

  it('finds what matchAll finds where places are dense (matched everywhere then)', () => {
    for (const t of ['1 '.repeat(5000), '18-25 '.repeat(2000), 'ао '.repeat(3000), 'a b '.repeat(3000)])
      for (const re of all)
        expect(found(matchAllAt(re, t, findLiterals(scan, t)))).toEqual(found(everywhere(re, t)));
  });

  it('finds what matchAll finds, for every pattern, on any text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), text, (re, t) => {
        expect(found(matchAllAt(re, t, findLiterals(scan, t)))).toEqual(found(everywhere(re, t)));
      }),
      { numRuns: 5000 },
    );
  });

  it('on every corpus ad, as written and in upper case, for every pattern', () => {
    for (const t of corpus.flatMap((a) => [a, a.toLowerCase(), a.toUpperCase()])) {
      const literals = findLiterals(scan, t);
      for (const re of all) expect(found(matchAllAt(re, t, literals))).toEqual(found(everywhere(re, t)));
    }
  });
});
