import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/cli/paths.js';
import { APP_SECRET, type Json, PHONE_NUMBER_ID } from './graph-api.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'whatsapp');

/** The fixtures' files, read once: the bench builds a message from one for each of its requests. */
const fixtureTexts = new Map<string, string>();
/** A fixture, parsed anew each time (callers change what they get). */
export function fixture(name: string): Json {
  let text = fixtureTexts.get(name);
  if (text === undefined) {
    text = readFileSync(join(FIXTURES, `${name}.json`), 'utf8');
    fixtureTexts.set(name, text);
  }
  return JSON.parse(text) as Json;
}

/** The first message of a fixture, as a template to build messages from. */
function fixtureMessage(name: string): Json {
  const body = fixture(name) as { entry: { changes: { value: { messages: Json[] } }[] }[] };
  const found = body.entry[0]?.changes[0]?.value.messages[0];
  if (!found) throw new Error(`fixture ${name} has no message`);
  return found;
}

let messageCounter = 0;
/** A message of the kind of fixture `name`, from `waId`, with a fresh id and the fields given. */
export function message(name: string, waId: string, fields: Json = {}): Json {
  return {
    ...fixtureMessage(name),
    from: waId,
    id: `wamid.test${++messageCounter}${randomBytes(6).toString('hex')}`,
    ...fields,
  };
}

/** A notification carrying these messages (and statuses), as Meta posts it: one entry, one change. */
export function notification(messages: Json[], extra: Json = {}): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              contacts: [...new Set(messages.map((m) => m.from))].map((wa_id) => ({
                profile: { name: 'Sheena Nelson' },
                wa_id,
              })),
              messages,
              ...extra,
            },
          },
        ],
      },
    ],
  };
}

export function sign(raw: string | Buffer, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

let nextWaId = 77_012_000_000;
/** A fresh WhatsApp id per person (a Kazakh mobile number's digits). */
export function newWaId(): string {
  return String(nextWaId++ + Math.floor(Math.random() * 1000) * 1000);
}
