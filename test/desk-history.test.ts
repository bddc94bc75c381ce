import { describe, expect, it } from 'vitest';
import { HISTORY_NOTE, HISTORY_SHOWN, sharedHistory } from '../src/app/history.js';
import { shortTicket } from '../src/domain/dialogue/index.js';
import type { Ticket, TicketPersonal } from '../src/domain/handoff/ticket.js';
import { handoffKeys } from '../src/store/keys.js';
import { text } from './helpers/content.js';
import {
  askSharing,
  Counsellor,
  closeCase,
  type Desk,
  deskSuite,
  type lastCard,
  OPS,
} from './helpers/desk.js';

/**
 * History (issue 17): a new request from the same person shows the outcomes, referrals and notes of her
 * earlier requests, only when she agreed on both, within TICKET_RETENTION_DAYS, and nothing after /forget.
 * Over the real Redis and the fake Bot API, as main.ts builds the desk.
 */

const suite = deskSuite('desk-history', 7_600_000);
const { redis } = suite;
const A = 93;
const DAY = 86_400_000;
const NONE = text('ru', 'ops.history.none');
const TITLE = text('ru', 'ops.history.title');
const outcome = (o: string) => text('ru', `ops.outcome.${o}`);

/** The card's text as last shown: its last edit, or as posted. */
function cardText(h: Desk, card: ReturnType<typeof lastCard>): string {
  const edit = h.recorder
    .ofMethod('editMessageText')
    .findLast((c) => c.payload.message_id === card.message_id);
  return edit ? String(edit.payload.text) : card.text;
}

describe('history on a new request', () => {
  it('shows the date, outcome, referral and note of earlier requests when she agreed on both, in the topic', async () => {
    const h = await suite.desk({ forum: true });
    const a = new Counsellor(h.bot, A, 'aigerim');
    const person = suite.person(h, 'ru');
    const first = await askSharing(h, person, 'yes');
    // A first request: nothing earlier, said in one line.
    expect(first.text).toContain(NONE);
    const long = `Айгүл, Шымкент. ${'Обещала прийти в офис с договором. '.repeat(20)}Конец заметки.`;
    await closeCase(h, a, first, { outcome: 'lawyer', referral: 'iom', note: long });

    h.clock.now += 3 * DAY;
    const second = await askSharing(h, person, 'yes');
    expect(second.id).not.toBe(first.id);
    // The history is on the new request's card, in the topic of her first, reopened for it.
    expect(second.thread).toBeDefined();
    expect(second.thread).toBe(first.thread);
    const shown = second.text;
    expect(shown).toContain(TITLE);
    expect(shown).not.toContain(NONE);
    expect(shown).toContain(`2026-11-28 · #${shortTicket(first.id)} · ${outcome('lawyer')}`);
    expect(shown).toContain(h.referrals.find((r) => r.id === 'iom')?.name.ru);
    expect(shown).toContain('┃ Айгүл, Шымкент.');
    // The note shortened at a word, marked, within its bound; the card within Telegram's 4,096.
    expect(shown).not.toContain('Конец заметки.');
    const quoted = shown.slice(shown.indexOf('┃ Айгүл'));
    expect(quoted).toMatch(/…$/);
    expect(quoted.length).toBeLessThanOrEqual(HISTORY_NOTE + '┃ '.length + 1);
    expect(shown.length).toBeLessThanOrEqual(4096);

    // A third: both earlier ones, the most recent first.
    await closeCase(h, a, second, { outcome: 'reached' });
    h.clock.now += DAY;
    const third = (await askSharing(h, person, 'yes')).text;
    expect(third.indexOf(`#${shortTicket(second.id)}`)).toBeGreaterThan(-1);
    expect(third.indexOf(`#${shortTicket(second.id)}`)).toBeLessThan(
      third.indexOf(`#${shortTicket(first.id)}`),
    );
    // Nothing of it ever reached her.
    const toPerson = person.recorder
      .sent(person.id)
      .map((m) => m.text)
      .join('\n');
    expect(toPerson).not.toContain('Шымкент');
  });

  it('shows nothing, only "no history shared", when she said no then or now', async () => {
    const h = await suite.desk();
    const a = new Counsellor(h.bot, A, 'aigerim');
    const note = 'Угрожает брат, звонить только после 18:00';

    // Yes before, no now.
    const now = suite.person(h, 'kk');
    await closeCase(h, a, await askSharing(h, now, 'yes'), { outcome: 'police', referral: 'police', note });
    h.clock.now += DAY;
    const refusedNow = await askSharing(h, now, 'no');
    expect(refusedNow.text).toContain(NONE);
    expect(refusedNow.text).not.toContain(TITLE);
    expect(refusedNow.text).not.toContain('брат');
    expect((await redis.hgetall(handoffKeys(h.config.REDIS_PREFIX).personal(refusedNow.id))).history).toBe(
      undefined,
    );

    // No before, yes now: the same line, so a refusal cannot be told from a first request.
    const then = suite.person(h, 'en');
    await closeCase(h, a, await askSharing(h, then, 'no'), { outcome: 'shelter', note });
    h.clock.now += DAY;
    const refusedThen = await askSharing(h, then, 'yes');
    expect(refusedThen.text).toContain(NONE);
    expect(refusedThen.text).not.toContain('брат');
    expect(refusedThen.text).not.toContain(outcome('shelter'));

    // Someone else's history is never hers, whatever both said.
    const stranger = suite.person(h, 'ru');
    expect((await askSharing(h, stranger, 'yes')).text).toContain(NONE);
  });

  it('is gone after /forget: from the card that showed it, from Redis, and from her next request', async () => {
    const h = await suite.desk();
    const a = new Counsellor(h.bot, A, 'aigerim');
    const person = suite.person(h, 'ru');
    const note = 'Живёт у тёти в Таразе';
    const first = await askSharing(h, person, 'yes');
    await closeCase(h, a, first, { outcome: 'psychologist', referral: 'iom', note });
    h.clock.now += DAY;
    const second = await askSharing(h, person, 'yes');
    expect(second.text).toContain('Таразе');
    const k = handoffKeys(h.config.REDIS_PREFIX);
    expect((await redis.hgetall(k.personal(second.id))).history).toBe('1');

    await person.command('forget');
    await person.answer('yes');
    await h.drain();
    // The card that showed her history is shown anew without it.
    const shownAgain = cardText(h, second);
    expect(shownAgain).not.toContain('Таразе');
    expect(shownAgain).not.toContain(TITLE);
    expect(shownAgain).not.toContain(outcome('psychologist'));
    for (const id of [first.id, second.id]) {
      expect(await redis.exists(k.personal(id))).toBe(0);
      expect((await redis.hgetall(k.ticket(id))).outcome).toBeUndefined();
    }
    // No Redis value about her holds the note any more.
    for (const key of await redis.keys(`${h.config.REDIS_PREFIX}*`)) {
      const type = await redis.type(key);
      const values =
        type === 'hash'
          ? Object.values(await redis.hgetall(key))
          : type === 'list'
            ? await redis.lrange(key, 0, -1)
            : type === 'string'
              ? [String(await redis.get(key))]
              : [];
      expect(values.join('\n'), key).not.toContain('Таразе');
    }

    // She comes back and agrees again: nothing from before.
    const third = await askSharing(h, person, 'yes');
    expect(third.text).toContain(NONE);
    expect(third.text).not.toContain('Таразе');
    expect(h.recorder.sent(OPS).at(-1)?.text).not.toContain('Таразе');
  });

  it('shows only requests closed within TICKET_RETENTION_DAYS', async () => {
    const h = await suite.desk();
    const a = new Counsellor(h.bot, A, 'aigerim');
    const days = h.config.TICKET_RETENTION_DAYS;
    const person = suite.person(h, 'ru');
    const first = await askSharing(h, person, 'yes');
    await closeCase(h, a, first, { outcome: 'lawyer', note: 'Первая заявка' });

    // Closed `days` days ago to the minute: still within.
    h.clock.now += days * DAY;
    const second = await askSharing(h, person, 'yes');
    expect(second.text).toContain('Первая заявка');
    await closeCase(h, a, second, { outcome: 'reached', note: 'Вторая заявка' });

    // A minute later the first is past its retention; the second, closed just now, is shown.
    h.clock.now += 60_000;
    const third = await askSharing(h, person, 'yes');
    expect(third.text).toContain('Вторая заявка');
    expect(third.text).not.toContain('Первая заявка');
    expect(third.text).not.toContain(`#${shortTicket(first.id)}`);
  });
});

describe('the history block', () => {
  it('shows at most five earlier requests, the most recent first, and counts the older ones', async () => {
    const who = { channel: 'tg', id: 'k'.repeat(32) };
    const made = (n: number): Ticket => ({
      id: `req${String(n).padStart(13, '0')}`,
      status: 'resolved',
      lang: 'ru',
      channel: 'tg',
      mode: 'write',
      noNumber: false,
      when: 'now',
      urgent: false,
      flags: [],
      createdAt: Date.UTC(2026, 10, n, 6, 0),
      resolvedAt: Date.UTC(2026, 10, n, 8, 0),
      outcome: 'reached',
      forgotten: false,
      cannotMessage: false,
    });
    const tickets = new Map([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [made(n).id, made(n)]));
    const repo = {
      get: async (id: string) => tickets.get(id),
      personal: async (): Promise<TicketPersonal> => ({ person: who, history: true, resolutionNote: 'ok' }),
      ticketsOf: async () => [...tickets.keys()],
    };
    const current = made(8);
    const history = await sharedHistory(
      { repo, retentionDays: 30, timeZone: 'Asia/Almaty' },
      current,
      { person: who, history: true },
      current.createdAt,
    );
    expect(history?.shown.map((r) => r.date)).toEqual(
      ['07', '06', '05', '04', '03'].map((d) => `2026-11-${d}`),
    );
    expect(history?.shown).toHaveLength(HISTORY_SHOWN);
    expect(history?.more).toBe(2);
    // A forgotten request's card shows no history line at all.
    expect(
      await sharedHistory(
        { repo, retentionDays: 30, timeZone: 'Asia/Almaty' },
        { ...current, forgotten: true },
        {},
        current.createdAt,
      ),
    ).toBeUndefined();
  });
});
