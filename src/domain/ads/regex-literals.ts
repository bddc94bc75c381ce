/**
 * Reading a lexicon's regular expression (`re:`) for the literal words a match must begin with
 * (`leadingLiterals`) or contain (`requiredLiterals`); regex-starts.ts runs the patterns from them.
 */

/** The characters with a meaning of their own in a pattern (outside a character class). */
const SYNTAX = new Set([...'^$\\.*+?()[]{}|']);
/** Escapes of a character that stands for itself (`\$`, `\.`, `\-`), and the control characters. */
const ESCAPED_SELF = new Set([...'^$\\.*+?()[]{}|/-']);
const ESCAPED_CONTROL: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
/** The largest character class read as its characters ("[5-9]", "[«“\"]"); a larger one is not followed. */
const CLASS_LIMIT = 64;

/**
 * The strings one of which every match of the pattern begins with, or undefined when this cannot tell
 * (a beginning that may be empty, a class such as `\d` or `\p{L}`, a backreference, a named group).
 * Zero-width assertions (lookarounds, `\b`) at the beginning are passed over: they decide where a match
 * may begin, never what it begins with.
 */
export function leadingLiterals(source: string): string[] | undefined {
  const out: string[] = [];
  for (const alternative of splitAlternatives(source)) {
    const starts = alternativeStarts(alternative);
    if (!starts) return undefined;
    out.push(...starts);
  }
  // A string that begins with another is found wherever that one is: only the shorter is looked for.
  const unique = [...new Set(out)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const s of unique) if (!kept.some((k) => s.startsWith(k))) kept.push(s);
  return kept;
}

function alternativeStarts(alternative: string): string[] | undefined {
  let i = 0;
  for (;;) {
    if (/^\(\?<?[=!]/.test(alternative.slice(i, i + 4))) {
      const end = closingParen(alternative, i);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (alternative.startsWith('\\b', i) || alternative.startsWith('\\B', i)) i += 2;
    else break;
  }
  const c = alternative[i];
  if (c === undefined) return undefined;
  if (c === '(') {
    // A group: what each of its alternatives begins with, unless the group may match nothing.
    const end = closingParen(alternative, i);
    if (end < 0 || mayRepeatNone(alternative, end + 1)) return undefined;
    let open = i + 1;
    if (alternative.startsWith('?:', open)) open += 2;
    else if (alternative[open] === '?') return undefined; // a named group or a modifier: not followed
    const out: string[] = [];
    for (const inner of splitAlternatives(alternative.slice(open, end))) {
      const starts = alternativeStarts(inner);
      if (!starts) return undefined;
      out.push(...starts);
    }
    return out;
  }
  if (c === '[') {
    const end = classEnd(alternative, i);
    if (end < 0 || mayRepeatNone(alternative, end + 1)) return undefined;
    const chars = classChars(alternative.slice(i + 1, end));
    return chars && chars.length > 0 ? chars : undefined;
  }
  // A run of characters that stand for themselves; one followed by a quantifier is left out.
  let literal = '';
  let last = '';
  while (i < alternative.length) {
    const read = literalAt(alternative, i);
    if (!read) break;
    literal += last;
    last = read.char;
    i = read.next;
  }
  if (!mayRepeatNone(alternative, i) && !/^[+{]/.test(alternative[i] ?? '')) literal += last;
  if (literal.length === 0) return undefined;
  const first = literal.charCodeAt(0);
  // A match never begins inside a surrogate pair: a string beginning with half of one is not followed.
  if (first >= 0xd800 && first <= 0xdfff) return undefined;
  return [literal];
}

/** The character that stands for itself at `i` and the index after it, or undefined. */
function literalAt(source: string, i: number): { char: string; next: number } | undefined {
  const c = source[i] as string;
  if (c === '\\') {
    const e = source[i + 1] ?? '';
    if (ESCAPED_SELF.has(e)) return { char: e, next: i + 2 };
    const control = ESCAPED_CONTROL[e];
    return control ? { char: control, next: i + 2 } : undefined;
  }
  if (SYNTAX.has(c)) return undefined;
  const cp = source.codePointAt(i) as number;
  const char = String.fromCodePoint(cp);
  return { char, next: i + char.length };
}

/** Whether a quantifier at `i` lets what precedes it match nothing: `?`, `*`, `{0…}`. */
function mayRepeatNone(source: string, i: number): boolean {
  const q = source[i];
  return q === '?' || q === '*' || (q === '{' && /^\{0+[,}]/.test(source.slice(i)));
}

/** The characters of a class such as `[5-9]`, `[«“"]` or `[$€£]`, or undefined (negated, escapes, large). */
function classChars(body: string): string[] | undefined {
  if (body.startsWith('^')) return undefined;
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    let from: string;
    if (body[i] === '\\') {
      const e = body[i + 1] ?? '';
      if (e === 'd') {
        out.push(...'0123456789');
        i += 2;
        continue;
      }
      if (!ESCAPED_SELF.has(e)) return undefined;
      from = e;
      i += 2;
    } else {
      from = String.fromCodePoint(body.codePointAt(i) as number);
      i += from.length;
    }
    if (body[i] === '-' && i + 1 < body.length) {
      const to = body[i + 1] === '\\' ? undefined : String.fromCodePoint(body.codePointAt(i + 1) as number);
      if (!to) return undefined;
      const a = from.codePointAt(0) as number;
      const b = to.codePointAt(0) as number;
      if (b < a || b - a > CLASS_LIMIT) return undefined;
      for (let k = a; k <= b; k++) out.push(String.fromCodePoint(k));
      i += 1 + to.length;
    } else out.push(from);
    if (out.length > CLASS_LIMIT) return undefined;
  }
  return out.every((c) => c.charCodeAt(0) < 0xd800 || c.charCodeAt(0) > 0xdfff) ? out : undefined;
}

/** The top-level alternatives of a pattern (split at `|` outside groups and classes). */
function splitAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = Math.max(classEnd(source, i), i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** The index of the `)` closing the group opened at `open`, or -1. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(source, i);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The index of the `]` closing the class opened at `open`, or -1 (regex-firsts.ts reads classes with it too). */
export function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === ']') return i;
  }
  return -1;
}

/**
 * Strings one of which every match of the pattern contains, or undefined: read from a part of the
 * pattern that every match goes through (a top-level group of words, a class, a character, not made
 * optional by its quantifier), as `leadingLiterals` reads the beginning of that part. A text with none
 * of them has no match, and is not scanned: "[«“\"]" in a company name in quotes, "@" in an e-mail, the
 * currencies after an amount. Of the parts that can be read, the one whose strings are longest (then
 * fewest) is kept. A pattern with `|` at the top, a backreference or a named group is not read.
 */
export function requiredLiterals(source: string): string[] | undefined {
  if (splitAlternatives(source).length !== 1 || /\\[1-9k]|\(\?<[^=!]/.test(source)) return undefined;
  let best: string[] | undefined;
  const better = (a: string[], b: string[]) => {
    const min = (l: string[]) => Math.min(...l.map((x) => x.length));
    return min(a) > min(b) || (min(a) === min(b) && a.length < b.length);
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    let end: number;
    let strings: string[] | undefined;
    if (c === '(') {
      end = closingParen(source, i);
      if (end < 0) return best;
      const lookaround = /^\(\?<?[=!]/.test(source.slice(i, i + 4));
      if (!lookaround && source.startsWith('(?:', i)) {
        strings = [];
        for (const inner of splitAlternatives(source.slice(i + 3, end))) {
          const starts = alternativeStarts(inner);
          if (!starts) {
            strings = undefined;
            break;
          }
          strings.push(...starts);
        }
      }
      end++;
    } else if (c === '[') {
      end = classEnd(source, i);
      if (end < 0) return best;
      strings = classChars(source.slice(i + 1, end));
      end++;
    } else if (c === '\\') {
      const e = source[i + 1] ?? '';
      // \p{…}, \u{…}, \uXXXX, \xHH, \cX, or one escaped character.
      if ((e === 'p' || e === 'P' || e === 'u') && source[i + 2] === '{') end = source.indexOf('}', i) + 1;
      else if (e === 'u') end = i + 6;
      else if (e === 'x') end = i + 4;
      else if (e === 'c') end = i + 3;
      else end = i + 2;
      if (end <= i) return best;
      const read = literalAt(source, i);
      if (read) strings = [read.char];
    } else if (c === '^' || c === '$' || c === '.') {
      end = i + 1;
    } else {
      const read = literalAt(source, i);
      if (!read) return best;
      end = read.next;
      strings = [read.char];
    }
    // The quantifier after the part: one that allows none makes the part no requirement.
    let next = end;
    const q = source[next];
    if (q === '{') {
      const close = source.indexOf('}', next);
      if (close < 0) return best;
      next = close + 1;
    } else if (q === '?' || q === '*' || q === '+') next++;
    if (source[next] === '?' && next > end) next++;
    const none = mayRepeatNone(source, end);
    const usable =
      strings &&
      !none &&
      strings.length > 0 &&
      strings.length <= CLASS_LIMIT &&
      strings.every((x) => x.length > 0 && !/[\ud800-\udfff]/.test(x));
    if (usable && (!best || better(strings as string[], best))) best = strings;
    i = next;
  }
  return best;
}
