import { describe, expect, it } from 'vitest';
import { shortTicket } from '../src/domain/dialogue/index.js';
import { handoffKeys } from '../src/store/keys.js';
import { Recorder } from '../testing/bot-api.js';
import { fill, text } from './helpers/content.js';
import {
  askToWrite,
  buttonOf,
  Counsellor,
  type Desk,
  deskHarness,
  deskSuite,
  lastCard,
  lastInOps,
  OPS,
  replyTo,
} from './helpers/desk.js';

/**
 * The Resolve wizard (outcome, referral, follow-up, note) across a restart, /cancel and stale buttons;
 * the follow-up reminder with two instances; Reassign; and a request closed, then asked for again.
 */

const suite = deskSuite('desk-wizard', 7_300_000);
const { redis, newPrefix } = suite;
const A = 91;
const B = 92;
const keys = (p: string) => handoffKeys(p);
const answers = (h: Desk) =>
  h.recorder.ofMethod('answerCallbackQuery').map((c) => String(c.payload.text ?? ''));

/** A request opened, taken by A, and its outcome chosen: the wizard's first question is waiting. */
async function resolving(h: Desk, a: Counsellor, lang: 'ru' | 'kk' | 'en' = 'ru') {
  const person = suite.person(h, lang);
  await askToWrite(person);
  await h.drain();
  const card = lastCard(h);
  await a.press(`tk:${card.id}`, card);
  await a.press(`rs:${card.id}`, card);
  const outcomes = lastInOps(h);
  await a.press(`ro:${card.id}:lawyer`, outcomes);
  return { person, card, id: card.id };
}

describe('the Resolve wizard', () => {
  it('keeps its place across a restart: referral, a typed follow-up date and a note, each kept with the request', async () => {
    const p = newPrefix();
    const clock = { now: Date.UTC(2026, 10, 28, 6, 0) };
    const recorder = new Recorder();
    const first = await deskHarness(redis, { prefix: p, forum: true, clock, recorder });
    const a = new Counsellor(first.bot, A, 'aigerim');
    const { person, card, id } = await resolving(first, a);
    // Closed at the outcome: nothing typed in the wizard can reach her.
    expect((await first.tickets.get(id))?.status).toBe('resolved');
    const referralAsk = lastInOps(first);
    expect(referralAsk.text).toBe(fill(text('ru', 'ops.wizard.referral_q'), { ticket: shortTicket(id) }));
    expect(referralAsk.thread).toBe(card.thread);
    expect(referralAsk.buttons.map((b) => b.callback_data)).toContain(`rr:${id}:none`);
    await a.press(`rr:${id}:iom`, referralAsk);
    const followAsk = lastInOps(first);
    expect(followAsk.buttons.map((b) => b.callback_data)).toEqual([`rf:${id}:3`, `rf:${id}:7`, `rf:${id}:0`]);
    // The wizard's state is in Redis, with a TTL.
    const [stateKey] = await redis.keys(`${keys(p).resolveWizard}*`);
    expect(stateKey).toBeDefined();
    expect(await redis.ttl(stateKey as string)).toBeGreaterThan(0);

    // A restart: a new bot and outbox over the same Redis (the same Telegram).
    const second = await deskHarness(redis, { prefix: p, forum: true, clock, recorder });
    const again = new Counsellor(second.bot, A, 'aigerim');
    const thread = card.thread as number;
    // Words in the topic the question cannot read are answered, and the question waits on.
    await again.inTopic(thread, 'на следующей неделе');
    expect(lastInOps(second).text).toBe(
      fill(text('ru', 'ops.wizard.bad_date'), { from: '2026-11-28', to: '2026-12-28' }),
    );
    await again.inTopic(thread, '05.12');
    const noteAsk = lastInOps(second);
    expect(noteAsk.text).toBe(text('ru', 'ops.note_q'));
    // The follow-up question now says what was chosen, and has no buttons left to press.
    const followEdit = second.recorder
      .ofMethod('editMessageText')
      .find((c) => c.payload.message_id === followAsk.message_id);
    expect(String(followEdit?.payload.text)).toContain('2026-12-05');
    expect(followEdit?.payload.reply_markup).toBeUndefined();
    await again.inTopic(thread, 'Направлена в МОМ, позвонить после консультации');
    expect(lastInOps(second).text).toBe(fill(text('ru', 'ops.wizard.done'), { ticket: shortTicket(id) }));

    const personal = await redis.hgetall(keys(p).personal(id));
    expect(personal.referral).toBe('iom');
    expect(personal.followUp).toBe('2026-12-05');
    expect(personal.resolutionNote).toBe('Направлена в МОМ, позвонить после консультации');
    expect(await redis.ttl(keys(p).personal(id))).toBeGreaterThan(0);
    expect((await second.tickets.get(id))?.outcome).toBe('lawyer');
    // Done: the wizard's state is gone; the note never reached the person.
    expect(await redis.keys(`${keys(p).resolveWizard}*`)).toEqual([]);
    await second.drain();
    const toPerson = person.recorder
      .sent(person.id)
      .map((m) => m.text)
      .join('\n');
    expect(toPerson).not.toContain('МОМ');
    expect(toPerson).not.toContain('2026-12-05');
  });

  it('/cancel leaves it: the request stays closed with what was answered, and its buttons are then stale', async () => {
    const h = await suite.desk();
    const a = new Counsellor(h.bot, A, 'aigerim');
    const b = new Counsellor(h.bot, B, 'dana');
    await a.command('cancel');
    expect(lastInOps(h).text).toBe(text('ru', 'ops.wizard.nothing'));
    const { id } = await resolving(h, a);
    await a.press(`rr:${id}:none`, lastInOps(h));
    const followAsk = lastInOps(h);
    // Another counsellor's press on this question is hers alone: told so, and nothing changes.
    await b.press(`rf:${id}:3`, followAsk);
    expect(answers(h).at(-1)).toBe(text('ru', 'ops.wizard_expired'));
    expect((await redis.hgetall(keys(h.config.REDIS_PREFIX).personal(id))).followUp).toBeUndefined();

    await a.command('cancel');
    expect(lastInOps(h).text).toBe(text('ru', 'ops.cancelled'));
    expect(await redis.keys(`${keys(h.config.REDIS_PREFIX).resolveWizard}*`)).toEqual([]);
    // The question left behind: pressed now, it only says it is no longer waiting.
    await a.press(`rf:${id}:7`, followAsk);
    expect(answers(h).at(-1)).toBe(text('ru', 'ops.wizard_expired'));
    const personal = await redis.hgetall(keys(h.config.REDIS_PREFIX).personal(id));
    expect(personal.referral).toBe('none');
    expect(personal.followUp).toBeUndefined();
    expect(await redis.zscore(keys(h.config.REDIS_PREFIX).outbox, `follow:${id}`)).toBeNull();
    expect((await h.tickets.get(id))?.status).toBe('resolved');
    // An old outcome button, pressed again: the request is closed already.
    await a.press(`ro:${id}:police`, lastCard(h));
    expect(answers(h).at(-1)).toBe(fill(text('ru', 'ops.already_resolved'), { ticket: shortTicket(id) }));
  });

  it('forgets, with the person, the outcome, referral, follow-up and note, and the reminder never comes', async () => {
    const h = await suite.desk();
    const a = new Counsellor(h.bot, A, 'aigerim');
    const { person, id } = await resolving(h, a, 'kk');
    await a.press(`rr:${id}:police`, lastInOps(h));
    await a.press(`rf:${id}:3`, lastInOps(h));
    const noteAsk = lastInOps(h);
    await a.write('Айгүл, Шымкент, ағасы қорқытады', replyTo(noteAsk));
    const k = keys(h.config.REDIS_PREFIX);
    expect(await redis.zscore(k.outbox, `follow:${id}`)).not.toBeNull();

    await person.command('forget');
    await person.answer('yes');
    await h.drain();
    expect(await redis.exists(k.personal(id))).toBe(0);
    expect((await redis.hgetall(k.ticket(id))).outcome).toBeUndefined();
    expect(await redis.zscore(k.outbox, `follow:${id}`)).toBeNull();
    h.clock.now += 10 * 86_400_000;
    await h.drain();
    expect(h.recorder.sent(OPS).some((m) => m.text.includes('📅'))).toBe(false);
  });
});

describe('the follow-up reminder', () => {
  it('is posted once by one of two instances, in its topic, at the start of the next working day', async () => {
    const p = newPrefix();
    const clock = { now: Date.UTC(2026, 11, 10, 6, 0) };
    const options = { prefix: p, forum: true, clock, workingHours: 'Mon-Fri 09:00-18:00' };
    const one = await deskHarness(redis, options);
    const two = await deskHarness(redis, { ...options, recorder: one.recorder });
    const a = new Counsellor(one.bot, A, 'aigerim');
    const { card, id } = await resolving(one, a);
    await a.press(`rr:${id}:shelter`, lastInOps(one));
    // 16 December, Independence Day: a public holiday; the reminder comes on the 17th at 09:00 Almaty.
    await a.write('16.12', replyTo(lastInOps(one)));
    const due = Date.UTC(2026, 11, 17, 4, 0);
    expect(await redis.zscore(keys(p).outbox, `follow:${id}`)).toBe(String(due));
    await a.write('Обещала прийти в офис', replyTo(lastInOps(one)));
    await one.drain();

    const reminders = () => one.recorder.sent(OPS).filter((m) => m.text.startsWith('📅'));
    clock.now = due - 60_000;
    await Promise.all([one.drain(), two.drain()]);
    expect(reminders()).toHaveLength(0);

    clock.now = due;
    await Promise.all([
      one.outbox.runOnce(),
      two.outbox.runOnce(),
      one.outbox.runOnce(),
      two.outbox.runOnce(),
    ]);
    await Promise.all([one.drain(), two.drain()]);
    // And once more, as an instance whose lease ran out would: the job is gone, nothing is queued again.
    expect(await one.ticketStore.followUpDue(id, clock.now)).toBe(false);
    clock.now += 3 * 86_400_000;
    await Promise.all([one.drain(), two.drain()]);

    expect(reminders()).toHaveLength(1);
    const reminder = reminders()[0];
    expect(reminder?.text).toContain(shortTicket(id));
    expect(reminder?.text).toContain('2026-12-16');
    expect(reminder?.text).toContain(text('ru', 'ops.outcome.lawyer'));
    expect(reminder?.text).toContain(one.referrals.find((r) => r.id === 'shelter')?.name.ru);
    expect(reminder?.text).toContain('Обещала прийти в офис');
    const call = one.recorder.calls[reminder?.call ?? -1];
    expect(call?.payload.message_thread_id).toBe(card.thread);
  });
});

describe('the follow-up reminder, its topic refused', () => {
  it('goes to the main chat rather than nowhere (the desk falls back for every message)', async () => {
    const h = await suite.desk({ forum: true });
    const a = new Counsellor(h.bot, A, 'aigerim');
    const { card, id } = await resolving(h, a);
    await a.press(`rr:${id}:none`, lastInOps(h));
    await a.press(`rf:${id}:3`, lastInOps(h));
    await a.press(`rn:${id}`, lastInOps(h));
    await h.drain();
    h.recorder.failWith = (call) =>
      call.method === 'sendMessage' && call.payload.message_thread_id === card.thread
        ? { error_code: 400, description: 'Bad Request: TOPIC_CLOSED' }
        : undefined;
    h.clock.now += 4 * 86_400_000;
    await h.drain();
    const reminder = lastInOps(h);
    expect(reminder.text).toContain(
      fill(text('ru', 'ops.follow_up.reminder'), { ticket: shortTicket(id), date: '2026-12-01' }),
    );
    expect(reminder.thread).toBeUndefined();
  });
});

describe('Reassign', () => {
  it('hands a taken request to a counsellor picked from those who took requests, or named, and the card shows who holds it', async () => {
    const h = await suite.desk({ forum: true });
    const a = new Counsellor(h.bot, A, 'aigerim');
    const b = new Counsellor(h.bot, B, 'dana');
    // Dana has taken a request before: she is on the list.
    const other = suite.person(h, 'ru');
    await askToWrite(other);
    await h.drain();
    const otherCard = lastCard(h);
    await b.press(`tk:${otherCard.id}`, otherCard);
    const person = suite.person(h, 'en');
    await askToWrite(person);
    await h.drain();
    const card = lastCard(h);
    const id = card.id;
    // Not taken yet: nothing to hand over.
    await a.press(`ra:${id}`, card);
    expect(answers(h).at(-1)).toBe(fill(text('ru', 'ops.cases.not_taken'), { ticket: shortTicket(id) }));
    await a.press(`tk:${id}`, card);
    await h.drain();
    // The taken card: Release, Reassign, Resolve.
    const markup = JSON.stringify(h.recorder.ofMethod('editMessageText').at(-1)?.payload.reply_markup);
    for (const data of [`rl:${id}`, `ra:${id}`, `rs:${id}`]) expect(markup).toContain(data);

    await a.press(`ra:${id}`, card);
    const picker = lastInOps(h);
    expect(picker.thread).toBe(card.thread);
    expect(picker.buttons.map((x) => x.callback_data)).toEqual([`rg:${id}:${B}`]);
    await a.press(buttonOf(picker, 'rg:'), picker);
    expect((await h.tickets.get(id))?.takenName).toBe('@dana');
    expect(answers(h).at(-1)).toBe(
      fill(text('ru', 'ops.cases.reassigned'), { ticket: shortTicket(id), name: '@dana', from: '@aigerim' }),
    );
    await h.drain();
    expect(String(h.recorder.ofMethod('editMessageText').at(-1)?.payload.text)).toContain('@dana');
    expect(String(h.recorder.ofMethod('editForumTopic').at(-1)?.payload.name)).toContain('@dana');
    await b.command('mine');
    expect(lastInOps(h).text).toContain(shortTicket(id));
    // The picker pressed again: already hers.
    await a.press(buttonOf(picker, 'rg:'), picker);
    expect(answers(h).at(-1)).toBe(
      fill(text('ru', 'ops.cases.reassign_same'), { ticket: shortTicket(id), name: '@dana' }),
    );

    // Named: /reassign @aigerim as a reply to the card.
    await b.command('reassign @aigerim', replyTo(card), [{ type: 'mention', offset: 10, length: 8 }]);
    expect((await h.tickets.get(id))?.takenBy).toBe(A);
    // Someone never on the list is not guessed at.
    await a.command('reassign @nobody', replyTo(card), [{ type: 'mention', offset: 10, length: 7 }]);
    expect(lastInOps(h).text).toBe(text('ru', 'ops.cases.reassign_unknown'));
    // In the topic, as a reply to a counsellor's own message: to her.
    const thread = card.thread as number;
    await a.command('reassign', {
      is_topic_message: true,
      message_thread_id: thread,
      ...replyTo({ message_id: 42 }, b.user()),
    });
    expect((await h.tickets.get(id))?.takenBy).toBe(B);
    // About no request: said how to point at one.
    await a.command('reassign @dana', {}, [{ type: 'mention', offset: 10, length: 5 }]);
    expect(lastInOps(h).text).toBe(text('ru', 'ops.cases.reassign_where'));
  });
});

describe('Reassign, named', () => {
  it('offers the list for /reassign alone, and hands nothing to someone who is not a counsellor', async () => {
    const h = await suite.desk({ counsellors: [A, B] });
    const a = new Counsellor(h.bot, A, 'aigerim');
    const b = new Counsellor(h.bot, B, 'dana');
    const person = suite.person(h, 'kk');
    await askToWrite(person);
    await h.drain();
    const card = lastCard(h);
    await a.press(`tk:${card.id}`, card);
    // Nobody else has held a request yet.
    await a.command('reassign', replyTo(card));
    expect(lastInOps(h).text).toBe(text('ru', 'ops.cases.reassign_nobody'));
    const other = suite.person(h, 'ru');
    await askToWrite(other);
    await h.drain();
    const otherCard = lastCard(h);
    await b.press(`tk:${otherCard.id}`, otherCard);
    await a.command('reassign', replyTo(card));
    expect(lastInOps(h).buttons.map((x) => x.callback_data)).toEqual([`rg:${card.id}:${B}`]);
    // A mention of someone without a username carries her id: she is not in COUNSELLOR_IDS.
    const stranger = { id: 555, is_bot: false, first_name: 'Guest' };
    await a.command('reassign Guest', replyTo(card), [
      { type: 'text_mention', offset: 10, length: 5, user: stranger },
    ]);
    expect(lastInOps(h).text).toBe(fill(text('ru', 'ops.cases.reassign_not_counsellor'), { name: 'Guest' }));
    expect((await h.tickets.get(card.id))?.takenBy).toBe(A);
  });
});

describe('a request closed, then written to again', () => {
  it("opens a new request in a topic of its own when she shares no history; the closed one's topic stays closed", async () => {
    const h = await suite.desk({ forum: true });
    const a = new Counsellor(h.bot, A, 'aigerim');
    const { person, card, id } = await resolving(h, a);
    await a.command('cancel');
    await h.drain();
    // Her next words go to the dialogue, not to the closed request.
    const before = h.recorder.sent(OPS).length;
    await person.text('Спасибо! А можно ещё вопрос?');
    await h.drain();
    expect(h.recorder.sent(OPS)).toHaveLength(before);
    await askToWrite(person);
    await h.drain();
    const next = lastCard(h);
    expect(next.id).not.toBe(id);
    expect(next.thread).not.toBe(card.thread);
    expect(h.recorder.ofMethod('reopenForumTopic')).toHaveLength(0);
    const closed = new Set(h.recorder.ofMethod('closeForumTopic').map((c) => c.payload.message_thread_id));
    expect([...closed]).toEqual([card.thread]);
  });
});
