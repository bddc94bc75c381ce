/** Telegram's limits (core.telegram.org/bots/api), named where the channel meets them. */

/** A message's text, in UTF-16 code units (as Telegram counts); split on paragraphs by src/app/split-text.ts. */
export { MAX_MESSAGE_LENGTH } from '../text.js';
/** An inline button's callback_data, in bytes. */
export const MAX_CALLBACK_DATA = 64;
/** Message ids in one deleteMessages call. */
export const MAX_DELETE_BATCH = 100;
