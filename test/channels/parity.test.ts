import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DialogueService } from '../../src/app/dialogue-service.js';
import { runChat } from '../../src/channels/console/chat.js';
import { createBot } from '../../src/channels/telegram/bot.js';
import { whatsappPerson } from '../../src/channels/whatsapp/channel.js';
import type { DialogueDeps, PersonState } from '../../src/domain/dialogue/index.js';
import type { Lang } from '../../src/domain/language.js';
import type { PersonKey } from '../../src/domain/person.js';
import { createLogger } from '../../src/infra/logger.js';
import { RedisStore } from '../../src/store/redis.js';
import { BOT_INFO, Recorder, TOKEN } from '../../testing/bot-api.js';
import { APP_SECRET } from '../../testing/graph-api.js';
import { Person } from '../../testing/telegram-updates.js';
import { WaPerson, whatsappHarness } from '../../testing/whatsapp-harness.js';
import { newWaId } from '../../testing/whatsapp-updates.js';
import { deps as makeDeps, text } from '../helpers/content.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

/**
 * One table of scripted dialogues, each run through Telegram, WhatsApp and the terminal chat: the same
 * answers must give the same verdict level and the same red flags on every channel. A script names the
 * answer to each question it cares about; every other question is answered "I don't know".
 */

const redis = testRedis();
const prefix = testPrefix('parity');
const store = new RedisStore(redis, { prefix, ttlSeconds: 3600 });
const silent = createLogger('silent');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

interface Script {
  name: string;
  lang: Lang;
  answers: Record<string, string>;
  level: 'low' | 'medium' | 'high' | 'critical';
}

const TABLE: Script[] = [
  {
    name: 'a trap offer to the Gulf',
    lang: 'ru',
    level: 'critical',
    answers: {
      situation: 'considering',
      where: 'gulf',
      how_found: 'online',
      employer: 'none',
      agency_licence: 'refused',
      job_role: 'dancer_model',
      looks: 'yes',
      fees: 'yes',
      visa: 'tourist',
      passport: 'employer',
    },
  },
  {
    name: 'someone already abroad who cannot leave',
    lang: 'kk',
    level: 'critical',
    answers: { situation: 'abroad_now', where: 'korea', abroad_leave: 'no', abroad_passport: 'no' },
  },
  {
    name: 'a job at home, nothing known',
    lang: 'en',
    level: 'medium',
    answers: { situation: 'considering', where: 'home' },
  },
  {
    name: 'a careful offer in Europe',
    lang: 'kk',
    level: 'low',
    answers: {
      situation: 'considering',
      where: 'europe',
      how_found: 'agency',
      employer: 'verified',
      agency_licence: 'checked',
      contact_channel: 'office',
      secrecy: 'no',
      urgency: 'no',
      job_role: 'farm_factory',
      looks: 'no',
      gender_age: 'no',
      body_photos: 'no',
      passport_scans: 'no',
      job_changed: 'no',
      pay_level: 'usual',
      pay_terms: 'regular',
      fees: 'no',
      travel_costs: 'employer',
      contract: 'before',
      contract_party: 'employer',
      contract_language: 'yes',
      contract_terms: 'all',
      contract_copy: 'yes',
      visa: 'work',
      passport: 'self',
    },
  },
];

interface Result {
  level: string | undefined;
  flags: string[];
  transcript: string;
}

/**
 * Where the person is in the check: the question's id, `paused` when "Get help now" set it aside (going on
 * is her choice), or `done` once the verdict is given.
 */
async function step(who: PersonKey): Promise<string> {
  const state: PersonState | null = await store.load(who);
  const active = state?.active;
  if (!active && state?.paused?.flow === 'offer-check') return 'paused';
  if (active?.flow !== 'offer-check' || active.step === 'next') return 'done';
  return active.step;
}

async function result(who: PersonKey, transcript: string): Promise<Result> {
  const last = (await store.load(who))?.last;
  return { level: last?.level, flags: [...(last?.flags ?? [])].sort(), transcript };
}

const pick = (script: Script, question: string) => script.answers[question] ?? 'dk';
let nextTg = 8_100_000;

async function overTelegram(deps: DialogueDeps, script: Script): Promise<Result> {
  const recorder = new Recorder();
  const bot = createBot(TOKEN, {
    service: new DialogueService({ deps, store, log: silent }),
    log: silent,
    client: { fetch: recorder.fetch, apiRoot: 'http://telegram.invalid' },
    botInfo: BOT_INFO,
  });
  const person = new Person(bot, recorder, nextTg++, script.lang);
  const who = person.key;
  await person.command('start');
  await person.answer('check');
  for (let i = 0, q = await step(who); i < 60 && q !== 'done'; i++, q = await step(who))
    if (q === 'paused') await person.press('C:check');
    else await person.answer(pick(script, q));
  return result(
    who,
    recorder
      .sent(person.id)
      .map((m) => m.text)
      .join('\n'),
  );
}

async function overWhatsApp(script: Script): Promise<Result> {
  const h = await whatsappHarness(redis, prefix, { deps: await makeDeps() });
  try {
    const person = new WaPerson(h, newWaId());
    const who = whatsappPerson(person.waId, APP_SECRET);
    await person.text('/start');
    // WhatsApp tells no language: the person picks theirs in the menu's language row.
    if (script.lang !== 'ru') await person.press(`L:${script.lang}`);
    await person.answer('check');
    for (let i = 0, q = await step(who); i < 60 && q !== 'done'; i++, q = await step(who))
      if (q === 'paused') await person.press('C:check');
      else await person.answer(pick(script, q));
    expect(h.graph.rejected).toEqual([]);
    return result(
      who,
      h.graph
        .sentTo(person.waId)
        .map((m) => m.text)
        .join('\n'),
    );
  } finally {
    await h.close();
  }
}

let nextCli = 1;
async function overTerminal(deps: DialogueDeps, script: Script): Promise<Result> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => {
    out += String(d);
  });
  const who = { channel: 'cli', id: `parity-${process.pid}-${nextCli++}` };
  const chat = runChat({
    service: new DialogueService({ deps, store, log: silent }),
    who,
    input,
    output,
    echo: false,
    first: { kind: 'command', command: 'start' },
    platformLang: script.lang,
  });
  // Waits for the prompt after the bot's answer, then types the number of the answer with this label.
  const settled = async (from: number) => {
    for (let i = 0; i < 2000 && !out.slice(from).endsWith('\n› '); i++)
      await new Promise((r) => setTimeout(r, 2));
  };
  const typeAnswer = async (label: string) => {
    const shown = out.slice(out.lastIndexOf('\n\n', out.lastIndexOf('  1. ')));
    const line = [...shown.matchAll(/^ {2}(\d+)\. (.*)$/gm)].find((m) => m[2] === label);
    if (!line) throw new Error(`no answer "${label}" in: ${shown}`);
    const from = out.length;
    input.write(`${line[1]}\n`);
    await settled(from);
  };
  await settled(0);
  await typeAnswer(text(script.lang, 'menu.check'));
  const check = deps.flows.get('offer-check');
  for (let i = 0, q = await step(who); i < 60 && q !== 'done'; i++, q = await step(who)) {
    if (q === 'paused') {
      // The shortcut is typed by its words, as the terminal shows it.
      const from = out.length;
      input.write(`${text(script.lang, 'help_now.continue')}\n`);
      await settled(from);
      continue;
    }
    const option = pick(script, q);
    const s = check?.steps.find((x) => x.id === q);
    const key = s?.kind === 'choice' ? s.options.find((o) => o.id === option)?.text : undefined;
    await typeAnswer(text(script.lang, key ?? 'common.dont_know'));
  }
  input.end();
  await chat;
  return result(who, out);
}

describe('the same dialogue on every channel', () => {
  for (const script of TABLE) {
    it(`${script.name} (${script.lang}): ${script.level} on Telegram, WhatsApp and the terminal`, async () => {
      const deps = await makeDeps();
      const telegram = await overTelegram(deps, script);
      const whatsapp = await overWhatsApp(script);
      const terminal = await overTerminal(deps, script);
      expect(telegram.level).toBe(script.level);
      expect(whatsapp.level).toBe(script.level);
      expect(terminal.level).toBe(script.level);
      if (script.level === 'critical') expect(telegram.flags.length).toBeGreaterThan(0);
      expect(whatsapp.flags).toEqual(telegram.flags);
      expect(terminal.flags).toEqual(telegram.flags);
      for (const { transcript } of [telegram, whatsapp, terminal])
        expect(transcript).toContain(text(script.lang, `verdict.level.${script.level}`));
    });
  }
});
