import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DialogueDeps,
  handle,
  type Input,
  type PersonState,
  type StatEvent,
  type Turn,
} from '../../src/domain/dialogue/index.js';
import { countersFor } from '../../src/domain/stats.js';
import { corpusAds } from '../helpers/ad-text.js';
import { deps as makeDeps } from '../helpers/content.js';

let deps: DialogueDeps;
beforeAll(async () => {
  deps = await makeDeps();
});

/** A person talking to the engine, with every anonymous count the turns gave. */
function talk(now = 1) {
  let state: PersonState | null = null;
  let last: Turn | undefined;
  const stats: StatEvent[] = [];
  const send = (input: Input): Turn => {
    last = handle(deps, state, input, { now, platformLang: 'ru', newId: () => 'req0xxxxxx' });
    state = last.state;
    stats.push(...last.stats);
    return last;
  };
  const answer = (option: string) => {
    const c = last?.replies
      .findLast((r) => r.choices?.length)
      ?.choices?.find((x) => x.data.endsWith(`:${option}`));
    if (!c) throw new Error(`no ${option}`);
    return send({ kind: 'button', data: c.data });
  };
  const count = (kind: StatEvent['kind']) => stats.filter((s) => s.kind === kind).length;
  const asked = () => stats.flatMap((s) => (s.kind === 'asked' ? [s.step] : []));
  return { send, answer, count, asked, stats };
}

describe('the figures of the offer check', () => {
  it('count a check started from the menu, from --flow and from an ad alike', () => {
    const menu = talk();
    menu.send({ kind: 'command', command: 'start' });
    menu.answer('check');
    expect(menu.count('check_started')).toBe(1);

    const flow = talk();
    flow.send({ kind: 'open', flow: 'offer-check' });
    expect(flow.count('check_started')).toBe(1);

    const ad = talk();
    ad.send({ kind: 'command', command: 'ad' });
    ad.send({ kind: 'text', text: corpusAds[0] ?? '' });
    ad.answer('check');
    expect(ad.count('check_started')).toBe(1);
  });

  it('count each question reached once, not when it is shown again after /help', () => {
    const p = talk();
    p.send({ kind: 'open', flow: 'offer-check' });
    const first = p.asked();
    expect(first).toHaveLength(1);
    p.send({ kind: 'command', command: 'help' });
    expect(p.asked()).toEqual(first);
    p.answer('considering');
    expect(p.asked()).toHaveLength(2);
    expect(new Set(p.asked()).size).toBe(2);
    // As counters: `<lang>:asked:<question>`, nothing about the person.
    const fields = countersFor(p.stats, 'ru');
    expect(fields[`ru:asked:${first[0]}`]).toBe(1);
    expect(fields['ru:checks:started']).toBe(1);
    expect(Object.keys(fields).every((f) => /^ru:[a-z_:.-]+$/i.test(f))).toBe(true);
  });
});
