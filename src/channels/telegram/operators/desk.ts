import { type Api, GrammyError, InlineKeyboard } from 'grammy';
import type { OperatorsDesk } from '../../../app/ports.js';
import { shortTicket, type Translate } from '../../../domain/dialogue/index.js';
import type { Card } from '../../../domain/handoff/card.js';
import type { Ticket } from '../../../domain/handoff/ticket.js';
import { DeliveryError } from '../../sender.js';
import { splitText } from '../../text.js';
import { deskDeliveryError } from '../errors.js';
import { MAX_DELETE_BATCH, MAX_MESSAGE_LENGTH } from '../limits.js';
import { captionable, fetchTelegramFile, MAX_CAPTION, uploadMedia } from '../media.js';

/** The card's buttons, as Telegram draws them: one row. */
export function cardKeyboard(card: Card): InlineKeyboard | undefined {
  if (card.buttons.length === 0) return undefined;
  const kb = new InlineKeyboard();
  for (const b of card.buttons) kb.text(b.label, b.data);
  return kb;
}

type Place = {
  message_thread_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply: boolean };
};

/** Where a message about a ticket goes: its topic, or as a reply to its card. */
function placeOf(ticket: Ticket): Place {
  if (ticket.threadId !== undefined) return { message_thread_id: ticket.threadId };
  if (ticket.cardMessageId !== undefined)
    return { reply_parameters: { message_id: ticket.cardMessageId, allow_sending_without_reply: true } };
  return {};
}

/** A card is posted in its topic (or the main chat), never as a reply to an older card. */
function cardPlace(ticket: Ticket): Ticket {
  const { cardMessageId: _old, ...rest } = ticket;
  return rest;
}

/** A topic's name as its ticket stands: at most Telegram's 128 characters. */
export function topicName(t: Translate, ticket: Ticket): string {
  const status =
    ticket.status === 'open'
      ? ticket.urgent
        ? 'urgent'
        : 'new'
      : ticket.status === 'taken'
        ? 'taken'
        : 'resolved';
  const name = t(`ops.cases.topic_${status}`, {
    ticket: shortTicket(ticket.id),
    lang: ticket.lang,
    name: ticket.takenName ?? '',
  });
  return name.slice(0, 128);
}

/** Telegram's own words for a topic edit that changes nothing, or a topic already closed (or open). */
const TOPIC_UNCHANGED = /TOPIC_NOT_MODIFIED|TOPIC_CLOSED|not modified/i;
/** A topic already as asked is no failure; anything else is thrown on. */
const unchanged = (err: unknown) => {
  if (!(err instanceof GrammyError) || !TOPIC_UNCHANGED.test(err.description)) throw err;
};

/** Telegram's own words for an edit that needs none, or a card that cannot be edited any more. */
const NOT_MODIFIED = /not modified/i;
const NOT_EDITABLE = /not found|can't be edited/i;

/** Runs a call to Telegram; its failure is thrown as the handoff's one DeliveryError. */
async function delivering<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw deskDeliveryError(err);
  }
}

/** The supergroup a group became, when Telegram refuses a call for that reason (400, migrate_to_chat_id). */
function migratedTo(err: unknown): number | undefined {
  if (!(err instanceof GrammyError) || err.error_code !== 400) return undefined;
  const to = err.parameters?.migrate_to_chat_id;
  return typeof to === 'number' ? to : undefined;
}

/** What fits one message: the handoff splits long texts; this only guards against a refusal. */
const fitting = (text: string) => splitText(text, MAX_MESSAGE_LENGTH)[0] ?? '';

/**
 * The operators' chat as a desk for the handoff: a card per ticket (in its own topic in a forum), edited
 * as the ticket changes, and messages in the ticket's topic or as replies to its card. Telegram's errors
 * are read here and nowhere else: the handoff sees a DeliveryError (src/channels/telegram/errors.ts).
 * When the group has become a supergroup, calls follow it to its new id, and `onMigrate` is told, once.
 */
export function telegramDesk(
  api: Api,
  chatId: number,
  forum: boolean,
  t: Translate,
  onMigrate?: (newChatId: number) => void,
): OperatorsDesk {
  let chat = chatId;
  /** Runs a call on the chat; refused because the group moved, it runs again on the new id. */
  const onChat = async <T>(run: (chat: number) => Promise<T>): Promise<T> => {
    try {
      return await run(chat);
    } catch (err) {
      const to = migratedTo(err);
      if (to === undefined || to === chat) throw err;
      chat = to;
      onMigrate?.(to);
      return run(chat);
    }
  };
  /** Runs a call in the ticket's place; if Telegram refuses that place for good (a topic gone), in the main chat. */
  const inPlace = async <T>(ticket: Ticket, run: (chat: number, place: Place) => Promise<T>): Promise<T> => {
    const place = placeOf(ticket);
    try {
      return await onChat((c) => run(c, place));
    } catch (err) {
      if (!(err instanceof GrammyError) || err.error_code !== 400 || Object.keys(place).length === 0)
        throw err;
      return onChat((c) => run(c, {}));
    }
  };
  const send = (ticket: Ticket, text: string, keyboard?: InlineKeyboard) => {
    const extra = keyboard ? { reply_markup: keyboard } : {};
    return inPlace(ticket, (c, place) => api.sendMessage(c, fitting(text), { ...place, ...extra }));
  };
  const edit = async (ticket: Ticket, cardMessageId: number, card: Card): Promise<number | undefined> => {
    const keyboard = cardKeyboard(card);
    try {
      await onChat((c) =>
        api.editMessageText(c, cardMessageId, fitting(card.text), {
          reply_markup: keyboard ?? new InlineKeyboard(),
        }),
      );
    } catch (err) {
      // The card already says this (two updates in a row): nothing to do.
      if (err instanceof GrammyError && NOT_MODIFIED.test(err.description)) return undefined;
      // A card deleted by hand (or too old to edit): show it anew, with its buttons.
      if (err instanceof GrammyError && NOT_EDITABLE.test(err.description))
        return (await send(cardPlace(ticket), card.text, keyboard)).message_id;
      throw err;
    }
    return undefined;
  };
  return {
    forum,
    maxText: MAX_MESSAGE_LENGTH,
    openTopic: (ticket) =>
      delivering(async () => {
        const name = t('ops.topic', { ticket: shortTicket(ticket.id), lang: ticket.lang });
        return (await onChat((c) => api.createForumTopic(c, name))).message_thread_id;
      }),
    reopenTopic: (ticket) =>
      delivering(async () => {
        const thread = ticket.threadId;
        if (thread !== undefined) await onChat((c) => api.reopenForumTopic(c, thread)).catch(unchanged);
      }),
    postCard: (ticket, card) =>
      delivering(async () => {
        const sent = await send(cardPlace(ticket), card.text, cardKeyboard(card));
        return { messageId: sent.message_id };
      }),
    updateCard: (ticket, card) =>
      delivering(async () =>
        ticket.cardMessageId === undefined ? undefined : edit(ticket, ticket.cardMessageId, card),
      ),
    async erase(messageIds) {
      // Best effort: Telegram deletes only what it still allows (an admin bot, recent enough messages).
      for (let i = 0; i < messageIds.length; i += MAX_DELETE_BATCH)
        await onChat((c) => api.deleteMessages(c, [...messageIds.slice(i, i + MAX_DELETE_BATCH)])).catch(
          () => undefined,
        );
    },
    showTopic: (ticket) =>
      delivering(async () => {
        const thread = ticket.threadId;
        if (thread === undefined) return;
        await onChat((c) => api.editForumTopic(c, thread, { name: topicName(t, ticket) })).catch(unchanged);
        if (ticket.status === 'resolved')
          await onChat((c) => api.closeForumTopic(c, thread)).catch(unchanged);
      }),
    // The handoff splits long texts by the chat's limit (maxText), header included.
    post: (ticket, text) => delivering(async () => (await send(ticket, text)).message_id),
    maxCaption: MAX_CAPTION,
    copiesFrom: 'tg',
    // Her own message copied (nothing downloaded), or her file from another platform uploaded.
    postMedia: (ticket, { ref, caption, copyFrom, file }) =>
      delivering(async () => {
        // No caption given: the header went before it, and her own caption (unquoted) is not repeated.
        const other = { caption: caption ?? '' };
        if (copyFrom !== undefined && ref.message !== undefined) {
          const message = ref.message;
          const copied = await inPlace(ticket, (c, place) =>
            api.copyMessage(c, copyFrom, message, captionable(ref) ? { ...place, ...other } : place),
          );
          return copied.message_id;
        }
        if (!file) throw new DeliveryError('unsupported');
        return (
          await inPlace(ticket, (c, place) => uploadMedia(api, c, ref.kind, file, { ...place, ...other }))
        ).message_id;
      }),
    fetchFile: (media, maxBytes) => delivering(() => fetchTelegramFile(api, media, maxBytes)),
  };
}

/** Whether the operators' chat is a forum (a topic per ticket), asked once at start. */
export async function isForum(api: Api, chatId: number): Promise<boolean> {
  const chat = await api.getChat(chatId);
  return 'is_forum' in chat && chat.is_forum === true;
}
