import type { Choice, Reply } from '../../domain/dialogue/index.js';
import { splitText } from '../text.js';
import {
  MAX_BUTTON_TITLE,
  MAX_BUTTONS,
  MAX_INTERACTIVE_BODY,
  MAX_LIST_BUTTON,
  MAX_LIST_ROWS,
  MAX_ROW_DESCRIPTION,
  MAX_ROW_TITLE,
  MAX_SECTION_TITLE,
  MAX_TEXT,
} from './limits.js';
import type { OutgoingContent } from './outgoing.js';

/** The few words of WhatsApp's own furniture, in the person's language (locales: `whatsapp.*`). */
export interface RenderWords {
  /** The button that opens a list. */
  choose: string;
  /** The title of the list's section of answers, when a second section follows. */
  options: string;
  /** The title of the section of shortcuts (the language, back to the menu). */
  more: string;
  /** A body for the buttons when the question itself is too long to carry them. */
  pick: string;
}

/**
 * Cuts a text to `max` UTF-16 units (what Meta counts, or more), whole characters only, with "…" when
 * cut: an emoji is never split in half.
 */
export function cutTo(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length + 1 > max) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** Titles cut to `max` and made unique (Meta refuses repeated button titles): " 2", " 3" added. */
export function uniqueTitles(labels: readonly string[], max: number): string[] {
  const titles = labels.map((l) => cutTo(l, max));
  const seen = new Set<string>();
  return titles.map((title) => {
    let candidate = title;
    for (let n = 2; seen.has(candidate); n++) candidate = `${cutTo(title, max - String(n).length - 1)} ${n}`;
    seen.add(candidate);
    return candidate;
  });
}

function texts(text: string): OutgoingContent[] {
  // No link previews: a preview makes the phone fetch a link an ad put there.
  return splitText(text, MAX_TEXT)
    .filter((part) => part.trim().length > 0)
    .map((body) => ({ type: 'text', text: { body, preview_url: false } }));
}

/**
 * The body an interactive message carries, at most 1,024 characters. A longer text goes first as plain
 * messages, and the buttons come with its last paragraph (the question itself, as a rule).
 */
function withBody(text: string, extra: string | undefined, words: RenderWords) {
  const join = (a: string) => (extra ? `${a}\n\n${extra}` : a);
  if (join(text).length <= MAX_INTERACTIVE_BODY) return { before: [], body: join(text) };
  const paragraphs = text.split(/\n\n+/);
  const last = paragraphs.pop() ?? '';
  if (paragraphs.length > 0 && join(last).length <= MAX_INTERACTIVE_BODY)
    return { before: texts(paragraphs.join('\n\n')), body: join(last) };
  if (extra && extra.length <= MAX_INTERACTIVE_BODY) return { before: texts(text), body: extra };
  return { before: texts(join(text)), body: cutTo(words.pick, MAX_INTERACTIVE_BODY) };
}

function buttons(
  reply: Reply,
  choices: Choice[],
  shortcuts: Choice[],
  words: RenderWords,
): OutgoingContent[] {
  const all = [...choices, ...shortcuts];
  // A cut title can lose what the answer means ("Only messengers, a p…"): then the buttons are numbered
  // and the whole answers are listed, numbered the same, in the body above them.
  const cut = all.some((c) => c.label.length > MAX_BUTTON_TITLE);
  const labels = cut
    ? [...choices.map((c, i) => `${i + 1}. ${c.label}`), ...shortcuts.map((s) => s.label)]
    : all.map((c) => c.label);
  const titles = uniqueTitles(labels, MAX_BUTTON_TITLE);
  const listed =
    cut && choices.length > 0 ? choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n') : undefined;
  const { before, body } = withBody(reply.text, listed, words);
  return [
    ...before,
    {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: body },
        action: {
          buttons: all.map((c, i) => ({ type: 'reply', reply: { id: c.data, title: titles[i] ?? c.data } })),
        },
      },
    },
  ];
}

function rows(choices: Choice[]) {
  return choices.map((c) => {
    const title = cutTo(c.label, MAX_ROW_TITLE);
    // The whole answer goes in the description when the title had to be cut.
    return title === c.label
      ? { id: c.data, title }
      : { id: c.data, title, description: cutTo(c.label, MAX_ROW_DESCRIPTION) };
  });
}

function list(reply: Reply, choices: Choice[], shortcuts: Choice[], words: RenderWords): OutgoingContent[] {
  const sections = [
    ...(choices.length > 0 ? [{ title: cutTo(words.options, MAX_SECTION_TITLE), rows: rows(choices) }] : []),
    ...(shortcuts.length > 0 ? [{ title: cutTo(words.more, MAX_SECTION_TITLE), rows: rows(shortcuts) }] : []),
  ];
  const { before, body } = withBody(reply.text, undefined, words);
  return [
    ...before,
    {
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: body },
        action: {
          button: cutTo(words.choose, MAX_LIST_BUTTON),
          // One section needs no title; several need one each.
          sections: sections.length === 1 ? sections.map((s) => ({ rows: s.rows })) : sections,
        },
      },
    },
  ];
}

/** More answers than a list holds: numbered lines, in the order of `Reply.choices`, so "2" is the second. */
function numbered(reply: Reply, choices: Choice[], shortcuts: Choice[]): OutgoingContent[] {
  const lines = [reply.text, '', ...choices.map((c, i) => `${i + 1}. ${c.label}`)];
  if (shortcuts.length > 0) lines.push(`» ${shortcuts.map((s) => s.label).join(' · ')}`);
  return texts(lines.join('\n'));
}

/**
 * One reply of the dialogue as WhatsApp messages (DESIGN.md): up to 3 choices as reply buttons, 4–10 as a
 * list, more as numbered text. Shortcuts (the language, the menu) are choices too: with the answers as
 * buttons when all fit in 3, as their own section of the list when all fit in 10 rows, else left out (the
 * menu has "language" itself, and language names typed are understood).
 */
export function renderReply(reply: Reply, words: RenderWords): OutgoingContent[] {
  const choices = reply.choices ?? [];
  const shortcuts = reply.shortcuts ?? [];
  if (choices.length + shortcuts.length === 0) return texts(reply.text);
  if (choices.length > MAX_LIST_ROWS) return numbered(reply, choices, shortcuts);
  if (choices.length + shortcuts.length <= MAX_BUTTONS) return buttons(reply, choices, shortcuts, words);
  const fitting = choices.length + shortcuts.length <= MAX_LIST_ROWS ? shortcuts : [];
  if (choices.length + fitting.length <= MAX_BUTTONS) return buttons(reply, choices, fitting, words);
  return list(reply, choices, fitting, words);
}
