import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../scripts/ad-corpus.js';
import {
  findLiterals,
  leadingLiterals,
  literalScan,
  matchAllAt,
  requiredLiterals,
  requiredUsed,
  startsUsed,
} from '../../src/domain/ads/regex-starts.js';
import { loadLexicon } from '../../src/infra/content.js';

const lexicon = loadLexicon();
const lexiconPatterns = [...lexicon.cues.values()].flatMap((c) => c.regexes);
/** Patterns at the edges of what the reader follows, compiled as the lexicon compiles its own. */
const edgePatterns = [
  '(?<![\\p{L}])(?:оформлени|документ|анкет)\\p{L}*\\s*(?:[—–:=-])\\s*\\d+',
  '(?:до|не старше|max\\.?)\\s?\\d{2}',
  '(?:за день|за ночь)\\D{0,12}\\d{2,3}',
  '\\bwork(?:er|ing)?\\b|\\bjob',
  '(?=[а-я])(?:тоо|ооо)\\s*«[^»]{2,20}»',
  '(?:\\$|€|£)\\s?\\d',
  '[«“"][^»”"\\n]{2,60}[»”"]',
  'ab+c|aab',
  'до(?:ход)?',
  '(?:в|во)\\s\\p{L}+',
  '(?:abx|ab)(?:c|xc)',
  'аа(?:а|б)|ааа',
  '\\+\\d{1,3}',
  // Strings that begin inside each other's places: a place that fails is followed by the next unit.
  '(?:ab|ba)c',
  '(?:аб|ба)(?:в|б)',
  '(?<!\\d)(?:1[6-9]|2\\d)\\s?лет',
  // The analyzer's quotation marks (analyze.ts).
  '«[^»]*»|“[^”]*”|"[^"\\n]*"|„[^“”]*[“”]|(?<!\\p{L})\'[^\'\\n]{8,}\'(?!\\p{L})',
  // Matched everywhere, with empty matches: the search steps over a whole surrogate pair.
  '\\p{L}*',
  '(?:ab)?',
].map((s) => new RegExp(s, 'gu'));

const corpus = readCorpus(join(import.meta.dirname, '..', 'fixtures', 'ads')).map((a) =>
  a.text.toLowerCase(),
);
/** Pieces that begin, end or nearly make matches. */
const PIECES = [
  ...'0123456789 .,:-—–=$€£+«»“”"\n'.split(''),
  'оформление',
  'документов',
  'анкета',
  'регистрация — 500 $',
  'до 25 лет',
  'не старше 30',
  'max. 28',
  'за день 25 000 тг',
  'тоо «ромашка»',
  'ооо',
  '«тоо»',
  "'quoted here'",
  "x'not quoted'y",
  '„да“',
  'worker',
  'job',
  'aab',
  'abc',
  'abxc',
  'abbbc',
  'abac',
  'абав',
  'аааб',
  'доход',
  'во дубай',
  '+7 701',
  '€ 900',
  '18-25 лет',
  '💲',
  '\ud83d',
];
const text = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...corpus),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES)), { maxLength: 10 }),
    )
    .map(([t, edits]) => {
      let out = t;
      for (const [at, insert] of edits) {
        const i = at % (out.length + 1);
        out = out.slice(0, i) + insert + out.slice(i);
      }
      return out;
    }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')),
);
const found = (ms: RegExpExecArray[]) => ms.map((m) => [m.index, ...m]);
const everywhere = (re: RegExp, t: string) => {
  re.lastIndex = 0;
  return [...t.matchAll(re)];
};

describe('regular expressions tried only where they can begin', () => {
  it('reads what a pattern begins with, and declines what it cannot be sure of', () => {
    expect(leadingLiterals('(?<![\\p{L}])(?:оформлени|регистраци)\\p{L}*')?.sort()).toEqual([
      'оформлени',
      'регистраци',
    ]);
    expect(leadingLiterals('(?:до|не старше|max\\.?)\\s?\\d')?.sort()).toEqual(['max', 'до', 'не старше']);
    expect(leadingLiterals('\\$|usd')?.sort()).toEqual(['$', 'usd']);
    expect(leadingLiterals('[«“"][^»]')?.sort()).toEqual(['"', '«', '“']);
    expect(leadingLiterals('сеть|сеті|сет')).toEqual(['сет']);
    expect(leadingLiterals('abc?d')).toEqual(['ab']);
    expect(leadingLiterals('a+b')).toEqual(undefined);
    expect(leadingLiterals('(?:ab)+c')).toEqual(['ab']);
    for (const declined of [
      'a?b',
      '(?:ab)?c',
      '(?:ab)*c',
      '(?:ab){0,2}c',
      '(?:ab|)c',
      '\\d+',
      '\\p{L}+',
      '[^a]b',
      '(?<name>ab)',
      '.a',
      'x|\\s',
      '',
    ]) {
      expect(leadingLiterals(declined), declined).toBeUndefined();
    }
  });

  it('reads the strings every match contains, and declines what it cannot be sure of', () => {
    expect(requiredLiterals('\\d+\\s?(?:лет|года|жас\\p{L}*)')?.sort()).toEqual(['года', 'жас', 'лет']);
    expect(requiredLiterals('(?:тоо|ооо)\\s*[«“"][^»”"\\n]{2,60}[»”"]')?.sort()).toEqual(['ооо', 'тоо']);
    expect(requiredLiterals('[a-z]+@[a-z]+')).toEqual(['@']);
    expect(requiredLiterals('x(?:ab)?y')).toEqual(['x']);
    for (const declined of [
      '(?:ab)?',
      '(?:ab)*c?',
      '[ab]{0,2}',
      'ab|cd',
      '(x)\\1',
      '(?<n>x)',
      '\\d+\\s',
      '(?=abc)\\w',
    ]) {
      expect(requiredLiterals(declined), declined).toBeUndefined();
    }
    // A text without them is not scanned, and has no match.
    expect(requiredUsed(/\d+\s?(?:лет|года)/gu)?.test('25 лет')).toBe(true);
    expect(requiredUsed(/\d+\s?(?:л|г)/gu)).toBeUndefined();
  });

  it('looks for the strings of the patterns worth it', () => {
    expect(startsUsed(edgePatterns[0] as RegExp)?.sort()).toEqual(['анкет', 'документ', 'оформлени']);
    // A pattern that may begin with any digit is matched everywhere.
    expect(startsUsed(edgePatterns.find((re) => re.source.startsWith('(?<!\\d)')) as RegExp)).toBeUndefined();
    expect(startsUsed(edgePatterns.find((re) => re.source.startsWith('«')) as RegExp)?.length).toBe(5);
    expect(edgePatterns.filter((re) => startsUsed(re)).length).toBeGreaterThanOrEqual(10);
    expect(lexiconPatterns.filter((re) => startsUsed(re)).length).toBeGreaterThanOrEqual(5);
    // Classes of the `v` flag are not read: such a pattern is matched everywhere, and finds all.
    // biome-ignore lint/complexity/useRegexLiterals: a literal with the v flag needs a later target than this project's
    const nested = new RegExp('[[«]»]да', 'gv');
    expect(startsUsed(nested)).toBeUndefined();
    expect(found(matchAllAt(nested, 'x»да «да'))).toEqual(found(everywhere(nested, 'x»да «да')));
  });

  it('finds exactly what matchAll finds, for every pattern of the lexicon and the edge cases', () => {
    fc.assert(
      fc.property(fc.constantFrom(...lexiconPatterns, ...edgePatterns), text, (re, t) => {
        expect(found(matchAllAt(re, t))).toEqual(found(everywhere(re, t)));
      }),
      { numRuns: 5000 },
    );
  });

  it('on every corpus ad, for every pattern', () => {
    for (const t of corpus) {
      for (const re of [...lexiconPatterns, ...edgePatterns]) {
        expect(found(matchAllAt(re, t))).toEqual(found(everywhere(re, t)));
      }
    }
  });

  // All the patterns' strings looked for in one scan (as find-cues.ts does), then each pattern tried from
  // what it found: still exactly what matchAll finds.
  const all = [...lexiconPatterns, ...edgePatterns];
  const scan = literalScan(all);

  it('reads the strings of nearly every pattern in one scan, and leaves flags and ignored case to their own', () => {
    expect(scan.patterns.size).toBeGreaterThanOrEqual(all.length - 12);
    // A pattern that ignores case needs its strings in every case: it keeps its own scans. A flag (two
    // surrogates) gives no string to look for: that pattern is matched everywhere, as before.
    const flag = /🇹🇷 ?x/gu;
    const ignoring = /kz|тоо/giu;
    const own = literalScan([flag, ignoring, /(?:тоо|ооо)\s/gu]);
    expect(own.strings.sort()).toEqual(['ооо', 'тоо']);
    expect(own.patterns.has(ignoring)).toBe(false);
    // A sticky pattern is tried at one place already: left to its own search, and no error.
    const sticky = /(?:тоо|ооо)\s/uy;
    expect(literalScan([sticky]).patterns.has(sticky)).toBe(false);
    expect(startsUsed(sticky)).toBeUndefined();
    expect(found(matchAllAt(flag, 'a🇹🇷x', findLiterals(own, 'a🇹🇷x')))).toEqual(
      found(everywhere(flag, 'a🇹🇷x')),
    );
    // Every place a string begins, the longest string found there standing for the strings it begins with.
    const f = findLiterals(literalScan([/абв/gu, /аб/gu, /бв/gu]), 'xабвабв');
    expect(f.at).toEqual([1, 1, 2, 4, 4, 5]);
  });

  it('finds from one scan of all the strings exactly what matchAll finds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), text, (re, t) => {
        expect(found(matchAllAt(re, t, findLiterals(scan, t)))).toEqual(found(everywhere(re, t)));
      }),
      { numRuns: 5000 },
    );
    for (const t of corpus) {
      const literals = findLiterals(scan, t);
      for (const re of all) expect(found(matchAllAt(re, t, literals))).toEqual(found(everywhere(re, t)));
    }
  });
});
