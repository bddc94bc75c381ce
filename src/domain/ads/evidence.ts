import type { Hit } from './find-cues.js';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACES = /\s+/g;
const isHighSurrogate = (u: number) => u >= 0xd800 && u <= 0xdbff;

/** Quoted words of the original, widened to whole words so a stem match reads naturally. */
function quote(text: string, start: number, end: number): { text: string; start: number; end: number } {
  let s = start;
  let e = end;
  // A view's character points at where its code point began (a start is always one): a match ending on a
  // flag or another emoji ends inside its surrogate pair, and is quoted whole.
  if (isHighSurrogate(text.charCodeAt(e - 1))) e++;
  while (s > 0 && LETTER_OR_DIGIT.test(text[s - 1] ?? '')) s--;
  while (e < text.length && LETTER_OR_DIGIT.test(text[e] ?? '')) e++;
  return { text: text.slice(s, e).replace(SPACES, ' ').trim(), start: s, end: e };
}

/**
 * Evidence of a flag: the ad's own words that raised it (the hits of its cues), each quote once (a long
 * ad repeats its words) and none overlapping another, in the order they stand in the ad.
 */
export function evidenceOf(text: string, hits: Hit[]): { evidence: string[]; spans: [number, number][] } {
  const spans: [number, number][] = [];
  const evidence: string[] = [];
  const quoted = new Set<string>();
  for (const h of hits.sort((a, b) => a.start - b.start)) {
    const q = quote(text, h.start, h.end);
    if (spans.some(([s, e]) => q.start < e && q.end > s)) continue;
    const key = q.text.toLowerCase();
    if (quoted.has(key)) continue;
    quoted.add(key);
    spans.push([q.start, q.end]);
    evidence.push(q.text);
  }
  return { evidence, spans };
}
