/**
 * A bound on the letters a lexicon pattern reads in a row. A pattern that finds a stem inside a word and then
 * reads the rest of it (`кафе\p{L}*`, `девуш\p{L}*\s?1[2-7]`) reads, from every place the stem stands in one
 * long run of letters, to the run's end: the square of the run's length ("кафекафекафе…" over 8 KB took a
 * quarter of a second, 4 KB of schoolgirls' names run together a tenth). No word is that long: bounded at
 * `MAX_LETTER_RUN` letters, every such pattern reads what it read before in every word of every ad, and a
 * run of letters costs its length times the bound, not its square.
 *
 * The bound is the engine's, not the lexicon's: the NGO writes `\p{L}*` as before, and the patterns it adds
 * are bounded too (see lexicon.ts).
 */

/**
 * The most letters `\p{L}*` and `\p{L}+` read in a row. More than twice the longest word of the own and open
 * corpora (26 letters, "официальноетрудоустройство") and longer than a hashtag of a sentence run together
 * ("#работадлядевушекзарубежомвысокаязарплата", 41), short enough that 8 KB of one stem repeated costs
 * milliseconds.
 */
export const MAX_LETTER_RUN = 64;

/** The letter class, as patterns write it. */
const LETTER = '\\p{L}';

/**
 * The pattern with each `\p{L}*` read as `\p{L}{0,max}` and each `\p{L}+` as `\p{L}{1,max}` (a lazy `*?` or
 * `+?` stays lazy). A letter class inside brackets (`[\p{L}\d]*`) and an escaped backslash before `p` are left
 * as they are.
 */
export function boundLetterRuns(source: string, max = MAX_LETTER_RUN): string {
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      if (!inClass && source.startsWith(LETTER, i)) {
        const q = source[i + LETTER.length];
        out += LETTER;
        i += LETTER.length;
        if (q === '*' || q === '+') {
          out += `{${q === '*' ? 0 : 1},${max}}`;
          i++;
        }
        continue;
      }
      // An escape is two characters whatever follows: `\\p{L}*` is a backslash, then "p{L}*".
      out += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    out += c;
    i++;
  }
  return out;
}
