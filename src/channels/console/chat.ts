import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { DialogueService } from '../../app/dialogue-service.js';
import type { Input, Reply } from '../../domain/dialogue/index.js';
import type { PersonKey } from '../../domain/person.js';

export interface ChatOptions {
  service: DialogueService;
  who: PersonKey;
  input: Readable;
  output: Writable;
  /** Echo each input line (when piped, so the transcript reads as a dialogue). */
  echo: boolean;
  /**
   * For programs: each message the bot sends is one JSON line `{"text", "buttons"}` (the answers, then
   * the shortcuts, by their labels), with no prompt and no echo; input stays one line per message.
   */
  jsonl?: boolean;
  /** The first turn: open a flow, greet, or come back to where the person was. */
  first: Input;
  /** A picture sent as the first message instead (`--image`), read as a person's picture is. */
  picture?: Uint8Array | undefined;
  /** The language the person's system uses, for the first greeting (like Telegram's language_code). */
  platformLang?: string;
  now?: () => number;
  /** Runs after each turn: delivers what the turn queued (a card, a relayed message) before the next prompt. */
  afterTurn?: () => Promise<void>;
}

/** The bot's messages as a terminal shows them: text, then the answers numbered. */
export function renderReply(reply: Reply): string {
  const lines = [reply.text];
  if (reply.choices?.length) {
    lines.push('');
    reply.choices.forEach((c, i) => {
      lines.push(`  ${i + 1}. ${c.label}`);
    });
  }
  // Shortcuts (the language, back to the menu) are typed by their words, not numbered.
  if (reply.shortcuts?.length) lines.push(`  » ${reply.shortcuts.map((s) => s.label).join(' · ')}`);
  return lines.join('\n');
}

/** A message as one JSON line: its text and the labels of its buttons. */
export function replyJson(reply: Reply): string {
  const buttons = [...(reply.choices ?? []), ...(reply.shortcuts ?? [])].map((c) => c.label);
  return JSON.stringify({ text: reply.text, buttons });
}

/**
 * The terminal chat: each input line is the next message; a number picks an answer. Reads to the end of
 * its input (a pipe works as well as a keyboard) and resolves when the input ends.
 */
export async function runChat(options: ChatOptions): Promise<void> {
  const now = options.now ?? Date.now;
  // A reader that went away (`npm run chat | head`) ends the chat quietly instead of crashing it.
  let closed = false;
  options.output.on('error', () => {
    closed = true;
  });
  const write = (s: string) => {
    if (!closed) options.output.write(`${s}\n`);
  };
  const meta = () =>
    options.platformLang ? { now: now(), platformLang: options.platformLang } : { now: now() };
  const show = async (outcome: { replies: Reply[] }) => {
    for (const reply of outcome.replies) write(options.jsonl ? replyJson(reply) : `\n${renderReply(reply)}`);
    await options.afterTurn?.();
  };
  const turn = async (input: Input) => show(await options.service.handle(options.who, input, meta()));
  const picture = options.picture;
  if (picture)
    await show(await options.service.handlePicture(options.who, { download: async () => picture }, meta()));
  else await turn(options.first);
  const rl = createInterface({ input: options.input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const echo = options.echo && !options.jsonl;
  const prompt = () => {
    if (!options.echo && !options.jsonl && !closed) options.output.write('\n› ');
  };
  prompt();
  for await (const raw of rl) {
    if (closed) break;
    const line = raw.trim();
    if (echo) write(`\n› ${line}`);
    if (line.length > 0) await turn({ kind: 'text', text: line });
    prompt();
  }
  if (!options.echo && !options.jsonl) write('');
}
