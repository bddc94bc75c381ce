import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAdWith } from '../../src/domain/ads/analyze.js';
import {
  type DialogueDeps,
  handle,
  type Input,
  type Meta,
  type PersonState,
  type Turn,
} from '../../src/domain/dialogue/index.js';
import type { Lang } from '../../src/domain/language.js';
import { RISK_LEVELS } from '../../src/domain/risk.js';
import { matchAnswer } from '../../src/domain/text.js';
import { loadLexicon } from '../../src/infra/content.js';
import { flowsWith, flowText, deps as makeDeps, parse, TRAP, text } from '../helpers/content.js';
import { isEmergencyText } from '../helpers/danger.js';

let deps: DialogueDeps;
beforeAll(async () => {
  deps = await makeDeps();
});

/** Whether a reply says her words were heard as danger, hers or someone close's. */
const heardAny = (lang: Lang, said: string | undefined) =>
  !!said &&
  (said.includes(text(lang, 'emergency.heard')) || said.includes(text(lang, 'emergency.heard_close')));
/** The line of a country's own emergency numbers. */
const local = (lang: Lang, country: string, numbers: string) =>
  text(lang, 'help_now.local').replace('{{country}}', country).replace('{{numbers}}', numbers);

/** What a new person is told in answer to her first message. */
const saidTo = (lang: Lang, message: string) =>
  new Talk(() => deps, lang).text(message).replies.map((r) => r.text);

/** A person talking to the engine directly: no channel, no store. */
class Talk {
  state: PersonState | null = null;
  last: Turn | undefined;
  constructor(
    private readonly d: () => DialogueDeps,
    private readonly platformLang: Lang = 'en',
  ) {}
  /** With `newId`, requests for a counsellor are opened (as with the handoff configured). */
  newId: (() => string) | undefined;
  send(input: Input): Turn {
    const meta: Meta = { now: 1, platformLang: this.platformLang };
    if (this.newId) meta.newId = this.newId;
    this.last = handle(this.d(), this.state, input, meta);
    this.state = this.last.forget ? null : this.last.state;
    return this.last;
  }
  text(t: string) {
    return this.send({ kind: 'text', text: t });
  }
  command(c: string) {
    return this.send({ kind: 'command', command: c });
  }
  /** Presses the answer with this option id on the last question. */
  answer(option: string): Turn {
    const asked = this.last?.replies.findLast((r) => r.choices?.length);
    const choice = asked?.choices?.find((c) => c.data.endsWith(`:${option}`));
    if (!choice) throw new Error(`no option ${option} in ${asked?.choices?.map((c) => c.data).join(' ')}`);
    return this.send({ kind: 'button', data: choice.data });
  }
  lastQuestion(): string | undefined {
    return this.last?.replies.findLast((r) => r.choices?.length)?.text;
  }
  all(): string {
    return this.last?.replies.map((r) => r.text).join('\n\n') ?? '';
  }
}

describe('the dialogue engine', () => {
  it('shows the verdict even when a flow ends right after it', async () => {
    const yaml = flowText('offer-check').replace(/ {2}- id: next\n[\s\S]*$/, '');
    const edited = parse(yaml);
    const d = await makeDeps(flowsWith(edited));
    const talk = new Talk(() => d);
    talk.send({ kind: 'open', flow: 'offer-check' });
    for (let i = 0; i < 40 && talk.state?.active?.flow === 'offer-check'; i++) talk.text('1');
    expect(talk.all()).toContain(text('en', 'verdict.level.low'));
    expect(talk.state?.last?.level).toBe('low');
    expect(talk.state?.active?.flow).toBe('menu');
  });

  it('opens "Get help now" at the first answer that means danger, before any further question, once per check', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('abroad_now');
    talk.answer('gulf');
    talk.answer('adult');
    const afterLeave = talk.answer('no');
    // One message, and no question after it: going on is her choice.
    expect(afterLeave.replies).toHaveLength(1);
    const help = afterLeave.replies[0];
    expect(help?.text).toContain(text('ru', 'help_now.title'));
    expect(help?.text).toContain(text('ru', 'help_now.watched'));
    expect(help?.text).toContain('+7 (7252) 00-00-00');
    // The Gulf's numbers from the countries file, grouped: 999 for the UAE and Qatar.
    expect(help?.text).toContain('ОАЭ, Катар: 999');
    expect(help?.shortcuts?.map((b) => b.data)).toEqual(['U:callback', 'C:check', 'M:menu']);
    // Nothing risky for someone watched: no confronting, no searching for papers, no notes.
    for (const key of ['passport_retention', 'restricted_freedom'])
      expect(help?.text).not.toContain(text('ru', `flags.${key}.todo`));
    expect(talk.state?.active).toBeUndefined();
    expect(talk.state?.paused?.step).toBe('abroad_passport');
    const back = talk.send({ kind: 'button', data: 'C:check' });
    expect(back.replies[0]?.text).toBe(text('ru', 'help_now.continued'));
    expect(talk.lastQuestion()).toBe(text('ru', 'offer.abroad_passport.q'));
    const afterPassport = talk.answer('no');
    expect(afterPassport.replies.map((r) => r.text).join()).not.toContain(text('ru', 'help_now.title'));
    expect(talk.lastQuestion()).toBe(text('ru', 'offer.abroad_threats.q'));
  });

  it('keeps the check in progress when the urgent callback is asked for mid-check', () => {
    const talk = new Talk(() => deps, 'en');
    talk.newId = () => 'urgent0001';
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('considering');
    talk.answer('gulf');
    talk.send({ kind: 'button', data: 'U:callback' });
    expect(talk.state?.paused?.flow).toBe('offer-check');
    expect(talk.state?.paused?.answers).toMatchObject({ situation: 'considering', where: 'gulf' });
  });

  it('answers words of danger in free text with the numbers first, and keeps the place', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('considering');
    const turn = talk.text('Помогите, у меня забрали паспорт и не выпускают');
    expect(turn.replies[0]?.text).toContain(text('ru', 'emergency.heard'));
    expect(turn.replies[0]?.text).toContain('112');
    expect(turn.replies.map((r) => r.text)).not.toContain(text('ru', 'common.hint_choice'));
    expect(talk.lastQuestion()).toBe(text('ru', 'offer.where.q'));
    // On first contact too, before the greeting.
    const first = new Talk(() => deps, 'kk').text('Көмектесіңіздер, төлқұжатымды алып қойды');
    expect(first.replies[0]?.text).toContain(text('kk', 'emergency.heard'));
  });

  it('does not set aside a finished or an empty check, and says when a new check replaces one', () => {
    const talk = new Talk(() => deps);
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.command('start');
    expect(talk.last?.replies.at(-1)?.choices?.some((c) => c.data.endsWith(':resume'))).toBe(false);
    talk.answer('check');
    talk.answer('considering');
    talk.command('start');
    expect(talk.last?.replies.at(-1)?.choices?.[0]?.data).toMatch(/:resume$/);
    const fresh = talk.answer('check');
    expect(fresh.replies[0]?.text).toBe(text('en', 'menu.new_check'));
    for (let i = 0; i < 40 && talk.lastQuestion() !== text('en', 'verdict.next.q'); i++) talk.text('1');
    talk.command('start');
    expect(talk.last?.replies.at(-1)?.choices?.some((c) => c.data.endsWith(':resume'))).toBe(false);
  });

  it('goes back to the check after /language mid-check, but stays in the menu when chosen from it', () => {
    const talk = new Talk(() => deps);
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('considering');
    talk.command('language');
    talk.answer('kk');
    expect(talk.lastQuestion()).toBe(text('kk', 'offer.where.q'));
    talk.command('start');
    talk.text('English');
    expect(talk.lastQuestion()).toBe(text('en', 'menu.q'));
    talk.answer('language');
    talk.answer('ru');
    expect(talk.lastQuestion()).toBe(text('ru', 'menu.q'));
  });

  it('forgets everything after a confirmation', () => {
    const talk = new Talk(() => deps);
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('considering');
    talk.command('forget');
    expect(talk.lastQuestion()).toBe(text('en', 'forget.q'));
    const done = talk.answer('yes');
    expect(done.forget).toBe(true);
    expect(done.replies.at(-1)?.text).toBe(text('en', 'forget.done'));
    expect(talk.state).toBeNull();
    const kept = new Talk(() => deps);
    kept.send({ kind: 'open', flow: 'offer-check' });
    kept.command('forget');
    expect(kept.answer('no').forget).toBeUndefined();
  });

  it('asks again a question whose answer the NGO renamed, so no red flag is lost', async () => {
    const talk = new Talk(() => deps);
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('considering');
    talk.answer('home');
    talk.answer('adult');
    talk.answer('ad');
    expect(talk.state?.active?.answers.how_found).toBe('ad');
    const renamed = parse(
      flowText('offer-check').replace(
        '- { id: ad, text: offer.how_found.ad }',
        '- { id: advert, text: offer.how_found.ad }',
      ),
    );
    const d = await makeDeps(flowsWith(renamed));
    const edited = new Talk(() => d);
    edited.state = talk.state;
    edited.command('help');
    const asked: string[] = [];
    for (let i = 0; i < 40 && edited.lastQuestion() !== text('en', 'verdict.next.q'); i++) {
      asked.push(edited.lastQuestion() ?? '');
      edited.text(edited.lastQuestion() === text('en', 'offer.how_found.q') ? '4' : '1');
    }
    // Asked again before the verdict, and the new answer (someone met online) raises its flag.
    expect(asked).toContain(text('en', 'offer.how_found.q'));
    expect(asked).toContain(text('en', 'offer.employer.q'));
    expect(asked.indexOf(text('en', 'offer.how_found.q'))).toBeGreaterThan(
      asked.indexOf(text('en', 'offer.employer.q')),
    );
    expect(edited.state?.last?.flags).toContain('informal_contact');
  });
});

describe('a bare cry for help', () => {
  it('asks "are you in danger right now?" instead of sounding the alarm, in every language', () => {
    for (const [lang, cry] of [
      ['ru', 'помогите'],
      ['kk', 'көмектесіңіз'],
      ['en', 'help'],
      ['ru', 'pomogite'],
    ] as [Lang, string][]) {
      const talk = new Talk(() => deps, lang);
      talk.send({ kind: 'open', flow: 'offer-check' });
      talk.answer('considering');
      const turn = talk.text(cry);
      expect(turn.replies, cry).toHaveLength(1);
      const asked = turn.replies[0];
      expect(asked?.text).toContain(text(lang, 'danger_check.q'));
      expect(asked?.text).toContain('+7 (7252) 00-00-00');
      expect(asked?.text).not.toContain(text(lang, 'emergency.heard'));
      expect(asked?.choices?.map((c) => c.data)).toEqual(['D:yes', 'D:no']);
      expect(turn.effects).toEqual([]);
    }
  });

  it('goes back to exactly where she was on No, typed or pressed, the check kept', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('abroad_now');
    const before = structuredClone(talk.state?.active);
    talk.text('помогите');
    const no = talk.send({ kind: 'button', data: 'D:no' });
    expect(no.button).toEqual({ stale: false, chosen: text('ru', 'danger_check.no') });
    expect(talk.state?.active).toEqual(before);
    expect(talk.state?.askedDanger).toBeUndefined();
    expect(talk.lastQuestion()).toBe(text('ru', 'offer.where.q'));
    talk.text('помогите');
    talk.text('нет');
    expect(talk.state?.active).toEqual(before);
    expect(talk.lastQuestion()).toBe(text('ru', 'offer.where.q'));
    // The question waits one turn only: an answer to the check after it is an answer to the check.
    talk.text('помогите');
    talk.text('4');
    expect(talk.state?.active?.answers).toEqual({ situation: 'abroad_now', where: 'gulf' });
    // An old No pressed later is stale and changes nothing.
    const old = talk.send({ kind: 'button', data: 'D:no' });
    expect(old.button).toEqual({ stale: true });
    expect(talk.state?.active?.answers).toEqual({ situation: 'abroad_now', where: 'gulf' });
  });

  it('opens "Get help now" on Yes, with the check set aside to continue', () => {
    const talk = new Talk(() => deps, 'kk');
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('abroad_now');
    talk.answer('gulf');
    talk.text('көмектесіңіз');
    const yes = talk.text('иә');
    const help = yes.replies[0]?.text ?? '';
    expect(help).toContain(text('kk', 'help_now.title'));
    expect(help).toContain(text('kk', 'help_now.intro_asked'));
    expect(help).toContain('999');
    expect(yes.replies[0]?.shortcuts?.map((b) => b.data)).toEqual(['U:callback', 'C:check', 'M:menu']);
    expect(talk.state?.paused?.answers).toEqual({ situation: 'abroad_now', where: 'gulf' });
    talk.send({ kind: 'button', data: 'C:check' });
    expect(talk.lastQuestion()).toBe(text('kk', 'offer.age.q'));
  });

  it("puts Kazakhstan's numbers first when she has not said where she is, and marks an open request urgent", () => {
    const talk = new Talk(() => deps, 'en');
    talk.newId = () => 'req0000001';
    const first = talk.text('help');
    expect(first.replies[0]?.text).toBe(
      text('en', 'start.greeting').replace('{{language}}', text('en', 'language.en')),
    );
    expect(first.replies.at(-1)?.choices?.map((c) => c.data)).toEqual(['D:yes', 'D:no']);
    const yes = talk.send({ kind: 'button', data: 'D:yes' });
    expect(yes.replies[0]?.text).toContain(
      text('en', 'help_now.kazakhstan').replace('{{numbers}}', '112, 102'),
    );
    // With a request open, Yes tells the counsellors it is urgent.
    talk.command('start');
    talk.answer('counsellor');
    talk.answer('write');
    talk.answer('no');
    talk.answer('now');
    talk.send({ kind: 'button', data: 'S:skip' });
    talk.send({ kind: 'button', data: 'M:menu' });
    talk.text('help');
    const urgent = talk.send({ kind: 'button', data: 'D:yes' });
    expect(urgent.effects).toEqual([{ type: 'urgent', ticket: 'req0000001' }]);
  });

  it('keeps opening help directly on words of danger', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('considering');
    const turn = talk.text('помогите, меня бьют');
    expect(turn.replies[0]?.text).toContain(text('ru', 'emergency.heard'));
    expect(turn.replies.some((r) => r.choices?.some((c) => c.data === 'D:yes'))).toBe(false);
  });
});

describe('"Back" in the check', () => {
  const backOf = (turn: Turn) => turn.replies.at(-1)?.shortcuts?.find((s) => s.data.startsWith('B:'));

  it('is offered from the second question on, in each language, and not at a menu', () => {
    for (const lang of ['ru', 'kk', 'en'] as Lang[]) {
      const talk = new Talk(() => deps, lang);
      const first = talk.send({ kind: 'open', flow: 'offer-check' });
      expect(backOf(first)).toBeUndefined();
      const second = talk.answer('considering');
      expect(backOf(second)?.label).toBe(text(lang, 'common.back'));
    }
    const menu = new Talk(() => deps).command('start');
    expect(backOf(menu)).toBeUndefined();
  });

  it('asks the previous question again, takes a changed answer and keeps all the others', () => {
    const talk = new Talk(() => deps, 'en');
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('considering');
    talk.answer('gulf');
    const atHowFound = talk.answer('adult');
    talk.send({ kind: 'button', data: backOf(atHowFound)?.data ?? '' });
    expect(talk.lastQuestion()).toBe(text('en', 'offer.age.q'));
    const atAge = talk.last as Turn;
    talk.send({ kind: 'button', data: backOf(atAge)?.data ?? '' });
    expect(talk.lastQuestion()).toBe(text('en', 'offer.where.q'));
    const atWhere = talk.last as Turn;
    talk.send({ kind: 'button', data: backOf(atWhere)?.data ?? '' });
    expect(talk.lastQuestion()).toBe(text('en', 'offer.situation.q'));
    // Already there, not weighing it: the questions for someone there follow; where and age are kept.
    talk.answer('abroad_now');
    expect(talk.state?.active?.answers).toEqual({ situation: 'abroad_now', where: 'gulf', age: 'adult' });
    expect(talk.lastQuestion()).toBe(text('en', 'offer.abroad_leave.q'));
    // Typed, as on the terminal or WhatsApp.
    talk.text('back');
    expect(talk.lastQuestion()).toBe(text('en', 'offer.age.q'));
    talk.answer('minor');
    expect(talk.state?.active?.answers.age).toBe('minor');
    expect(talk.lastQuestion()).toBe(text('en', 'offer.abroad_leave.q'));
  });

  it('pressed on an older message, changes nothing', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.send({ kind: 'open', flow: 'offer-check' });
    const atWhere = talk.answer('considering');
    talk.answer('korea');
    talk.answer('adult');
    const before = structuredClone(talk.state);
    const old = talk.send({ kind: 'button', data: backOf(atWhere)?.data ?? '' });
    expect(old.button).toEqual({ stale: true });
    expect(talk.state?.active).toEqual(before?.active);
    expect(talk.state?.nonce).toBe(before?.nonce);
    // At the first question there is nothing to go back to, whatever the button says.
    const fresh = new Talk(() => deps, 'ru');
    fresh.send({ kind: 'open', flow: 'offer-check' });
    const none = fresh.send({ kind: 'button', data: `B:${(fresh.state?.nonce ?? 0).toString(36)}` });
    expect(none.button).toEqual({ stale: true });
    expect(fresh.state?.active?.step).toBe('situation');
  });
});

describe('the callback says when counsellors really work', () => {
  /** Saturday 12 December 2026, 23:30 in Almaty; Tuesday 8 December, 10:00. */
  const SATURDAY_NIGHT = Date.UTC(2026, 11, 12, 18, 30);
  const TUESDAY = Date.UTC(2026, 11, 8, 5, 0);
  const at = (d: DialogueDeps, now: number, lang: Lang = 'en') => {
    let state: PersonState | null = null;
    let ids = 0;
    return (input: Input): Turn => {
      const turn = handle(d, state, input, { now, platformLang: lang, newId: () => `req${ids++}xxxxxx` });
      state = turn.state;
      return turn;
    };
  };
  const pick = (turn: Turn, option: string): Input => {
    const c = turn.replies
      .findLast((r) => r.choices?.length)
      ?.choices?.find((x) => x.data.endsWith(`:${option}`));
    if (!c) throw new Error(`no ${option}`);
    return { kind: 'button', data: c.data };
  };

  it('offers only the times of day they work, with their hours, and says when the earliest call is', async () => {
    const send = at(deps, SATURDAY_NIGHT);
    send({ kind: 'command', command: 'start' });
    const mode = send({ kind: 'open', flow: 'callback' });
    const when = send(pick(send(pick(mode, 'write')), 'no'));
    const asked = when.replies.at(-1);
    expect(asked?.choices?.map((c) => c.label)).toEqual([
      text('en', 'callback.when.now'),
      `${text('en', 'callback.when.morning')} (09:00–12:00)`,
      `${text('en', 'callback.when.afternoon')} (12:00–18:00)`,
    ]);
    expect(asked?.text).toContain('Mon–Fri, 09:00–18:00, Kazakhstan time (it is 23:30 there now)');
    expect(asked?.text).toContain('the earliest is Mon from 09:00');
    // The evening, when the NGO works late.
    const late = await makeDeps();
    late.counsellors = {
      ...late.counsellors,
      hours: { days: [1, 2, 3, 4, 5, 6, 0], from: '10:00', to: '20:00' },
    };
    const sendLate = at(late, TUESDAY);
    const lateWhen = sendLate(
      pick(sendLate(pick(sendLate({ kind: 'open', flow: 'callback' }), 'write')), 'no'),
    );
    expect(
      lateWhen.replies
        .at(-1)
        ?.choices?.map((c) => c.label)
        .slice(1),
    ).toEqual([
      `${text('en', 'callback.when.morning')} (10:00–12:00)`,
      `${text('en', 'callback.when.afternoon')} (12:00–18:00)`,
      `${text('en', 'callback.when.evening')} (18:00–20:00)`,
    ]);
    expect(lateWhen.replies.at(-1)?.text).not.toContain('the earliest');
  });

  it('says in the receipt the day and hours of the time chosen, in Kazakhstan time', () => {
    const send = at(deps, SATURDAY_NIGHT);
    const mode = send({ kind: 'open', flow: 'callback' });
    const note = send(pick(send(pick(send(pick(mode, 'write')), 'no')), 'afternoon'));
    const receipt = send({ kind: 'button', data: 'S:skip' });
    expect(note.replies.at(-1)?.text).toBe(text('en', 'callback.note.q'));
    expect(receipt.replies[0]?.text).toContain(
      'A counsellor will write to you here Mon between 12:00 and 18:00, Kazakhstan time.',
    );
  });

  it('puts what works now where she is first for an urgent request out of hours', () => {
    const send = at(deps, SATURDAY_NIGHT, 'ru');
    let turn = send({ kind: 'open', flow: 'offer-check' });
    turn = send(pick(turn, 'abroad_now'));
    turn = send({ kind: 'text', text: 'в Турции' });
    turn = send(pick(turn, 'adult'));
    turn = send(pick(turn, 'no'));
    turn = send({ kind: 'button', data: 'U:callback' });
    turn = send(pick(turn, 'write'));
    const receipt = send({ kind: 'button', data: 'S:skip' }).replies[0]?.text ?? '';
    const first = receipt.indexOf(text('ru', 'callback.urgent_first'));
    const turkey = receipt.indexOf('Турция: 112');
    const monday = receipt.indexOf(text('ru', 'callback.next_closed_write').split('{{')[0] ?? '');
    expect(first).toBeGreaterThan(-1);
    expect(turkey).toBeGreaterThan(first);
    expect(receipt.indexOf('112, 102')).toBeGreaterThan(first);
    expect(monday).toBeGreaterThan(turkey);
  });

  it('brings the numbers of the country her words of danger named to the urgent request made next', () => {
    const send = at(deps, SATURDAY_NIGHT, 'ru');
    send({ kind: 'text', text: 'я в Дубае, паспорт забрали, не выпускают' });
    let turn = send({ kind: 'button', data: 'U:callback' });
    turn = send(pick(turn, 'write'));
    const receipt = send({ kind: 'button', data: 'S:skip' }).replies[0]?.text ?? '';
    expect(receipt.indexOf('ОАЭ: 999')).toBeGreaterThan(receipt.indexOf(text('ru', 'callback.urgent_first')));
    expect(receipt.indexOf(text('ru', 'callback.urgent_first'))).toBeGreaterThan(-1);
  });
});

describe('typed answers', () => {
  const choices = (labels: string[]) => labels.map((label, i) => ({ id: `o${i}`, label }));
  it('takes numbers, exact words, first words, words without spaces and word stems', () => {
    const yesNo = choices(['Нет', 'Да: «решайте сегодня»', 'Не знаю']);
    expect(matchAnswer('2', yesNo)).toBe('o1');
    expect(matchAnswer('да', yesNo)).toBe('o1');
    expect(matchAnswer('НЕТ!', yesNo)).toBe('o0');
    expect(matchAnswer('незнаю', yesNo)).toBe('o2');
    const where = choices(['В Казахстане', 'Россия, Кыргызстан, Беларусь, Армения', 'Южная Корея']);
    expect(matchAnswer('казахстан', where)).toBe('o0');
    expect(matchAnswer('Корея', where)).toBe('o2');
    expect(matchAnswer('Кыргызстан', where)).toBe('o1');
    expect(matchAnswer('9', where)).toBeUndefined();
    expect(matchAnswer('что это значит', where)).toBeUndefined();
    // Ambiguous words pick nothing.
    expect(matchAnswer('н', yesNo)).toBeUndefined();
  });
});

describe('the verdict for someone under 18', () => {
  const verdictOf = (lang: Lang, answers: Record<string, string>, ad?: string): string => {
    const talk = new Talk(() => deps, lang);
    if (ad) {
      talk.command('ad');
      talk.text(ad);
      talk.answer('check');
    } else talk.send({ kind: 'open', flow: 'offer-check' });
    for (let i = 0; i < 40 && talk.state?.active?.flow === 'offer-check'; i++) {
      const step = talk.state.active.step;
      if (step === 'next') break;
      const given = answers[step];
      if (given) talk.answer(given);
      else if (step === 'situation') talk.answer('considering');
      else talk.answer('dk');
      if (!talk.state?.active && talk.state?.paused) talk.send({ kind: 'button', data: 'C:check' });
    }
    return talk.last?.replies.find((r) => r.text.includes(text(lang, 'verdict.level.critical')))?.text ?? '';
  };

  it("says so, with article 135 and the children's line, in a message that fits a phone", () => {
    for (const lang of ['ru', 'kk', 'en'] as Lang[]) {
      const verdict = verdictOf(lang, { age: 'minor', where: 'turkey' });
      expect(verdict).toContain(text(lang, 'verdict.summary.minor'));
      expect(verdict).toContain('135');
      expect(verdict).toContain('111');
      expect(verdict.length).toBeLessThanOrEqual(900);
    }
    const there = verdictOf('en', {
      situation: 'abroad_now',
      age: 'minor',
      where: 'turkey',
      abroad_leave: 'yes',
    });
    expect(there).toContain(text('en', 'verdict.summary.minor_there'));
  });

  it('is not said to an adult whose ad only targets minors', () => {
    const verdict = verdictOf(
      'en',
      { age: 'adult' },
      'Girls 16-17 wanted for work in Dubai as waitresses, $2000 a month, no experience, write on WhatsApp',
    );
    expect(verdict).not.toContain(text('en', 'verdict.summary.minor'));
  });
});

describe('typed answers, by meaning', () => {
  /** Someone at the question `at` of the check, every earlier one answered as a trap. */
  const at = (question: string, lang: Lang): Talk => {
    const talk = new Talk(() => deps, lang);
    talk.send({ kind: 'open', flow: 'offer-check' });
    for (const [q, option] of TRAP) {
      if (q === question) break;
      if (talk.state?.active?.step === q) talk.answer(option);
    }
    expect(talk.state?.active?.step).toBe(question);
    return talk;
  };

  it('maps words that say an answer to it, in each language', () => {
    for (const [lang, typed] of [
      ['en', 'they keep it for safety'],
      ['ru', 'у них, говорят для сохранности'],
      ['kk', 'өздерінде сақтайды'],
    ] as [Lang, string][]) {
      const talk = at('passport', lang);
      talk.text(typed);
      expect(talk.state?.last?.flags, typed).toContain('passport_retention');
    }
    for (const typed of ['I keep it myself', 'өзімде сақтаймын']) {
      const talk = at('passport', 'en');
      talk.text(typed);
      expect(talk.state?.last?.flags, typed).not.toContain('passport_retention');
    }
    for (const [lang, typed] of [
      ['en', 'whatsapp only'],
      ['ru', 'только ватсап'],
    ] as [Lang, string][]) {
      const talk = at('contact_channel', lang);
      talk.text(typed);
      expect(talk.state?.active?.answers.contact_channel, typed).toBe('messenger_only');
    }
  });

  it('still asks to choose when the words mean nothing, or turn the answer around', () => {
    for (const typed of ['hmm', "they don't keep it", 'who knows what they want']) {
      const talk = at('passport', 'en');
      const turn = talk.text(typed);
      expect(turn.replies[0]?.text, typed).toBe(text('en', 'common.hint_choice'));
      expect(talk.state?.active?.step).toBe('passport');
    }
  });
});

describe('words of danger', () => {
  it('are found in ru, kk and en, and a request for help with a check is not an emergency', () => {
    for (const t of [
      'у меня забрали паспорт',
      'Нас не выпускают с работы',
      'помогите!!!',
      'мені жібермейді, көмектесіңіздер',
      'They took my passport and won’t let me leave',
      'HELP ME',
      'жұмыс беруші паспортымды алып қойды',
      'паспортымды бермейді, үйге қайта алмаймын',
      'паспорт не отдают, говорят надо отработать долг',
      "I can't go home, they won't give my passport",
    ]) {
      expect(isEmergencyText(t), t).toBe(true);
    }
    for (const t of [
      'Помогите проверить вакансию в Дубае, пожалуйста',
      'Can you help me check this job offer in Seoul?',
      'паспорт у меня',
      'Да',
      'Я не могу уехать в Дубай без визы?',
      'Паспортымды алу үшін не керек?',
      'Can I go home for holidays during the contract?',
    ]) {
      expect(isEmergencyText(t), t).toBe(false);
    }
  });
});

describe('dialogue properties', () => {
  it('always answers, always leaves the person at a question, and never sends a button over 64 bytes', () => {
    const input: fc.Arbitrary<Input | 'pick'> = fc.oneof(
      { weight: 6, arbitrary: fc.constant('pick' as const) },
      fc.record({
        kind: fc.constant('text' as const),
        text: fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.constantFrom(
            '1',
            '2',
            '9',
            'да',
            'Қазақша',
            'help me',
            'Требуются девушки в Дубай без опыта, зарплата 3000$, пишите в WhatsApp',
          ),
        ),
      }),
      fc.record({
        kind: fc.constant('command' as const),
        command: fc.constantFrom('start', 'cancel', 'language', 'help', 'menu', 'forget', 'about', 'xyz'),
      }),
      fc.record({
        kind: fc.constant('button' as const),
        data: fc.oneof(
          fc.string({ maxLength: 70 }),
          fc.constantFrom('L:kk', 'L:en', '0:check', '5:dk', 'B:3', 'B:5', 'D:yes', 'D:no'),
        ),
      }),
      fc.record({ kind: fc.constant('media' as const), media: fc.constantFrom('sticker', 'photo') }),
      fc.constant({ kind: 'edited' as const }),
    );
    fc.assert(
      fc.property(
        fc.array(input, { maxLength: 80 }),
        fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
        (inputs, picks) => {
          const talk = new Talk(() => deps);
          let ids = 0;
          talk.newId = () => `ticket${ids++}`;
          inputs.forEach((i, n) => {
            let turn: Turn;
            if (i === 'pick') {
              const asked = talk.last?.replies.findLast((r) => r.choices?.length);
              const choice = asked?.choices?.[(picks[n] ?? 0) % (asked.choices.length || 1)];
              turn = talk.send(
                choice ? { kind: 'button', data: choice.data } : { kind: 'command', command: 'start' },
              );
            } else turn = talk.send(i);
            expect(turn.replies.length).toBeGreaterThan(0);
            for (const r of turn.replies) {
              expect(r.text.trim().length).toBeGreaterThan(0);
              for (const c of [...(r.choices ?? []), ...(r.shortcuts ?? [])])
                expect(Buffer.byteLength(c.data)).toBeLessThanOrEqual(64);
            }
            if (turn.forget) return;
            const last = turn.replies.at(-1);
            // Writing to a counsellor: each message gets a receipt with the way back to the menu.
            if (turn.state.ticket?.relay && !turn.state.active) {
              expect(last?.shortcuts?.some((s) => s.data === 'M:menu')).toBe(true);
              return;
            }
            // "Are you in danger right now?" waits beside her place, with its two answers.
            if (turn.state.askedDanger) {
              expect(last?.choices?.map((c) => c.data)).toEqual(['D:yes', 'D:no']);
              return;
            }
            // "Get help now" after "yes, I am in danger" outside a check: the menu is a button away.
            if (last?.text.startsWith(text(turn.state.lang, 'help_now.title'))) {
              expect(last.shortcuts?.map((s) => s.data)).toContain('M:menu');
              return;
            }
            // "Get help now": no question on purpose; the way back to the check and the menu are buttons.
            if (!turn.state.active && turn.state.paused) {
              expect(last?.shortcuts?.map((s) => s.data)).toEqual(
                expect.arrayContaining(['C:check', 'M:menu']),
              );
              return;
            }
            expect(turn.state.active).toBeDefined();
            // A question with answers to choose, or one answered in words (an ad, a phone number, a note).
            const active = turn.state.active;
            if (active?.flow === 'ad-check' && active.step === 'paste') {
              expect(last?.text).toBe(text(turn.state.lang, 'ad.ask'));
            } else if (active?.flow === 'callback' && (active.step === 'phone' || active.step === 'note')) {
              expect(last?.shortcuts?.some((s) => s.data === 'M:menu')).toBe(true);
            } else expect(last?.choices?.length ?? 0).toBeGreaterThan(0);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('ads in the dialogue', () => {
  const AD =
    'Требуются девушки до 25 лет в Дубай, без опыта, зарплата от 3000$. Паспорт сдаётся работодателю. Пишите только в WhatsApp';

  it('/ad asks for the ad, reads it, quotes it, and never keeps its text', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.command('ad');
    expect(talk.last?.replies.at(-1)?.text).toBe(text('ru', 'ad.ask'));
    const turn = talk.text(AD);
    const all = turn.replies.map((r) => r.text).join('\n');
    expect(all).toContain(text('ru', 'flags.passport_retention.title'));
    expect(all).toContain('«Паспорт сдаётся»');
    expect(talk.lastQuestion()).toBe(text('ru', 'ad.next.q'));
    // What is stored: the result, never a word of the ad.
    const stored = JSON.stringify(talk.state);
    for (const word of ['Дубай', 'Паспорт', 'WhatsApp', '3000']) expect(stored).not.toContain(word);
    expect(talk.state?.last?.flags).toContain('passport_retention');
  });

  it('reads a long message sent outside any question as an ad, and says so', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.command('start');
    const turn = talk.text(AD);
    expect(turn.replies[0]?.text).toBe(text('ru', 'ad.taken'));
    expect(turn.replies.map((r) => r.text).join('\n')).toContain(text('ru', 'verdict.level.critical'));
  });

  it('an ad pasted without its contact line, naming a job and its pay, gets its verdict, not the alarm; her story still does', () => {
    const ad = new Talk(() => deps, 'en').text(
      'Hostess job in Istanbul for girls 18-25, 2500$, passport kept by employer, ticket deducted from salary, contract signed there',
    );
    const replies = ad.replies.map((r) => r.text).join('\n');
    expect(replies).not.toContain(text('en', 'emergency.heard'));
    expect(replies).toContain(text('en', 'verdict.level.critical'));
    const story = new Talk(() => deps, 'ru').text(
      'Я в Стамбуле, работаю хостес за 2500$, паспорт забрали, не выпускают из квартиры',
    );
    expect(story.replies[0]?.text).toContain(text('ru', 'emergency.heard'));
  });

  it('reads a six-word ad at the menu (a job and "керек"), not the menu again', () => {
    const talk = new Talk(() => deps, 'kk');
    talk.command('start');
    const turn = talk.text('«Сеул Гарден» мейрамханасына хостес керек, Алматы');
    expect(turn.replies[0]?.text).toBe(text('kk', 'ad.taken'));
    expect(turn.replies.map((r) => r.text).join('\n')).toContain(text('kk', 'verdict.level.low'));
    expect(talk.lastQuestion()).toBe(text('kk', 'ad.next.q'));
  });

  it('reads an ad sent in the middle of the check, and keeps the place', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('considering');
    const turn = talk.text(AD);
    expect(turn.replies.map((r) => r.text)).toContain(text('ru', 'ad.back'));
    expect(talk.lastQuestion()).toBe(text('ru', 'offer.where.q'));
    expect(talk.state?.active?.answers).toEqual({ situation: 'considering' });
  });

  it('reads a forwarded post and a photo caption as ads', () => {
    const fwd = new Talk(() => deps, 'en');
    fwd.command('start');
    const turn = fwd.send({ kind: 'text', text: 'Cyprus. Dancer needed.', forwarded: true });
    expect(turn.replies.map((r) => r.text).join('\n')).toContain(
      text('en', 'flags.adult_entertainment.title'),
    );
    const photo = new Talk(() => deps, 'en');
    photo.command('start');
    const p = photo.send({
      kind: 'media',
      media: 'photo',
      caption: 'Cyprus. Dancer needed. Flight in 3 days, tourist visa.',
      forwarded: true,
    });
    expect(p.replies.map((r) => r.text).join('\n')).toContain(text('en', 'flags.wrong_visa.title'));
  });

  it('goes on to the offer check with the questions the ad settles already answered', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.command('ad');
    talk.text(AD);
    const turn = talk.answer('check');
    expect(turn.replies.map((r) => r.text).join('\n')).toContain(
      text('ru', 'ad.prefilled_many').split('{{')[0] ?? '',
    );
    expect(talk.state?.active?.answers).toMatchObject({
      situation: 'considering',
      how_found: 'ad',
      where: 'gulf',
      passport: 'employer',
    });
    // The first question asked is one the ad did not settle (the age, asked of everyone).
    expect(talk.lastQuestion()).toBe(text('ru', 'offer.age.q'));
  });

  it('weighs in the check a flag the ad softened as the ad did, and fully once an ad says it plainly', () => {
    // Looks asked by a salon that names itself, in Kazakhstan: "medium" in the ad, and in the check.
    const SALON =
      'Администратор в салон красоты ТОО «Ару», г. Актобе, ул. Абая 12. Оклад 160 000 тг. Требования: приятная внешность, знание 1С. Резюме на hr@aru.kz';
    const PLAIN = 'Девушки приятной внешности на работу в кафе, пишите в WhatsApp';
    const levelAfter = (ads: string[]): string | undefined => {
      const talk = new Talk(() => deps, 'ru');
      for (const ad of ads) {
        talk.command('ad');
        talk.text(ad);
      }
      talk.answer('check');
      for (let i = 0; i < 40 && talk.state?.active?.flow === 'offer-check'; i++) {
        const step = talk.state.active.step;
        if (step === 'next') break;
        if (step === 'situation') talk.answer('considering');
        else if (step === 'age') talk.answer('adult');
        else talk.answer('dk');
      }
      return talk.state?.last?.level;
    };
    const talk = new Talk(() => deps, 'ru');
    talk.command('ad');
    talk.text(SALON);
    expect(talk.state?.last).toMatchObject({ level: 'medium', flags: ['looks_requirement'] });
    expect(talk.state?.adSoftened).toEqual(['looks_requirement']);
    expect(levelAfter([SALON])).toBe('medium');
    talk.command('ad');
    talk.text(PLAIN);
    expect(talk.state?.adSoftened).toBeUndefined();
    expect(levelAfter([SALON, PLAIN])).toBe('high');
  });

  it('treats a warning about scams as a warning', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.command('ad');
    const turn = talk.text(
      'Осторожно! Такие объявления используют вербовщики: «Девушки до 25 лет, Дубай, 3000$». Не верьте — это признаки торговли людьми.',
    );
    expect(turn.replies.map((r) => r.text).join('\n')).toContain(text('ru', 'ad.warning'));
  });
});

describe('an ad that names a danger', () => {
  const AD_RU =
    'Требуются девушки в Дубай, зарплата 3000$. Работодатель забирает паспорт на время контракта. Выходить из общежития запрещено. Пишите в WhatsApp';
  const AD_KK =
    'Дубайға қыздар керек, айлығы 3000$. Жұмыс беруші паспортты алып қояды. Тек WhatsApp-қа жазыңыз';

  it('is read as an ad, not as a cry, as a first message, mid-check and at "send me the ad"', () => {
    const first = new Talk(() => deps, 'ru');
    const turn = first.text(AD_RU);
    const all = turn.replies.map((r) => r.text).join('\n');
    expect(all).not.toContain(text('ru', 'emergency.heard'));
    expect(turn.replies[1]?.text).toBe(text('ru', 'ad.taken'));
    expect(all).toContain(text('ru', 'flags.passport_retention.title'));
    expect(first.lastQuestion()).toBe(text('ru', 'ad.next.q'));

    const mid = new Talk(() => deps, 'kk');
    mid.send({ kind: 'open', flow: 'offer-check' });
    mid.answer('considering');
    const inCheck = mid.text(AD_KK);
    expect(inCheck.replies[0]?.text).toBe(text('kk', 'ad.taken'));
    expect(inCheck.replies.map((r) => r.text).join('\n')).not.toContain(text('kk', 'emergency.heard'));
    expect(mid.lastQuestion()).toBe(text('kk', 'offer.where.q'));

    const pasted = new Talk(() => deps, 'ru');
    pasted.command('ad');
    const read = pasted.text(AD_RU);
    expect(read.replies.map((r) => r.text).join('\n')).not.toContain(text('ru', 'emergency.heard'));
    expect(read.replies.map((r) => r.text).join('\n')).toContain(
      text('ru', 'flags.passport_retention.title'),
    );
  });

  it('reads a text taken for no offer (a story told from inside) for words of danger too', () => {
    // A model sure that every text is no offer: the rules found no sign of forced labour here, so the
    // verdict has no level to bring the numbers; the words of danger must.
    const sure = { trainedOn: { ads: 0, notOffers: 0, writers: 0 }, bias: 10, weights: {}, normalised: true };
    const lexicon = loadLexicon();
    const d: DialogueDeps = { ...deps, analyzeAd: (t: string) => analyzeAdWith(lexicon, t, sure) };
    const story =
      'Я работаю официанткой в кафе в Анталии, зарплата 800 долларов. Хозяин каждый день кричит и бьёт меня, вчера ударил по лицу, я боюсь его. Мне страшно, я хочу домой, помогите мне пожалуйста, я не знаю что делать и куда идти.';
    const first = new Talk(() => d, 'ru')
      .text(story)
      .replies.map((r) => r.text)
      .join('\n');
    expect(first).toContain(text('ru', 'emergency.heard'));
    expect(first).not.toContain(text('ru', 'ad.taken'));
    const pasted = new Talk(() => d, 'ru');
    pasted.command('ad');
    const all = pasted
      .text(story)
      .replies.map((r) => r.text)
      .join('\n');
    expect(all).toContain(text('ru', 'emergency.heard'));
    // Her story in danger: after the numbers, the signs its words show; not "this reads as a question".
    expect(all).not.toContain((text('ru', 'ad.not_offer').split('(')[0] as string).trim());
    expect(all).toContain(text('ru', 'ad.told_none'));
  });

  it('answers her story, or a friend’s, in danger with the numbers and the signs its own words show', () => {
    // Read as a story (it only tells what happened), or as an ad with no contact: either way no level, no
    // "don't answer this ad", no flag raised by what a story lacks, and no figures for the donors. A short
    // cry that reads as no ad at all gets the numbers and the menu (`signs` false).
    for (const [lang, story, sign] of [
      [
        'kk',
        'Мен қазір Дубайдамын, жұмыс беруші паспортымды алып қойды, үйден шығармайды.',
        'restricted_freedom',
      ],
      ['ru', 'Моя сестра сейчас в Турции, у неё забрали паспорт и не отпускают. Что нам делать?', undefined],
      // "қазір үйден" (now, from home) is no "қазір үйде" (now at home, safe).
      ['kk', 'Сіңлім Түркияда жұмыс істейді. Ол қазір үйден шыға алмайды.', undefined],
      [
        'ru',
        'Моя подруга сейчас в Польше, работодатель забрал у неё паспорт и не отпускает домой, говорит что она должна за дорогу. Что нам делать? Как ей помочь?',
        'passport_retention',
      ],
      [
        'en',
        'My friend is in Poland now, they took her passport and do not let her go home. What do we do?',
        undefined,
      ],
    ] as const) {
      const turn = new Talk(() => deps, lang).text(story);
      const said = turn.replies.map((r) => r.text);
      const all = said.join('\n');
      expect(heardAny(lang, said[0]), story).toBe(true);
      if (sign) {
        expect(all, story).toContain(text(lang, 'ad.told'));
        expect(all, story).toContain(text(lang, `flags.${sign}.title`));
      } else expect(all, story).not.toContain(text(lang, 'ad.told'));
      for (const key of ['ad.taken', 'ad.warning', 'flags.vague_employer.title', 'flags.secrecy.title'])
        expect(all, `${story}: ${key}`).not.toContain(text(lang, key));
      for (const level of RISK_LEVELS) expect(all, story).not.toContain(text(lang, `verdict.level.${level}`));
      expect(
        turn.stats.filter((s) => s.kind === 'ad'),
        story,
      ).toEqual([]);
    }
  });

  it('answers "is this normal?" about a serious red flag with a plain no, before the why', () => {
    for (const [lang, question, flag] of [
      [
        'ru',
        'Мне предлагают работу в Дубае, говорят паспорт отдать менеджеру по прилёту. Это нормально?',
        'passport_retention',
      ],
      ['kk', 'Жұмыс беруші паспортымды сақтап қоямыз дейді, бұл қалыпты ма?', 'passport_retention'],
      [
        'en',
        'They offer me a job in Dubai and say the manager will keep my passport during the contract. Is that normal?',
        'passport_retention',
      ],
    ] as const) {
      const all = saidTo(lang, question).join('\n');
      const no = text(lang, 'ad.not_normal');
      const why = text(lang, `flags.${flag}.title`);
      expect(all, question).toContain(no);
      expect(all, question).toContain(why);
      expect(all.indexOf(no), question).toBeLessThan(all.indexOf(why));
    }
    // No plain no where nothing serious was found, nor to an ad's own question it answers itself.
    for (const [lang, text_] of [
      ['ru', 'Работодатель просит писать ему только в WhatsApp. Это нормально?'],
      [
        'ru',
        'Работа в Дубае, официанты, паспорт хранится у работодателя. Это законно? Да, всё официально! Пишите в WhatsApp +971 50 123 4567',
      ],
    ] as const) {
      const all = saidTo(lang, text_).join('\n');
      expect(all, text_).not.toContain(text(lang, 'ad.not_normal'));
    }
  });

  it('answers a practice asked about before leaving as a question: no alarm, no level, the why and what to ask', () => {
    for (const [lang, question] of [
      ['en', 'The employer says he will keep my passport when I arrive, is that normal?'],
      ['ru', 'Работодатель говорит, что заберёт мой паспорт по приезду. Это нормально?'],
      ['kk', 'Жұмыс беруші паспортымды сақтап қоямыз дейді, бұл қалыпты ма?'],
    ] as const) {
      const talk = new Talk(() => deps, lang);
      const turn = talk.text(question);
      const all = turn.replies.map((r) => r.text).join('\n');
      const no = text(lang, 'ad.not_normal');
      const why = text(lang, 'flags.passport_retention.title');
      const todo = text(lang, 'flags.passport_retention.todo');
      const next = text(lang, 'ad.asked_next');
      for (const said of [no, why, todo, next]) expect(all, `${question}: ${said}`).toContain(said);
      expect(all.indexOf(no), question).toBeLessThan(all.indexOf(why));
      expect(all.indexOf(why), question).toBeLessThan(all.indexOf(next));
      expect(
        turn.replies.some((r) => heardAny(lang, r.text)),
        question,
      ).toBe(false);
      for (const key of ['ad.taken', 'ad.told', 'ad.not_offer', 'flags.vague_employer.title'])
        expect(all, `${question}: ${key}`).not.toContain(text(lang, key).slice(0, 25));
      for (const level of RISK_LEVELS)
        expect(all, question).not.toContain(text(lang, `verdict.level.${level}`));
      expect(
        turn.stats.filter((s) => s.kind === 'ad'),
        question,
      ).toEqual([]);
    }
  });

  it('shows such a question as her story when its words mean danger now, first or in the middle of the check', () => {
    for (const [lang, question] of [
      ['en', 'I am in Dubai, my employer will keep my passport until the end of the contract, is it legal?'],
      ['ru', 'Работодатель держит мой паспорт у себя, я уже месяц в Турции. Это законно?'],
    ] as const) {
      const first = new Talk(() => deps, lang).text(question);
      const mid = new Talk(() => deps, lang);
      mid.send({ kind: 'open', flow: 'offer-check' });
      mid.answer('considering');
      const later = mid.text(question);
      for (const [when, turn] of [
        ['first', first],
        ['mid-check', later],
      ] as const) {
        const all = turn.replies.map((r) => r.text).join('\n');
        expect(
          turn.replies.some((r) => heardAny(lang, r.text)),
          `${when}: ${question}`,
        ).toBe(true);
        expect(all, `${when}: ${question}`).toContain(text(lang, 'ad.told'));
        expect(all, `${when}: ${question}`).not.toContain(text(lang, 'ad.asked_next'));
      }
    }
  });

  it('hears a warning that tells of someone close held now as her family’s emergency, not as a warning', () => {
    for (const [lang, post] of [
      [
        'ru',
        'Девушки осторожно!!! моя сестра поехала в дубай по такому объявлению на работу официанткой, теперь у нее забрали паспорт и держат в квартире. будьте бдительны не ведитесь',
      ],
      [
        'en',
        'Warning to everyone: my cousin went to Dubai for a hostess job and now they took her passport and she cant leave. be careful girls',
      ],
      [
        'kk',
        'Қыздар абай болыңдар! Сіңлім Түркияға даяшы болып кеткен, қазір паспортын алып қойып, үйден шығармайды.',
      ],
      // The ad she answered quoted, what befell her told outside the quotes.
      [
        'ru',
        'Девочки, будьте осторожны!!! Моя сестра сейчас в Дубае, поехала по объявлению "хостес 3000$", у неё забрали паспорт и не отпускают. Не ведитесь, репост!',
      ],
    ] as const) {
      const said = saidTo(lang, post);
      const all = said.join('\n');
      expect(said[0], post).toContain(text(lang, 'emergency.heard_close'));
      expect(all, post).toContain(text(lang, 'ad.told'));
      expect(all, post).toContain(text(lang, 'flags.passport_retention.title'));
      expect(all, post).not.toContain(text(lang, 'ad.warning').slice(0, 30));
      // "Your passport stays with you" is for an ad still to answer, not for a passport already gone.
      expect(all, post).not.toContain(text(lang, 'flags.passport_retention.todo'));
    }
  });

  it('reads what she pastes at "send me the ad" as her story when its words mean danger', () => {
    const talk = new Talk(() => deps, 'kk');
    talk.command('ad');
    const said = talk
      .text(
        'апам қытайда, хабарласпай жатыр 2 апта болды, соңғы рет жазғанда ақша төлемесең шығармаймыз деді дейді',
      )
      .replies.map((r) => r.text);
    const all = said.join('\n');
    expect(heardAny('kk', said[0])).toBe(true);
    expect(all).toContain(text('kk', 'ad.told_none'));
    for (const level of RISK_LEVELS) expect(all).not.toContain(text('kk', `verdict.level.${level}`));
    expect(all.split('☎️').length - 1).toBe(1);
  });

  it('after the numbers mid-check, asks to go on only if she is safe and wants to', () => {
    const mid = new Talk(() => deps, 'ru');
    mid.send({ kind: 'open', flow: 'offer-check' });
    mid.answer('considering');
    const said = mid
      .text('слушайте я уже тут в стамбуле, паспорт у них, выходить не дают, говорят должна 2000 долларов')
      .replies.map((r) => r.text);
    expect(said[0]).toContain(text('ru', 'emergency.heard'));
    const resume = said.findIndex((r) => r.includes(text('ru', 'emergency.resume')));
    expect(resume).toBeGreaterThan(0);
    expect(said.slice(resume).join('\n')).toContain(text('ru', 'offer.where.q'));
    expect(mid.lastQuestion()).toBe(text('ru', 'offer.where.q'));
  });

  it('tells a family what it can do, and names the numbers of the country the words name', () => {
    const sister = saidTo(
      'ru',
      'моя сестра уехала в турцию работать официанткой, сейчас она в стамбуле, паспорт у хозяина и ее не отпускают пока не отработает долг за дорогу. что нам делать??',
    );
    expect(sister[0]).toContain(text('ru', 'emergency.heard_close'));
    expect(sister[0]).not.toContain(text('ru', 'emergency.heard'));
    expect(sister[0]).toContain(text('ru', 'emergency.family'));
    const closeBlock = (lang: Lang) => text(lang, 'emergency.block_close').split('{{')[0] as string;
    expect(sister[0]).toContain(closeBlock('ru'));
    expect(sister[0]).toContain(local('ru', 'Турция', '112'));
    const own = saidTo('kk', 'Мен қазір Дубайдамын, жұмыс беруші паспортымды алып қойды, үйден шығармайды.');
    expect(own[0]).toContain(text('kk', 'emergency.heard'));
    expect(own[0]).not.toContain(text('kk', 'emergency.family'));
    expect(own[0]).not.toContain(closeBlock('kk'));
    expect(own[0]).toContain(text('kk', 'emergency.block').split('{{')[0] as string);
    expect(own[0]).toContain(local('kk', 'БАӘ', '999'));
    // Her own words name where she is: kept for an urgent request made next; someone close's are not hers.
    const inDubai = new Talk(() => deps, 'ru');
    inDubai.text('я в Дубае, паспорт забрали, не выпускают');
    expect(inDubai.state?.country).toBe('uae');
    const sisters = new Talk(() => deps, 'ru');
    sisters.text('Моя сестра в Турции, у неё забрали паспорт и не выпускают');
    expect(sisters.state?.country).toBeUndefined();
    // A country typed in Latin letters as Russian is named too ("ya v Dubae").
    expect(saidTo('ru', 'ya v Dubae, pasport zabrali, ne vypuskayut')[0]).toContain(
      local('ru', 'ОАЭ', '999'),
    );
    // Abroad, the country's numbers come before Kazakhstan's, which do not answer there.
    const ownText = own[0] as string;
    expect(ownText.indexOf(local('kk', 'БАӘ', '999'))).toBeGreaterThan(-1);
    expect(ownText.indexOf(local('kk', 'БАӘ', '999'))).toBeLessThan(
      ownText.indexOf(text('kk', 'emergency.block').split('{{')[0] as string),
    );
    // Her own words ("мне", "меня") make it hers, whoever else is named; a name is no country ("Милана").
    const hers = saidTo(
      'ru',
      'Мой брат нашёл мне работу в Дубае, теперь хозяин забрал у меня паспорт и не выпускает из квартиры. Что мне делать?',
    );
    expect(hers[0]).toContain(text('ru', 'emergency.heard'));
    expect(hers[0]).not.toContain(text('ru', 'emergency.family'));
    const named = saidTo(
      'ru',
      'Моя подруга Милана уехала на заработки, теперь у неё забрали паспорт и не отпускают',
    );
    expect(named[0]).toContain(text('ru', 'emergency.heard_close'));
    expect(named[0]).not.toContain('Итали');
    // A relative named without "my", then spoken of as "she": hers to help, not the writer's own danger.
    for (const story of [
      'Подруга в Корее, работодатель держит паспорт, денег не платит, она боится. Как ей помочь?',
      'Мама уехала в Россию на заработки, уже месяц не отпускают, телефон отобрали, она тайком позвонила',
    ]) {
      const said = saidTo('ru', story);
      expect(said[0], story).toContain(text('ru', 'emergency.heard_close'));
      expect(said[0], story).toContain(text('ru', 'emergency.family'));
      expect(said.join('\n'), story).not.toContain(text('ru', 'ad.taken'));
    }
    // A mother named, a country typed in Latin letters.
    const mother = saidTo(
      'ru',
      'Моя мама сейчас в v turcii, у неё забрали паспорт и не отпускают домой, что нам делать',
    );
    expect(mother[0]).toContain(text('ru', 'emergency.heard_close'));
    expect(mother[0]).toContain(local('ru', 'Турция', '112'));
    // Named nowhere: the general block only.
    const nowhere = new Talk(() => deps, 'ru').text('помогите, у меня забрали паспорт и не выпускают');
    expect(nowhere.replies[0]?.text).not.toContain(text('ru', 'help_now.local').split('{{')[0] as string);
  });

  it('takes an age typed at the age question for its answer: under 18 is a minor', () => {
    const at = (typed: string) => {
      const talk = new Talk(() => deps, 'ru');
      talk.send({ kind: 'open', flow: 'offer-check' });
      talk.answer('considering');
      talk.answer('home');
      expect(talk.lastQuestion()).toBe(text('ru', 'offer.age.q'));
      talk.text(typed);
      return talk.state?.active?.answers.age;
    };
    expect(at('мне 17')).toBe('minor');
    expect(at('17')).toBe('minor');
    expect(at('20 жаста')).toBe('adult');
    expect(at('I am 45')).toBe('adult');
    expect(at("I'm 19 years old")).toBe('adult');
    // A button's place is the button; two numbers say no one age, nor does a number with words that turn it.
    expect(at('2')).toBe('minor');
    for (const said of ['мне 17, сестре 20', 'скоро 18', '100$']) expect(at(said), said).toBeUndefined();
    // Said in words around the number: the words' answer.
    for (const said of ['мне нет 18', 'меньше 18 лет', 'under 18', '18-ге толмадым'])
      expect(at(said), said).toBe('minor');
    expect(at('мне больше 18')).toBe('adult');
  });

  it('hears a wish for a person in her own words at the menu: the counsellor form, in every language', () => {
    for (const [lang, words] of [
      ['ru', 'хочу поговорить с человеком'],
      ['ru', 'мне нужен юрист'],
      ['kk', 'кеңесшімен сөйлескім келеді'],
      ['en', 'I want to talk to a counsellor'],
      ['en', 'can I talk to a real person?'],
    ] as const) {
      const talk = new Talk(() => deps, lang);
      talk.command('start');
      talk.text(words);
      expect(talk.state?.active?.flow, words).toBe('callback');
      expect(talk.lastQuestion(), words).toBe(text(lang, 'callback.mode.q'));
    }
    // Not a wish for a person: a job title, a lawyer quoted, the weather.
    for (const [lang, words] of [
      ['ru', 'какая сегодня погода'],
      ['ru', 'ищу работу психологом'],
      ['ru', 'юрист сказал что всё законно'],
      ['en', 'I am a psychologist looking for work abroad'],
    ] as const) {
      const talk = new Talk(() => deps, lang);
      talk.command('start');
      talk.text(words);
      expect(talk.state?.active?.flow, words).not.toBe('callback');
    }
  });

  it('gives the numbers of the place her check was told, when her words of danger name none', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.send({ kind: 'open', flow: 'offer-check' });
    talk.answer('abroad_now');
    talk.answer('gulf');
    const heard = talk.text('помогите он меня запер');
    expect(heardAny('ru', heard.replies[0]?.text)).toBe(true);
    expect(heard.replies[0]?.text).toContain('ОАЭ, Катар: 999');
    // Her own danger: she may be watched, and is told how to keep the chat from being read.
    expect(heard.replies[0]?.text).toContain(text('ru', 'help_now.watched'));
    const relative = saidTo('ru', 'Моя сестра в Турции, у неё забрали паспорт и не выпускают из квартиры');
    expect(relative[0]).toContain(text('ru', 'emergency.heard_close'));
    expect(relative[0]).not.toContain(text('ru', 'help_now.watched'));
    // Her words name another country: that one's numbers, not the check's.
    const turkey = new Talk(() => deps, 'ru');
    turkey.send({ kind: 'open', flow: 'offer-check' });
    turkey.answer('abroad_now');
    turkey.answer('gulf');
    const there = turkey.text('я в Турции, помогите он меня запер');
    expect(there.replies[0]?.text).toContain(local('ru', 'Турция', '112'));
    expect(there.replies[0]?.text).not.toContain('ОАЭ, Катар: 999');
    // At home, weighing a job in the Gulf: no local numbers (the Gulf is where she may go).
    const home = new Talk(() => deps, 'ru');
    home.send({ kind: 'open', flow: 'offer-check' });
    home.answer('considering');
    home.answer('gulf');
    const atHome = home.text('помогите он меня запер');
    expect(heardAny('ru', atHome.replies[0]?.text)).toBe(true);
    expect(atHome.replies[0]?.text).not.toContain(text('ru', 'help_now.local').split('{{')[0] as string);
  });

  it('shows a relative’s story as its signs even with no word of danger, not as an ad to answer', () => {
    const all = saidTo(
      'kk',
      'Апам Оңтүстік Кореяда заңсыз жұмыс істеп жүр, жалақысын бермей жатыр, паспорты жұмыс берушіде. Ол қазір қауіпте ме?',
    ).join('\n');
    expect(all).toContain(text('kk', 'ad.told'));
    expect(all).toContain(text('kk', 'flags.passport_retention.title'));
    expect(all).not.toContain(text('kk', 'ad.summary.critical'));
    for (const level of RISK_LEVELS) expect(all).not.toContain(text('kk', `verdict.level.${level}`));
  });

  it('says "go on with the check" after the numbers only in the offer check', () => {
    const form = new Talk(() => deps, 'ru');
    form.command('start');
    form.answer('counsellor');
    const said = form
      .text('помогите, меня заперли в квартире в алании, паспорт забрали')
      .replies.map((r) => r.text);
    expect(said.join('\n')).not.toContain(text('ru', 'emergency.resume'));
  });

  it('still calls a warning that quotes an ad a warning, with no numbers', () => {
    const all = saidTo(
      'ru',
      'Осторожно, мошенники! Полиция предупреждает: в чатах ходит объявление «Работа в Турции, виза не нужна, паспорт хранится у работодателя». Не отдавайте паспорт.',
    ).join('\n');
    expect(all).toContain(text('ru', 'ad.warning').slice(0, 40));
    expect(all).not.toContain(text('ru', 'emergency.heard'));
    expect(all).not.toContain(text('ru', 'ad.told'));
  });

  it("reads a recruiter's ad in the first person, pasted without its contact, as an ad, not as her story", () => {
    const ad =
      'Отель Lara Sun Palace 5* (Анталья), ТОО «Сапар Тур», Алматы, ул. Абая 10. Вакансии на сезон: официант, зарплата 27 000 TL в месяц, трудовой договор до вылета. ' +
      'Ни я, ни отель НЕ берём денег за трудоустройство. Осторожно, мошенники! Если кто-то просит оплату от моего имени — это мошенники, скидывайте скрин.';
    const all = saidTo('ru', ad).join('\n');
    expect(all).toContain(text('ru', 'ad.taken'));
    expect(all).not.toContain(text('ru', 'ad.told_none'));
  });

  it('reads her own story that reads like an ad (no contact, no call to apply) for words of danger too', () => {
    const story =
      'Здравствуйте, мне нужна помощь. Я сейчас в Турции, приехала работать официанткой по знакомству. Хозяин забрал паспорт, из квартиры не выпускает, говорит что я должна отработать долг за билет и жильё, угрожает что сдаст в полицию. Что мне делать?';
    const first = saidTo('ru', story);
    expect(first[0]).toContain(text('ru', 'emergency.heard'));
    // The verdict still follows, after the numbers.
    expect(first.join('\n')).toContain(text('ru', 'flags.debt_bondage.title'));
    const mid = new Talk(() => deps, 'ru');
    mid.send({ kind: 'open', flow: 'offer-check' });
    mid.answer('considering');
    expect(
      mid
        .text(story)
        .replies.map((r) => r.text)
        .join('\n'),
    ).toContain(text('ru', 'emergency.heard'));
  });

  it('still leaves words of danger that are no ad caught, wherever she is', () => {
    const first = new Talk(() => deps, 'ru').text('Паспорт забрали и не выпускают из общежития');
    expect(first.replies[0]?.text).toContain(text('ru', 'emergency.heard'));
    const pasted = new Talk(() => deps, 'ru');
    pasted.command('ad');
    const turn = pasted.text('у меня забрали паспорт и меня не выпускают отсюда, что мне делать сейчас');
    expect(turn.replies[0]?.text).toContain(text('ru', 'emergency.heard'));
    const caption = new Talk(() => deps, 'en').send({
      kind: 'media',
      media: 'photo',
      caption: 'they took my passport and won’t let me leave',
    });
    expect(caption.replies[0]?.text).toContain(text('en', 'emergency.heard'));
  });
});

describe('words of danger in a picture (a screenshot of her chat)', () => {
  const picture = (words: string, caption?: string): Input => ({
    kind: 'media',
    media: 'photo',
    picture: { text: words },
    ...(caption ? { caption } : {}),
  });
  const CHAT_RU = 'Мама, у меня забрали паспорт, не выпускают из квартиры. Я в Дубае';

  it('brings the numbers as the typed words do: first contact, at the menu, mid-check with her place kept', () => {
    const typed = new Talk(() => deps, 'ru').text(CHAT_RU);
    const first = new Talk(() => deps, 'ru').send(picture(CHAT_RU));
    expect(first.replies[0]?.text).toContain(text('ru', 'emergency.heard'));
    expect(first.replies.map((r) => r.text)).toEqual(typed.replies.map((r) => r.text));
    expect(first.replies[0]?.shortcuts).toEqual(typed.replies[0]?.shortcuts);

    const atMenu = new Talk(() => deps, 'en');
    atMenu.command('start');
    const turn = atMenu.send(picture('They took my passport and won’t let me leave the house'));
    expect(turn.replies[0]?.text).toContain(text('en', 'emergency.heard'));
    expect(atMenu.all()).not.toContain(text('en', 'picture.not_an_ad'));
    expect(atMenu.lastQuestion()).toBe(text('en', 'menu.q'));

    const mid = new Talk(() => deps, 'kk');
    mid.send({ kind: 'open', flow: 'offer-check' });
    mid.answer('considering');
    const inCheck = mid.send(picture('Апа, паспортымды алып қойды, мені шығармайды'));
    expect(inCheck.replies[0]?.text).toContain(text('kk', 'emergency.heard'));
    expect(inCheck.replies.filter((r) => r.text.includes(text('kk', 'emergency.heard')))).toHaveLength(1);
    expect(mid.lastQuestion()).toBe(text('kk', 'offer.where.q'));
    // What was read is not kept: the state holds no word of it.
    expect(JSON.stringify(mid.state)).not.toContain('паспорт');
  });

  it('with a caption of danger too, the numbers come once', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.command('start');
    const turn = talk.send(picture(CHAT_RU, 'сестра прислала, её не выпускают'));
    expect(turn.replies.filter((r) => r.text.includes(text('ru', 'emergency.heard')))).toHaveLength(1);
  });

  it('a picture of an ad is read as an ad, its words of danger in its verdict; a meme is "not an ad" as before', () => {
    const ad = new Talk(() => deps, 'ru');
    ad.command('start');
    const turn = ad.send(
      picture(
        'Требуются девушки в Дубай, зарплата 3000$. Работодатель забирает паспорт на время контракта. Выходить из общежития запрещено. Пишите в WhatsApp',
      ),
    );
    expect(turn.replies[0]?.text).toBe(text('ru', 'ad.taken'));
    expect(ad.all()).not.toContain(text('ru', 'emergency.heard'));
    expect(ad.all()).toContain(text('ru', 'flags.passport_retention.title'));

    const meme = new Talk(() => deps, 'ru');
    meme.command('start');
    const read = meme.send(picture('Когда в пятницу наконец-то вечер и можно отдохнуть'));
    expect(read.replies[0]?.text).toBe(text('ru', 'picture.not_an_ad'));
    expect(meme.all()).not.toContain(text('ru', 'emergency.heard'));
  });
});

describe('ads in the dialogue, the edges', () => {
  it('waits for a real ad after /ad, and /cancel or the menu button leads out', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.command('ad');
    const hello = talk.text('привет');
    expect(hello.replies[0]?.text).toBe(text('ru', 'ad.not_an_ad'));
    expect(talk.state?.active?.step).toBe('paste');
    expect(hello.replies.at(-1)?.shortcuts?.[0]?.data).toBe('M:menu');
    talk.command('cancel');
    expect(talk.lastQuestion()).toBe(text('ru', 'menu.q'));
    talk.command('ad');
    talk.send({ kind: 'button', data: 'M:menu' });
    expect(talk.lastQuestion()).toBe(text('ru', 'menu.q'));
  });

  it('does not take a chat message about work for an ad', () => {
    const talk = new Talk(() => deps, 'en');
    talk.command('start');
    const turn = talk.text('Hi, my friend offered me a job in Korea and I want to know if it is safe to go');
    expect(turn.replies.map((r) => r.text)).not.toContain(text('en', 'ad.taken'));
    expect(turn.replies[0]?.text).toBe(text('en', 'menu.free_text'));
  });

  it('keeps what the ad said in the verdict of the check that follows it', () => {
    const talk = new Talk(() => deps, 'en');
    talk.command('ad');
    talk.text(
      'Work in Seoul! Tourist visa, we sort the papers there. Salary $2500. Write only on WhatsApp +82 10 1234 5678',
    );
    const go = talk.answer('check');
    expect(go.replies[0]?.text).toBe(text('en', 'ad.prefilled_one').replace('{{count}}', '1'));
    for (let i = 0; i < 40 && talk.lastQuestion() !== text('en', 'verdict.next.q'); i++) talk.answer('dk');
    expect(talk.all()).toContain(text('en', 'flags.wrong_visa.title'));
  });

  it('does not announce a warning about scams as an ad, and reads a very long paste', () => {
    const talk = new Talk(() => deps, 'ru');
    talk.command('start');
    const warning = talk.text(
      'Осторожно! Вербовщики пишут так: «Девушки до 25 лет, Дубай, без опыта, 3000$, визу оформим на месте». Не верьте, это торговля людьми.',
    );
    expect(warning.replies.map((r) => r.text)).not.toContain(text('ru', 'ad.taken'));
    const long = new Talk(() => deps, 'ru');
    long.command('start');
    const turn = long.text(`Требуются девушки в Дубай, без опыта, 3000$. ${'Работа в офисе. '.repeat(700)}`);
    expect(turn.replies.map((r) => r.text).join('\n')).toContain(
      text('ru', 'verdict.level.high').slice(0, 4),
    );
    expect(long.lastQuestion()).toBe(text('ru', 'ad.next.q'));
  });
});
