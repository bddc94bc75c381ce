/**
 * Reading a lexicon's regular expression (`re:`) for the characters a match can begin with (its first
 * set), and for the characters after which no match can begin (a leading `(?<!\p{L})`): regex-starts.ts
 * tries a pattern with no leading strings only where both allow it.
 *
 * Both are tables over UTF-16 units, asked of the engine itself: the classes and escapes the pattern may
 * begin with are compiled on their own and run over every unit (`unitsOf`), so that what `\p{L}`,
 * `[^»”"\n]` or `.` match is never written down a second time here; a character beyond the BMP is asked
 * when a text has one (`beginsAtSurrogate`). Reading them never changes a match: a table may say yes
 * where a match cannot begin (a lookahead at the beginning is passed over), never no where one can. A
 * pattern this reader does not follow (a backreference where the match may still begin, ignored case,
 * the `v` flag, a beginning that may be empty) has no first set, and is matched everywhere, as before.
 */

import { BoundedMap } from '../memo.js';
import { classEnd } from './regex-literals.js';

/** Per UTF-16 unit, a mark: 0 for none. */
export type UnitTable = Uint8Array;

/** Where a pattern's match can begin, as read from its source. */
export interface Firsts {
  /**
   * Per unit: 0 when no match begins with it; 1 when a match may (a character of the first set); for a
   * surrogate, `SURROGATE` when its place must be looked at (`beginsAtSurrogate`), with 1 added when
   * the surrogate standing alone (no pair) is a character of the first set.
   */
  first: UnitTable;
  /**
   * 1 for a unit after which no match can begin: a character (not a surrogate) that a leading negative
   * lookbehind of one character refuses. Undefined when the pattern has none.
   */
  after: UnitTable | undefined;
  /** The characters of the first set, as one sticky pattern, asked of a character beyond the BMP. */
  astral: RegExp | undefined;
  /** The same for two patterns whose tables are the same: the characters and classes they were read from. */
  key: string;
}

/** The mark of a surrogate in `Firsts.first`: a place that only `beginsAtSurrogate` can tell. */
export const SURROGATE = 2;

/** What a part of a pattern may begin with, whether it may match nothing, and where it ends. */
interface Read {
  /** The sources of the characters and classes it may begin with ("\p{L}", "[a-z]", "т"). */
  atoms: Set<string>;
  /** Whether it may match the empty string (then what follows it may begin the match too). */
  nullable: boolean;
  next: number;
}

/** A part of a pattern read as an element: what it begins with, and its own shape. */
interface Element extends Read {
  /** The source of the one character or class it is, when it is one (for a lookbehind's content). */
  atom?: string;
  /** An assertion (`^`, `$`, `\b`, a lookaround): it matches no character. */
  assertion?: boolean;
  /** A lookaround: which kind. */
  lookaround?: '=' | '!' | '<=' | '<!';
  /** The source between the lookaround's brackets. */
  inner?: string;
  /** A backreference: what it begins with is not known. */
  unknown?: boolean;
}

/**
 * What a match of the pattern can begin with, or undefined when this reader cannot tell. Only
 * Unicode patterns (`u`), neither sticky, nor ignoring case, nor with the `v` flag's classes, are read.
 */
export function readFirsts(re: RegExp): Firsts | undefined {
  if (!re.unicode || /[iyv]/.test(re.flags)) return undefined;
  const source = re.source;
  // One alternative at the top (the lexicon's usual), read once; else all of them.
  const single = readSequence(source, 0);
  const read = single?.next === source.length ? single : readAlternatives(source, 0);
  if (!read || read.next !== source.length || read.nullable || read.atoms.size === 0) return undefined;
  const atoms = [...read.atoms].sort();
  // `.` matches a line break only with the `s` flag: each character and class is compiled with it.
  const flags = re.dotAll ? 'us' : 'u';
  const refused = read === single ? leadingRefusals(source).sort() : [];
  const begins = beginnings(atoms, flags);
  const after = refused.length > 0 ? refusals(refused, flags) : undefined;
  if (!begins || (refused.length > 0 && !after)) return undefined;
  const key = `${flags}\u0001${atoms.join('\u0000')}\u0001${refused.join('\u0000')}`;
  return { first: begins.first, after, astral: begins.astral, key };
}

/**
 * The most tables of 64 K units each of the maps below keeps: a lexicon's patterns need a few dozen, and lexicons
 * read one after another (tests, an edited lexicon) cannot grow them without end (see domain/memo.ts).
 */
const TABLES_KEPT = 64;

/** Per flags and first set: its table (`Firsts.first`) and the pattern asked of a pair, read once. */
const firstTables = new BoundedMap<string, { first: UnitTable; astral: RegExp | undefined } | undefined>(
  TABLES_KEPT,
);

/**
 * The table of a first set (`Firsts.first`): the units its characters and classes match on their own,
 * with every surrogate that needs a closer look marked `SURROGATE`: a lone one the set has, and every
 * lead surrogate when the set may have a character beyond the BMP.
 */
function beginnings(
  atoms: string[],
  flags: string,
): { first: UnitTable; astral: RegExp | undefined } | undefined {
  const key = `${flags}\u0001${atoms.join('\u0000')}`;
  if (firstTables.has(key)) return firstTables.get(key);
  const matched = tableOf(atoms, flags);
  let read: { first: UnitTable; astral: RegExp | undefined } | undefined;
  if (matched) {
    const first = matched.slice();
    const astral = atoms.some(mayLeaveTheBmp) ? new RegExp(`(?:${atoms.join('|')})`, `${flags}y`) : undefined;
    for (let u = 0xd800; u <= 0xdfff; u++) {
      const lead = u <= 0xdbff;
      if (first[u] === 1 || (lead && astral)) first[u] = (first[u] as number) + SURROGATE;
    }
    read = { first, astral };
  }
  firstTables.set(key, read);
  return read;
}

/** Per flags and lookbehinds' characters: their table (`Firsts.after`), read once. */
const refusalTables = new BoundedMap<string, UnitTable | undefined>(TABLES_KEPT);

/**
 * The table of what leading lookbehinds refuse (`Firsts.after`): the units their characters and
 * classes match, but the surrogates. Only a character that is no surrogate is certainly the code point
 * before a place: a trail surrogate may end a pair, and what stands before a pair is read whole.
 */
function refusals(atoms: string[], flags: string): UnitTable | undefined {
  const key = `${flags}\u0001${atoms.join('\u0000')}`;
  if (refusalTables.has(key)) return refusalTables.get(key);
  const after = tableOf(atoms, flags)?.slice();
  after?.fill(0, 0xd800, 0xe000);
  refusalTables.set(key, after);
  return after;
}

/** Per first set, whether a character beyond the BMP is in it, asked once per character. */
const astralAnswers = new WeakMap<RegExp, BoundedMap<number, boolean>>();

/**
 * Whether a match may begin at `p`, where `text` has a surrogate marked `SURROGATE` in `firsts.first`:
 * never between the two halves of a pair (a Unicode pattern reads a pair as one character, and a search
 * never begins inside one); at a pair, when its character is in the first set; at a surrogate standing
 * alone, when the table says so.
 */
export function beginsAtSurrogate(firsts: Firsts, text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  const alone = ((firsts.first[c] as number) & 1) === 1;
  if (c >= 0xdc00) return isLead(text.charCodeAt(p - 1)) ? false : alone;
  const next = text.charCodeAt(p + 1);
  if (!isTrail(next)) return alone;
  const { astral } = firsts;
  if (!astral) return false;
  const cp = (c - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
  let answers = astralAnswers.get(astral);
  if (!answers) {
    answers = new BoundedMap(1000);
    astralAnswers.set(astral, answers);
  }
  let known = answers.get(cp);
  if (known === undefined) {
    astral.lastIndex = 0;
    known = astral.test(String.fromCodePoint(cp));
    answers.set(cp, known);
  }
  return known;
}

const isLead = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isTrail = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/**
 * The characters the leading negative lookbehinds of one character each refuse before a match
 * ("(?<!\p{L})", "(?<![\d.,])"), read only when the pattern has no `|` at the top, so that they stand
 * before every match. Other assertions at the beginning are passed over: they refuse more places, never
 * fewer.
 */
function leadingRefusals(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    const element = readElement(source, i);
    if (!element?.assertion) break;
    if (element.lookaround === '<!' && element.inner !== undefined) {
      const inner = readElement(element.inner, 0);
      if (inner?.atom !== undefined && inner.next === element.inner.length) out.push(inner.atom);
    }
    i = element.next;
  }
  return out;
}

/** The alternatives from `i` to the `)` that closes them (or the end): what any of them begins with. */
function readAlternatives(source: string, i: number): Read | undefined {
  const atoms = new Set<string>();
  let nullable = false;
  let at = i;
  for (;;) {
    const sequence = readSequence(source, at);
    if (!sequence) return undefined;
    for (const a of sequence.atoms) atoms.add(a);
    nullable ||= sequence.nullable;
    at = sequence.next;
    if (source[at] !== '|') return { atoms, nullable, next: at };
    at++;
  }
}

/**
 * One alternative from `i` to the next `|` or `)` at its depth: what its first element begins with, and
 * the next one's too while those before it may match nothing.
 */
function readSequence(source: string, i: number): Read | undefined {
  const atoms = new Set<string>();
  let open = true;
  let at = i;
  while (at < source.length && source[at] !== '|' && source[at] !== ')') {
    const element = readElement(source, at);
    if (!element) return undefined;
    const quantifier = readQuantifier(source, element.next);
    if (!quantifier) return undefined;
    if (open) {
      if (element.unknown) return undefined;
      for (const a of element.atoms) atoms.add(a);
      if (!element.nullable && quantifier.min > 0) open = false;
    }
    at = quantifier.next;
  }
  return { atoms, nullable: open, next: at };
}

/** The quantifier at `i` (none: exactly once): how few times it allows, and the index after it. */
function readQuantifier(source: string, i: number): { min: number; next: number } | undefined {
  const q = source[i];
  let min = 1;
  let next = i;
  if (q === '*' || q === '?') {
    min = 0;
    next++;
  } else if (q === '+') next++;
  else if (q === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(source.slice(i));
    if (!m) return undefined;
    min = Number(m[1]);
    next += m[0].length;
  }
  if (next > i && source[next] === '?') next++;
  return { min, next };
}

/** What nothing begins with: an assertion, which matches no character. */
const zeroWidth = (next: number): Element => ({ atoms: new Set(), nullable: true, next, assertion: true });
/** One character or class, its source kept as it is written. */
const atomElement = (atom: string, next: number): Element => ({
  atoms: new Set([atom]),
  nullable: false,
  next,
  atom,
});

/** The element (a group, a class, an escape, a character, an assertion) at `i`, or undefined. */
function readElement(source: string, i: number): Element | undefined {
  const c = source[i];
  if (c === '(') return readGroup(source, i);
  if (c === '[') {
    const end = classEnd(source, i);
    return end < 0 ? undefined : atomElement(source.slice(i, end + 1), end + 1);
  }
  if (c === '\\') return readEscape(source, i);
  if (c === '^' || c === '$') return zeroWidth(i + 1);
  if (c === '.') return atomElement('.', i + 1);
  if (c === undefined || '*+?{}|)]'.includes(c)) return undefined;
  const cp = source.codePointAt(i) as number;
  // A lone surrogate written in the source: not followed.
  if (cp >= 0xd800 && cp <= 0xdfff) return undefined;
  const char = String.fromCodePoint(cp);
  return atomElement(char, i + char.length);
}

/** A group at `i`: a lookaround (zero-width), or a group of alternatives, captured or not. */
function readGroup(source: string, i: number): Element | undefined {
  const head = /^\((\?(?:<?[=!]|:|<[A-Za-z_$][\w$]*>))?/.exec(source.slice(i, i + 40));
  if (!head || (source[i + 1] === '?' && !head[1])) return undefined;
  const open = i + head[0].length;
  const inner = readAlternatives(source, open);
  if (!inner || source[inner.next] !== ')') return undefined;
  const next = inner.next + 1;
  const kind = /^\?(<?[=!])$/.exec(head[1] ?? '')?.[1] as Element['lookaround'];
  if (kind) return { ...zeroWidth(next), lookaround: kind, inner: source.slice(open, inner.next) };
  return { atoms: inner.atoms, nullable: inner.nullable, next };
}

/** An escape at `i`: a class (`\d`, `\p{L}`), a character (`\.`, `\u0430`), an assertion or a backreference. */
function readEscape(source: string, i: number): Element | undefined {
  const e = source[i + 1];
  if (e === undefined) return undefined;
  if (e === 'b' || e === 'B') return zeroWidth(i + 2);
  const backreference = /^\\(?:[1-9]\d*|k<[^>]*>)/.exec(source.slice(i));
  if (backreference)
    return { atoms: new Set(), nullable: true, next: i + backreference[0].length, unknown: true };
  let end: number;
  if ((e === 'p' || e === 'P' || e === 'u') && source[i + 2] === '{') end = source.indexOf('}', i) + 1;
  else if (e === 'u') end = i + 6;
  else if (e === 'x') end = i + 4;
  else if (e === 'c') end = i + 3;
  else end = i + 2;
  if (end <= i || end > source.length) return undefined;
  const atom = source.slice(i, end);
  // A surrogate written as an escape may pair with the next one into one character: not followed.
  if (/^\\u(?:[dD][89a-fA-F]|\{0*[dD][89a-fA-F][0-9a-fA-F]{2}\})/.test(atom)) return undefined;
  return atomElement(atom, end);
}

/** Per list of characters and classes: the units they match (undefined: not compiled). */
const tables = new BoundedMap<string, UnitTable | undefined>(TABLES_KEPT);

/**
 * The units that any of these characters or classes, compiled with the `u` flag, matches on its own:
 * the BMP characters and the lone surrogates, found by one search over all of them (`unitsOf`) for runs
 * of them. Characters beyond the BMP are asked one at a time, when a text has them (`beginsAtSurrogate`).
 */
function tableOf(atoms: string[], flags: string): UnitTable | undefined {
  const key = `${flags}\u0001${atoms.join('\u0000')}`;
  if (tables.has(key)) return tables.get(key);
  let table: UnitTable | undefined;
  if (atoms.every(isPlainCharacter)) {
    // Characters that stand for themselves (no `i` flag here): their own units, or a pair's lead.
    table = new Uint8Array(0x10000);
    for (const a of atoms) if (a.length === 1) table[a.charCodeAt(0)] = 1;
    tables.set(key, table);
    return table;
  }
  try {
    const runs = new RegExp(`(?:${atoms.join('|')})+`, `${flags}g`);
    const units = unitsOf();
    table = new Uint8Array(0x10000);
    for (let m = runs.exec(units); m; m = runs.exec(units)) table.fill(1, m.index, m.index + m[0].length);
    // The one pair of the string (U+DBFF U+DC00 read as one character): its halves, asked alone.
    const one = new RegExp(`^(?:${atoms.join('|')})$`, flags);
    table[0xdbff] = one.test('\udbff') ? 1 : 0;
    table[0xdc00] = one.test('\udc00') ? 1 : 0;
  } catch {
    table = undefined;
  }
  tables.set(key, table);
  return table;
}

/** A character written as itself: not a class, an escape or `.` (a pair beyond the BMP is one too). */
const isPlainCharacter = (atom: string) => atom !== '.' && !atom.startsWith('[') && !atom.startsWith('\\');

/**
 * Whether a character or class may match a character beyond the BMP: a property (`\p{…}`, `\P{…}`), a
 * negation (`[^…]`, `\D`, `\S`, `\W`), `.`, a `\u` escape, or such a character written in it. `\d`,
 * `\s`, `\w` and classes of BMP characters never do.
 */
const mayLeaveTheBmp = (atom: string) => /\\[pPDSWu]|\[\^|^\.$|[\u{10000}-\u{10FFFF}]/u.test(atom);

let allUnits: string | undefined;
/**
 * Every UTF-16 unit once, in order, so that the unit at index u is u: to a Unicode pattern each is one
 * code point (a lone surrogate), but for U+DBFF and U+DC00, which stand together as a pair.
 */
function unitsOf(): string {
  if (allUnits === undefined) {
    const parts: string[] = [];
    const chunk: number[] = [];
    for (let u = 0; u < 0x10000; u += 4096) {
      chunk.length = 0;
      for (let k = u; k < u + 4096; k++) chunk.push(k);
      parts.push(String.fromCharCode(...chunk));
    }
    allUnits = parts.join('');
  }
  return allUnits;
}
