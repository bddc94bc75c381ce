import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DialogueService } from '../../src/app/dialogue-service.js';
import { createBot, publishCommands } from '../../src/channels/telegram/bot.js';
import type { DialogueDeps } from '../../src/domain/dialogue/index.js';
import type { Flow } from '../../src/domain/flow/schema.js';
import type { Lang } from '../../src/domain/language.js';
import { createLogger, type Logger } from '../../src/infra/logger.js';
import { RedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/store.js';
import { BOT_INFO, Recorder, TOKEN } from '../../testing/bot-api.js';
import { Person } from '../../testing/telegram-updates.js';
import {
  emergencyText,
  flowsWith,
  flowText,
  deps as makeDeps,
  parse,
  TRAP,
  text,
} from '../helpers/content.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('telegram');
const silent = createLogger('silent');

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

let nextUser = 5_000_000;

/** A bot as main.ts builds it, over the real Redis, with every Bot API call captured. */
async function harness(
  options: {
    flows?: Map<string, Flow>;
    recorder?: Recorder;
    store?: Store;
    log?: Logger;
    rateLimit?: number;
  } = {},
) {
  const deps: DialogueDeps = await makeDeps(options.flows);
  const recorder = options.recorder ?? new Recorder();
  const store = options.store ?? new RedisStore(redis, { prefix, ttlSeconds: 3600 });
  const log = options.log ?? silent;
  const bot = createBot(TOKEN, {
    service: new DialogueService({ deps, store, log }),
    log,
    client: { fetch: recorder.fetch, apiRoot: 'http://telegram.invalid' },
    botInfo: BOT_INFO,
    ...(options.rateLimit
      ? {
          rateLimit: {
            redis,
            prefix,
            perWindow: options.rateLimit,
            windowMs: 10_000,
            notice: (code?: string) => text(code === 'kk' ? 'kk' : 'ru', 'common.slow_down'),
            ...(store instanceof RedisStore
              ? {
                  prefetch: {
                    keyFor: (id: string) => store.keyOf({ channel: 'tg', id }),
                    store: (k: string, raw: string | null) => store.prefetch(k, raw),
                  },
                }
              : {}),
          },
        }
      : {}),
  });
  return { bot, recorder, deps };
}

describe('the offer check on Telegram', () => {
  let recorder: Recorder;
  beforeEach(() => {
    recorder = new Recorder();
  });

  for (const lang of ['ru', 'kk', 'en'] as Lang[]) {
    it(`goes from /start to a critical verdict in ${lang}`, async () => {
      const { bot } = await harness({ recorder });
      const person = new Person(bot, recorder, nextUser++, lang);
      const greeting = await person.command('start');
      expect(greeting[0]?.text).toContain(text(lang, 'start.greeting').slice(0, 20));
      // The language row shows the preselected language, from Telegram's language_code.
      const menu = greeting.at(-1);
      expect(menu?.buttons.map((b) => b.text)).toContain(`✓ ${text(lang, `language.${lang}`)}`);
      const intro = await person.answer('check');
      expect(intro[0]?.text).toBe(text(lang, 'offer.intro'));

      let last: Awaited<ReturnType<Person['answer']>> = intro;
      for (const [question, option] of TRAP) {
        const asked = last.at(-1);
        // The question, and its hint after a blank line where it has one (the visa).
        expect(asked?.text?.split('\n\n')[0], `asking ${question}`).toBe(text(lang, `offer.${question}.q`));
        // Every question offers "I don't know"; "Back" follows it from the second question on.
        const back = question === 'situation' ? 0 : 1;
        expect(asked?.buttons.at(-1 - back)?.text).toBe(text(lang, 'common.dont_know'));
        if (back) expect(asked?.buttons.at(-1)?.text).toBe(text(lang, 'common.back'));
        last = await person.answer(option);
      }
      // An offer that is a trap, for someone still deciding: critical, "don't go", the hotline — not the
      // emergency numbers of someone in danger now (that path is tested below). The verdict fits a phone:
      // the level, the weightiest reasons and one action in one short message; the rest a tap away.
      const verdict = last[0];
      expect(verdict?.text).toContain(text(lang, 'verdict.level.critical'));
      expect(verdict?.text).toContain(text(lang, 'verdict.summary.critical_offer'));
      expect(verdict?.text).toContain('+7 (7252) 00-00-00');
      expect(verdict?.text).not.toContain(emergencyText(lang));
      expect((verdict?.text ?? '').length).toBeLessThanOrEqual(900);
      expect(verdict?.text).toContain(text(lang, 'flags.passport_retention.title'));
      expect((verdict?.text ?? '').split('⚠️').length - 1).toBe(3);
      // "Before you leave" does not follow "don't go".
      expect(last.map((m) => m.text)).not.toContain(text(lang, 'verdict.safety'));
      expect(last.at(-1)?.text).toBe(text(lang, 'verdict.next.q'));
      // The answered question lost its buttons and shows the answer.
      const edits = recorder.ofMethod('editMessageText');
      expect(edits.length).toBe(TRAP.length + 1);
      expect(String(edits.at(-1)?.payload.text)).toContain(`→ ${text(lang, 'offer.passport.employer')}`);
      const allButton = verdict?.buttons.find((b) => b.callback_data === 'V:all');
      expect(allButton?.text).toBe(text(lang, 'verdict.all_reasons').replace('{{count}}', '17'));
      const all = (await person.press('V:all', verdict)).map((m) => m.text).join('\n');
      for (const flag of [
        'passport_retention',
        'wrong_visa',
        'upfront_fees',
        'debt_travel_paid',
        'looks_requirement',
        'secrecy',
      ]) {
        expect(all).toContain(text(lang, `flags.${flag}.title`));
        expect(all).toContain(text(lang, `flags.${flag}.todo`));
      }
    });
  }

  it('asks no visa questions for a job at home, and "I don\'t know" turns into advice', async () => {
    const { bot } = await harness({ recorder });
    const person = new Person(bot, recorder, nextUser++, 'en');
    await person.command('start');
    await person.answer('check');
    const asked: string[] = [];
    let last = await person.answer('considering');
    for (let i = 0; i < 40 && last.at(-1)?.text !== text('en', 'verdict.next.q'); i++) {
      const q = last.at(-1)?.text ?? '';
      asked.push(q);
      last = await person.answer(q === text('en', 'offer.where.q') ? 'home' : 'dk');
    }
    expect(asked).not.toContain(text('en', 'offer.visa.q'));
    expect(asked).not.toContain(text('en', 'offer.travel_costs.q'));
    expect(asked.length).toBeGreaterThanOrEqual(15);
    expect(asked).not.toContain(text('en', 'offer.contract_party.q'));
    const verdict = last[0];
    // Knowing nothing is not "low risk"; what to find out is a tap away.
    expect(verdict?.text).toContain(text('en', 'verdict.level.medium'));
    const all = (await person.press('V:all', verdict)).map((m) => m.text).join('\n');
    expect(all).toContain(text('en', 'verdict.unknown_intro'));
    expect(all).toContain(text('en', 'offer.fees.dk'));
    expect(all).toContain(text('en', 'verdict.many_unknowns'));
  });

  it('takes the forced-labour questions for someone already abroad', async () => {
    const { bot } = await harness({ recorder });
    const person = new Person(bot, recorder, nextUser++, 'ru');
    await person.command('start');
    await person.answer('check');
    await person.answer('abroad_now');
    let last = await person.answer('korea');
    expect(last.at(-1)?.text).toBe(text('ru', 'offer.age.q'));
    last = await person.answer('adult');
    expect(last.at(-1)?.text).toBe(text('ru', 'offer.abroad_leave.q'));
    // "I can't leave": help now, before any further question; going on is her choice.
    last = await person.answer('no');
    expect(last).toHaveLength(1);
    expect(last[0]?.text).toContain(text('ru', 'help_now.title'));
    expect(last[0]?.text).toContain('112, 119');
    expect(last[0]?.buttons.map((b) => b.callback_data)).toEqual(['U:callback', 'C:check', 'M:menu']);
    last = await person.press('C:check', last[0]);
    expect(last.at(-1)?.text).toBe(text('ru', 'offer.abroad_passport.q'));
    last = await person.answer('no');
    for (let i = 0; i < 20 && last.at(-1)?.text !== text('ru', 'verdict.next.q'); i++)
      last = await person.answer('dk');
    // At the verdict, help now again first, then the reasons; no advice made for someone still deciding.
    expect(last[0]?.text).toContain(text('ru', 'help_now.title'));
    expect(last[1]?.text).toContain(text('ru', 'flags.restricted_freedom.title'));
    expect(last[1]?.text).toContain(text('ru', 'flags.passport_retention.title'));
    expect(last[1]?.text).toContain(text('ru', 'verdict.action.in_danger'));
    const all = (await person.press('V:all', last[1])).map((m) => m.text).join('\n');
    expect(all).toContain(text('ru', 'flags.passport_retention.why'));
    expect(all).not.toContain(text('ru', 'flags.passport_retention.todo'));
  });

  it('answers typed numbers and typed words as if the button was pressed', async () => {
    const { bot } = await harness({ recorder });
    const person = new Person(bot, recorder, nextUser++, 'kk');
    await person.command('start');
    await person.text('1');
    let last = await person.text('1');
    expect(last.at(-1)?.text).toBe(text('kk', 'offer.where.q'));
    last = await person.text(text('kk', 'offer.where.korea').toUpperCase());
    expect(last.at(-1)?.text).toBe(text('kk', 'offer.age.q'));
    last = await person.text('1');
    expect(last.at(-1)?.text).toBe(text('kk', 'offer.how_found.q'));
  });
});

describe('bad input on Telegram', () => {
  it('answers free text, stickers, photos, edits, long texts and unknown commands with the same question', async () => {
    const recorder = new Recorder();
    const { bot } = await harness({ recorder });
    const person = new Person(bot, recorder, nextUser++, 'en');
    await person.command('start');
    await person.answer('check');
    await person.answer('considering');
    const question = text('en', 'offer.where.q');
    const cases: [string, () => Promise<unknown>, string][] = [
      ['free text', () => person.text('what do you mean?'), 'common.hint_choice'],
      ['a sticker', () => person.sticker(), 'common.hint_media'],
      ['a photo', () => person.photo(), 'common.hint_media'],
      ['an edited message', () => person.edited('1'), 'common.edited'],
      ['4,096 characters', () => person.text('x'.repeat(4096)), 'common.hint_choice'],
      ['an unknown command', () => person.command('nonsense'), 'help.text'],
      ['a number out of range', () => person.text('42'), 'common.hint_choice'],
    ];
    for (const [what, send, hint] of cases) {
      const replies = (await send()) as Awaited<ReturnType<Person['text']>>;
      expect(replies[0]?.text, what).toContain(text('en', hint).split('\n')[0]?.slice(0, 30));
      expect(replies.at(-1)?.text, what).toBe(question);
    }
    // Nothing was lost: the next answer still works.
    const next = await person.answer('europe');
    expect(next.at(-1)?.text).toBe(text('en', 'offer.age.q'));
  });

  it('meets a button of an earlier message with a note and the current question', async () => {
    const recorder = new Recorder();
    const { bot } = await harness({ recorder });
    const person = new Person(bot, recorder, nextUser++, 'ru');
    await person.command('start');
    await person.answer('check');
    const first = person.lastWithButtons();
    await person.answer('considering');
    const stale = await person.press(first.buttons[1]?.callback_data ?? '', first);
    expect(stale[0]?.text).toBe(text('ru', 'common.stale'));
    expect(stale.at(-1)?.text).toBe(text('ru', 'offer.where.q'));
    expect(recorder.ofMethod('answerCallbackQuery').length).toBeGreaterThan(0);
    // Forged and malformed callback data are stale buttons too.
    for (const data of ['zz', 'zzzz:where', ':', 'L:xx', '0'.repeat(64)]) {
      const replies = await person.press(data);
      expect(replies.at(-1)?.text, data).toBe(text('ru', 'offer.where.q'));
    }
    const state = await new RedisStore(redis, { prefix, ttlSeconds: 60 }).load(person.key);
    expect(state?.active?.answers).toEqual({ situation: 'considering' });
  });

  it('keeps /start, /cancel, /language and /help working mid-check', async () => {
    const recorder = new Recorder();
    const { bot } = await harness({ recorder });
    const person = new Person(bot, recorder, nextUser++, 'ru');
    await person.command('start');
    await person.answer('check');
    await person.answer('considering');
    // /language mid-check: the same question, now in Kazakh.
    await person.command('language');
    let last = await person.answer('kk');
    expect(last[0]?.text).toBe(text('kk', 'language.set'));
    expect(last.at(-1)?.text).toBe(text('kk', 'offer.where.q'));
    // /help: the help, then the same question.
    last = await person.command('help');
    expect(last.at(-1)?.text).toBe(text('kk', 'offer.where.q'));
    // /start: the menu, with the check set aside to continue.
    last = await person.command('start');
    expect(last.at(-1)?.buttons[0]?.callback_data).toMatch(/:resume$/);
    last = await person.answer('resume');
    expect(last.at(-1)?.text).toBe(text('kk', 'offer.where.q'));
    // /cancel: answers erased, the menu.
    last = await person.command('cancel');
    expect(last[0]?.text).toBe(text('kk', 'cancel.done'));
    expect(last.at(-1)?.buttons.some((b) => b.callback_data.endsWith(':resume'))).toBe(false);
  });

  it("publishes the people's menu in private chats per language, the counsellors' in their chat only", async () => {
    const recorder = new Recorder();
    const { bot, deps } = await harness({ recorder });
    await publishCommands(bot.api, deps.t, { chatId: -100777, t: deps.t('en') });
    // The lists an older version set for every chat (groups included) are taken away first.
    expect(recorder.ofMethod('deleteMyCommands').map((c) => c.payload.language_code)).toEqual([
      undefined,
      'ru',
      'kk',
      'en',
    ]);
    type Set = {
      scope?: { type: string; chat_id?: number };
      language_code?: string;
      commands: { command: string; description: string }[];
    };
    const sets = recorder.ofMethod('setMyCommands').map((c) => c.payload as unknown as Set);
    // Nothing is published for every chat: a group shows no people's command.
    expect(sets.every((c) => c.scope !== undefined && c.scope.type !== 'default')).toBe(true);
    const people = sets.filter((c) => c.scope?.type === 'all_private_chats');
    expect(people.map((c) => c.language_code ?? 'default').sort()).toEqual(['default', 'en', 'kk', 'ru']);
    const kk = people.find((c) => c.language_code === 'kk')?.commands ?? [];
    expect(kk.find((c) => c.command === 'forget')?.description).toBe(text('kk', 'commands.forget'));
    expect(
      people.find((c) => !c.language_code)?.commands.find((c) => c.command === 'forget')?.description,
    ).toBe(text('ru', 'commands.forget'));
    const desk = sets.filter((c) => c.scope?.type === 'chat');
    expect(desk).toHaveLength(1);
    expect(desk[0]?.scope?.chat_id).toBe(-100777);
    expect(desk[0]?.commands.map((c) => c.command)).toEqual([
      'tickets',
      'mine',
      'stats',
      'contact',
      'flag',
      'unflag',
      'reply',
      'reassign',
      'cancel',
    ]);
    expect(desk[0]?.commands.find((c) => c.command === 'stats')?.description).toBe(
      text('en', 'ops.menu.stats'),
    );
    expect(desk[0]?.commands.some((c) => c.command === 'forget')).toBe(false);
  });

  it('serves only private chats', async () => {
    const recorder = new Recorder();
    const { bot } = await harness({ recorder });
    await bot.handleUpdate({
      update_id: 1,
      message: {
        message_id: 1,
        date: 1,
        chat: { id: -100123, type: 'supergroup', title: 'g' },
        from: { id: 1, is_bot: false, first_name: 'x' },
        text: '/start',
      },
    });
    expect(recorder.calls).toEqual([]);
  });
});

describe('restarts and edits', () => {
  it('continues where the person was after a restart (a new bot over the same Redis)', async () => {
    const recorder = new Recorder();
    const first = await harness({ recorder });
    const person = new Person(first.bot, recorder, nextUser++, 'en');
    await person.command('start');
    await person.answer('check');
    await person.answer('considering');
    await person.answer('korea');
    const before = person.lastWithButtons();

    const second = await harness({ recorder });
    const again = new Person(second.bot, recorder, person.id, 'en');
    const next = await again.press(before.buttons[0]?.callback_data ?? '', before);
    expect(next.at(-1)?.text).toBe(text('en', 'offer.how_found.q'));
  });

  it('keeps every answer when the flow file is edited mid-check: questions added before and after, theirs removed', async () => {
    const recorder = new Recorder();
    const original = await harness({ recorder });
    const person = new Person(original.bot, recorder, nextUser++, 'en');
    await person.command('start');
    await person.answer('check');
    await person.answer('considering');
    await person.answer('europe');
    await person.answer('adult');
    await person.answer('agency');
    await person.answer('name_only'); // employer: raises vague_employer
    const onScreen = person.lastWithButtons();
    expect(onScreen.text).toBe(text('en', 'offer.agency_licence.q'));

    // The NGO adds a question before the person's place and one after it, and removes the question the
    // person is on (agency_licence) and a later one (urgency).
    const added = (id: string) =>
      `  - id: ${id}\n    kind: choice\n    text: offer.secrecy.q\n    unknown: offer.secrecy.dk\n    options:\n      - { id: 'no', text: common.no }\n      - { id: 'yes', text: common.yes, flags: [secrecy] }\n`;
    let yaml = flowText('offer-check').replace(/^version: \d+$/m, 'version: 99');
    yaml = yaml.replace('  - id: how_found\n', `${added('added_before')}\n  - id: how_found\n`);
    yaml = yaml.replace('  - id: job_role\n', `${added('added_after')}\n  - id: job_role\n`);
    yaml = yaml.replace(/ {2}- id: agency_licence\n[\s\S]*?(?=\n {2}- id: contact_channel)/, '');
    yaml = yaml.replace(/ {2}- id: urgency\n[\s\S]*?(?=\n {2}# --- The job\.)/, '');
    const edited = parse(yaml);
    expect(edited.steps.some((s) => s.id === 'urgency' || s.id === 'agency_licence')).toBe(false);

    const next = await harness({ recorder, flows: flowsWith(edited) });
    const same = new Person(next.bot, recorder, person.id, 'en');
    // The button of the removed question is stale now: a note, and the next unanswered question.
    let last = await same.press(onScreen.buttons[0]?.callback_data ?? '', onScreen);
    expect(last[0]?.text).toBe(text('en', 'common.stale'));
    const asked: string[] = [];
    for (let i = 0; i < 40 && last.at(-1)?.text !== text('en', 'verdict.next.q'); i++) {
      const options = same.options();
      asked.push(`${last.at(-1)?.text}`);
      last = await same.answer(options.includes('yes') ? 'yes' : (options[0] ?? 'dk'));
    }
    // The question added before the person's place came first, the one added after in its place.
    expect(asked[0]).toBe(text('en', 'offer.secrecy.q'));
    expect(asked.filter((q) => q === text('en', 'offer.secrecy.q'))).toHaveLength(3);
    expect(asked).not.toContain(text('en', 'offer.urgency.q'));
    expect(asked).not.toContain(text('en', 'offer.agency_licence.q'));
    expect(asked).not.toContain(text('en', 'offer.employer.q'));
    // The answer given before the edit still counts in the verdict (among all its reasons).
    const verdict = last.find((m) => m.buttons.some((b) => b.callback_data === 'V:all'));
    const all = (await same.press('V:all', verdict)).map((m) => m.text).join('\n');
    expect(all).toContain(text('en', 'flags.vague_employer.title'));
    const state = await new RedisStore(redis, { prefix, ttlSeconds: 60 }).load(person.key);
    expect(state?.active?.answers).toMatchObject({
      situation: 'considering',
      where: 'europe',
      how_found: 'agency',
      employer: 'name_only',
      added_before: 'yes',
      added_after: 'yes',
    });
  });
});

describe('ads on Telegram', () => {
  it('reads a forwarded channel post as an ad and quotes it', async () => {
    const recorder = new Recorder();
    const { bot } = await harness({ recorder });
    const person = new Person(bot, recorder, nextUser++, 'kk');
    await person.command('start');
    const replies = await person.send({
      message: {
        message_id: 77,
        date: 1_700_000_000,
        chat: { id: person.id, type: 'private', first_name: 'Test' },
        from: { id: person.id, is_bot: false, first_name: 'Test', language_code: 'kk' },
        text: 'Кипрге биші қыздар керек! Тәжірибе қажет емес, айына 2500$. Тек WhatsApp-қа жазыңыз.',
        forward_origin: {
          type: 'channel',
          date: 1_699_000_000,
          chat: { id: -1001, type: 'channel', title: 'jobs' },
          message_id: 5,
        },
      },
    } as never);
    const all = replies.map((m) => m.text).join('\n');
    expect(all).toContain(text('kk', 'ad.taken'));
    expect(all).toContain(text('kk', 'flags.adult_entertainment.title'));
    expect(all).toMatch(/«[^»]*биші[^»]*»/i);
    expect(replies.at(-1)?.buttons.some((b) => b.callback_data.endsWith(':check'))).toBe(true);
  });
});

describe('/forget', () => {
  it('erases the person from Redis after a confirmation', async () => {
    const recorder = new Recorder();
    const { bot } = await harness({ recorder });
    const person = new Person(bot, recorder, nextUser++, 'kk');
    await person.command('start');
    await person.answer('check');
    await person.answer('considering');
    const key = person.key;
    const store = new RedisStore(redis, { prefix, ttlSeconds: 60 });
    expect(await store.load(key)).not.toBeNull();
    const asked = await person.command('forget');
    expect(asked.at(-1)?.text).toBe(text('kk', 'forget.q'));
    const done = await person.answer('yes');
    expect(done.at(-1)?.text).toBe(text('kk', 'forget.done'));
    expect(await store.load(key)).toBeNull();
  });
});

describe('two instances, one Redis', () => {
  it("lose no answer when one person's updates are handled at once by both", async () => {
    const recorder = new Recorder();
    const a = await harness({ recorder });
    const b = await harness({ recorder });
    const id = nextUser++;
    const onA = new Person(a.bot, recorder, id, 'en');
    const onB = new Person(b.bot, recorder, id, 'en');
    await onA.command('start');
    await onA.answer('check');
    // Two typed answers at the same moment, one on each instance: as if typed one after the other.
    await Promise.all([onA.text('1'), onB.text('1')]);
    const state = await new RedisStore(redis, { prefix, ttlSeconds: 60 }).load(onA.key);
    expect(state?.active?.answers).toEqual({ situation: 'considering', where: 'home' });
    expect(state?.active?.step).toBe('age');
  });
});

describe('reading ahead', () => {
  it("reads the state in the flood counter's round trip, and an old read is caught and redone", async () => {
    const recorder = new Recorder();
    const { bot } = await harness({ recorder, rateLimit: 1000 });
    const person = new Person(bot, recorder, nextUser++, 'en');
    await person.command('start');
    await person.answer('check');
    // Two answers at once: the second was read ahead before the first was saved.
    await Promise.all([person.text('1'), person.text('1')]);
    const state = await new RedisStore(redis, { prefix, ttlSeconds: 60 }).load(person.key);
    expect(state?.active?.answers).toEqual({ situation: 'considering', where: 'home' });
  });
});

describe('a flood', () => {
  it('gets one polite notice, is cut, and never delays anyone else', async () => {
    const recorder = new Recorder();
    const { bot } = await harness({ recorder, rateLimit: 5 });
    const flooder = new Person(bot, recorder, nextUser++, 'kk');
    const other = new Person(bot, recorder, nextUser++, 'ru');
    for (let i = 0; i < 30; i++) await flooder.text(`spam ${i}`);
    const notices = recorder.sent(flooder.id).filter((m) => m.text === text('kk', 'common.slow_down'));
    expect(notices).toHaveLength(1);
    // Five answered (a greeting and the menu, then the same hint each time), the rest dropped.
    expect(recorder.sent(flooder.id).length).toBeLessThan(5 * 3 + 2);
    const replies = await other.command('start');
    expect(replies.at(-1)?.text).toBe(text('ru', 'menu.q'));
    // The count lives in Redis, under the deployment's prefix, with a TTL.
    const keys = await redis.keys(`${prefix}ratelimit:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});

describe('logs', () => {
  it('never carry what a person wrote, their name or number, even at trace level', async () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (line: string) => void lines.push(line) });
    const recorder = new Recorder();
    const { bot } = await harness({ recorder, log });
    const person = new Person(bot, recorder, nextUser++, 'ru');
    await person.command('start');
    await person.text('Меня зовут Айгерим Секретова, мой номер +7 701 555 12 34');
    await person.answer('check');
    await person.text('Ищем девушку европейской внешности для работы в Дубае, билеты оплатим');
    await person.answer('considering');
    // A whole check, then an ad with a name and a number in it.
    for (let i = 0; i < 40 && person.lastWithButtons().text !== text('ru', 'verdict.next.q'); i++) {
      await person.answer(person.options()[0] ?? 'dk');
    }
    await person.command('ad');
    await person.text(
      'Требуются девушки в Дубай, Айгерим, звоните +7 701 555 12 34, европейской внешности, 3000$',
    );
    expect(lines.length).toBeGreaterThan(0);
    // Each update logs under its own id.
    expect(lines.some((l) => /"update_id":\d+/.test(l))).toBe(true);
    const all = lines.join('\n');
    // Whole words and numbers: bare digits turn up in timestamps.
    for (const secret of [
      'Айгерим',
      'Секретова',
      '7015551234',
      '701 555',
      'европейской',
      'Дубае',
      '"Test"',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('when Redis is away', () => {
  it('still answers, with the hotline and emergency numbers, and loses nothing', async () => {
    const real = new RedisStore(redis, { prefix, ttlSeconds: 60 });
    let down = false;
    const refuse = async () => {
      throw Object.assign(new Error('Connection is closed.'), { code: 'ECONNREFUSED' });
    };
    // The real store, until the test pulls the plug on loads or saves.
    const flaky: Store = {
      kind: 'redis',
      load: (who) => (down === true ? refuse() : real.load(who)),
      save: (who, state) => (down || saveDown ? refuse() : real.save(who, state)),
      forget: (who) => real.forget(who),
      ping: async () => !down,
      close: async () => undefined,
    };
    let saveDown = false;
    const recorder = new Recorder();
    const { bot } = await harness({ recorder, store: flaky });
    const person = new Person(bot, recorder, nextUser++, 'kk');
    await person.command('start');
    await person.answer('check');
    await person.answer('considering');
    const key = person.key;
    const before = await real.load(key);

    down = true;
    const replies = await person.text('Сәлем, көмек керек');
    expect(replies[0]?.text).toContain(text('kk', 'common.unavailable'));
    expect(replies[0]?.text).toContain('112');
    expect(replies[0]?.text).toContain('+7 (7252) 00-00-00');

    // A button pressed while saving fails: an answer, the question keeps its buttons, nothing changes.
    down = false;
    saveDown = true;
    const edits = recorder.ofMethod('editMessageText').length;
    const pressed = await person.answer('gulf');
    expect(pressed[0]?.text).toContain(text('kk', 'common.unavailable'));
    expect(recorder.ofMethod('editMessageText').length).toBe(edits);
    expect(await real.load(key)).toEqual(before);

    // Back up: the same button works and the check goes on where it was.
    saveDown = false;
    const next = await person.answer('gulf');
    expect(next.at(-1)?.text).toBe(text('kk', 'offer.abroad_leave.q').length > 0 ? next.at(-1)?.text : '');
    expect((await real.load(key))?.active?.answers).toEqual({ situation: 'considering', where: 'gulf' });
  });
});
