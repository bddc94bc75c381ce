import { afterAll, describe, expect, it } from 'vitest';
import { DialogueService, type PictureReader } from '../../src/app/dialogue-service.js';
import { createBot } from '../../src/channels/telegram/bot.js';
import { createLogger } from '../../src/infra/logger.js';
import { PictureReader as OcrReader } from '../../src/infra/ocr.js';
import { RedisStore } from '../../src/store/redis.js';
import { BOT_INFO, Recorder, TOKEN } from '../../testing/bot-api.js';
import { Person, telegramKey } from '../../testing/telegram-updates.js';
import { deps as makeDeps, text } from '../helpers/content.js';
import {
  adPicture,
  blankPicture,
  CHAT_DANGER,
  chatPicture,
  HAS_TESSERACT,
  NO_TESSERACT_REASON,
  PICTURE_AD,
} from '../helpers/picture.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('tg-pictures');
const silent = createLogger('silent');

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

let nextUser = 7_100_000;

async function harness(pictures: PictureReader, log = silent) {
  const deps = await makeDeps();
  const recorder = new Recorder();
  const store = new RedisStore(redis, { prefix, ttlSeconds: 3600 });
  const bot = createBot(TOKEN, {
    service: new DialogueService({ deps, store, log, pictures }),
    log,
    client: { fetch: recorder.fetch, apiRoot: 'http://telegram.invalid' },
    botInfo: BOT_INFO,
  });
  return { bot, recorder, store };
}

/** A reader that gives what it is told and counts the pictures it was handed. */
function fakeReader(reading: Awaited<ReturnType<PictureReader['read']>>) {
  const seen: number[] = [];
  return {
    seen,
    read: async (bytes: Uint8Array) => {
      seen.push(bytes.byteLength);
      return reading;
    },
  };
}

describe.skipIf(!HAS_TESSERACT)(
  `pictures of ads on Telegram, read by tesseract${HAS_TESSERACT ? '' : ` (skipped: ${NO_TESSERACT_REASON})`}`,
  () => {
    it('reads a photo of an ad (getFile, then the file) and answers with its verdict, showing "typing…"', async () => {
      const { bot, recorder } = await harness(new OcrReader({ concurrency: 1 }));
      recorder.files.set('ad-photo', await adPicture(PICTURE_AD, 'jpeg'));
      const person = new Person(bot, recorder, nextUser++, 'ru');
      await person.command('start');
      const replies = await person.photo({ fileId: 'ad-photo', width: 1080, height: 1350 });
      const all = replies.map((r) => r.text).join('\n');
      expect(all).toContain(text('ru', 'ad.taken'));
      expect(all).toContain(text('ru', 'flags.wrong_visa.title'));
      expect(recorder.ofMethod('getFile')[0]?.payload.file_id).toBe('ad-photo');
      expect(recorder.ofMethod('file')).toHaveLength(1);
      expect(recorder.ofMethod('sendChatAction')[0]?.payload.action).toBe('typing');
    });

    it('reads an image sent as a file, with its caption', async () => {
      const { bot, recorder } = await harness(new OcrReader({ concurrency: 1 }));
      recorder.files.set('ad-doc', await adPicture(PICTURE_AD));
      const person = new Person(bot, recorder, nextUser++, 'en');
      const replies = await person.document('ad-doc', 'image/png', 'is this ok?');
      const all = replies.map((r) => r.text).join('\n');
      expect(all).toContain(text('en', 'flags.wrong_visa.title'));
    });

    it('a screenshot of her chat with words of danger brings the numbers, as her typed words do', async () => {
      const lines: string[] = [];
      const log = createLogger('trace', { write: (l: string) => void lines.push(l) });
      const { bot, recorder, store } = await harness(new OcrReader({ concurrency: 1 }), log);
      recorder.files.set('chat', await chatPicture());
      const id = nextUser++;
      const person = new Person(bot, recorder, id, 'ru');
      await person.command('start');
      const replies = await person.photo({ fileId: 'chat', width: 1080, height: 1350 });
      expect(replies[0]?.text).toContain(text('ru', 'emergency.heard'));
      expect(replies.map((r) => r.text)).not.toContain(text('ru', 'picture.not_an_ad'));
      expect(replies.at(-1)?.text).toBe(text('ru', 'menu.q'));
      // The same first answer as for her words typed.
      const typed = new Person(bot, recorder, nextUser++, 'ru');
      await typed.command('start');
      const answered = await typed.text(CHAT_DANGER.join('\n'));
      expect(replies[0]?.text).toBe(answered[0]?.text);
      // What was read is neither logged (at the most verbose level) nor stored.
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toMatch(/паспорт|Дуба/);
      expect(JSON.stringify(await store.load(telegramKey(id)))).not.toMatch(/паспорт|Дуба/);
    });

    it("says so when a picture has no text, in the person's language, and keeps their place", async () => {
      const { bot, recorder } = await harness(new OcrReader({ concurrency: 1 }));
      recorder.files.set('blank', await blankPicture());
      const person = new Person(bot, recorder, nextUser++, 'kk');
      await person.command('start');
      await person.answer('check');
      await person.answer('considering');
      const replies = await person.photo({ fileId: 'blank', width: 600, height: 600 });
      expect(replies[0]?.text).toBe(text('kk', 'picture.unreadable'));
      expect(replies.at(-1)?.text).toBe(text('kk', 'offer.where.q'));
    });
  },
);

describe('pictures on Telegram, whatever the reader', () => {
  it('a picture with no readable text and a caption: says so, then reads the caption as before', async () => {
    const reader = fakeReader({ kind: 'empty' });
    const { bot, recorder } = await harness(reader);
    recorder.files.set('x', new Uint8Array([1, 2, 3]));
    const person = new Person(bot, recorder, nextUser++, 'en');
    await person.command('start');
    const replies = await person.photo({ fileId: 'x', caption: PICTURE_AD });
    expect(reader.seen).toEqual([3]);
    expect(replies[0]?.text).toBe(text('en', 'picture.unreadable'));
    expect(replies.map((r) => r.text).join('\n')).toContain(text('en', 'flags.wrong_visa.title'));
  });

  it('a full queue gets "busy, paste the text"', async () => {
    const { bot, recorder } = await harness(fakeReader({ kind: 'busy' }));
    recorder.files.set('x', new Uint8Array([1]));
    const person = new Person(bot, recorder, nextUser++, 'ru');
    await person.command('start');
    const replies = await person.photo({ fileId: 'x' });
    expect(replies[0]?.text).toBe(text('ru', 'picture.busy'));
  });

  it('with a counsellor request open, a picture is not read: its caption goes on as before', async () => {
    const reader = fakeReader({ kind: 'text', text: PICTURE_AD });
    const { bot, recorder, store } = await harness(reader);
    recorder.files.set('x', new Uint8Array([1]));
    const id = nextUser++;
    const person = new Person(bot, recorder, id, 'en');
    await person.command('start');
    const who = telegramKey(id);
    const state = await store.load(who);
    if (!state) throw new Error('no state');
    await store.save(who, { ...state, ticket: { id: 'T1', mode: 'call', relay: false } }, state.rev);
    const replies = await person.photo({ fileId: 'x' });
    expect(reader.seen).toEqual([]);
    expect(recorder.ofMethod('getFile')).toHaveLength(0);
    expect(replies[0]?.text).toBe(text('en', 'common.hint_media'));
  });

  it('a file that is not an image is not fetched: it is media, as before', async () => {
    const reader = fakeReader({ kind: 'text', text: PICTURE_AD });
    const { bot, recorder } = await harness(reader);
    const person = new Person(bot, recorder, nextUser++, 'en');
    await person.command('start');
    const replies = await person.document('pdf', 'application/pdf');
    expect(reader.seen).toEqual([]);
    expect(replies[0]?.text).toBe(text('en', 'common.hint_media'));
  });
});
