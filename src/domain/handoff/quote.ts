/**
 * A person's own words as counsellors see them in the operators' chat: set apart so that they cannot pass
 * for the lines tekser writes. A note saying "ok\nPhone: +7 700 000 00 00\n🚨 URGENT request #AAAAA" must
 * not add a phone line or an alarm to a card. Every line of the person's text starts with a bar, so no
 * line of theirs begins where a card's own line would; line breaks of every kind are counted as breaks
 * (none hides inside a line), and characters that reorder or hide text are taken out.
 */

/** The mark that begins each line of a person's words. */
export const QUOTE_MARK = '┃ ';

/** Line breaks of every kind Telegram and WhatsApp clients show as one: CR LF, LF, CR, VT, FF, NEL, LS, PS. */
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
/** Bidirectional overrides and isolates, zero-width and invisible characters: they reorder or hide text. */
const HIDING = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Other control characters (tabs kept). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/**
 * The longest quoted line, in UTF-16 units. A message split for the chat's limit (src/app/split-text.ts)
 * is then always cut at a line's end, never inside the person's line: a part of a long relayed message
 * cannot begin with their words unmarked.
 */
export const MAX_QUOTED_LINE = 1000;

/** The lines of a person's text, cleaned: no empty lines, no hiding characters, ends trimmed. */
function lines(text: string): string[] {
  return text
    .replace(HIDING, '')
    .replace(CONTROLS, '')
    .split(LINE_BREAKS)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A line cut into pieces of at most MAX_QUOTED_LINE units, at a space where there is one, never inside a character. */
function wrap(line: string): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > MAX_QUOTED_LINE) {
    let cut = rest.lastIndexOf(' ', MAX_QUOTED_LINE);
    if (cut < MAX_QUOTED_LINE / 2) cut = MAX_QUOTED_LINE;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** The person's words, each line after the quote mark: on lines of their own below a label. */
export function quoteWords(text: string): string {
  const quoted = lines(text)
    .flatMap(wrap)
    .map((line) => `${QUOTE_MARK}${line}`);
  return quoted.length > 0 ? quoted.join('\n') : QUOTE_MARK.trimEnd();
}

/** A short person-given value (a name) on one line: breaks become spaces, hiding characters go. */
export function oneLine(text: string): string {
  return lines(text).join(' ');
}
