/** Telegram's limit for one message; WhatsApp's text messages have the same. */
export const MAX_MESSAGE_LENGTH = 4096;

/**
 * Splits a long text into messages of at most `limit` characters, at paragraph boundaries where it can,
 * then at line ends, then at spaces; a single word longer than the limit is cut.
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
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}
