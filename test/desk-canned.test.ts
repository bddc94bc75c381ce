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
  type Desk,
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
/** A person (writing in `lang`) who asked for a counsellor, and her request's card. */
async function askedFor(h: Desk, lang: 'ru' | 'kk' | 'en') {
  const person = suite.person(h, lang);
  await askToWrite(person);
  await h.drain();
  return { person, card: lastCard(h) };
}
/** A Russian speaker's request, a counsellor, and the list 💬 showed on its card in a forum desk. */
async function listShown() {
  const h = await suite.desk({ forum: true });
  const { person, card } = await askedFor(h, 'ru');
  const a = new Counsellor(h.bot, A, 'aigerim');
  await a.press(`cr:${card.id}`, card);
  return { h, person, card, a, list: lastInOps(h), before: person.recorder.sent(person.id).length };
}
/** What the counsellors' chat is told when reply `name` went to request `id`. */
const replySent = (name: string, id: string) =>
  text('ru', 'ops.cases.reply_sent').replace('{{name}}', name).replace('{{ticket}}', shortTicket(id));
const callbackText = (h: { recorder: { ofMethod(m: string): { payload: Record<string, unknown> }[] } }) =>
  h.recorder.ofMethod('answerCallbackQuery').at(-1)?.payload.text;

describe("canned replies from the card's 💬 button", () => {
  it("lists the replies in the card's topic, and one pressed reaches her in her language", async () => {
    const h = await suite.desk({ forum: true });
    const { person, card } = await askedFor(h, 'kk');
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
    expect(confirmed.text).toBe(replySent('office', card.id));
    expect(confirmed.thread).toBe(card.thread);
    await h.drain();
    expect(person.recorder.sent(person.id).at(-1)?.text).toContain(office.text.kk.slice(0, 40));
  });

  it('sends one reply a list, however often it is pressed: its buttons go, a later press is told so', async () => {
    const { h, person, card, a, list, before } = await listShown();
    /** What reached her since the list was shown. */
    const toHer = () => person.recorder.sent(person.id).slice(before);
    const confirmations = (name: string) =>
      h.recorder.sent(OPS).filter((m) => m.text === replySent(name, card.id));
    const used = () =>
      h.recorder
        .ofMethod('answerCallbackQuery')
        .filter((c) => c.payload.text === text('ru', 'ops.cases.reply_used'));

    // A double tap: the second press is on its way before the first is answered. She gets one reply.
    const pressOffice = buttonOf(list, `cs:${card.id}:office`);
    await Promise.all([a.press(pressOffice, list), a.press(pressOffice, list)]);
    await h.drain();
    expect(toHer()).toHaveLength(1);
    expect(toHer()[0]?.text).toContain(office.text.ru.slice(0, 40));
    expect(confirmations('office')).toHaveLength(1);
    expect(used()).toHaveLength(1);
    // The list's buttons are gone; a press that still comes (another of its replies) sends nothing.
    const removed = h.recorder
      .ofMethod('editMessageReplyMarkup')
      .filter((c) => c.payload.message_id === list.message_id);
    expect(removed.map((c) => c.payload.reply_markup)).toEqual([{ inline_keyboard: [] }]);
    await a.press(buttonOf(list, `cs:${card.id}:agency`), list);
    await h.drain();
    expect(toHer()).toHaveLength(1);
    expect(confirmations('agency')).toHaveLength(0);
    expect(used()).toHaveLength(2);

    // 💬 again gives a new list, which sends again.
    await a.press(`cr:${card.id}`, card);
    const again = lastInOps(h);
    await a.press(buttonOf(again, `cs:${card.id}:agency`), again);
    await h.drain();
    expect(toHer()).toHaveLength(2);
    expect(confirmations('agency')).toHaveLength(1);
  });

  it('gives a list back when its reply could not be sent, so a press may try again', async () => {
    const { h, person, card, a, list, before } = await listShown();
    // The first press meets a failing store (Redis or the outbox): nothing is sent.
    const reply = h.tickets.reply;
    h.tickets.reply = async () => {
      throw new Error('store down');
    };
    await a.press(buttonOf(list, `cs:${card.id}:office`), list).catch(() => undefined);
    h.tickets.reply = reply;
    await h.drain();
    expect(person.recorder.sent(person.id)).toHaveLength(before);
    // The list was not spent: the next press sends, once.
    await a.press(buttonOf(list, `cs:${card.id}:office`), list);
    await h.drain();
    expect(person.recorder.sent(person.id).slice(before)).toHaveLength(1);
  });

  it('refuses a stranger when COUNSELLOR_IDS is set, and sends nothing', async () => {
    const h = await suite.desk({ counsellors: [A] });
    const { person, card } = await askedFor(h, 'ru');
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
    const { person, card } = await askedFor(h, 'en');
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
