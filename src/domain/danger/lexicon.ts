import { type Document, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { z } from 'zod';

/**
 * The words of danger (flows/lexicon/danger.yaml, data the NGO edits): the concepts that words of danger
 * are made of, each with how people say it in Russian, Kazakh (with and without its own letters: stems are
 * folded, see fold.ts), English and Latin transliteration. A stem matches the beginning of a word, so
 * endings and Kazakh suffixes vary freely; `words` match whole words only (short function words). Nothing
 * there is a phrase: danger is a relation between concepts in one clause, in any order (read.ts), and an
 * entry must say how people name a concept in general, never how one example put it.
 *
 * Here: the concepts' names (the relations are code, so the names are too), what an entry may say, and
 * the file read and checked, every problem with its line, entry and field (at start-up and by flows:check).
 */

/** The concepts the relations of read.ts are made of; each has at least one entry in the file. */
export const CONCEPTS = [
  // things
  'doc',
  'phone',
  'money',
  'door',
  'room',
  'holder',
  'client',
  'police',
  'photo',
  'family',
  'ticket',
  'home',
  'report',
  // acts and states
  'take',
  'keep',
  'give',
  'get',
  'pay',
  'letGo',
  'let',
  'leave',
  'can',
  'forbid',
  'call',
  'lock',
  'close',
  'hit',
  'rape',
  'threaten',
  'kill',
  'arrest',
  'send',
  'force',
  'must',
  'debt',
  'owe',
  'workOff',
  'say',
  'sell',
  'sold',
  'otherwise',
  'watch',
  'listen',
  'harm',
  'watched',
  'cantTalk',
  'guard',
  'fear',
  'slave',
  'absent',
  'secret',
  'unknownPlace',
  'carried',
  'noDayOff',
  'unpaid',
  'cry',
  'urgent',
  'service',
  // the frame of what is said
  'me',
  'meObj',
  'you',
  'aux',
  'at',
  'neg',
  'if',
  'normative',
  'demand',
  'ahead',
  'departure',
  'here',
  'extort',
  'prospect',
  'notYet',
  'distance',
  'joke',
  'years',
  'ago',
  'lost',
  'escape',
  'find',
  'feed',
  'rescue',
  'sex',
  'themObj',
  'parentSubj',
  'safeNow',
  'rationed',
  'worse',
] as const;
export type Concept = (typeof CONCEPTS)[number];

export interface Entry {
  concept: Concept;
  /** Word beginnings, in any script; folded before use. */
  stems?: readonly string[];
  /** Whole words, lower case, as typed (not folded: "и" is not "I"). */
  words?: readonly string[];
  /**
   * Kazakh verb roots: a negative form is the root with -ма/-ме/-ба/-бе/-па/-пе ("бермейді", "шығармайды"),
   * so the word carries its own negation.
   */
  kkVerb?: boolean;
  /** The word says its own negation ("can't", "алмаймын"). */
  negative?: boolean;
  /** The next word must begin with one of these (Kazakh compound verbs: "алып қойды", "сатып жіберді"). */
  next?: readonly string[];
  /**
   * Not after a word beginning with one of these: Kazakh "оқып шығу" (to read through), "толтырып шығу"
   * (to fill in) end an action, they are no going out.
   */
  notAfter?: readonly string[];
}

/** Words in a row, one space between them. */
const Stem = z
  .string({ error: 'is no text (a number or true and false are written in quotes)' })
  .min(1, 'is empty')
  .refine(
    (s) => s === s.trim() && !/\s\s|[^\S ]/.test(s),
    'has a space at an end, two in a row or a line break: words in a row have one space between them',
  )
  .refine(
    (s) => s.split(' ').every((w) => !w.includes('=') || /^=[^=]+$/.test(w)),
    'has an "=" inside a word or alone: "=" before a word of a stem makes it a whole word ("қазір =үйде")',
  );
/** One word, as it is typed. */
const Word = z
  .string({ error: 'is no text (a number or true and false are written in quotes)' })
  .min(1, 'is empty')
  .refine((s) => !/\s/.test(s), 'is more than one word: a word is matched whole (words in a row are a stem)')
  .refine((s) => s === s.toLowerCase(), 'has capital letters: words are compared in lower case')
  .refine((s) => !s.includes('='), 'has an "=": a word is whole already ("=" makes a word of a stem whole)');
/** The beginning of the one word before or after. */
const Neighbour = z
  .string({ error: 'is no text (a number or true and false are written in quotes)' })
  .min(1, 'is empty')
  .refine((s) => !/\s/.test(s), 'is more than one word: only the one word before or after is looked at')
  .refine((s) => !s.includes('='), 'has an "=": the word before or after is looked at by its beginning');
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'is empty: leave it out').optional();

const FIELDS = ['concept', 'stems', 'words', 'kkVerb', 'negative', 'next', 'notAfter'];
const EntrySchema = z.strictObject(
  {
    concept: z.enum(CONCEPTS, {
      error: (issue) =>
        issue.input === undefined
          ? 'is missing'
          : `${JSON.stringify(issue.input)} is no concept (they are listed in src/domain/danger/lexicon.ts)`,
    }),
    stems: list(Stem),
    words: list(Word),
    kkVerb: z.boolean({ error: 'is true or false' }).optional(),
    negative: z.boolean({ error: 'is true or false' }).optional(),
    next: list(Neighbour),
    notAfter: list(Neighbour),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')} (an entry has ${FIELDS.join(', ')})`
        : issue.code === 'invalid_type'
          ? `is no entry (an entry has ${FIELDS.join(', ')})`
          : undefined,
  },
);
const FileSchema = z.strictObject({
  version: z.literal(1, { error: 'is 1' }),
  entries: z.array(EntrySchema, { error: 'is a list of entries' }).min(1, 'is empty'),
});

type Path = readonly PropertyKey[];
interface Problem {
  path: Path;
  problem: string;
}

/** What the schema cannot say of the entries: options that do nothing, words twice, a concept without words. */
function entryProblems(entries: readonly Entry[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const at = (...rest: PropertyKey[]): Path => ['entries', i, ...rest];
    if (!e.stems && !e.words) problems.push({ path: at(), problem: 'has no stems and no words' });
    for (const option of ['kkVerb', 'next', 'notAfter'] as const) {
      if (!e[option] || (e.stems && !e.words)) continue;
      problems.push({
        path: at(option),
        problem: 'is for stems only: put the words in an entry of their own',
      });
    }
    if (e.kkVerb && e.negative)
      problems.push({
        path: at('negative'),
        problem: 'and kkVerb both say how the word is negated: keep one',
      });
    e.stems?.forEach((stem, k) => {
      if (e.kkVerb && stem.includes(' '))
        problems.push({
          path: at('stems', k),
          problem: 'is several words, and kkVerb reads the ending of one',
        });
    });
    const options = JSON.stringify([!!e.kkVerb, !!e.negative, e.next ?? [], e.notAfter ?? []]);
    for (const field of ['stems', 'words'] as const) {
      e[field]?.forEach((text, k) => {
        // Stems are compared in lower case, words as typed.
        const key = [e.concept, field, field === 'stems' ? text.toLowerCase() : text, options].join('\u0000');
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else {
          const where = first === i ? 'in this entry' : `in entry ${first + 1}`;
          problems.push({ path: at(field, k), problem: `is ${where} already: it would only be read twice` });
        }
      });
    }
  });
  const named = new Set(entries.map((e) => e.concept));
  for (const concept of CONCEPTS) {
    if (!named.has(concept))
      problems.push({
        path: ['entries'],
        problem: `no entry says concept "${concept}": the relations that need it (read.ts) would never hold`,
      });
  }
  return problems;
}

/** Where a problem is, as an editor finds it: the line and column, the entry, its field and value. */
function describe(doc: Document, lines: LineCounter, file: string, { path, problem }: Problem): string {
  let offset = 0;
  // The deepest node of the path that exists: a missing field is shown at its entry.
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] };
    if (node?.range) {
      offset = node.range[0];
      break;
    }
  }
  const { line, col } = lines.linePos(offset);
  const at = `${file}:${line}:${col}`;
  const [top, i, field, k] = path;
  if (top !== 'entries' || typeof i !== 'number')
    return `${at}: ${path.map(String).join('.') || 'the file'}: ${problem}`;
  const entry = doc.getIn(['entries', i]) as YAMLMap | undefined;
  const concept = entry?.get?.('concept');
  const named = typeof concept === 'string' ? ` (${concept})` : '';
  const inField = field === undefined ? '' : `, ${String(field)}`;
  const value = typeof k === 'number' ? ` ${JSON.stringify(doc.getIn(path as unknown[]))}` : '';
  return `${at}: entry ${i + 1}${named}${inField}:${value} ${problem}`;
}

/**
 * Reads and checks the text of flows/lexicon/danger.yaml: its entries, in their order, or an error with
 * every problem, a line each: `file:line:column: entry N (concept), field: "value" problem`.
 */
export function parseDangerEntries(text: string, file: string): Entry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const at = (offset: number) => {
      const { line, col } = lines.linePos(offset);
      return `${file}:${line}:${col}`;
    };
    throw new Error(
      doc.errors.map((e) => `${at(e.pos[0])}: not valid YAML: ${e.message.split('\n')[0]}`).join('\n'),
    );
  }
  const parsed = FileSchema.safeParse(doc.toJS());
  const problems = parsed.success
    ? entryProblems(parsed.data.entries)
    : parsed.error.issues.map((issue) => ({ path: issue.path, problem: issue.message }));
  if (problems.length > 0) throw new Error(problems.map((p) => describe(doc, lines, file, p)).join('\n'));
  return (parsed.data as z.infer<typeof FileSchema>).entries;
}
