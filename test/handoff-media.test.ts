import type { Message } from 'grammy/types';
import { afterAll, describe, expect, it } from 'vitest';
import type { PictureReader } from '../src/app/dialogue-service.js';
import { readCapped } from '../src/channels/download.js';
import { shortTicket } from '../src/domain/dialogue/index.js';
import { QUOTE_MARK } from '../src/domain/handoff/quote.js';
import { createLogger } from '../src/infra/logger.js';
import type { Sent } from '../testing/bot-api.js';
import { messageFrom, Person, STICKER } from '../testing/telegram-updates.js';
import { WaPerson, whatsappHarness } from '../testing/whatsapp-harness.js';
import { newWaId } from '../testing/whatsapp-updates.js';
import { deps, text } from './helpers/content.js';
import { askToWrite, button, Counsellor, handoffHarness, lastCard, OPS } from './helpers/handoff.js';
import { PICTURE_AD } from './helpers/picture.js';
import { dropPrefix, testPrefix, testRedis } from './helpers/redis.js';

/** Pictures, voice and documents between a person and her counsellor (issue 17), on Telegram and WhatsApp. */

const redis = testRedis();
const prefix = testPrefix('handoff-media');
const COUNSELLOR = 74;
let nextPerson = 6_300_000;
let nextMessage = 40_000;

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

/** A text with its values put in, as the bot writes it. */
const { t } = await deps();
const tr = (lang: 'ru' | 'kk' | 'en', key: string, vars: Record<string, unknown>) => t(lang)(key, vars);

const harness = async (options: Parameters<typeof handoffHarness>[2] = {}) =>
  handoffHarness(redis, prefix, options);

/** A photo as Telegram gives it: two sizes, the largest last. */
const photo = (id: string, size = 40_000) => [
  { file_id: `${id}-small`, file_unique_id: `${id}-s`, width: 90, height: 90, file_size: 2_000 },
  { file_id: id, file_unique_id: id, width: 1280, height: 960, file_size: size },
];
const voice = (id: string) => ({ file_id: id, file_unique_id: id, duration: 4, mime_type: 'audio/ogg' });

/**
 * A reader that reads every picture as a risky ad, and counts what it was handed: wired in, a picture that
 * reached it would get a verdict instead of going to the counsellor (issue 18, pictureRoute).
 */
function adReader(): PictureReader & { seen: number[] } {
  const seen: number[] = [];
  return {
    seen,
    read: async (bytes) => {
      seen.push(bytes.byteLength);
      return { kind: 'text', text: PICTURE_AD };
    },
  };
}

/** A person's message of this kind, with an id the test knows. */
async function sendAs(person: Person, fields: Partial<Message>): Promise<{ id: number; replies: Sent[] }> {
  const id = nextMessage++;
  const replies = await person.send(messageFrom(person.id, fields, person.languageCode, id));
  return { id, replies };
}

describe('media between a person and her counsellor on Telegram: copied, nothing downloaded', () => {
  it("takes her photo to the request's forum topic with the header text messages get, her caption quoted", async () => {
    const h = await harness({ forum: true });
    const person = new Person(h.bot, h.recorder, nextPerson++, 'en');
    await askToWrite(person);
    await h.handoff.drain();
    const card = lastCard(h.recorder) as Sent;
    const ticket = button(card, 'tk:').slice(3);
    // The topic Telegram opened for the request, where its card went.
    const posted = h.recorder.sent(OPS).find((m) => m.message_id === card.message_id);
    const thread = Number(h.recorder.calls[posted?.call ?? -1]?.payload.message_thread_id);
    expect(thread).toBeGreaterThan(0);
    const sent = await sendAs(person, { photo: photo('her-photo'), caption: 'the contract they gave me' });
    expect(sent.replies.map((r) => r.text)).toEqual([text('en', 'relay.sent')]);
    await h.handoff.drain();
    const copy = h.recorder.ofMethod('copyMessage').at(-1)?.payload;
    expect(copy).toMatchObject({
      chat_id: OPS,
      from_chat_id: String(person.id),
      message_id: sent.id,
      message_thread_id: thread,
    });
    expect(String(copy?.caption)).toBe(
      tr('ru', 'ops.from_person', {
        ticket: shortTicket(ticket),
        text: `${QUOTE_MARK}the contract they gave me`,
      }),
    );
    // Copied, not fetched: the bot never downloaded her picture, and no reader saw it.
    expect(h.recorder.ofMethod('getFile')).toHaveLength(0);
    // Her voice message goes the same way; with no caption, the header alone.
    const spoken = await sendAs(person, { voice: voice('her-voice') });
    await h.handoff.drain();
    const second = h.recorder.ofMethod('copyMessage').at(-1)?.payload;
    expect(second).toMatchObject({ chat_id: OPS, message_id: spoken.id, message_thread_id: thread });
    expect(second?.caption).toBe(`✉️ #${shortTicket(ticket)}:`);
    // Her media goes with her words when she asks to be forgotten.
    const copies = h.recorder.messages.filter((m) => m.media === 'copyMessage' && m.chat_id === OPS);
    await person.command('forget');
    await person.answer('yes');
    await h.handoff.drain();
    const deleted = h.recorder
      .ofMethod('deleteMessages')
      .filter((c) => Number(c.payload.chat_id) === OPS)
      .flatMap((c) => c.payload.message_ids as number[]);
    expect(copies).toHaveLength(2);
    for (const c of copies) expect(deleted).toContain(c.message_id);
  });

  it('with pictures read, her photo and her image file during an open request go to the counsellor, never read', async () => {
    const reader = adReader();
    const h = await harness({ pictures: reader });
    h.recorder.files.set('her-ad', new Uint8Array([1, 2, 3]));
    h.recorder.files.set('her-ad-file', new Uint8Array([1, 2, 3, 4]));
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    await h.handoff.drain();
    const shot = await sendAs(person, { photo: photo('her-ad') });
    const file = await sendAs(person, {
      document: { file_id: 'her-ad-file', file_unique_id: 'f', mime_type: 'image/png', file_name: 'ad.png' },
    });
    // Relayed, answered with the receipt alone: no verdict, no "could not read".
    expect(shot.replies.map((r) => r.text)).toEqual([text('ru', 'relay.sent')]);
    expect(file.replies.map((r) => r.text)).toEqual([text('ru', 'relay.sent')]);
    await h.handoff.drain();
    expect(h.recorder.ofMethod('copyMessage').map((c) => c.payload)).toMatchObject([
      { chat_id: OPS, from_chat_id: String(person.id), message_id: shot.id },
      { chat_id: OPS, from_chat_id: String(person.id), message_id: file.id },
    ]);
    // Neither fetched nor read.
    expect(h.recorder.ofMethod('getFile')).toHaveLength(0);
    expect(reader.seen).toEqual([]);
    // The same photo from someone with no request open is read, and checked as an ad.
    const other = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await other.command('start');
    const read = await sendAs(other, { photo: photo('her-ad') });
    expect(reader.seen).toEqual([3]);
    expect(read.replies.map((r) => r.text).join('\n')).toContain(text('ru', 'flags.wrong_visa.title'));
    expect(h.recorder.ofMethod('copyMessage')).toHaveLength(2);
  });

  it("passes a counsellor's voice message, a reply to the card, to her with the header and the way to answer", async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'kk');
    await askToWrite(person);
    await h.handoff.drain();
    const card = lastCard(h.recorder) as Sent;
    const ticket = button(card, 'tk:').slice(3);
    const a = new Counsellor(h.bot, COUNSELLOR, 'Aigerim');
    await a.press(`tk:${ticket}`, card);
    await h.handoff.drain();
    const mark = h.recorder.mark();
    await a.replyWith(card, { message_id: 777, voice: voice('counsellor-voice') } as Partial<Message>);
    await h.handoff.drain();
    const copy = h.recorder.calls.slice(mark).find((c) => c.method === 'copyMessage')?.payload;
    expect(copy).toMatchObject({ chat_id: person.id, from_chat_id: OPS, message_id: 777 });
    expect(copy?.caption).toBe(
      tr('kk', 'relay.from_counsellor', { ticket: shortTicket(ticket), text: '' }).trim(),
    );
    expect(JSON.stringify(copy?.reply_markup)).toContain('R:relay');
    // Nothing went wrong, so nothing is said in the chat.
    expect(h.recorder.since(mark, OPS).map((m) => m.text)).toEqual([]);
    // A sticker is not passed on, and the counsellor sees why where they sent it.
    await a.replyWith(card, { sticker: { ...STICKER } } as Partial<Message>);
    expect(h.recorder.sent(OPS).at(-1)?.text).toBe(
      tr('ru', 'ops.undelivered', {
        ticket: shortTicket(ticket),
        reason: text('ru', 'ops.reason.unsupported'),
      }),
    );
    expect(h.recorder.ofMethod('copyMessage')).toHaveLength(1);
  });

  it('reads her caption like a message: words of danger bring the numbers and mark the media urgent; never logged', async () => {
    const lines: string[] = [];
    const h = await harness({ log: createLogger('trace', { write: (l: string) => void lines.push(l) }) });
    const person = new Person(h.bot, h.recorder, nextPerson++, 'en');
    await askToWrite(person);
    await h.handoff.drain();
    const sent = await sendAs(person, {
      photo: photo('p'),
      caption: 'they took my passport and I cannot leave',
    });
    expect(sent.replies[0]?.text).toContain('112');
    expect(sent.replies.at(-1)?.text).toBe(text('en', 'relay.sent'));
    await h.handoff.drain();
    expect(String(h.recorder.ofMethod('copyMessage').at(-1)?.payload.caption)).toMatch(/^🚨 #/);
    // Whatever was logged on the way (at the most verbose level), her words were not.
    expect(lines.join('\n')).not.toContain('passport');
  });

  it('refuses her sticker with a clear answer in her language, and a location too: nothing reaches the chat', async () => {
    const h = await harness();
    const person = new Person(h.bot, h.recorder, nextPerson++, 'ru');
    await askToWrite(person);
    await h.handoff.drain();
    const before = h.recorder.sent(OPS).length;
    expect((await person.sticker())[0]?.text).toBe(text('ru', 'relay.sticker'));
    const located = await sendAs(person, { location: { latitude: 43.3, longitude: 68.2 } });
    expect(located.replies[0]?.text).toBe(text('ru', 'relay.unsupported'));
    await h.handoff.drain();
    expect(h.recorder.sent(OPS)).toHaveLength(before);
  });

  it("without an open request keeps today's way: a photo is read as an ad, a voice message gets the hint", async () => {
    const seen: number[] = [];
    const h = await harness({
      pictures: {
        read: async (bytes) => {
          seen.push(bytes.byteLength);
          return { kind: 'empty' };
        },
      },
    });
    h.recorder.files.set('ad-photo', new Uint8Array([1, 2, 3]));
    const person = new Person(h.bot, h.recorder, nextPerson++, 'en');
    await person.command('start');
    const read = await sendAs(person, { photo: photo('ad-photo') });
    expect(seen).toEqual([3]);
    expect(read.replies[0]?.text).toBe(text('en', 'picture.unreadable'));
    const spoken = await sendAs(person, { voice: voice('v') });
    expect(spoken.replies[0]?.text).toBe(text('en', 'common.hint_media'));
    await h.handoff.drain();
    expect(h.recorder.sent(OPS)).toEqual([]);
    expect(h.recorder.ofMethod('copyMessage')).toEqual([]);
  });
});

/** A WhatsApp person writing to a counsellor in the Telegram group: both channels on one handoff. */
async function whatsappToDesk(pictures?: PictureReader) {
  const h = await harness();
  const wa = await whatsappHarness(redis, h.prefix, {
    deps: h.deps,
    tickets: h.handoff,
    ...(pictures ? { pictures } : {}),
  });
  h.senders.set('wa', wa.wa.sender);
  const p = new WaPerson(wa, newWaId());
  await p.text('Hello');
  await p.press('L:kk');
  await p.answer('counsellor');
  await p.answer('write');
  await p.answer('no');
  await p.answer('now');
  await p.press('S:skip');
  await h.handoff.drain();
  const card = lastCard(h.recorder) as Sent;
  return { h, wa, p, card, ticket: button(card, 'tk:').slice(3) };
}

describe('media between a WhatsApp person and her counsellor: fetched into memory, uploaded', () => {
  it('takes her image from the Graph API (with the token) to the group as a sendPhoto upload of its bytes', async () => {
    const { h, wa, p, ticket } = await whatsappToDesk();
    try {
      const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
      wa.graph.media.set('wa-img', { bytes, mime: 'image/jpeg' });
      wa.graph.media.set('wa-voice', { bytes: new Uint8Array([0x4f, 0x67, 0x67, 0x53]), mime: 'audio/ogg' });
      const shown = await p.of('image', {
        image: { id: 'wa-img', mime_type: 'image/jpeg', sha256: 'x', caption: 'менің келісімшартым' },
      });
      expect(shown.map((s) => s.text)).toEqual([text('kk', 'relay.sent')]);
      await h.handoff.drain();
      const upload = h.recorder.ofMethod('sendPhoto').at(-1);
      expect(Number(upload?.payload.chat_id)).toBe(OPS);
      expect(upload?.files?.photo?.bytes).toEqual(bytes);
      expect(String(upload?.payload.caption)).toBe(
        tr('ru', 'ops.from_person', {
          ticket: shortTicket(ticket),
          text: `${QUOTE_MARK}менің келісімшартым`,
        }),
      );
      const fetched = wa.graph.requests.filter((r) => r.path.includes('wa-img'));
      expect(fetched.map((r) => r.path)).toEqual(['/v23.0/wa-img', '/v23.0/files/wa-img']);
      // A voice note goes as a voice message.
      await p.of('audio', { audio: { id: 'wa-voice', mime_type: 'audio/ogg; codecs=opus', voice: true } });
      await h.handoff.drain();
      expect(h.recorder.ofMethod('sendVoice').at(-1)?.files?.voice?.bytes).toEqual(
        new Uint8Array([0x4f, 0x67, 0x67, 0x53]),
      );
      // A document keeps its name.
      wa.graph.media.set('wa-pdf', {
        bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
        mime: 'application/pdf',
      });
      await p.of('document', {
        document: { id: 'wa-pdf', mime_type: 'application/pdf', filename: 'шарт.pdf', sha256: 'x' },
      });
      await h.handoff.drain();
      expect(h.recorder.ofMethod('sendDocument').at(-1)?.files?.document?.filename).toBe('шарт.pdf');
    } finally {
      await wa.close();
    }
  });

  it('with pictures read, her image during an open request goes to the counsellor as a photo, never read', async () => {
    const reader = adReader();
    const { h, wa, p } = await whatsappToDesk(reader);
    try {
      const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 5, 6, 7]);
      wa.graph.media.set('wa-ad', { bytes, mime: 'image/jpeg' });
      const shown = await p.of('image', { image: { id: 'wa-ad', mime_type: 'image/jpeg', sha256: 'x' } });
      expect(shown.map((s) => s.text)).toEqual([text('kk', 'relay.sent')]);
      await h.handoff.drain();
      const upload = h.recorder.ofMethod('sendPhoto').at(-1);
      expect(Number(upload?.payload.chat_id)).toBe(OPS);
      expect(upload?.files?.photo?.bytes).toEqual(bytes);
      // Fetched once, to be passed on; never handed to the reader.
      const fetched = wa.graph.requests.filter((r) => r.path.includes('wa-ad'));
      expect(fetched.map((r) => r.path)).toEqual(['/v23.0/wa-ad', '/v23.0/files/wa-ad']);
      expect(reader.seen).toEqual([]);
      // The same image from someone with no request open is read, and checked as an ad.
      const other = new WaPerson(wa, newWaId());
      await other.text('/start');
      const read = await other.of('image', { image: { id: 'wa-ad', mime_type: 'image/jpeg', sha256: 'x' } });
      expect(reader.seen).toEqual([bytes.byteLength]);
      expect(read.map((s) => s.text).join('\n')).toContain(text('ru', 'flags.wrong_visa.title'));
      expect(h.recorder.ofMethod('sendPhoto')).toHaveLength(1);
    } finally {
      await wa.close();
    }
  });

  it("uploads a counsellor's photo to WhatsApp (getFile, the file, POST /media) and sends it by its id", async () => {
    const { h, wa, p, card, ticket } = await whatsappToDesk();
    try {
      const bytes = new Uint8Array([0xff, 0xd8, 0xff, 9, 8, 7]);
      h.recorder.files.set('c-photo', bytes);
      const a = new Counsellor(h.bot, COUNSELLOR, 'Aigerim');
      const mark = wa.graph.accepted.length;
      await a.replyWith(card, {
        photo: photo('c-photo', bytes.byteLength),
        caption: 'офиске осыны алып келіңіз',
      } as Partial<Message>);
      await h.handoff.drain();
      expect(wa.graph.uploads.at(-1)).toMatchObject({ mime: 'image/jpeg', bytes });
      const got = wa.graph.sentTo(p.waId, mark);
      expect(got[0]?.text).toBe(
        tr('kk', 'relay.from_counsellor', {
          ticket: shortTicket(ticket),
          text: 'офиске осыны алып келіңіз',
        }),
      );
      expect(got[1]?.media).toEqual({ type: 'image', id: wa.graph.uploads.at(-1)?.id });
    } finally {
      await wa.close();
    }
  });

  it("refuses what is too large, with a message: her 21 MB file, a counsellor's 6 MB photo", async () => {
    const { h, wa, p, card, ticket } = await whatsappToDesk();
    try {
      wa.graph.media.set('big', { bytes: new Uint8Array(21 * 1024 * 1024), mime: 'application/pdf' });
      await p.of('document', {
        document: { id: 'big', mime_type: 'application/pdf', filename: 'scan.pdf', sha256: 'x' },
      });
      const mark = wa.graph.accepted.length;
      await h.handoff.drain();
      // She is told, in her language; the counsellors see that she tried; nothing was uploaded.
      expect(wa.graph.sentTo(p.waId, mark).map((s) => s.text)).toEqual([
        tr('kk', 'notice.media_too_large', { ticket: shortTicket(ticket), mb: 20 }),
      ]);
      expect(h.recorder.sent(OPS).at(-1)?.text).toBe(
        tr('ru', 'ops.media_not_passed', { ticket: shortTicket(ticket), mb: 20 }),
      );
      expect(h.recorder.ofMethod('sendDocument')).toEqual([]);
      expect(wa.graph.requests.some((r) => r.path === '/v23.0/files/big')).toBe(false);
      // WhatsApp takes photos up to 5 MB: a 6 MB one is not even fetched, and the counsellor is told why.
      const a = new Counsellor(h.bot, COUNSELLOR, 'Aigerim');
      await a.replyWith(card, { photo: photo('c-big', 6 * 1024 * 1024) } as Partial<Message>);
      await h.handoff.drain();
      expect(h.recorder.sent(OPS).at(-1)?.text).toBe(
        tr('ru', 'ops.undelivered', {
          ticket: shortTicket(ticket),
          reason: text('ru', 'ops.reason.too_large'),
        }),
      );
      expect(h.recorder.ofMethod('getFile')).toEqual([]);
      expect(wa.graph.uploads).toEqual([]);
    } finally {
      await wa.close();
    }
  });
});

describe('a download held in memory', () => {
  it('is cut at the limit while it is read when its length is not declared, and refused as too large', async () => {
    // 100 chunks of 64 KB (6.4 MB), with no length said: read only until the 1 MB limit is passed.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 100) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    await expect(readCapped(new Response(stream), 1024 * 1024)).rejects.toMatchObject({
      reason: 'too_large',
    });
    expect(pulled).toBeLessThan(20);
    const small = await readCapped(new Response(new Uint8Array([1, 2, 3])), 1024);
    expect([...small]).toEqual([1, 2, 3]);
  });
});
