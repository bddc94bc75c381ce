/** Telegram's limit for one message, in UTF-16 code units (as Telegram counts); WhatsApp's text is alike. */
export const MAX_MESSAGE_LENGTH = 4096;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Splits a long text into messages of at most `limit` UTF-16 code units (a JavaScript string's length,
 * and what Telegram counts: an emoji is two), at paragraph boundaries where it can, then at line ends,
 * then at spaces; a single word longer than the limit is cut, never inside a character.
 */
export function splitText(text: string, limit = MAX_MESSAGE_LENGTH): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < limit / 3) cut = window.lastIndexOf('\n');
    if (cut < limit / 3) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = limit;
    // Half an emoji is a message Telegram refuses: the pair stays together.
    if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut--;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}
