import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCEPTS, parseDangerLexicon } from '../../src/domain/danger/index.js';
import { DANGER_LEXICON, loadDangerLexicon } from '../../src/infra/content.js';

const FILE = 'flows/lexicon/danger.yaml';
const source = readFileSync(DANGER_LEXICON, 'utf8');

/** The repository's words of danger with one edit: every problem parseDangerLexicon finds, a line each. */
function problemsAfter(from: string, to: string): string[] {
  expect(source, `the file has no "${from}"`).toContain(from);
  try {
    parseDangerLexicon(source.replace(from, to), FILE);
    return [];
  } catch (err) {
    return (err as Error).message.split('\n');
  }
}

/** `line:column` (1-based) of `needle` in the edited text, counted here, apart from the YAML library. */
function position(from: string, to: string, needle: string): string {
  const text = source.replace(from, to);
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${(before.at(-1) as string).length + 1}`;
}

describe('the words of danger as data (flows/lexicon/danger.yaml)', () => {
  it('load with no problem: every concept the relations read has an entry, in the order of the file', () => {
    const lexicon = loadDangerLexicon();
    expect(new Set(lexicon.entries.map((e) => e.concept))).toEqual(new Set(CONCEPTS));
    expect(lexicon.entries[0]).toMatchObject({ concept: 'doc' });
    expect(lexicon.negators.has('не')).toBe(true);
  });

  it('name the line, the entry, the field and the value of an unknown concept', () => {
    const [from, to] = ['  - concept: phone\n', '  - concept: phnoe\n'];
    expect(problemsAfter(from, to)).toEqual([
      `${FILE}:${position(from, to, 'phnoe')}: entry 2 (phnoe), concept: "phnoe" is no concept (they are listed in src/domain/danger/lexicon.ts)`,
    ]);
  });

  it('refuse an unknown field, an option that is no true or false, and a word that is no text', () => {
    expect(problemsAfter('    stems: [телефон,', '    stem: [телефон,')).toEqual([
      expect.stringMatching(/^flows\/lexicon\/danger.yaml:\d+:5: entry 2 \(phone\): unknown field "stem"/),
    ]);
    expect(
      problemsAfter(
        '    stems: [бер, қайтар]\n    kkVerb: true',
        '    stems: [бер, қайтар]\n    kkVerb: yes',
      ),
    ).toEqual([expect.stringMatching(/entry \d+ \(give\), kkVerb: is true or false$/)]);
    expect(problemsAfter('"take away", "take our"', '2015, "take our"')).toEqual([
      expect.stringMatching(/entry \d+ \(take\), stems: 2015 is no text/),
    ]);
  });

  it('refuse options that would do nothing: for stems only, both negations, kkVerb on several words', () => {
    expect(problemsAfter('    words: [get, got]\n', '    words: [get, got]\n    kkVerb: true\n')).toEqual([
      expect.stringMatching(
        /entry \d+ \(get\), kkVerb: is for stems only: put the words in an entry of their own$/,
      ),
    ]);
    expect(
      problemsAfter('    words: [cant, cannot, couldnt, unable]\n', '    words: [cant]\n    next: [to]\n'),
    ).toEqual([expect.stringMatching(/entry \d+ \(can\), next: is for stems only/)]);
    expect(
      problemsAfter(
        '    stems: [бер, қайтар]\n    kkVerb: true',
        '    stems: [бер, қайтар]\n    kkVerb: true\n    negative: true',
      ),
    ).toEqual([
      expect.stringMatching(
        /entry \d+ \(give\), negative: and kkVerb both say how the word is negated: keep one$/,
      ),
    ]);
    expect(problemsAfter('    stems: [бер, қайтар]', '    stems: [бер, "қайтар ып"]')).toEqual([
      expect.stringMatching(
        /entry \d+ \(give\), stems: "қайтар ып" is several words, and kkVerb reads the ending of one$/,
      ),
    ]);
  });

  it('refuse a stem or word written twice in one concept, in one entry or two, but not with other options', () => {
    expect(problemsAfter('[телефон, смартфон,', '[телефон, смартфон, Телефон,')).toEqual([
      expect.stringMatching(
        /entry 2 \(phone\), stems: "Телефон" is in this entry already: it would only be read twice$/,
      ),
    ]);
    expect(problemsAfter('words: [сатты, satty, satti]', 'words: [сатты, satty, satti, selling]')).toEqual([
      expect.stringMatching(/entry \d+ \(sell\), words: "selling" is in entry \d+ already/),
    ]);
    // The same root as a plain stem and as a Kazakh verb are two readings.
    expect(problemsAfter('    stems: [бер, қайтар]', '    stems: [бер, қайтар, отда]')).toEqual([]);
    // The same word in two concepts is two concepts.
    expect(problemsAfter('    stems: [бер, қайтар]', '    stems: [бер, қайтар, төле]')).toEqual([]);
  });

  it('refuse words that could never match as written: spaces, capitals, nothing', () => {
    expect(problemsAfter('words: [get, got]', 'words: [get, Got, "got it"]')).toEqual([
      expect.stringMatching(/words: "Got" has capital letters/),
      expect.stringMatching(/words: "got it" is more than one word/),
    ]);
    expect(problemsAfter('"take away", "take our"', '"take  away", "", "take our "')).toEqual([
      expect.stringMatching(/stems: "take {2}away" has a space at an end, two in a row or a line break/),
      expect.stringMatching(/stems: "" is empty$/),
      expect.stringMatching(/stems: "take our " has a space at an end/),
    ]);
    // "=" makes a word of a stem whole; it stands before a word, nowhere else.
    expect(problemsAfter('"take away", "take our"', '"take =away", "take aw=ay", "take ="')).toEqual([
      expect.stringMatching(/stems: "take aw=ay" has an "=" inside a word or alone/),
      expect.stringMatching(/stems: "take =" has an "=" inside a word or alone/),
    ]);
    // A word is whole already, and a neighbour is read by its beginning: "=" would never match there.
    expect(problemsAfter('words: [get, got]', 'words: [get, "=got"]')).toEqual([
      expect.stringMatching(/words: "=got" has an "=": a word is whole already/),
    ]);
    expect(problemsAfter('next: [қой, кет, ал, таста, қал]', 'next: [қой, "=кет", ал, таста, қал]')).toEqual([
      expect.stringMatching(
        /next.*"=кет" has an "=": the word before or after is looked at by its beginning/,
      ),
    ]);
  });

  it('refuse a concept left without words: the relations that need it would never hold', () => {
    const problems = problemsAfter(
      '  - concept: lost\n    stems: [потерял, потеряла, lost, жоғалт, утерял]\n',
      '',
    );
    expect(problems).toEqual([expect.stringMatching(/entries: no entry says concept "lost"/)]);
  });

  it('stop the start-up with every problem when the file is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tekser-danger-'));
    try {
      const path = join(dir, 'danger.yaml');
      writeFileSync(path, source.replace('words: [get, got]', 'words: [get, got'));
      expect(() => loadDangerLexicon(path)).toThrow(/^flows\/lexicon\/danger.yaml:\d+:\d+: not valid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
