import { firstWordsOfRuns, type Phrase, type WordMatcher } from './phrase-index.js';
import { fold } from './tokens.js';

/**
 * One pattern of the ad lexicon ("(оплата|плата) (за)? визу") compiled to the phrases the matcher runs:
 * words in a row, alternatives, optional parts, stems ending in *.
 */

interface Part {
  /** Alternatives, each a sequence of words that follow each other directly. */
  alts: string[][];
  optional: boolean;
}

function parseParts(pattern: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (/\s/.test(pattern[i] as string)) {
      i++;
      continue;
    }
    if (pattern[i] === '(') {
      const close = pattern.indexOf(')', i);
      if (close < 0) throw new Error('a "(" without ")"');
      if (pattern.slice(i + 1, close).includes('('))
        throw new Error('"(…)" inside "(…)": write two patterns');
      const alts = pattern
        .slice(i + 1, close)
        .split('|')
        .map((a) => splitWords(a))
        .filter((a) => a.length > 0);
      if (alts.length === 0) throw new Error('an empty "()"');
      const optional = pattern[close + 1] === '?';
      parts.push({ alts, optional });
      i = close + (optional ? 2 : 1);
      continue;
    }
    let j = i;
    while (j < pattern.length && !/\s/.test(pattern[j] as string)) j++;
    parts.push({ alts: [splitWords(pattern.slice(i, j))], optional: false });
    i = j;
  }
  if (parts.length === 0) throw new Error('an empty pattern');
  return parts;
}

/** Words of a pattern as the tokenizer cuts text: "колл-центр*" is "колл" then "центр*". */
function splitWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.trim().split(/\s+/)) {
    if (!raw) continue;
    if (raw === '#' || raw === '*') {
      out.push(raw);
      continue;
    }
    const stem = raw.endsWith('*');
    const pieces = (stem ? raw.slice(0, -1) : raw).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (pieces.length === 0) throw new Error(`"${raw}" has no letters`);
    pieces.forEach((piece, n) => {
      out.push(n === pieces.length - 1 && stem ? `${piece}*` : piece);
    });
  }
  return out;
}

function toWord(word: string): WordMatcher {
  if (word === '#') return { kind: 'number', text: '' };
  if (word === '*') return { kind: 'any', text: '' };
  if (word.endsWith('*')) return { kind: 'stem', text: fold(word.slice(0, -1)) };
  return { kind: 'exact', text: fold(word) };
}

/** One phrase of the pattern language, its optional parts expanded: one plain phrase per combination. */
export function compilePhrases(pattern: string, gap: number, cue: string): Phrase[] {
  const parts = parseParts(pattern).map((p) => {
    const alts = p.alts.map((words) => words.map(toWord));
    return { alts, first: firstWordsOfRuns(alts), optional: p.optional };
  });
  let variants: (typeof parts)[] = [[]];
  for (const part of parts) {
    const withPart = variants.map((v) => [...v, part]);
    variants = part.optional ? [...withPart, ...variants] : withPart;
    if (variants.length > 64) throw new Error('too many optional parts in one pattern');
  }
  const phrases = variants
    .filter((v) => v.length > 0)
    .map((v) => ({ cue, gap, parts: v.map((p) => p.alts), firsts: v.map((p) => p.first) }));
  if (phrases.length === 0) throw new Error('a pattern of optional parts only');
  return phrases;
}
