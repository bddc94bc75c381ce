import { type Api, GrammyError, InlineKeyboard } from 'grammy';
import type { OperatorsDesk } from '../../../app/ports.js';
import { shortTicket, type Translate } from '../../../domain/dialogue/index.js';
import type { Card } from '../../../domain/handoff/card.js';
import type { Ticket } from '../../../domain/handoff/ticket.js';
import { deskDeliveryError } from '../errors.js';
import { MAX_DELETE_BATCH, MAX_MESSAGE_LENGTH } from '../limits.js';

/** The card's buttons, as Telegram draws them: one row. */
export function cardKeyboard(card: Card): InlineKeyboard | undefined {
  if (card.buttons.length === 0) return undefined;
  const kb = new InlineKeyboard();
  for (const b of card.buttons) kb.text(b.label, b.data);
  return kb;
}

/** Where a message about a ticket goes: its topic, or as a reply to its card. */
function placeOf(ticket: Ticket) {
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

/**
 * The operators' chat as a desk for the handoff: a card per ticket (in its own topic in a forum), edited
 * as the ticket changes, and messages in the ticket's topic or as replies to its card. Telegram's errors
 * are read here and nowhere else: the handoff sees a DeliveryError (src/channels/telegram/errors.ts).
 */
export function telegramDesk(api: Api, chatId: number, forum: boolean, t: Translate): OperatorsDesk {
  /** Sends in the ticket's place; if Telegram refuses that place for good (a topic gone), in the main chat. */
  const send = async (ticket: Ticket, text: string, keyboard?: InlineKeyboard) => {
    const extra = keyboard ? { reply_markup: keyboard } : {};
    const place = placeOf(ticket);
    try {
      return await api.sendMessage(chatId, text, { ...place, ...extra });
    } catch (err) {
      if (!(err instanceof GrammyError) || err.error_code !== 400 || Object.keys(place).length === 0)
        throw err;
      return api.sendMessage(chatId, text, extra);
    }
  };
  const edit = async (ticket: Ticket, cardMessageId: number, card: Card): Promise<number | undefined> => {
    const keyboard = cardKeyboard(card);
    try {
      await api.editMessageText(chatId, cardMessageId, card.text, {
        reply_markup: keyboard ?? new InlineKeyboard(),
      });
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
    openTopic: (ticket) =>
      delivering(async () => {
        const name = t('ops.topic', { ticket: shortTicket(ticket.id), lang: ticket.lang });
        return (await api.createForumTopic(chatId, name)).message_thread_id;
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
        await api
          .deleteMessages(chatId, [...messageIds.slice(i, i + MAX_DELETE_BATCH)])
          .catch(() => undefined);
    },
    post: (ticket, text) =>
      // Cut by characters, not UTF-16 units: half an emoji is a message Telegram refuses.
      delivering(
        async () => (await send(ticket, Array.from(text).slice(0, MAX_MESSAGE_LENGTH).join(''))).message_id,
      ),
  };
}

/** Whether the operators' chat is a forum (a topic per ticket), asked once at start. */
export async function isForum(api: Api, chatId: number): Promise<boolean> {
  const chat = await api.getChat(chatId);
  return 'is_forum' in chat && chat.is_forum === true;
}
