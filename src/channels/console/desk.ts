import type { OperatorsDesk } from '../../app/ports.js';
import type { PersonSender } from '../sender.js';
import { renderReply } from './chat.js';

/**
 * The terminal has no operators' chat: it prints where each card and message would have gone, so the
 * whole handoff can be tried (and tested) without Telegram.
 */
export function consoleDesk(write: (line: string) => void): OperatorsDesk {
  let nextId = 1;
  const show = (what: string, body: string) =>
    write(
      `\n┌─ operators' chat (OPERATORS_CHAT_ID is not set: this is where it would go) · ${what}\n${body
        .split('\n')
        .map((l) => `│ ${l}`)
        .join('\n')}\n└─`,
    );
  return {
    forum: false,
    async postCard(_ticket, card) {
      show('new card', `${card.text}\n[${card.buttons.map((b) => b.label).join('] [')}]`);
      return { messageId: nextId++ };
    },
    async updateCard(_ticket, card) {
      show('card updated', card.text);
      return undefined;
    },
    async post(_ticket, text) {
      show('message', text);
      return nextId++;
    },
  };
}

/** Messages for the person at the terminal (a counsellor's reply, a notice), printed in the chat. */
export function consoleSender(write: (line: string) => void): PersonSender {
  return {
    async send(_id, replies) {
      for (const reply of replies) write(`\n${renderReply(reply)}`);
    },
  };
}
