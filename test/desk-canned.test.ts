import { describe, expect, it } from 'vitest';
import { shortTicket } from '../src/domain/dialogue/index.js';
import { undeliveredText } from '../src/domain/handoff/notices.js';
import { loadCannedReplies } from '../src/infra/desk-content.js';
import { text } from './helpers/content.js';
import {
  askToWrite,
  buttonOf,
  Counsellor,
  closeCase,
  deskSuite,
  lastCard,
  lastInOps,
  OPS,
} from './helpers/desk.js';

/** 💬 on a request's card: the canned replies as buttons, one of them sent as `/reply <id>` sends it. */

const suite = deskSuite('desk-canned', 7_300_000);
const A = 91;
const STRANGER = 92;
const replies = loadCannedReplies();
const office = replies.find((r) => r.id === 'office');
if (!office) throw new Error('replies.yaml lost "office"');
const callbackText = (h: { recorder: { ofMethod(m: string): { payload: Record<string, unknown> }[] } }) =>
  h.recorder.ofMethod('answerCallbackQuery').at(-1)?.payload.text;

describe("canned replies from the card's 💬 button", () => {
  it("lists the replies in the card's topic, and one pressed reaches her in her language", async () => {
    const h = await suite.desk({ forum: true });
    const person = suite.person(h, 'kk');
    await askToWrite(person);
    await h.drain();
    const card = lastCard(h);
    const button = card.buttons.find((b) => b.callback_data === `cr:${card.id}`);
    expect(button?.text).toBe(text('ru', 'ops.cases.replies'));

    const a = new Counsellor(h.bot, A, 'aigerim');
    await a.press(`cr:${card.id}`, card);
    const list = lastInOps(h);
    expect(list.thread).toBe(card.thread);
    expect(list.text).toContain(shortTicket(card.id));
    // One button per reply, labelled in the operators' language (ru here), within Telegram's 64 bytes.
    expect(list.buttons.map((b) => b.text)).toEqual(replies.map((r) => r.label.ru));
    for (const b of list.buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    await a.press(buttonOf(list, `cs:${card.id}:office`), list);
    const confirmed = lastInOps(h);
    expect(confirmed.text).toBe(
      text('ru', 'ops.cases.reply_sent')
        .replace('{{name}}', 'office')
        .replace('{{ticket}}', shortTicket(card.id)),
    );
    expect(confirmed.thread).toBe(card.thread);
    await h.drain();
    expect(person.recorder.sent(person.id).at(-1)?.text).toContain(office.text.kk.slice(0, 40));
  });

  it('refuses a stranger when COUNSELLOR_IDS is set, and sends nothing', async () => {
    const h = await suite.desk({ counsellors: [A] });
    const person = suite.person(h, 'ru');
    await askToWrite(person);
    await h.drain();
    const card = lastCard(h);
    const stranger = new Counsellor(h.bot, STRANGER, 'stranger');
    const before = h.recorder.sent(OPS).length;
    await stranger.press(`cr:${card.id}`, card);
    expect(callbackText(h)).toBe(text('ru', 'ops.not_allowed'));
    await stranger.press(`cs:${card.id}:office`, card);
    expect(callbackText(h)).toBe(text('ru', 'ops.not_allowed'));
    expect(h.recorder.sent(OPS)).toHaveLength(before);
    const toHer = person.recorder.sent(person.id).length;
    await h.drain();
    expect(person.recorder.sent(person.id)).toHaveLength(toHer);
  });

  it("answers a closed request's stale buttons as /reply does, and an unknown reply clearly", async () => {
    const h = await suite.desk();
    const person = suite.person(h, 'en');
    await askToWrite(person);
    await h.drain();
    const card = lastCard(h);
    const a = new Counsellor(h.bot, A, 'aigerim');
    await a.press(`cr:${card.id}`, card);
    const list = lastInOps(h);
    // An id no longer in replies.yaml, or data no reply id can be.
    await a.press(`cs:${card.id}:gone`, list);
    expect(callbackText(h)).toBe(text('ru', 'ops.cases.reply_unknown'));
    await a.press(`cs:${card.id}:Bad!`, list);
    expect(callbackText(h)).toBe(text('ru', 'ops.cases.reply_unknown'));

    await closeCase(h, a, card, { outcome: 'reached' });
    const closed = undeliveredText(h.deps.t('ru'), card.id, 'closed');
    // The card, redrawn closed, has no 💬 any more.
    const redrawn = h.recorder
      .ofMethod('editMessageText')
      .findLast((c) => c.payload.message_id === card.message_id)?.payload;
    expect(String(redrawn?.text)).toContain(text('ru', 'ops.outcome.reached'));
    expect(JSON.stringify(redrawn?.reply_markup ?? {})).not.toContain('cr:');
    const toHer = person.recorder.sent(person.id).length;
    await a.press(`cr:${card.id}`, card);
    expect(callbackText(h)).toBe(closed);
    await a.press(`cs:${card.id}:office`, list);
    expect(lastInOps(h).text).toBe(closed);
    await h.drain();
    expect(person.recorder.sent(person.id)).toHaveLength(toHer);
  });
});
