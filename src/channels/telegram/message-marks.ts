import type { MessageMarks } from '../../domain/dialogue/index.js';

/** Telegram deletes a bot's messages for everyone only within 48 hours. */
const DELETABLE_MS = 48 * 3_600_000;
/** How far apart the two message marks are kept. */
const MARK_EVERY_MS = 24 * 3_600_000;

/**
 * Telegram's record of a private chat's messages, kept in the person's state: two message ids (older,
 * newer), a day apart, with when each was seen. Ids in a private chat count up, so /forget can delete the
 * bot's recent messages from the first one still deletable, without a list of them.
 */
export function telegramMarks(messageId: number, now: number): MessageMarks {
  return {
    mark(marks) {
      const newer = marks?.at(-1);
      if (!newer) return [[messageId, now]];
      if (now - newer[1] < MARK_EVERY_MS) return marks as [number, number][];
      return [newer, [messageId, now]];
    },
    deletableFrom(marks) {
      if (!marks?.length) return messageId;
      const within = marks.find(([, at]) => now - at < DELETABLE_MS);
      return (within ?? marks.at(-1))?.[0];
    },
  };
}
