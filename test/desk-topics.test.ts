import { describe, expect, it } from 'vitest';
import { shortTicket } from '../src/domain/dialogue/index.js';
import { createLogger } from '../src/infra/logger.js';
import { fill, text } from './helpers/content.js';
import { askSharing, Counsellor, closeCase, type Desk, deskSuite, lastCard, OPS } from './helpers/desk.js';

/**
 * A request closed, then written to again (issue 17): her new request is a request of its own (id, status,
 * outcome, figures), and in a forum its card goes to the topic of her earlier one, reopened and renamed,
 * when she agreed on both to share her history. A topic gone falls back to a new one; without topics
 * nothing changes; after /forget her next request finds no topic of hers. Over the real Redis and the
 * fake Bot API, as main.ts builds the desk.
 */

const suite = deskSuite('desk-topics', 7_700_000);
const A = 94;
const DAY = 86_400_000;

const topicNew = (id: string) =>
  fill(text('ru', 'ops.cases.topic_new'), { ticket: shortTicket(id), lang: 'ru' });

/** The topic calls made since `mark`, by method. */
function topicCalls(h: Desk, mark: number, method: string) {
  return h.recorder.calls.slice(mark).filter((c) => c.method === method);
}

/** A person in the forum whose first request, shared, is closed; her second asked for 3 days later. */
async function comingBack(h: Desk, share: 'yes' | 'no' = 'yes') {
  const a = new Counsellor(h.bot, A, 'aigerim');
  const person = suite.person(h, 'ru');
  const first = await askSharing(h, person, 'yes');
  await closeCase(h, a, first, { outcome: 'lawyer', note: 'Договор у неё на руках' });
  h.clock.now += 3 * DAY;
  const mark = h.recorder.mark();
  const second = await askSharing(h, person, share);
  return { a, person, first, second, mark };
}

describe('a request closed, then written to again, in a forum', () => {
  it('puts her new request in the topic of her earlier one: reopened, renamed, its card there', async () => {
    const h = await suite.desk({ forum: true });
    const a = new Counsellor(h.bot, A, 'aigerim');
    const person = suite.person(h, 'ru');
    const first = await askSharing(h, person, 'yes');
    await closeCase(h, a, first, { outcome: 'lawyer', note: 'Договор у неё на руках' });
    expect(first.thread).toBeDefined();

    // Her words to the closed request are not passed on, as before.
    const inOps = h.recorder.sent(OPS).length;
    await person.text('Спасибо, а ещё вопрос');
    await h.drain();
    expect(h.recorder.sent(OPS)).toHaveLength(inOps);

    h.clock.now += 3 * DAY;
    const mark = h.recorder.mark();
    const second = await askSharing(h, person, 'yes');
    // A request of its own, with its card in the earlier topic, reopened and named by its status.
    expect(second.id).not.toBe(first.id);
    expect(second.thread).toBe(first.thread);
    expect(topicCalls(h, mark, 'createForumTopic')).toHaveLength(0);
    expect(topicCalls(h, mark, 'reopenForumTopic').map((c) => c.payload.message_thread_id)).toEqual([
      first.thread,
    ]);
    const renamed = topicCalls(h, mark, 'editForumTopic');
    expect(renamed.map((c) => c.payload.message_thread_id)).toEqual([first.thread]);
    expect(renamed[0]?.payload.name).toBe(topicNew(second.id));
    // Reopened, then named, then the card.
    const at = (method: string) => h.recorder.calls.findIndex((c, i) => i >= mark && c.method === method);
    expect(at('reopenForumTopic')).toBeLessThan(at('editForumTopic'));
    expect(at('editForumTopic')).toBeLessThan(second.call);

    // Words in the topic now reach her as the new request's.
    await a.inTopic(Number(first.thread), 'Здравствуйте, я снова с вами');
    await h.drain();
    const got = person.recorder.sent(person.id).at(-1)?.text ?? '';
    expect(got).toContain('Здравствуйте, я снова с вами');
    expect(got).toContain(shortTicket(second.id));

    // Each keeps its own status, outcome and figures.
    await closeCase(h, a, second, { outcome: 'reached' });
    expect((await h.tickets.get(first.id))?.outcome).toBe('lawyer');
    expect((await h.tickets.get(second.id))?.outcome).toBe('reached');
    const counts = (await h.stats.read('2026-11-28', '2026-12-01')).map((d) => d.counts);
    expect(counts.reduce((n, c) => n + (c['ru:callbacks:resolved:lawyer'] ?? 0), 0)).toBe(1);
    expect(counts.reduce((n, c) => n + (c['ru:callbacks:resolved:reached'] ?? 0), 0)).toBe(1);
    // Closed again: the same topic, closed, named by the second request.
    expect(h.recorder.ofMethod('closeForumTopic').at(-1)?.payload.message_thread_id).toBe(first.thread);
    expect(String(h.recorder.ofMethod('editForumTopic').at(-1)?.payload.name)).toContain(
      shortTicket(second.id),
    );
  });

  it('names the reopened topic even when Telegram fails the first time and the card is tried again', async () => {
    const h = await suite.desk({ forum: true });
    const a = new Counsellor(h.bot, A, 'aigerim');
    const person = suite.person(h, 'ru');
    const first = await askSharing(h, person, 'yes');
    await closeCase(h, a, first, { outcome: 'reached' });
    h.clock.now += DAY;
    let renames = 0;
    h.recorder.failWith = (call) =>
      call.method === 'editForumTopic' && renames++ === 0
        ? { error_code: 500, description: 'Internal Server Error' }
        : undefined;
    const mark = h.recorder.mark();
    await askSharing(h, person, 'yes');
    // Nothing posted yet: the card waits, its topic not yet kept.
    expect(lastCard(h).id).toBe(first.id);
    h.clock.now += 60_000;
    await h.drain();
    const second = lastCard(h);
    expect(second.id).not.toBe(first.id);
    expect(second.thread).toBe(first.thread);
    expect(topicCalls(h, mark, 'createForumTopic')).toHaveLength(0);
    // Named twice: refused, then taken.
    const named = topicCalls(h, mark, 'editForumTopic').filter((c) => c.payload.name === topicNew(second.id));
    expect(named).toHaveLength(2);
    expect(renames).toBe(2);
  });

  it('opens a new topic when the earlier one is gone, and logs it without anything of hers', async () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (l: string) => void lines.push(l) });
    const h = await suite.desk({ forum: true, log });
    h.recorder.failWith = (call) =>
      call.method === 'reopenForumTopic'
        ? { error_code: 400, description: 'Bad Request: TOPIC_ID_INVALID' }
        : undefined;
    const { first, second, mark } = await comingBack(h);
    expect(topicCalls(h, mark, 'reopenForumTopic')).toHaveLength(1);
    expect(topicCalls(h, mark, 'createForumTopic')).toHaveLength(1);
    expect(second.thread).toBeDefined();
    expect(second.thread).not.toBe(first.thread);
    // The old topic is neither renamed nor closed for the new request.
    expect(
      topicCalls(h, mark, 'editForumTopic').every((c) => c.payload.message_thread_id === second.thread),
    ).toBe(true);
    const warned = lines.filter((l) => l.includes('could not be reopened'));
    expect(warned).toHaveLength(1);
    // Only what went wrong, by its code: no request id, topic, name or words of hers.
    const { level, time, pid, hostname, app, ...said } = JSON.parse(warned[0] ?? '{}');
    expect(said).toEqual({ err: 'telegram 400', msg: expect.stringContaining('could not be reopened') });
    expect(warned[0]).not.toContain(shortTicket(first.id));
  });

  it('gives her new request a topic of its own when she does not share her history now', async () => {
    const h = await suite.desk({ forum: true });
    const { first, second, mark } = await comingBack(h, 'no');
    expect(second.thread).not.toBe(first.thread);
    expect(topicCalls(h, mark, 'reopenForumTopic')).toHaveLength(0);
    expect(topicCalls(h, mark, 'createForumTopic')).toHaveLength(1);
  });

  it('gives a new topic when the earlier request closed more than TICKET_RETENTION_DAYS ago', async () => {
    const h = await suite.desk({ forum: true });
    const a = new Counsellor(h.bot, A, 'aigerim');
    const person = suite.person(h, 'ru');
    const first = await askSharing(h, person, 'yes');
    await closeCase(h, a, first, { outcome: 'reached' });
    h.clock.now += h.config.TICKET_RETENTION_DAYS * DAY + 60_000;
    const mark = h.recorder.mark();
    const second = await askSharing(h, person, 'yes');
    expect(second.thread).not.toBe(first.thread);
    expect(topicCalls(h, mark, 'reopenForumTopic')).toHaveLength(0);
  });

  it('after /forget, leaves her shared topic to its last request and gives her next request a new one', async () => {
    const h = await suite.desk({ forum: true });
    const { a, first, second, person } = await comingBack(h);
    expect(second.thread).toBe(first.thread);
    await closeCase(h, a, second, { outcome: 'reached' });

    const mark = h.recorder.mark();
    await person.command('forget');
    await person.answer('yes');
    await h.drain();
    // Both requests are shown anew; only the one the topic now leads to names it.
    const renamed = topicCalls(h, mark, 'editForumTopic');
    expect(renamed.length).toBeGreaterThan(0);
    for (const c of renamed) expect(String(c.payload.name)).toContain(shortTicket(second.id));

    const after = h.recorder.mark();
    const third = await askSharing(h, person, 'yes');
    expect(third.thread).toBeDefined();
    expect(third.thread).not.toBe(first.thread);
    expect(topicCalls(h, after, 'reopenForumTopic')).toHaveLength(0);
    expect(topicCalls(h, after, 'createForumTopic')).toHaveLength(1);
  });
});

describe('a request closed, then written to again, without topics', () => {
  it('changes nothing: a new card in the main chat, no topic calls', async () => {
    const h = await suite.desk();
    const { first, second } = await comingBack(h);
    expect(second.id).not.toBe(first.id);
    expect(second.thread).toBeUndefined();
    for (const m of ['createForumTopic', 'reopenForumTopic', 'editForumTopic', 'closeForumTopic'])
      expect(h.recorder.ofMethod(m)).toHaveLength(0);
    // The new card is no reply to the old one.
    const call = h.recorder.calls[lastCard(h).call];
    expect(call?.payload.reply_parameters).toBeUndefined();
  });
});
