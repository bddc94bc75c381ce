import { describe, expect, it } from 'vitest';
import { MAX_INCOMING_TEXT } from '../../src/channels/whatsapp/limits.js';
import { readNotification, toInput } from '../../src/channels/whatsapp/payloads.js';
import { cutTo, type RenderWords, renderReply, uniqueTitles } from '../../src/channels/whatsapp/render.js';
import { loadConfig, whatsappConfig } from '../../src/config.js';
import type { Choice } from '../../src/domain/dialogue/index.js';
import { breaksLimits, PHONE_NUMBER_ID } from '../../testing/graph-api.js';
import { fixture } from '../../testing/whatsapp-updates.js';

const words: RenderWords = { choose: 'Choose', options: 'Options', more: 'More', pick: 'Choose an answer:' };
const choices = (n: number, label = (i: number) => `Answer ${i + 1}`): Choice[] =>
  Array.from({ length: n }, (_, i) => ({ data: `7:o${i}`, label: label(i) }));
const LANGUAGES: Choice[] = [
  { data: 'L:ru', label: 'Русский' },
  { data: 'L:kk', label: 'Қазақша' },
  { data: 'L:en', label: '✓ English' },
];
/** Every rendered message, as Meta's limits see it (the same check the fake Graph API makes). */
const acceptable = (contents: object[]) =>
  contents.map((c) => breaksLimits({ messaging_product: 'whatsapp', to: '1', ...c })).filter(Boolean);

describe('rendering a reply for WhatsApp', () => {
  it('sends up to 3 choices as reply buttons with the choice ids', () => {
    const [m] = renderReply({ text: 'Where?', choices: choices(3) }, words);
    expect(m).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Where?' },
        action: {
          buttons: [0, 1, 2].map((i) => ({
            type: 'reply',
            reply: { id: `7:o${i}`, title: `Answer ${i + 1}` },
          })),
        },
      },
    });
  });

  it('numbers cut button titles and lists the whole answers, numbered alike, above them', () => {
    const long = (i: number) =>
      `${['Only messengers', 'In an office', 'Only messengers'][i]}, a personal number or e-mail`;
    const [m] = renderReply({ text: 'How do they reach you?', choices: choices(3, long) }, words);
    expect(acceptable([m as object])).toEqual([]);
    const i = (
      m as { interactive: { body: { text: string }; action: { buttons: { reply: { title: string } }[] } } }
    ).interactive;
    expect(i.action.buttons.map((b) => b.reply.title)).toEqual([
      '1. Only messengers,…',
      '2. In an office, a…',
      '3. Only messengers,…',
    ]);
    expect(i.body.text).toBe(`How do they reach you?\n\n1. ${long(0)}\n2. ${long(1)}\n3. ${long(2)}`);
  });

  it('keeps titles unique after cutting, and never cuts an emoji in half', () => {
    const titles = uniqueTitles(['Same long label number one', 'Same long label number two', 'Short'], 20);
    expect(new Set(titles).size).toBe(3);
    for (const t of titles) expect(t.length).toBeLessThanOrEqual(20);
    expect(uniqueTitles(['Yes', 'Yes', 'Yes'], 20)).toEqual(['Yes', 'Yes 2', 'Yes 3']);
    const cut = cutTo('🔍🔍🔍🔍🔍🔍🔍🔍🔍🔍🔍', 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut).toBe('🔍🔍🔍🔍🔍🔍🔍🔍🔍…');
  });

  it('sends 4 to 10 choices as a list, the whole answer in the description of a cut row', () => {
    const label = (i: number) =>
      i === 2 ? 'A call centre or online sales job in South-East Asia' : `Answer ${i + 1}`;
    const [m] = renderReply({ text: 'What job?', choices: choices(9, label) }, words);
    expect(acceptable([m as object])).toEqual([]);
    const action = (
      m as { interactive: { action: { button: string; sections: { title?: string; rows: object[] }[] } } }
    ).interactive.action;
    expect(action.button).toBe('Choose');
    expect(action.sections).toHaveLength(1);
    expect(action.sections[0]?.title).toBeUndefined();
    expect(action.sections[0]?.rows[2]).toEqual({
      id: '7:o2',
      title: 'A call centre or online…',
      description: 'A call centre or online sales job in South-East Asia',
    });
    expect(action.sections[0]?.rows[0]).toEqual({ id: '7:o0', title: 'Answer 1' });
  });

  it('puts the menu and its language row in one list of two sections, within 10 rows', () => {
    const [m] = renderReply({ text: 'Menu', choices: choices(6), shortcuts: LANGUAGES }, words);
    expect(acceptable([m as object])).toEqual([]);
    const sections = (
      m as { interactive: { action: { sections: { title: string; rows: { id: string }[] }[] } } }
    ).interactive.action.sections;
    expect(sections.map((s) => s.title)).toEqual(['Options', 'More']);
    expect(sections[1]?.rows.map((r) => r.id)).toEqual(['L:ru', 'L:kk', 'L:en']);
    // Shortcuts that would pass 10 rows are left out, never the answers.
    const [full] = renderReply({ text: 'Menu', choices: choices(8), shortcuts: LANGUAGES }, words);
    const rows = (
      full as { interactive: { action: { sections: { rows: { id: string }[] }[] } } }
    ).interactive.action.sections.flatMap((s) => s.rows);
    expect(rows.map((r) => r.id)).toEqual(choices(8).map((c) => c.data));
  });

  it('sends one shortcut alone (a question answered in words) as a button', () => {
    const [m] = renderReply({ text: 'Paste the ad', shortcuts: [{ data: 'M:menu', label: 'Menu' }] }, words);
    expect((m as { interactive: { type: string } }).interactive.type).toBe('button');
  });

  it('sends more than 10 choices as numbered text, numbered in the order of the choices', () => {
    const m = renderReply({ text: 'Which country?', choices: choices(12), shortcuts: LANGUAGES }, words);
    expect(m).toHaveLength(1);
    const body = (m[0] as { text: { body: string } }).text.body;
    expect(body.split('\n').slice(2, 5)).toEqual(['1. Answer 1', '2. Answer 2', '3. Answer 3']);
    expect(body).toContain('12. Answer 12');
    expect(body).toContain('» Русский · Қазақша · ✓ English');
  });

  it('sends a long text first as plain text, then the buttons with the question', () => {
    const text = `${'A long verdict paragraph. '.repeat(60)}\n\nWhat next?`;
    const m = renderReply({ text, choices: choices(3) }, words);
    expect(acceptable(m)).toEqual([]);
    expect(m.map((c) => c.type)).toEqual(['text', 'interactive']);
    expect((m[1] as { interactive: { body: { text: string } } }).interactive.body.text).toBe('What next?');
    // A question that is itself too long: all of it as text, a short body with the buttons.
    const one = renderReply({ text: 'x '.repeat(700), choices: choices(2) }, words);
    expect(acceptable(one)).toEqual([]);
    expect((one.at(-1) as { interactive: { body: { text: string } } }).interactive.body.text).toBe(
      'Choose an answer:',
    );
  });

  it('splits a plain text at 4,096 characters, and never sends a link preview', () => {
    const m = renderReply({ text: `${'word '.repeat(700)}\n\n${'more '.repeat(700)}` }, words);
    expect(m.length).toBe(2);
    expect(acceptable(m)).toEqual([]);
    for (const c of m) expect((c as { text: { preview_url: boolean } }).text.preview_url).toBe(false);
  });
});

describe("Meta's webhook payloads", () => {
  const first = (name: string) => {
    const events = readNotification(fixture(name), PHONE_NUMBER_ID);
    const event = events?.[0];
    if (event?.kind !== 'message') throw new Error(`${name}: ${JSON.stringify(events)}`);
    return toInput(event.message);
  };

  it('read every documented kind of message into an input', () => {
    expect(first('text')).toEqual({ kind: 'text', text: 'Does it offer free shipping?' });
    expect(first('text-forwarded')).toEqual({
      kind: 'text',
      text: 'Work in Dubai, no experience, $3000',
      forwarded: true,
    });
    expect(first('interactive-button-reply')).toEqual({ kind: 'button', data: 'cancel-button' });
    expect(first('interactive-list-reply')).toEqual({ kind: 'button', data: 'priority_express' });
    expect(first('button')).toEqual({ kind: 'command', command: 'resume' });
    // A picture carries its media id, with which the channel fetches it to read it (issue 18); every
    // medium a counsellor can be passed carries its id, type and file name (issue 17).
    const id = '1003383421387256';
    expect(first('image')).toEqual({
      kind: 'media',
      media: 'photo',
      caption: 'Black jacket',
      file: id,
      ref: { kind: 'photo', file: id, mime: 'image/jpeg' },
    });
    expect(first('document')).toEqual({
      kind: 'media',
      media: 'document',
      caption: 'Lucky Shrub Invoice',
      ref: { kind: 'document', file: id, mime: 'application/pdf', name: 'lucky-shrub-invoice.pdf' },
    });
    expect(first('sticker')).toEqual({ kind: 'media', media: 'sticker' });
    // A voice note (OGG with Opus, `voice: true`) is a voice message.
    expect(first('audio')).toEqual({
      kind: 'media',
      media: 'audio',
      ref: { kind: 'voice', file: id, mime: 'audio/ogg; codecs=opus' },
    });
    expect(first('video')).toEqual({
      kind: 'media',
      media: 'video',
      ref: { kind: 'video', file: id, mime: 'video/mp4' },
    });
    expect(first('contacts')).toEqual({ kind: 'contact', phone: '+1 (415) 555-0123' });
    expect(first('location')).toEqual({ kind: 'media', media: 'location' });
    // A reaction asks nothing (the channel does not even queue it).
    expect(first('reaction')).toBeUndefined();
    expect(first('unsupported')).toEqual({ kind: 'media', media: 'other' });
  });

  it('cap every text and caption before anything reads it, never inside a surrogate pair', () => {
    const big = (body: string) =>
      toInput({ from: '77011230001', id: 'wamid.x', timestamp: '1', type: 'text', text: { body } });
    const huge = big('ж'.repeat(1_000_000));
    expect(huge?.kind === 'text' && huge.text.length).toBe(MAX_INCOMING_TEXT);
    // An emoji across the limit is left out whole, not cut in two.
    const emoji = big(`${'a'.repeat(MAX_INCOMING_TEXT - 1)}😀 and more`);
    expect(emoji).toEqual({ kind: 'text', text: 'a'.repeat(MAX_INCOMING_TEXT - 1) });
    const photo = toInput({
      from: '77011230001',
      id: 'wamid.y',
      timestamp: '1',
      type: 'image',
      image: { id: '1', caption: 'x'.repeat(300_000) },
    });
    expect(photo?.kind === 'media' && photo.caption?.length).toBe(MAX_INCOMING_TEXT);
    expect(big('short')).toEqual({ kind: 'text', text: 'short' });
  });

  it('read statuses and errors, and name what they do not know without its content', () => {
    expect(readNotification(fixture('statuses'))?.map((e) => e.kind)).toEqual([
      'status',
      'status',
      'status',
      'status',
    ]);
    expect(readNotification(fixture('errors'))).toEqual([{ kind: 'error', code: 130429 }]);
    expect(readNotification(fixture('order'))?.[0]).toEqual({ kind: 'unknown', shape: 'message:order' });
    expect(
      readNotification({
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ field: 'calls', value: {} }] }],
      }),
    ).toEqual([{ kind: 'unknown', shape: 'field:calls' }]);
    expect(readNotification(fixture('text'), '999')).toEqual([{ kind: 'unknown', shape: 'other_number' }]);
    expect(readNotification({ object: 'page' })).toBeNull();
    expect(readNotification('nonsense')).toBeNull();
  });
});

describe('WhatsApp configuration', () => {
  const all = {
    WHATSAPP_TOKEN: 'EAAtest-access-token-for-offline-tests',
    WHATSAPP_APP_SECRET: 'test0app0secret0000000000000000aa',
    WHATSAPP_VERIFY_TOKEN: 'verify-token-for-tests',
    WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
  };
  it('takes all four settings or none, with the Graph version pinned by default', () => {
    expect(whatsappConfig(loadConfig({}))).toBeUndefined();
    expect(whatsappConfig(loadConfig(all))).toMatchObject({ apiUrl: 'https://graph.facebook.com/v23.0' });
    expect(() => loadConfig({ ...all, WHATSAPP_VERIFY_TOKEN: '' })).toThrow(
      /go together.*missing: WHATSAPP_VERIFY_TOKEN\)$/,
    );
    expect(() => loadConfig({ ...all, WHATSAPP_PHONE_NUMBER_ID: '+7 701 555 12 34' })).toThrow(
      /WHATSAPP_PHONE_NUMBER_ID/,
    );
    expect(() => loadConfig({ ...all, WHATSAPP_TEMPLATE_REOPEN: 'Reopen Chat' })).toThrow(
      /WHATSAPP_TEMPLATE_REOPEN/,
    );
  });
});
