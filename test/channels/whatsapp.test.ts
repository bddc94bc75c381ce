import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/channels/sender.js';
import { whatsappPerson } from '../../src/channels/whatsapp/channel.js';
import { GraphApi } from '../../src/channels/whatsapp/graph.js';
import { createWhatsAppSender } from '../../src/channels/whatsapp/index.js';
import { whatsappWebhook } from '../../src/channels/whatsapp/webhook.js';
import type { Lang } from '../../src/domain/language.js';
import { createHttpServer } from '../../src/infra/http-server.js';
import { createLogger } from '../../src/infra/logger.js';
import { createMetrics } from '../../src/infra/metrics.js';
import { TicketStore } from '../../src/store/tickets.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  graphError,
  PHONE_NUMBER_ID,
  VERIFY_TOKEN,
  WEBHOOK,
} from '../../testing/graph-api.js';
import { type Harness, WaPerson, whatsappHarness } from '../../testing/whatsapp-harness.js';
import { fixture, message, newWaId, notification, sign } from '../../testing/whatsapp-updates.js';
import { deps, TRAP, text } from '../helpers/content.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('whatsapp');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

let h: Harness;
beforeEach(async () => {
  h = await whatsappHarness(redis, prefix, { deps: await deps() });
});
afterEach(async () => {
  // No message anywhere in these tests broke Meta's limits.
  expect(h.graph.rejected).toEqual([]);
  await h.close();
});

const metric = async (name: string) =>
  (await h.metrics.registry.metrics()).split('\n').filter((l) => l.startsWith(name));

describe('the verification handshake', () => {
  const get = (query: string) => h.app.inject({ method: 'GET', url: `${WEBHOOK}?${query}` });

  it('answers the challenge with the right verify token, and 403 otherwise', async () => {
    const ok = await get(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    expect((await get('hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1')).statusCode).toBe(
      403,
    );
    expect(
      (await get(`hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).statusCode,
    ).toBe(403);
    expect((await get('')).statusCode).toBe(403);
  });
});

describe('POST /webhooks/whatsapp', () => {
  const waId = '77011230001';
  const body = JSON.stringify(notification([message('text', waId, { text: { body: 'Сәлем' } })]));
  const post = (payload: string, headers: Record<string, string>) =>
    h.app.inject({
      method: 'POST',
      url: WEBHOOK,
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('refuses a request without a signature or with a wrong one (401), and processes nothing', async () => {
    expect((await post(body, {})).statusCode).toBe(401);
    expect(
      (await post(body, { 'x-hub-signature-256': sign(body, 'another0app0secret00000000000000') }))
        .statusCode,
    ).toBe(401);
    expect((await post(body, { 'x-hub-signature-256': 'sha256=abc' })).statusCode).toBe(401);
    expect((await post(body, { 'x-hub-signature-256': sign(`${body} `) })).statusCode).toBe(401);
    // Signed over the raw bytes: the same object serialised another way is not what Meta signed.
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    expect((await post(reformatted, { 'x-hub-signature-256': sign(body) })).statusCode).toBe(401);
    await h.wa.channel.idle();
    expect(h.graph.requests).toEqual([]);
    expect(await redis.keys(`${prefix}person:wa:${whatsappPerson(waId, APP_SECRET).id}`)).toEqual([]);
    // No key names the number itself.
    expect((await redis.keys(`${prefix}*`)).filter((k) => k.includes(waId))).toEqual([]);
    expect(await metric('tekser_whatsapp_webhook_requests_total{result="unsigned"}')).toEqual([
      'tekser_whatsapp_webhook_requests_total{result="unsigned"} 1',
    ]);
    expect(await metric('tekser_whatsapp_webhook_requests_total{result="bad_signature"}')).toEqual([
      'tekser_whatsapp_webhook_requests_total{result="bad_signature"} 4',
    ]);
  });

  it('answers 400 to signed malformed JSON, 413 to an oversized body, 200 to a shape it does not know', async () => {
    const broken = '{"object": "whatsapp_business_account", "entry": [';
    expect((await post(broken, { 'x-hub-signature-256': sign(broken) })).statusCode).toBe(400);
    const huge = JSON.stringify(
      notification([message('text', waId, { text: { body: 'x'.repeat(200_000) } })]),
    );
    expect((await post(huge, { 'x-hub-signature-256': sign(huge) })).statusCode).toBe(413);
    expect((await post(huge, {})).statusCode).toBe(413);
    const strange = JSON.stringify({ object: 'page', entry: [] });
    expect((await post(strange, { 'x-hub-signature-256': sign(strange) })).statusCode).toBe(200);
    await h.wa.channel.idle();
    expect(h.graph.requests).toEqual([]);
    expect(await metric('tekser_whatsapp_webhook_requests_total{result="malformed"}')).toEqual([
      'tekser_whatsapp_webhook_requests_total{result="malformed"} 1',
    ]);
    expect(await metric('tekser_whatsapp_webhook_requests_total{result="too_large"}')).toEqual([
      'tekser_whatsapp_webhook_requests_total{result="too_large"} 2',
    ]);
    expect(await metric('tekser_whatsapp_unknown_payloads_total{shape="notification"}')).toHaveLength(1);
  });

  it('reads at most 256 KB by default, whatever the server allows (Meta notifications, not 1 MB)', async () => {
    const accepted: unknown[] = [];
    const app = createHttpServer({
      metrics: createMetrics(),
      ready: async () => true,
      whatsapp: whatsappWebhook({
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
        phoneNumberId: PHONE_NUMBER_ID,
        metrics: createMetrics(),
        accept: async (events) => {
          accepted.push(...events);
          return 'ok';
        },
      }),
    });
    const posted = async (size: number) => {
      const raw = JSON.stringify(notification([message('text', waId, { text: { body: 'x'.repeat(size) } })]));
      const res = await app.inject({
        method: 'POST',
        url: WEBHOOK,
        payload: raw,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
      });
      return res.statusCode;
    };
    // The longest text a person can send, with its envelope, is read; a body past 256 KB is not.
    expect(await posted(65_536 * 3)).toBe(200);
    expect(await posted(300_000)).toBe(413);
    expect(accepted).toHaveLength(1);
    await app.close();
  });

  it('keeps Telegram-style JSON parsing for the other routes', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.json()).toEqual({ ok: true });
  });
});

describe('the offer check on WhatsApp', () => {
  const greetings: Record<Lang, string> = { ru: 'Здравствуйте', kk: 'Сәлеметсіз бе', en: 'Hello' };
  for (const lang of ['ru', 'kk', 'en'] as Lang[]) {
    it(`goes from the first message to a critical verdict in ${lang}`, async () => {
      const person = new WaPerson(h, newWaId());
      let last = await person.text(greetings[lang]);
      if (lang === 'en') {
        // Latin letters say nothing of the language: Russian first, then the language row of the menu.
        expect(last.at(-1)?.text).toBe(text('ru', 'menu.q'));
        last = await person.press('L:en');
        expect(last[0]?.text).toBe(text('en', 'language.set'));
      } else expect(last[0]?.text).toContain(text(lang, 'start.greeting').slice(0, 20));
      // The menu: its options and the language row in one list, within 10 rows.
      const menu = last.at(-1);
      expect(menu?.kind).toBe('list');
      expect(menu?.text).toBe(text(lang, 'menu.q'));
      expect(menu?.extra).toBe(text(lang, 'whatsapp.choose'));
      expect(menu?.options.map((o) => o.id).filter((id) => id.startsWith('L:'))).toEqual([
        'L:ru',
        'L:kk',
        'L:en',
      ]);
      expect(menu?.options.find((o) => o.id === `L:${lang}`)?.title).toBe(
        `✓ ${text(lang, `language.${lang}`)}`,
      );

      last = await person.answer('check');
      expect(last[0]?.text).toBe(text(lang, 'offer.intro'));
      for (const [question, option] of TRAP) {
        const asked = last.at(-1);
        expect(asked?.text, `asking ${question}`).toContain(text(lang, `offer.${question}.q`));
        expect(asked?.kind === 'buttons' || asked?.kind === 'list', question).toBe(true);
        // "I don't know" is always the last answer; "Back" follows it from the second question on, where
        // a list has a row left for it (the job's 10 answers fill one: there "back" is typed).
        const back = question === 'situation' || question === 'job_role' ? 0 : 1;
        expect(asked?.options.at(-1 - back)?.id.endsWith(':dk'), question).toBe(true);
        if (back) expect(asked?.options.at(-1)?.title, question).toBe(text(lang, 'common.back'));
        last = await person.answer(option);
      }
      const verdict = last.map((m) => m.text).join('\n');
      expect(verdict).toContain(text(lang, 'verdict.level.critical'));
      expect(verdict).toContain(text(lang, 'verdict.summary.critical_offer'));
      expect(verdict).toContain('+7 (7252) 00-00-00');
      expect(last.at(-1)?.text).toContain(text(lang, 'verdict.next.q'));
      // The verdict fits a phone; every reason is one button away ("All reasons", a reply button).
      const short = last.find((m) => m.options.some((o) => o.id === 'V:all'));
      expect((short?.text ?? '').length).toBeLessThanOrEqual(900);
      const all = (await person.press('V:all', short)).map((m) => m.text).join('\n');
      for (const flag of [
        'passport_retention',
        'wrong_visa',
        'upfront_fees',
        'debt_travel_paid',
        'looks_requirement',
      ]) {
        expect(all).toContain(text(lang, `flags.${flag}.title`));
      }
      const state = await h.store.load(whatsappPerson(person.waId, APP_SECRET));
      expect(state?.last?.level).toBe('critical');
      // Sent as Meta expects: to the person's id, with the token, at the pinned version's path.
      const request = h.graph.requests.at(-1);
      expect(request?.path).toBe(`/v23.0/${PHONE_NUMBER_ID}/messages`);
      expect(request?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(request?.body.to).toBe(person.waId);
    });
  }

  it('takes a typed number as the answer with that number, and the answer typed in words', async () => {
    const person = new WaPerson(h, newWaId());
    await person.text('Здравствуйте');
    await person.text('1');
    let last = await person.text('1');
    expect(last.at(-1)?.text).toContain(text('ru', 'offer.where.q'));
    // Numbered in the order of the choices: "2" is the second, whatever the rendering.
    const second = last.at(-1)?.options[1]?.id ?? '';
    last = await person.text('2');
    const state = await h.store.load(whatsappPerson(person.waId, APP_SECRET));
    expect(state?.active?.answers.where).toBe(second.slice(second.indexOf(':') + 1));
    await person.text('1'); // the age: 18 or older
    last = await person.text(text('ru', 'offer.how_found.online'));
    expect((await h.store.load(whatsappPerson(person.waId, APP_SECRET)))?.active?.answers.how_found).toBe(
      'online',
    );
    expect(last.at(-1)?.text).toContain(text('ru', 'offer.employer.q'));
  });

  it('says in /privacy, in each language, that the number is kept as the address of a request', async () => {
    for (const lang of ['ru', 'kk', 'en'] as Lang[]) {
      const person = new WaPerson(h, newWaId());
      await person.text(lang === 'kk' ? 'Сәлеметсіз бе' : 'Здравствуйте');
      if (lang === 'en') await person.press('L:en');
      const said = (await person.text('/privacy')).map((m) => m.text).join('\n');
      const address = text(lang, 'privacy.text')
        .split('\n')
        .find((line) => line.includes('WhatsApp'));
      expect(address, lang).toBeDefined();
      expect(said, lang).toContain(address?.split('{{')[0]);
    }
  });

  it('meets a pressed button of an older question with a note and the current question', async () => {
    const person = new WaPerson(h, newWaId());
    await person.text('Hello');
    await person.answer('check');
    const first = person.lastInteractive();
    await person.answer('considering');
    const stale = await person.press(first.options[1]?.id ?? '', first);
    expect(stale[0]?.text).toBe(text('ru', 'common.stale'));
    expect(stale.at(-1)?.text).toContain(text('ru', 'offer.where.q'));
  });
});

describe('real payloads', () => {
  it('answers a person with a username, who arrives with an empty "from" and a business-scoped user id, at that id', async () => {
    const bsuid = `KZ.${newWaId()}${newWaId()}`;
    const person = new WaPerson(h, bsuid);
    const replies = await person.send(message('text', '', { from_user_id: bsuid, text: { body: 'Сәлем' } }));
    expect(replies.at(-1)?.text).toBe(text('kk', 'menu.q'));
    const request = h.graph.requests.at(-1)?.body;
    expect(request?.recipient).toBe(bsuid);
    expect(request?.to).toBeUndefined();
    // Her place is kept under a keyed hash of the id, as a number's is, and the dialogue goes on.
    expect((await h.store.load(whatsappPerson(bsuid, APP_SECRET)))?.active?.flow).toBeDefined();
    const next = await person.send(
      message('interactive-button-reply', '', {
        from_user_id: bsuid,
        interactive: {
          type: 'list_reply',
          list_reply: { id: person.lastInteractive().options[0]?.id, title: 'x' },
        },
      }),
    );
    expect(next.length).toBeGreaterThan(0);
    expect((await redis.keys(`${prefix}*`)).filter((k) => k.includes(bsuid))).toEqual([]);
    // A person with a number and an id is still answered at the number, where her state already is.
    const both = new WaPerson(h, newWaId());
    await both.text('Сәлем', { from_user_id: `KZ.${newWaId()}` });
    expect(h.graph.requests.at(-1)?.body.to).toBe(both.waId);
    // Neither: nothing to answer, counted.
    await h.post(notification([message('text', '', { text: { body: 'Сәлем' } })]));
    expect(await metric('tekser_whatsapp_unknown_payloads_total{shape="message:sender"}')).toHaveLength(1);
  });

  it('takes an edit, as v23 sends it (unsupported, type "edit") and as newer versions do, as Telegram takes one: no answer changed, not even a number at the phone question', async () => {
    const person = new WaPerson(h, newWaId());
    await person.text('Hello');
    await person.press('L:en');
    await person.answer('counsellor');
    await person.answer('call');
    const phoneQ = (await person.answer('yes')).at(-1)?.text ?? '';
    expect(phoneQ).toContain(text('en', 'callback.phone.q'));
    const typed = await person.text('call me tonight');
    expect(typed.map((m) => m.text)).toContain(text('en', 'callback.phone.invalid'));
    const v23 = await person.of('unsupported', {
      unsupported: { type: 'edit' },
      errors: [{ code: 131051, title: 'Message type unknown' }],
    });
    expect(v23[0]?.text).toBe(text('en', 'common.edited'));
    expect(v23.at(-1)?.text).toContain(text('en', 'callback.phone.q'));
    const newer = await person.of('text', {
      type: 'edit',
      text: undefined,
      edit: {
        original_message_id: 'wamid.original',
        message: { type: 'text', text: { body: '+7 701 123 45 67' } },
      },
    });
    expect(newer[0]?.text).toBe(text('en', 'common.edited'));
    expect(newer.at(-1)?.text).toContain(text('en', 'callback.phone.q'));
    // The corrected number was not taken: she is still asked for it.
    const state = await h.store.load(whatsappPerson(person.waId, APP_SECRET));
    expect(Object.values(state?.active?.answers ?? {})).not.toContain('+77011234567');
  });

  it('takes a contact card at the phone question: its number when it parses, "not a phone number" when it does not', async () => {
    const person = new WaPerson(h, newWaId());
    await person.text('Hello');
    await person.press('L:en');
    await person.answer('counsellor');
    await person.answer('call');
    await person.answer('yes');
    const card = (phone: string) => ({
      contacts: [{ name: { formatted_name: 'Me', first_name: 'Me' }, phones: [{ phone, type: 'CELL' }] }],
    });
    const bad = await person.of('contacts', card('0815432345'));
    expect(bad[0]?.text).toBe(text('en', 'callback.phone.invalid'));
    expect(bad.at(-1)?.text).toContain(text('en', 'callback.phone.q'));
    const good = await person.of('contacts', card('+7 701 123 45 67'));
    expect(good[0]?.text).toBe(text('en', 'callback.phone.ok'));
  });

  it('answers no one for a message written in a group, and counts it', async () => {
    const person = new WaPerson(h, newWaId());
    expect(await person.text('Сәлем', { group_id: '120363025846012345' })).toEqual([]);
    expect(h.graph.requests).toEqual([]);
    expect(await metric('tekser_whatsapp_intake_total{event="ignored_group"}')).toEqual([
      'tekser_whatsapp_intake_total{event="ignored_group"} 1',
    ]);
    // The same person writing to tekser itself is answered.
    expect((await person.text('Сәлем')).at(-1)?.text).toBe(text('kk', 'menu.q'));
  });

  it('moves the state and an open request to the new number on user_changed_number, where replies then go', async () => {
    const oldId = newWaId();
    const newId = newWaId();
    const person = new WaPerson(h, oldId);
    await person.text('Hello');
    await person.press('L:en');
    await person.answer('check');
    const before = await h.store.load(whatsappPerson(oldId, APP_SECRET));
    expect(before?.active).toBeDefined();
    const tickets = new TicketStore(redis, { prefix, retentionDays: 30 });
    const id = `WA${newWaId().slice(-5)}`;
    await tickets.open(
      whatsappPerson(oldId, APP_SECRET),
      { id, lang: 'en', mode: 'write', when: 'now', urgent: false },
      'wa',
      Date.now(),
      Date.now() + 60_000,
    );
    expect(
      await h.post(
        notification([
          message('text', oldId, {
            type: 'system',
            text: undefined,
            system: {
              body: `User Sheena Nelson changed from ${oldId} to ${newId}`,
              wa_id: newId,
              type: 'user_changed_number',
            },
          }),
        ]),
      ),
    ).toBe(200);
    // Nothing said to either number; the place and the request are the new number's now.
    expect(h.graph.sentTo(newId)).toEqual([]);
    expect(await h.store.load(whatsappPerson(oldId, APP_SECRET))).toBeNull();
    expect((await h.store.load(whatsappPerson(newId, APP_SECRET)))?.active).toEqual(before?.active);
    const personal = await tickets.personal(id);
    expect(personal.person).toEqual(whatsappPerson(newId, APP_SECRET));
    expect(await redis.smembers(tickets.keys.personTickets(whatsappPerson(newId, APP_SECRET)))).toEqual([id]);
    expect(await redis.exists(tickets.keys.personTickets(whatsappPerson(oldId, APP_SECRET)))).toBe(0);
    // She goes on from the new number where she was.
    const next = await new WaPerson(h, newId).text('1');
    expect(next.at(-1)?.text).toContain(text('en', 'offer.where.q'));
  });

  it('moves a person known by her business-scoped user id to the new one on user_changed_user_id', async () => {
    const oldId = `KZ.${newWaId()}${newWaId()}`;
    const newId = `KZ.${newWaId()}${newWaId()}`;
    // Her number hidden: she has only the id.
    const as = (id: string) => ({ from: '', from_user_id: id });
    const person = new WaPerson(h, oldId);
    const pick = (option: string) => {
      const on = person.lastInteractive();
      const id = on.options.find((o) => o.id.endsWith(`:${option}`) || o.id === option)?.id ?? option;
      const interactive =
        on.kind === 'list'
          ? { type: 'list_reply', list_reply: { id, title: 'x' } }
          : { type: 'button_reply', button_reply: { id, title: 'x' } };
      return person.send(message('interactive-button-reply', '', { ...as(oldId), interactive }));
    };
    await person.text('Hello', as(oldId));
    await pick('L:en');
    await pick('check');
    const before = await h.store.load(whatsappPerson(oldId, APP_SECRET));
    expect(before?.active).toBeDefined();
    const tickets = new TicketStore(redis, { prefix, retentionDays: 30 });
    const id = `WU${newWaId().slice(-5)}`;
    await tickets.open(
      whatsappPerson(oldId, APP_SECRET),
      { id, lang: 'en', mode: 'write', when: 'now', urgent: false },
      'wa',
      Date.now(),
      Date.now() + 60_000,
    );
    // As Meta's system messages reference gives it: no number, the id before and the new one.
    expect(
      await h.post(
        notification([
          message('text', '', {
            type: 'system',
            text: undefined,
            from_user_id: oldId,
            system: {
              body: 'User changed their business-scoped user id',
              previous_user_id: oldId,
              user_id: newId,
              type: 'user_changed_user_id',
            },
          }),
        ]),
      ),
    ).toBe(200);
    expect(h.graph.sentTo(newId)).toEqual([]);
    expect(await h.store.load(whatsappPerson(oldId, APP_SECRET))).toBeNull();
    expect((await h.store.load(whatsappPerson(newId, APP_SECRET)))?.active).toEqual(before?.active);
    // A counsellor's reply goes to the new id.
    const personal = await tickets.personal(id);
    expect(personal.person).toEqual(whatsappPerson(newId, APP_SECRET));
    expect(await redis.smembers(tickets.keys.personTickets(whatsappPerson(newId, APP_SECRET)))).toEqual([id]);
    expect(await metric('tekser_whatsapp_intake_total{event="moved_user_id"}')).toEqual([
      'tekser_whatsapp_intake_total{event="moved_user_id"} 1',
    ]);
    // She goes on under the new id where she was.
    const next = await new WaPerson(h, newId).text('1', as(newId));
    expect(next.at(-1)?.text).toContain(text('en', 'offer.where.q'));
  });
});

describe('what else a person sends', () => {
  it('answers stickers, photos, voice, locations, contacts and unsupported kinds with the hint, and the same question', async () => {
    const person = new WaPerson(h, newWaId());
    await person.text('Hello');
    await person.press('L:en');
    await person.answer('check');
    await person.answer('considering');
    const question = text('en', 'offer.where.q');
    for (const kind of ['sticker', 'audio', 'video', 'location', 'contacts', 'unsupported']) {
      const replies = await person.of(kind);
      expect(replies[0]?.text, kind).toBe(text('en', 'common.hint_media'));
      expect(replies.at(-1)?.text, kind).toContain(question);
    }
    const photo = await person.of('image', { image: { id: '1', mime_type: 'image/jpeg' } });
    expect(photo[0]?.text).toBe(text('en', 'common.hint_media'));
    // A reaction, or one taken back, is no message: not the hint and the menu again.
    expect(await person.of('reaction')).toEqual([]);
    expect(await person.of('reaction', { reaction: { message_id: 'wamid.x' } })).toEqual([]);
    expect(await metric('tekser_whatsapp_intake_total{event="ignored_reaction"}')).toEqual([
      'tekser_whatsapp_intake_total{event="ignored_reaction"} 2',
    ]);
    // The template's quick reply takes the person back where they were.
    const back = await person.of('button');
    expect(back[0]?.text).toBe(text('en', 'common.welcome_back'));
    expect(back.at(-1)?.text).toContain(question);
  });

  it('reads an ad sent as the caption of a photo or a document, and a forwarded text as an ad', async () => {
    const person = new WaPerson(h, newWaId());
    await person.text('Сәлем');
    const ad = 'Кипрге биші қыздар керек! Тәжірибе қажет емес, айына 2500$. Тек WhatsApp-қа жазыңыз.';
    const photo = await person.of('image', { image: { id: '1', mime_type: 'image/jpeg', caption: ad } });
    expect(photo.map((m) => m.text).join('\n')).toContain(text('kk', 'flags.adult_entertainment.title'));
    const doc = await person.of('document', { document: { id: '2', caption: ad, filename: 'a.pdf' } });
    expect(doc.map((m) => m.text).join('\n')).toContain(text('kk', 'ad.taken'));
    const forwarded = await person.text('Жұмыс бар, хабарлас', { context: { forwarded: true } });
    expect(forwarded.map((m) => m.text).join('\n')).toContain(text('kk', 'ad.taken'));
  });

  it('counts and skips a kind it does not know, and still answers the rest of the request', async () => {
    const person = new WaPerson(h, newWaId());
    const replies = await person.send(
      message('order', person.waId),
      message('text', person.waId, { text: { body: 'Сәлем' } }),
      { type: 'nonsense' },
    );
    expect(replies.at(-1)?.text).toBe(text('kk', 'menu.q'));
    expect(await metric('tekser_whatsapp_unknown_payloads_total{shape="message:order"}')).toHaveLength(1);
    expect(await metric('tekser_whatsapp_unknown_payloads_total{shape="message:nonsense"}')).toHaveLength(1);
  });
});

describe('deliveries', () => {
  it('handles a message delivered twice once', async () => {
    const person = new WaPerson(h, newWaId());
    const hello = message('text', person.waId, { text: { body: 'Здравствуйте' } });
    const first = await person.send(hello);
    expect(first.length).toBeGreaterThan(0);
    expect(await person.send(hello)).toEqual([]);
    // Even within one request.
    const one = message('text', person.waId, { text: { body: '1' } });
    const twice = await person.send(one, one);
    expect(twice.at(-1)?.text).toContain(text('ru', 'offer.situation.q'));
    expect(twice.filter((m) => m.text.includes(text('ru', 'offer.situation.q')))).toHaveLength(1);
    expect(await metric('tekser_whatsapp_repeated_deliveries_total')).toContain(
      'tekser_whatsapp_repeated_deliveries_total 2',
    );
    // The id is remembered under the deployment's prefix with a TTL, and never as it is.
    const keys = await redis.keys(`${prefix}seen:wa:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(await redis.ttl(key)).toBeGreaterThan(0);
      expect(key).not.toContain('wamid');
    }
  });

  it('handles several messages of one POST in order, per person, across entries', async () => {
    const a = new WaPerson(h, newWaId());
    const b = new WaPerson(h, newWaId());
    const mark = h.graph.accepted.length;
    const first = notification([
      message('text', a.waId, { text: { body: 'Здравствуйте' } }),
      message('text', b.waId, { text: { body: 'Сәлем' } }),
      message('text', a.waId, { text: { body: '1' } }),
    ]);
    const second = notification([
      message('text', a.waId, { text: { body: '1' } }),
      message('text', b.waId, { text: { body: '1' } }),
    ]);
    const body = { ...first, entry: [...(first.entry as object[]), ...(second.entry as object[])] };
    expect(await h.post(body)).toBe(200);
    const toA = h.graph.sentTo(a.waId, mark).map((m) => m.text);
    const toB = h.graph.sentTo(b.waId, mark).map((m) => m.text);
    const at = (texts: string[], t: string) => texts.findIndex((x) => x.includes(t));
    expect(at(toA, text('ru', 'menu.q'))).toBeGreaterThanOrEqual(0);
    expect(at(toA, text('ru', 'menu.q'))).toBeLessThan(at(toA, text('ru', 'offer.situation.q')));
    expect(at(toA, text('ru', 'offer.situation.q'))).toBeLessThan(at(toA, text('ru', 'offer.where.q')));
    expect(toA.at(-1)).toContain(text('ru', 'offer.where.q'));
    expect(toB.at(-1)).toContain(text('kk', 'offer.situation.q'));
    expect((await h.store.load(whatsappPerson(a.waId, APP_SECRET)))?.active?.answers).toEqual({
      situation: 'considering',
    });
  });

  it('takes statuses in any order, sends nothing for them, and counts failures by code only', async () => {
    const lines: string[] = [];
    await h.close();
    h = await whatsappHarness(redis, prefix, {
      deps: await deps(),
      log: createLogger('trace', { write: (l: string) => void lines.push(l) }),
    });
    expect(await h.post(fixture('statuses'))).toBe(200);
    expect(await h.post(fixture('errors'))).toBe(200);
    expect(h.graph.requests).toEqual([]);
    expect(await metric('tekser_whatsapp_send_errors_total{code="131047",via="status"}')).toHaveLength(1);
    expect(await metric('tekser_whatsapp_send_errors_total{code="130429",via="webhook"}')).toHaveLength(1);
    // A message sent to a business-scoped user id: its status names that id, and no number.
    const failed = {
      id: 'wamid.bsuid1',
      status: 'failed',
      timestamp: '1749416383',
      recipient_user_id: 'KZ.13491208655302741918',
      errors: [{ code: 131026, title: 'Message undeliverable' }],
    };
    expect(await h.post(notification([], { statuses: [failed] }))).toBe(200);
    expect(await metric('tekser_whatsapp_send_errors_total{code="131026",via="status"}')).toHaveLength(1);
    expect(await metric('tekser_whatsapp_unknown_payloads_total{shape="status"}')).toEqual([]);
    const all = lines.join('\n');
    expect(all).toContain('131047');
    expect(all).not.toContain('16505551234');
    expect(all).not.toContain('wamid');
  });
});

describe('errors from the Graph API', () => {
  it('retries 130429, 131056 and 5xx, and the person gets the answer', async () => {
    const person = new WaPerson(h, newWaId());
    h.graph.fail(graphError(130429), graphError(131056), graphError(1, 503));
    const replies = await person.text('Здравствуйте');
    expect(replies.at(-1)?.text).toBe(text('ru', 'menu.q'));
    expect(h.graph.requests.length).toBe(replies.length + 3);
    expect(await metric('tekser_whatsapp_send_errors_total{code="130429",via="response"}')).toHaveLength(1);
    expect(await metric('tekser_whatsapp_send_errors_total{code="131056",via="response"}')).toHaveLength(1);
  });

  it('gives up after the retries and goes on with the next message', async () => {
    const person = new WaPerson(h, newWaId());
    h.graph.fail(...Array.from({ length: 4 }, () => graphError(130429)));
    expect(await person.text('Здравствуйте')).toEqual([]);
    const next = await person.text('1');
    expect(next.at(-1)?.text).toContain(text('ru', 'offer.situation.q'));
  });

  it('never retries 131047: without a template, the sender says the person must be called', async () => {
    const sender = createWhatsAppSender({
      api: new GraphApi({
        apiUrl: h.graph.url,
        phoneNumberId: PHONE_NUMBER_ID,
        token: ACCESS_TOKEN,
        retryDelaysMs: [1, 1, 1],
      }),
      t: h.deps.t,
      languageOf: async () => 'kk',
    });
    h.graph.fail(graphError(131047));
    const failed = await sender
      .send('77010000001', [{ text: 'A counsellor has an answer for you.' }])
      .catch((e) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect((failed as DeliveryError).reason).toBe('outside_window');
    expect(h.graph.requests).toHaveLength(1);
  });

  it("on 131047, sends the reopening template in the person's language, once", async () => {
    await h.close();
    h = await whatsappHarness(redis, prefix, { deps: await deps(), reopenTemplate: 'tekser_reopen' });
    const person = new WaPerson(h, newWaId());
    await person.text('Сәлем');
    const requests = h.graph.requests.length;
    h.graph.fail(graphError(131047));
    const replies = await person.text('1');
    expect(replies).toEqual([
      { to: person.waId, kind: 'template', text: 'tekser_reopen', options: [], extra: 'kk' },
    ]);
    expect(h.graph.requests.length).toBe(requests + 2);
    // The same for a message from outside a reply (the handoff).
    h.graph.fail(graphError(131047));
    // The invitation goes out, and the handoff learns that this message itself did not, so the
    // counsellor is told to send it again once the person writes back.
    const failed = await h.wa.sender.send(person.waId, [{ text: 'Кеңесші жауап берді.' }]).catch((e) => e);
    expect(h.graph.accepted.at(-1)?.kind).toBe('template');
    expect((failed as DeliveryError).reason).toBe('outside_window');
  });
});

describe('the limits', () => {
  it("are refused by the fake Graph API as Meta refuses them, and never leave tekser's sender", async () => {
    const send = (message: object) =>
      fetch(`${h.graph.url}/${PHONE_NUMBER_ID}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '1',
          ...message,
        }),
      });
    const buttons = (titles: string[], body = 'Q?') => ({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: body },
        action: { buttons: titles.map((title, i) => ({ type: 'reply', reply: { id: `b${i}`, title } })) },
      },
    });
    const list = (rows: object[]) => ({
      type: 'interactive',
      interactive: { type: 'list', body: { text: 'Q?' }, action: { button: 'Choose', sections: [{ rows }] } },
    });
    const broken = [
      buttons(['x'.repeat(21)]),
      buttons(['a', 'b', 'c', 'd']),
      buttons(['same', 'same']),
      buttons(['a'], 'x'.repeat(1025)),
      list(Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: 'row' }))),
      list([{ id: 'r', title: 'x'.repeat(25) }]),
      list([{ id: 'r', title: 'row', description: 'x'.repeat(73) }]),
      { type: 'text', text: { body: 'x'.repeat(4097) } },
    ];
    for (const message of broken) {
      const res = await send(message);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: number } }).error.code).toBe(131009);
    }
    expect(h.graph.rejected).toHaveLength(broken.length);
    h.graph.rejected.length = 0;
    // tekser's own schema stops such a message before any request.
    const api = new GraphApi({ apiUrl: h.graph.url, phoneNumberId: PHONE_NUMBER_ID, token: ACCESS_TOKEN });
    const requests = h.graph.requests.length;
    for (const message of broken) {
      const failed = await api.send('77010000002', message as never).catch((e) => e);
      expect((failed as DeliveryError).reason).toBe('failed');
    }
    expect(h.graph.requests.length).toBe(requests);
  });
});

describe('logs', () => {
  it('never carry the WhatsApp id, a name or what was written, even at trace level', async () => {
    const lines: string[] = [];
    await h.close();
    h = await whatsappHarness(redis, prefix, {
      deps: await deps(),
      log: createLogger('trace', { write: (l: string) => void lines.push(l) }),
    });
    const waId = '77015551234';
    const person = new WaPerson(h, waId);
    await person.text('Меня зовут Айгерим Секретова, мой номер +7 701 555 12 34');
    await person.answer('check');
    await person.text('Ищем девушку европейской внешности для работы в Дубае, билеты оплатим');
    for (let i = 0; i < 40 && !person.lastInteractive().text.includes(text('ru', 'verdict.next.q')); i++)
      await person.answer(person.options()[0] ?? 'dk');
    await person.of('image', {
      image: { id: '1', caption: 'Требуются девушки в Дубай, Айгерим, звоните +7 701 555 12 34' },
    });
    await person.of('location');
    h.graph.fail(graphError(131047));
    await person.text('Секретова');
    expect(lines.length).toBeGreaterThan(10);
    // Each message logs under the person's tag, never their number.
    expect(lines.some((l) => /"person":"[0-9a-f]{12}"/.test(l))).toBe(true);
    const all = lines.join('\n');
    for (const secret of [
      waId,
      '7015551234',
      '701 555',
      'Айгерим',
      'Секретова',
      'европейской',
      'Дубае',
      'Sheena',
      'wamid',
      'Hacker Way',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
