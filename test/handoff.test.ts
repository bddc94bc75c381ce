import { PassThrough, Readable } from 'node:stream';
import type { Message, Update } from 'grammy/types';
import { afterAll, describe, expect, it } from 'vitest';
import { runChat } from '../src/channels/console/chat.js';
import { consoleDesk, consoleSender } from '../src/channels/console/desk.js';
import { operatorsChatNow } from '../src/channels/telegram/operators/index.js';
import { loadConfig } from '../src/config.js';
import { shortTicket } from '../src/domain/dialogue/index.js';
import { localDate } from '../src/domain/hours.js';
import { summarize } from '../src/domain/stats.js';
import { createDialogueDeps } from '../src/infra/dialogue-deps.js';
import { createLogger } from '../src/infra/logger.js';
import { createMetrics } from '../src/infra/metrics.js';
import { RedisStore } from '../src/store/redis.js';
import { createDialogueService, createHandoff } from '../src/wiring.js';
import type { Sent } from '../testing/bot-api.js';
import { Person } from '../testing/telegram-updates.js';
import { text } from './helpers/content.js';
import {
  askToCall,
  askToWrite,
  button,
  Counsellor,
  handoffHarness,
  lastCard,
  OPS,
} from './helpers/handoff.js';
import { dropPrefix, keysUnder, testPrefix, testRedis } from './helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('handoff');
const silent = createLogger('silent');
const COUNSELLOR_A = 71;
const COUNSELLOR_B = 72;
const STRANGER = 73;

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

let nextPerson = 6_100_000;
/** Message ids of what a test sends by hand. */
let nextUpdate = 980_000;

/** The bot as main.ts builds it: test/helpers/handoff.ts, under this file's keys. */
const harness = (options: Parameters<typeof handoffHarness>[2] = {}) =>
  handoffHarness(redis, prefix, options);

describe('the counsellor handoff in the terminal chat', () => {
  it('stores the request and prints where the card would have gone', async () => {
    const config = loadConfig({ REDIS_PREFIX: `${prefix}cli:`, WORKING_HOURS: 'daily 00:00-24:00' });
    const deps = await createDialogueDeps(config);
    const store = new RedisStore(redis, { prefix: `${prefix}cli:`, ttlSeconds: 3600 });
    const lines: string[] = [];
    const write = (line: string) => lines.push(line);
    const {
      outbox: handoff,
      ticketStore: tickets,
      tickets: built,
    } = createHandoff({
      config,
      redis,
      deps,
      store,
      desk: consoleDesk(write),
      senders: new Map([['cli', consoleSender(write)]]),
      log: silent,
    });
    const service = createDialogueService({ config, deps, store, log: silent, handoff: { tickets: built } });
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    await runChat({
      service,
      who: { channel: 'cli', id: 'handoff-test' },
      input: Readable.from(['3\n', '2\n', '2\n', '1\n', 'skip\n', 'they said I owe them for the tickets\n']),
      output,
      echo: true,
      first: { kind: 'command', command: 'start' },
      platformLang: 'en',
      afterTurn: () => handoff.drain(),
    });
    const all = lines.join('');
    expect(all).toContain("operators' chat");
    expect(all).toContain('they said I owe them for the tickets');
    const open = await tickets.openTickets();
    expect(open).toHaveLength(1);
    expect(open[0]?.channel).toBe('cli');
    expect(open[0]?.mode).toBe('write');
  });
});

/** Telegram refuses a message over 4096 UTF-16 code units (an emoji is two) with a 400. */
const TOO_LONG = { error_code: 400, description: 'Bad Request: message is too long' };
const refusingLong = (call: { method: string; payload: Record<string, unknown> }) =>
  (call.method === 'sendMessage' || call.method === 'editMessageText') &&
  String(call.payload.text ?? '').length > 4096
    ? TOO_LONG
    : undefined;

describe("deliveries to the operators' chat that must not vanish", () => {
  it('splits a relayed message and a card by UTF-16 length, header included, and nothing is refused', async () => {
    const h = await harness();
    h.recorder.failWith = refusingLong;
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await person.command('start');
    await person.answer('counsellor');
    await person.answer('write');
    await person.answer('no');
    await person.answer('now');
    // A note of emoji (two UTF-16 units each), as long as the dialogue keeps it.
    await person.text('🙏'.repeat(2000));
    await h.handoff.drain();
    const card = lastCard(h.recorder);
    expect(card).toBeDefined();
    // 2,048 emoji: 4,096 units before the header.
    await person.text('😢'.repeat(2048));
    await h.handoff.drain();
    const toOps = h.recorder.sent(OPS);
    for (const m of toOps) expect(m.text.length).toBeLessThanOrEqual(4096);
    const all = toOps.map((m) => m.text).join('');
    expect(Array.from(all).filter((c) => c === '🙏').length).toBeGreaterThan(0);
    expect(Array.from(all).filter((c) => c === '😢')).toHaveLength(2048);
    // The relayed message's first part carries its header; no part holds half an emoji.
    const id = button(card, 'tk:').slice(3);
    const first = toOps.find((m) => m.text.includes('😢'));
    expect(first?.text).toContain(shortTicket(id));
    for (const m of toOps) expect(m.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(
      person.recorder
        .sent(person.id)
        .map((m) => m.text)
        .join('\n'),
    ).not.toContain('⚠️');
  });

  it('follows a group upgraded to a supergroup (migrate_to_chat_id) and keeps the new id', async () => {
    const moved = -100_999_888;
    const h = await harness();
    h.recorder.failWith = (call) =>
      Number(call.payload.chat_id) === OPS
        ? {
            error_code: 400,
            description: 'Bad Request: group chat was upgraded to a supergroup chat',
            migrate_to_chat_id: moved,
          }
        : undefined;
    const first = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(first);
    await h.handoff.drain();
    const card = lastCard(h.recorder, moved);
    expect(card).toBeDefined();
    const second = new Person(h.bot, h.recorder, nextPerson++, 'en');
    await askToWrite(second);
    await h.handoff.drain();
    // Asked once at the old id; everything since goes to the new one.
    expect(h.recorder.calls.filter((c) => Number(c.payload.chat_id) === OPS)).toHaveLength(1);
    expect(
      h.recorder.sent(moved).filter((m) => m.buttons.some((b) => b.callback_data.startsWith('tk:'))),
    ).toHaveLength(2);
    // Kept for the next start, until OPERATORS_CHAT_ID is changed.
    expect(await operatorsChatNow(redis, h.prefix, OPS)).toBe(moved);
    // Counsellors act in the new chat.
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim', moved);
    await a.press(button(card, 'tk:'), card as Sent);
    await h.handoff.drain();
    expect(first.recorder.sent(first.id).at(-1)?.text).toContain('🤝');
  });

  it('retries any other 400 with backoff, counted and logged without text, then tells the person the truth with the hotline', async () => {
    const lines: string[] = [];
    const metrics = createMetrics();
    const h = await harness({
      log: createLogger('trace', { write: (l: string) => void lines.push(l) }),
      metrics,
    });
    h.recorder.failWith = (call) =>
      Number(call.payload.chat_id) === OPS
        ? { error_code: 400, description: 'Bad Request: chat not found' }
        : undefined;
    const person = new Person(h.bot, h.recorder, nextPerson++, 'kk');
    await askToWrite(person);
    expect(person.recorder.sent(person.id).at(-1)?.text).toContain('✅');
    const tries = () =>
      h.recorder.calls.filter(
        (c) => Number(c.payload.chat_id) === OPS && JSON.stringify(c.payload).includes('"tk:'),
      ).length;
    await h.handoff.drain();
    expect(tries()).toBe(1);
    // Not given up at once: tried again after each backoff (seconds, then a minute).
    for (let i = 0; i < 4; i++) {
      h.clock.now += 2 * 60_000;
      await h.handoff.drain();
    }
    expect(tries()).toBe(5);
    expect(person.recorder.sent(person.id).at(-1)?.text).toContain('✅');
    h.clock.now += 2 * 60_000;
    await h.handoff.drain();
    expect(tries()).toBe(6);
    const told = person.recorder.sent(person.id).at(-1)?.text ?? '';
    expect(told).toBe(
      text('kk', 'notice.undelivered')
        .replace('{{ticket}}', told.match(/#(\w+)/)?.[1] ?? '?')
        .replace('{{hotline}}', told.split('\n\n').slice(1).join('\n\n')),
    );
    expect(told).toContain(h.config.HOTLINE_PHONE);
    expect(await metrics.registry.metrics()).toContain('tekser_errors_total{where="operators_chat"} 6');
    // Given up for good: not tried again.
    h.clock.now += 10 * 60_000;
    await h.handoff.drain();
    expect(tries()).toBe(6);
    const refused = lines.filter((l) => l.includes("operators' chat refused an item"));
    expect(refused.length).toBeGreaterThanOrEqual(6);
    expect(refused.join('\n')).toContain('telegram 400');
    expect(refused.join('\n')).not.toContain('chat not found');
  });
});

describe("counsellors' own flood limit", () => {
  it("lets a counsellor's 25 quick replies all reach the person: people's limit does not count counsellors", async () => {
    const h = await harness({ limits: { person: 20, counsellor: 60 } });
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    await h.handoff.drain();
    const card = lastCard(h.recorder) as Sent;
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim');
    await a.press(button(card, 'tk:'), card);
    for (let i = 1; i <= 25; i++) await a.replyTo(card, `Ответ номер ${i}`);
    await h.handoff.drain();
    const got = person.recorder.sent(person.id).filter((m) => m.text.includes('Ответ номер'));
    expect(got).toHaveLength(25);
    expect(h.recorder.sent(OPS).map((m) => m.text)).not.toContain(text('ru', 'ops.slow_down'));
  });

  it('cuts a flood from a counsellor at their own limit with a notice in the chat, and the person is not held up', async () => {
    const metrics = createMetrics();
    const h = await harness({ limits: { person: 20, counsellor: 8 }, metrics });
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    await h.handoff.drain();
    const card = lastCard(h.recorder) as Sent;
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim');
    await a.press(button(card, 'tk:'), card);
    for (let i = 1; i <= 12; i++) await a.replyTo(card, `Ответ номер ${i}`);
    await h.handoff.drain();
    // Eight updates (the Take and seven replies), then one visible notice, then silence.
    expect(person.recorder.sent(person.id).filter((m) => m.text.includes('Ответ номер'))).toHaveLength(7);
    const notices = h.recorder.sent(OPS).filter((m) => m.text === text('ru', 'ops.slow_down'));
    expect(notices).toHaveLength(1);
    expect(
      (await metrics.registry.metrics()).match(/tekser_rate_limited_total{channel="ops"} \d+/)?.[0],
    ).toBe('tekser_rate_limited_total{channel="ops"} 1');
    // The person's own messages are counted apart, and still go through.
    await person.text('Спасибо, я на связи');
    await h.handoff.drain();
    expect(h.recorder.sent(OPS).at(-1)?.text).toContain('Спасибо, я на связи');
  });
});

describe('the counsellor handoff', () => {
  it('goes from request to card, Take, relay both ways and Resolve, with the figures adding up', async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    const opened = person.recorder.sent(person.id).at(-1)?.text ?? '';
    expect(opened).toContain('✅');
    expect(opened).toContain(text('ru', 'relay.started'));

    await h.handoff.drain();
    const card = lastCard(h.recorder);
    expect(card?.text).toContain('✍️');
    const id = button(card, 'tk:').slice(3);
    expect(card?.text).toContain(shortTicket(id));

    // The person writes while waiting: it reaches the counsellors, words of danger marked.
    const got = await person.text('Они забрали мой паспорт, помогите');
    expect(got.map((m) => m.text).join('\n')).toContain('112');
    await h.handoff.drain();
    const relayed = h.recorder.sent(OPS).at(-1);
    expect(relayed?.text).toContain('Они забрали мой паспорт, помогите');
    expect(relayed?.text).toContain('🚨');

    // Two counsellors press Take at once: one gets it, the other is told who did.
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim');
    const b = new Counsellor(h.bot, COUNSELLOR_B, 'Dana');
    await Promise.all([a.press(`tk:${id}`, card as Sent), b.press(`tk:${id}`, card as Sent)]);
    const answers = h.recorder
      .ofMethod('answerCallbackQuery')
      .map((c) => String(c.payload.text ?? ''))
      .slice(-2);
    expect(answers.filter((x) => x.startsWith('Вы взяли'))).toHaveLength(1);
    expect(answers.filter((x) => x.includes('уже взял'))).toHaveLength(1);
    await h.handoff.drain();
    expect(person.recorder.sent(person.id).at(-1)?.text).toContain('🤝');
    const edited = h.recorder.ofMethod('editMessageText').at(-1);
    expect(String(edited?.payload.text)).toMatch(/✋/);

    // A reply to the card reaches the person; the person's answer reaches the chat.
    await a.replyTo(card as Sent, 'Здравствуйте, я юрист. Вы в безопасности сейчас?');
    await h.handoff.drain();
    const fromCounsellor = person.recorder.sent(person.id).at(-1);
    expect(fromCounsellor?.text).toContain('Здравствуйте, я юрист');
    expect(fromCounsellor?.buttons.map((x) => x.callback_data)).toContain('R:relay');
    // /privacy while writing to the counsellor answers, and the person is still writing to them.
    const privacy = await person.command('privacy');
    expect(privacy.at(-1)?.text).toBe(text('ru', 'relay.started'));
    await person.text('Да, сейчас я дома');
    await h.handoff.drain();
    expect(h.recorder.sent(OPS).at(-1)?.text).toContain('Да, сейчас я дома');

    // Resolve: the wizard asks the outcome, where she was referred, a follow-up, then a note.
    await a.press(`rs:${id}`, card as Sent);
    const question = h.recorder.sent(OPS).at(-1);
    expect(question?.text).toContain(shortTicket(id));
    await a.press(button(question, `ro:${id}:lawyer`), question as Sent);
    // Closed at once; the question now says how it ended.
    expect(String(h.recorder.ofMethod('editMessageText').at(-1)?.payload.text)).toContain(
      text('ru', 'ops.outcome.lawyer'),
    );
    const referralAsk = h.recorder.sent(OPS).at(-1) as Sent;
    await a.press(button(referralAsk, `rr:${id}:legal-aid`), referralAsk);
    const followAsk = h.recorder.sent(OPS).at(-1) as Sent;
    await a.press(button(followAsk, `rf:${id}:0`), followAsk);
    const noteAsk = h.recorder.sent(OPS).at(-1) as Sent;
    expect(noteAsk.text).toBe(text('ru', 'ops.note_q'));
    await a.replyTo(noteAsk, 'Записана на консультацию к юристу');
    expect(h.recorder.sent(OPS).at(-1)?.text).toContain(shortTicket(id));
    await h.handoff.drain();
    expect(person.recorder.sent(person.id).at(-1)?.text).toContain(shortTicket(id));
    expect((await h.handoff.get(id))?.status).toBe('resolved');

    // Closed: the person's words go to the dialogue again, not to the chat.
    const opsBefore = h.recorder.sent(OPS).length;
    await person.text('привет');
    await h.handoff.drain();
    expect(h.recorder.sent(OPS)).toHaveLength(opsBefore);

    const day = localDate(h.clock.now, h.config.TIMEZONE);
    const s = summarize(await h.stats.read(day, day), []);
    expect(s.totals['callbacks:requested']?.ru).toBeGreaterThanOrEqual(1);
    expect(s.totals['callbacks:taken']?.ru).toBeGreaterThanOrEqual(1);
    expect(s.totals['callbacks:resolved:lawyer']?.ru).toBeGreaterThanOrEqual(1);
    expect(s.totals.started?.ru).toBeGreaterThanOrEqual(1);
  });

  it('keeps a number only with consent, checks it, and takes the shared contact', async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'en');
    await person.command('start');
    await person.answer('counsellor');
    // Consent first: nothing typed before it is kept.
    expect((await person.answer('call')).at(-1)?.text).toContain(
      text('en', 'callback.consent.q').split('{{days}}')[0] ?? '',
    );
    const phoneQ = (await person.answer('yes')).at(-1);
    expect(phoneQ?.text).toBe(`${text('en', 'callback.phone.q')}\n\n${text('en', 'callback.phone.hint')}`);
    const markup = h.recorder.ofMethod('sendMessage').at(-1)?.payload.reply_markup as {
      keyboard?: { request_contact?: boolean }[][];
    };
    expect(markup.keyboard?.[0]?.[0]?.request_contact).toBe(true);
    expect((await person.text('call me tonight')).map((m) => m.text)).toContain(
      text('en', 'callback.phone.invalid'),
    );
    await person.send({
      message: {
        message_id: nextUpdate++,
        date: 1,
        chat: { id: person.id, type: 'private', first_name: 'T' },
        contact: { phone_number: '77011234567', first_name: 'T', user_id: person.id },
      },
    } as Omit<Update, 'update_id'>);
    await person.answer('no');
    await person.answer('evening');
    await person.text('Call after 8, say you are from the clinic');
    await h.handoff.drain();
    const card = lastCard(h.recorder);
    expect(card?.text).toContain('+7 701 123 4567');
    expect(card?.text).toContain('Call after 8, say you are from the clinic');
    expect(card?.text).toContain('📞');

    // Without consent, no number: the counsellor writes instead.
    const other = new Person(h.bot, h.recorder, nextPerson++, 'en');
    await other.command('start');
    await other.answer('counsellor');
    await other.answer('call');
    // Refused: the number is never asked for, so it can never be kept.
    const afterNo = await other.answer('no');
    expect(afterNo.at(-1)?.text).toBe(
      text('en', 'callback.history.q').replace('{{days}}', String(h.config.TICKET_RETENTION_DAYS)),
    );
    expect((await other.answer('no')).at(-1)?.text?.split('\n\n')[0]).toBe(text('en', 'callback.when.q'));
    await other.answer('now');
    await other.press('S:skip');
    expect(other.recorder.sent(other.id).at(-1)?.text).toContain(text('en', 'callback.no_consent'));
    await h.handoff.drain();
    const card2 = lastCard(h.recorder);
    expect(card2?.text).not.toContain('702');
    expect(card2?.text).toContain('✍️');
  });

  it("loses no request while the operators' chat is away, and announces one nobody takes", async () => {
    const h = await harness();
    let away = true;
    h.recorder.failWith = (call) =>
      away && Number(call.payload.chat_id) === OPS
        ? { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' }
        : undefined;
    const person = new Person(h.bot, h.recorder, nextPerson++, 'kk');
    await askToWrite(person);
    await h.handoff.drain();
    await h.handoff.drain();
    expect(h.recorder.sent(OPS)).toHaveLength(0);
    const tries = h.recorder.ofMethod('sendMessage').filter((c) => Number(c.payload.chat_id) === OPS).length;
    expect(tries).toBeGreaterThan(0);

    // Back again: after the backoff the card arrives, once.
    away = false;
    h.clock.now += 10 * 60_000;
    await h.handoff.drain();
    const cards = h.recorder
      .sent(OPS)
      .filter((m) => m.buttons.some((b) => b.callback_data.startsWith('tk:')));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.text).toContain('қазақша');

    // Not taken within SLA_MINUTES: announced again.
    h.clock.now += 31 * 60_000;
    await h.handoff.drain();
    const id = button(cards[0], 'tk:').slice(3);
    expect(h.recorder.sent(OPS).at(-1)?.text).toContain(`${shortTicket(id)}`);
    expect(h.recorder.sent(OPS).at(-1)?.text).toContain('⏰');
  });

  it('accepts actions only from counsellors, and no forged or foreign button acts on a ticket', async () => {
    const h = await harness({ counsellors: [COUNSELLOR_A] });
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    await h.handoff.drain();
    const card = lastCard(h.recorder) as Sent;
    const id = button(card, 'tk:').slice(3);
    const stranger = new Counsellor(h.bot, STRANGER, 'Someone');
    await stranger.press(`tk:${id}`, card);
    expect(String(h.recorder.ofMethod('answerCallbackQuery').at(-1)?.payload.text)).toBe(
      text('ru', 'ops.not_allowed'),
    );
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim');
    await a.press('tk:zzzzzzzzzzzzzzzz', card);
    expect(String(h.recorder.ofMethod('answerCallbackQuery').at(-1)?.payload.text)).toBe(
      text('ru', 'ops.unknown_ticket'),
    );
    // The same button pressed by a person in their own chat is only a stale button there.
    const other = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await other.command('start');
    const stale = await other.press(`tk:${id}`);
    expect(stale[0]?.text).toBe(text('ru', 'common.stale'));
    expect((await h.handoff.get(id))?.status).toBe('open');
    // A stranger's reply to the card does not reach the person.
    const before = person.recorder.sent(person.id).length;
    await stranger.replyTo(card, 'hello from outside');
    await h.handoff.drain();
    expect(person.recorder.sent(person.id)).toHaveLength(before);
  });

  it("works in one counsellor's private chat too: a button there is answered once, with its own words", async () => {
    const h = await harness({ ops: COUNSELLOR_A });
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    await h.handoff.drain();
    const card = lastCard(h.recorder, COUNSELLOR_A) as Sent;
    const id = button(card, 'tk:').slice(3);
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim', COUNSELLOR_A);
    const before = h.recorder.ofMethod('answerCallbackQuery').length;
    await a.press(`tk:${id}`, card);
    const answers = h.recorder.ofMethod('answerCallbackQuery').slice(before);
    expect(answers).toHaveLength(1);
    expect(String(answers[0]?.payload.text)).toMatch(/^Вы взяли/);
    expect((await h.handoff.get(id))?.status).not.toBe('open');
  });

  it('forgets a person: no key and no field about them is left, and the chat is cleared', async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await person.command('start');
    // Her consent to share history is hers too: it goes with the rest.
    await askToCall(person, {
      phone: '+7 705 987 65 43',
      share: 'yes',
      note: 'Позвоните после шести, я буду одна',
    });
    await h.handoff.drain();
    const id = button(lastCard(h.recorder), 'tk:').slice(3);

    await person.command('forget');
    await person.answer('yes');
    expect(h.recorder.ofMethod('deleteMessages').length).toBeGreaterThan(0);
    await h.handoff.drain();

    const keys = await redis.keys(`${prefix}*`);
    for (const key of keys) {
      expect(key).not.toContain(String(person.id));
      const type = await redis.type(key);
      const dump =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await redis.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await redis.lrange(key, 0, -1))
              : '';
      expect(dump ?? '').not.toContain('7059876543');
      expect(dump ?? '').not.toContain('Позвоните после шести');
      expect(dump ?? '').not.toContain(String(person.id));
    }
    // The card is shown anew without the number, saying the person asked to be forgotten.
    const edit = h.recorder.ofMethod('editMessageText').at(-1);
    expect(String(edit?.payload.text)).not.toContain('705');
    expect(String(edit?.payload.text)).toContain('🗑');
    expect((await h.handoff.get(id))?.forgotten).toBe(true);
  });

  it('names no Telegram id in any key: through a whole check, a callback request, a Resolve and /forget', async () => {
    const h = await harness({ limits: { person: 1000, counsellor: 1000 } });
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    // Ids long enough that their digits cannot turn up in a hash by chance.
    const counsellor = new Counsellor(h.bot, 7_123_456_789, 'Aigerim');
    const ids = [String(person.id), String(counsellor.id)];
    const store = new RedisStore(redis, { prefix: h.prefix, ttlSeconds: 3600 });
    const step = async () => {
      const active = (await store.load(person.key))?.active;
      return active?.flow === 'offer-check' && active.step !== 'next' ? active.step : undefined;
    };
    await person.command('start');
    await person.answer('check');
    for (let i = 0; i < 60 && (await step()) !== undefined; i++) await person.answer('dk');
    expect((await store.load(person.key))?.last?.level).toBeDefined();
    await askToCall(person, { phone: '+7 705 987 65 43', share: 'yes' });
    await h.handoff.drain();
    const card = lastCard(h.recorder) as Sent;
    const id = button(card, 'tk:').slice(3);
    await counsellor.press(`tk:${id}`, card);
    await counsellor.press(`rs:${id}`, card);
    const outcome = h.recorder.sent(OPS).at(-1);
    // The note step waits: the wizard's state is in Redis now.
    await counsellor.press(button(outcome, `ro:${id}:lawyer`), outcome as Sent);
    await h.handoff.drain();

    const names = async () => (await keysUnder(redis, h.prefix)).map((k) => k.slice(h.prefix.length));
    const hashed = /^[0-9a-f]{32}$/;
    const during = await names();
    for (const key of during) for (const digits of ids) expect(key).not.toContain(digits);
    // Every kind of key that used to carry an id is there, under a keyed hash.
    for (const kind of ['person:tg:', 'person-tickets:tg:', 'ratelimit:tg:', 'ratelimit:ops:', 'ops-wizard:'])
      expect(
        during.some((k) => k.startsWith(kind) && hashed.test(k.slice(kind.length))),
        kind,
      ).toBe(true);
    // The chat id is the reply address, in the request's personal part only.
    expect(await redis.hget(`${h.prefix}ticket:${id}:personal`, 'address')).toBe(String(person.id));

    await person.command('forget');
    await person.answer('yes');
    await h.handoff.drain();
    for (const key of await names()) for (const digits of ids) expect(key).not.toContain(digits);
    expect(await redis.exists(`${h.prefix}ticket:${id}:personal`)).toBe(0);
    expect((await names()).filter((k) => k.startsWith('person'))).toEqual([]);
  });

  it("forgets a person who wrote to counsellors: their words are deleted from the operators' chat", async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    await person.text('Меня зовут Айгуль, я в Анталье, отель Сезам');
    await h.handoff.drain();
    const words = h.recorder.sent(OPS).find((m) => m.text.includes('Айгуль'));
    expect(words).toBeDefined();
    await person.command('forget');
    await person.answer('yes');
    await h.handoff.drain();
    const erased = h.recorder
      .ofMethod('deleteMessages')
      .filter((c) => Number(c.payload.chat_id) === OPS)
      .flatMap((c) => c.payload.message_ids as number[]);
    expect(erased).toContain(words?.message_id);
    const left = await redis.keys(`${h.config.REDIS_PREFIX}ticket:*:person-words`);
    expect(left).toEqual([]);
  });

  it('offers an urgent callback with the emergency numbers, and keeps the person in a forum topic', async () => {
    const h = await harness({ forum: true });
    const person = new Person(h.bot, h.recorder, nextPerson++, 'en');
    await person.command('start');
    const alarm = await person.text('they took my passport and I cannot leave');
    expect(alarm[0]?.text).toContain('112');
    await person.press('U:callback', alarm[0]);
    await person.answer('write');
    await person.press('S:skip');
    await h.handoff.drain();
    const topic = h.recorder.ofMethod('createForumTopic').at(-1);
    expect(topic).toBeDefined();
    const card = lastCard(h.recorder) as Sent;
    expect(card.text).toContain('🚨');
    const thread = Number(
      h.recorder.ofMethod('sendMessage').find((c) => Number(c.payload.chat_id) === OPS)?.payload
        .message_thread_id,
    );
    expect(thread).toBeGreaterThan(0);
    // A counsellor writing in the topic reaches the person.
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim');
    await a.write('We are here. Are you safe to text?', {
      is_topic_message: true,
      message_thread_id: thread,
    });
    await h.handoff.drain();
    expect(person.recorder.sent(person.id).at(-1)?.text).toContain('We are here');
    // A note among counsellors in the topic stays there.
    const seen = person.recorder.sent(person.id).length;
    await a.write('// she sounded scared, call from a hidden number', {
      is_topic_message: true,
      message_thread_id: thread,
    });
    await h.handoff.drain();
    expect(person.recorder.sent(person.id)).toHaveLength(seen);

    // Resolving in the topic: the case note typed there is never sent to the person.
    const id = button(card, 'tk:').slice(3);
    await a.press(`rs:${id}`, card);
    const question = h.recorder.sent(OPS).at(-1) as Sent;
    await a.update({
      callback_query: {
        id: 'cq-forum',
        from: { id: COUNSELLOR_A, is_bot: false, first_name: 'Aigerim' },
        chat_instance: 'ops',
        data: button(question, `ro:${id}:police`),
        message: {
          message_id: question.message_id,
          date: 1,
          chat: { id: OPS, type: 'supergroup', title: 'Counsellors', is_forum: true },
          text: question.text,
          message_thread_id: thread,
          is_topic_message: true,
        } as Message,
      },
    } as Omit<Update, 'update_id'>);
    await a.write('Husband threatens her; referred to police', {
      is_topic_message: true,
      message_thread_id: thread,
    });
    await h.handoff.drain();
    const toPerson = person.recorder
      .sent(person.id)
      .map((m) => m.text)
      .join('\n');
    expect(toPerson).not.toContain('Husband threatens her');
    expect((await h.handoff.get(id))?.status).toBe('resolved');
  });

  it('tells a person whose request was closed, and still answers words of danger with the urgent callback', async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'en');
    await person.command('start');
    await askToCall(person, { phone: '+7 705 111 22 33', share: 'no' });
    await h.handoff.drain();
    const id = button(lastCard(h.recorder), 'tk:').slice(3);
    expect(await h.handoff.resolve(id, 'reached', COUNSELLOR_A, undefined)).toBe('ok');
    // The person's state lost the request when it closed; an old state still pointing at it is cleared.
    await h.handoff.drain();
    const replies = await person.text("they took my passport and I can't leave");
    const all = replies.map((m) => m.text).join('\n');
    expect(all).toContain('112');
    expect(replies.flatMap((m) => m.buttons.map((b) => b.callback_data))).toContain('U:callback');
  });

  it('reads an ad that speaks of debts and passports as an ad, after the emergency numbers', async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await person.command('start');
    const replies = await person.text(
      'Работа в Дубае для девушек, без опыта, зарплата 3000$. Билеты оплатим, потом отработать долг. Паспорт сдаётся работодателю. Пишите в WhatsApp',
    );
    const all = replies.map((m) => m.text).join('\n');
    expect(all).toContain(text('ru', 'flags.debt_travel_paid.title'));
  });

  it('/stats and /tickets answer in the operators chat', async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    await h.handoff.drain();
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim');
    await a.command('tickets');
    expect(h.recorder.sent(OPS).at(-1)?.text).toContain(text('ru', 'ops.status.open'));
    await a.command('stats');
    expect(h.recorder.sent(OPS).findLast((m) => !m.media)?.text).toContain(text('ru', 'ops.stats.requested'));
    // With the table, the week drawn as a picture (sendPhoto, a PNG uploaded as a file).
    expect(h.recorder.ofMethod('sendPhoto')).toHaveLength(1);
  });
});

describe('seen before, in the dialogue and the operators chat', () => {
  const AD =
    'Срочно! Требуются девушки 18-25 лет в ночной клуб в Дубае, опыт не нужен, зарплата от 3000$, билеты за наш счёт. Пишите в WhatsApp +7 707 000 18 52';
  const REPOST =
    'СРОЧНО!!! Нужны девушки 18-25 лет в ночной клуб, Дубай. Опыт не нужен, зарплата от 3000$, билеты за наш счёт. WhatsApp 8 (707) 000-18-52';

  it('tells the next person what earlier checks found, and a counsellor flag raises a critical warning', async () => {
    const h = await harness({ intelSecret: 'k'.repeat(40) });
    const first = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await first.command('start');
    const own = (await first.text(AD)).map((m) => m.text).join('\n');
    // The first check of an ad has nothing to tell.
    expect(own).not.toContain(text('ru', 'intel.title'));

    const second = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await second.command('start');
    const seen = (await second.text(REPOST)).map((m) => m.text).join('\n');
    expect(seen).toContain(text('ru', 'intel.title'));
    expect(seen).toContain('+77070001852');
    expect(seen).toContain(text('ru', 'intel.note'));

    // The same person checking again counts once.
    await second.text(REPOST);
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim');
    await a.command('contact +7 707 000 18 52');
    const info = h.recorder.sent(OPS).at(-1)?.text ?? '';
    expect(info).toContain('+77070001852');
    expect(info).toMatch(/ 2 раза/);

    await a.command('flag 8 707 000 18 52 забрали паспорта у трёх девушек');
    expect(h.recorder.sent(OPS).at(-1)?.text).toContain('⛔');
    const third = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await third.command('start');
    const warned = (await third.text(AD)).map((m) => m.text).join('\n');
    expect(warned).toContain(text('ru', 'flags.reported_contact.title'));
    expect(warned).toContain('забрали паспорта у трёх девушек');

    await a.command('unflag +77070001852');
    expect(h.recorder.sent(OPS).at(-1)?.text).toContain('+77070001852');
    const fourth = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await fourth.command('start');
    const after = (await fourth.text(AD)).map((m) => m.text).join('\n');
    expect(after).not.toContain(text('ru', 'flags.reported_contact.title'));

    // No raw contact and no ad text anywhere in Redis.
    for (const key of await redis.keys(`${h.config.REDIS_PREFIX}intel:*`)) {
      expect(key).not.toContain('7070001852');
      const type = await redis.type(key);
      const dump =
        type === 'hash'
          ? JSON.stringify(await redis.hgetall(key))
          : type === 'string'
            ? await redis.get(key)
            : '';
      expect(dump ?? '').not.toContain('7070001852');
      expect(dump ?? '').not.toContain('ночной клуб');
    }
  });

  it('answers counsellors plainly when seen before is off', async () => {
    const h = await harness();
    const a = new Counsellor(h.bot, COUNSELLOR_A, 'Aigerim');
    await a.command('contact +7 707 000 18 52');
    expect(h.recorder.sent(OPS).at(-1)?.text).toBe(text('ru', 'ops.intel.off'));
  });
});
