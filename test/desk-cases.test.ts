import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { hotlineText, shortTicket } from '../src/domain/dialogue/index.js';
import { cannedText } from '../src/domain/handoff/desk-content.js';
import { loadCannedReplies } from '../src/infra/desk-content.js';
import type { Sent } from '../testing/bot-api.js';
import { text } from './helpers/content.js';
import { askToWrite, Counsellor, deskSuite, lastCard, OPS } from './helpers/desk.js';

/** The counsellors' desk: topics named by status and closed, Release, /mine, canned replies. */

const suite = deskSuite('desk-cases', 7_100_000);
const A = 81;
const B = 82;
const idOf = (card: { id: string }) => card.id;
const lastReply = (recorder: { sent(chat: number): Sent[] }) => recorder.sent(OPS).at(-1)?.text ?? '';

describe("the counsellors' desk", () => {
  it('names a forum topic by its status (new, taken by whom, resolved) and closes it on Resolve', async () => {
    const h = await suite.desk({ forum: true });
    const person = suite.person(h, 'ru');
    await askToWrite(person);
    await h.drain();
    const card = lastCard(h);
    const id = idOf(card);
    // The card went into the topic Telegram opened for it.
    const thread = Number(h.recorder.calls[card.call]?.payload.message_thread_id);
    expect(h.recorder.ofMethod('createForumTopic')).toHaveLength(1);
    expect(thread).toBeGreaterThan(0);
    const a = new Counsellor(h.bot, A, 'aigerim');
    await a.press(`tk:${id}`, card);
    await h.drain();
    const renamed = h.recorder.ofMethod('editForumTopic').at(-1)?.payload;
    expect(renamed?.message_thread_id).toBe(thread);
    expect(String(renamed?.name)).toBe(`✋ #${shortTicket(id)} · ru · взял(а) @aigerim`);
    // The card shows who holds it, and offers Release beside Resolve.
    const edited = String(h.recorder.ofMethod('editMessageText').at(-1)?.payload.text);
    expect(edited).toContain('@aigerim');
    expect(JSON.stringify(h.recorder.ofMethod('editMessageText').at(-1)?.payload.reply_markup)).toContain(
      `rl:${id}`,
    );
    expect(h.recorder.ofMethod('closeForumTopic')).toHaveLength(0);

    await a.press(`rs:${id}`, card);
    const question = h.recorder.sent(OPS).at(-1) as Sent;
    await a.press(`ro:${id}:reached`, question);
    await h.drain();
    expect(String(h.recorder.ofMethod('editForumTopic').at(-1)?.payload.name)).toBe(
      `✅ #${shortTicket(id)} · ru · закрыта`,
    );
    expect(h.recorder.ofMethod('closeForumTopic').at(-1)?.payload.message_thread_id).toBe(thread);
  });

  it('works as before without topics: no topic calls at all', async () => {
    const h = await suite.desk();
    const person = suite.person(h, 'en');
    await askToWrite(person);
    await h.drain();
    const card = lastCard(h);
    await new Counsellor(h.bot, A, 'aigerim').press(`tk:${idOf(card)}`, card);
    await h.drain();
    for (const m of ['createForumTopic', 'editForumTopic', 'closeForumTopic'])
      expect(h.recorder.ofMethod(m)).toHaveLength(0);
  });

  it('releases a taken request back to everyone, and /mine lists what a counsellor holds', async () => {
    const h = await suite.desk();
    const first = suite.person(h, 'ru');
    const second = suite.person(h, 'kk');
    await askToWrite(first);
    await h.drain();
    const card1 = lastCard(h);
    await askToWrite(second);
    await h.drain();
    const card2 = lastCard(h);
    const a = new Counsellor(h.bot, A, 'aigerim');
    const b = new Counsellor(h.bot, B, 'dana');
    await a.press(`tk:${idOf(card1)}`, card1);
    await a.press(`tk:${idOf(card2)}`, card2);
    await h.drain();

    await a.command('mine');
    const mine = lastReply(h.recorder);
    expect(mine).toContain(shortTicket(idOf(card1)));
    expect(mine).toContain(shortTicket(idOf(card2)));
    await b.command('mine');
    expect(lastReply(h.recorder)).toBe(text('ru', 'ops.cases.mine_none'));

    // Released: waiting again, Take on the card again, and Dana can take it.
    await a.press(`rl:${idOf(card1)}`, card1);
    expect(String(h.recorder.ofMethod('answerCallbackQuery').at(-1)?.payload.text)).toContain(
      shortTicket(idOf(card1)),
    );
    await h.drain();
    expect((await h.tickets.get(idOf(card1)))?.status).toBe('open');
    expect(JSON.stringify(h.recorder.ofMethod('editMessageText').at(-1)?.payload.reply_markup)).toContain(
      `tk:${idOf(card1)}`,
    );
    await a.command('mine');
    expect(lastReply(h.recorder)).not.toContain(shortTicket(idOf(card1)));
    await b.press(`tk:${idOf(card1)}`, card1);
    expect((await h.tickets.get(idOf(card1)))?.takenName).toBe('@dana');
    // Released twice: the second is told it is not the case any more.
    await a.press(`rl:${idOf(card2)}`, card2);
    await a.press(`rl:${idOf(card2)}`, card2);
    expect(String(h.recorder.ofMethod('answerCallbackQuery').at(-1)?.payload.text)).toBe(
      text('ru', 'ops.cases.not_taken').replace('{{ticket}}', shortTicket(idOf(card2))),
    );
  });

  it("sends a canned reply in the person's language, on Telegram and on WhatsApp", async () => {
    const h = await suite.desk();
    const replies = loadCannedReplies();
    const office = replies.find((r) => r.id === 'office');
    const hotline = replies.find((r) => r.id === 'hotline');
    if (!office || !hotline) throw new Error('replies.yaml lost "office" or "hotline"');
    const person = suite.person(h, 'kk');
    await askToWrite(person);
    await h.drain();
    const card = lastCard(h);
    const a = new Counsellor(h.bot, A, 'aigerim');
    const asReply = {
      reply_to_message: { message_id: card.message_id, date: 1, chat: { id: OPS } },
    } as Partial<Message>;
    await a.command('reply office', asReply);
    expect(lastReply(h.recorder)).toContain(shortTicket(idOf(card)));
    await h.drain();
    expect(person.recorder.sent(person.id).at(-1)?.text).toContain(office.text.kk.slice(0, 40));

    // A WhatsApp person: the same path ends at the WhatsApp sender, in English, the hotline filled in.
    const waId = 'wa-person-hash';
    await h.tickets.apply({ channel: 'wa', id: waId }, [
      {
        type: 'open_ticket',
        request: { id: 'wawawawawawawawa', lang: 'en', mode: 'write', when: 'now', urgent: false },
      },
    ]);
    await h.drain();
    const waCard = lastCard(h);
    await a.command('reply hotline', {
      reply_to_message: { message_id: waCard.message_id, date: 1, chat: { id: OPS } },
    } as Partial<Message>);
    await h.drain();
    const got = h.wa.got.at(-1);
    expect(got?.id).toBe(waId);
    const hotlineLine = hotlineText(h.deps, h.deps.t('en'));
    expect(got?.replies[0]?.text).toContain(cannedText(hotline, 'en', hotlineLine));
    expect(got?.replies[0]?.text).not.toContain('{{hotline}}');

    // Bad input gets a clear answer and sends nothing.
    const before = h.wa.got.length;
    await a.command('reply nosuch', {
      reply_to_message: { message_id: waCard.message_id, date: 1, chat: { id: OPS } },
    } as Partial<Message>);
    expect(lastReply(h.recorder)).toContain('office');
    await a.command('reply office');
    expect(lastReply(h.recorder)).toBe(text('ru', 'ops.cases.reply_where'));
    await h.drain();
    expect(h.wa.got).toHaveLength(before);
  });
});
