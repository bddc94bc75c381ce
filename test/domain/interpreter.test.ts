import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answer,
  begin,
  evaluate,
  type FlowState,
  findings,
  resume,
} from '../../src/domain/flow/interpreter.js';
import { type Flow, isQuestion, type Step } from '../../src/domain/flow/schema.js';
import { parseFlow, validateFlows } from '../../src/domain/flow/validate.js';
import { realFlows } from '../helpers/content.js';

const tiny = parseFlow(
  `
id: tiny
version: 1
kind: check
title: offer.title
steps:
  - { id: hello, kind: message, text: offer.intro }
  - id: where
    kind: choice
    text: offer.where.q
    unknown: offer.where.dk
    options:
      - { id: home, text: offer.where.home }
      - { id: far, text: offer.where.europe, flags: [abroad] }
  - id: visa
    kind: choice
    when: { answer: where, in: [far] }
    text: offer.visa.q
    unknown: offer.visa.dk
    options:
      - { id: work, text: offer.visa.work }
      - id: tourist
        text: offer.visa.tourist
        flags: [wrong_visa, { flag: upfront_fees, when: { answer: where, in: [far] } }]
  - { id: verdict, kind: action, action: verdict }
`,
  'tiny.yaml',
);

describe('the flow interpreter', () => {
  it('asks in order, skips what does not apply, reports the verdict action, then ends', () => {
    const start = begin(tiny);
    expect(start.events.map((e) => e.type)).toEqual(['say', 'ask']);
    const home = answer(tiny, start.state as FlowState, { option: 'home' });
    expect(home.ok && home.events).toEqual([
      { type: 'action', action: 'verdict', from: expect.objectContaining({ answers: { where: 'home' } }) },
      { type: 'end' },
    ]);
    const far = answer(tiny, start.state as FlowState, { option: 'far' });
    expect(far.ok && far.state?.step).toBe('visa');
  });

  it('offers "I don\'t know" last and turns it into advice', () => {
    const start = begin(tiny);
    const ask = start.events.find((e) => e.type === 'ask');
    expect(ask?.type === 'ask' && ask.options.map((o) => o.id)).toEqual(['home', 'far', 'dk']);
    const dk = answer(tiny, start.state as FlowState, { option: 'dk' });
    expect(dk.ok).toBe(true);
    expect(findings(tiny, { where: 'dk' })).toEqual({ flags: [], unknowns: ['offer.where.dk'], answered: 1 });
  });

  it('raises flags from answers, conditional flags only when their condition holds', () => {
    expect(findings(tiny, { where: 'far', visa: 'tourist' }).flags).toEqual([
      'abroad',
      'wrong_visa',
      'upfront_fees',
    ]);
    // An answer to a question that no longer applies does not count.
    expect(findings(tiny, { where: 'home', visa: 'tourist' }).flags).toEqual([]);
  });

  it('refuses answers that are not options, and text where a choice is expected', () => {
    const { state } = begin(tiny);
    expect(answer(tiny, state as FlowState, { option: 'mars' })).toMatchObject({
      ok: false,
      reason: 'not_an_option',
    });
    expect(answer(tiny, state as FlowState, { text: 'hello' })).toMatchObject({
      ok: false,
      reason: 'expects_choice',
    });
  });

  it('evaluates conditions as data', () => {
    const a = { x: '1', y: '2' };
    expect(
      evaluate(
        {
          all: [
            { answer: 'x', in: ['1'] },
            { answer: 'y', notIn: ['3'] },
          ],
        },
        a,
      ),
    ).toBe(true);
    expect(evaluate({ any: [{ answer: 'x', in: ['2'] }, { not: { answer: 'y', in: ['2'] } }] }, a)).toBe(
      false,
    );
    // Unanswered: `in` is false, `notIn` is true.
    expect(evaluate({ answer: 'z', in: ['1'] }, a)).toBe(false);
    expect(evaluate({ answer: 'z', notIn: ['1'] }, a)).toBe(true);
  });

  it('finds dangling gotos, unreachable steps, bad conditions and questions without "I don\'t know"', () => {
    const broken = parseFlow(
      `
id: broken
version: 1
kind: check
title: offer.title
steps:
  - { id: a, kind: choice, text: offer.where.q, when: { answer: b, in: [x] }, options: [{ id: x, text: common.yes, flags: [nonsense] }] }
  - { id: b, kind: goto, to: nowhere }
  - { id: c, kind: end }
  - { id: d, kind: message, text: offer.intro }
`,
      'broken.yaml',
    );
    const problems = validateFlows([broken]).map((p) => p.problem);
    expect(problems).toEqual(
      expect.arrayContaining([
        'step "a": condition on "b", which is not a question of this flow',
        'step "a": a question of a check must offer "I don\'t know" (add `unknown:` advice)',
        'step "a", option "x": unknown red flag "nonsense"',
        'step "b": goto to unknown step "nowhere"',
        'step "d" can never be reached',
      ]),
    );
  });

  it('rejects a flow that breaks the schema, naming the place', () => {
    expect(() => parseFlow('id: x\nversion: 0\nkind: check\ntitle: a.b\nsteps: []', 'x.yaml')).toThrow(
      /x.yaml: version/,
    );
    expect(() => parseFlow('id: [', 'y.yaml')).toThrow(/y.yaml: not valid YAML/);
  });
});

// --- Properties ------------------------------------------------------------------------------------------

const offer = realFlows().get('offer-check') as Flow;

/** Answers the real check by picking, at each question, the option the generator chose (modulo count). */
function walk(flow: Flow, picks: number[]): { state: FlowState | null; answered: Record<string, string> } {
  let { state, events } = begin(flow);
  for (const pick of picks) {
    if (!state) break;
    const ask = events.findLast((e) => e.type === 'ask');
    if (ask?.type !== 'ask') throw new Error('no prompt while the flow is running');
    const option = ask.options[pick % ask.options.length];
    const result = answer(flow, state, { option: option?.id ?? 'dk' });
    if (!result.ok) throw new Error('a visible option was refused');
    ({ state, events } = result);
  }
  return { state, answered: state?.answers ?? {} };
}

describe('interpreter properties', () => {
  it('never throws, and always yields a prompt or an end, whatever the input', () => {
    // Mostly real answers (an index into the options shown), mixed with garbage of every kind.
    const input = fc.oneof(
      { weight: 8, arbitrary: fc.nat().map((n) => ({ pick: n })) },
      fc.record({ option: fc.string({ maxLength: 30 }) }),
      fc.record({ text: fc.string({ maxLength: 5000 }) }),
    );
    let ended = 0;
    fc.assert(
      fc.property(fc.array(input, { minLength: 30, maxLength: 90 }), (inputs) => {
        let { state, events } = begin(offer);
        for (const i of inputs) {
          if (!state) break;
          const ask = events.findLast((e) => e.type === 'ask');
          const given =
            'pick' in i && ask?.type === 'ask'
              ? { option: ask.options[i.pick % ask.options.length]?.id ?? '' }
              : i;
          const result = answer(offer, state, given as { option: string } | { text: string });
          if (!result.ok) {
            expect(result.state).toBe(state);
            continue;
          }
          ({ state, events } = result);
          // Waiting: the last event asks. Ended: it ends, runs an action or starts another flow.
          const last = events.at(-1)?.type;
          if (state) expect(last).toBe('ask');
          else expect(['end', 'action', 'start']).toContain(last);
        }
        if (!state) ended++;
      }),
      { numRuns: 300 },
    );
    // The generator does reach the end of the check, not only its first questions.
    expect(ended).toBeGreaterThan(10);
  });

  it('keeps every answer through any edit that keeps their question ids, and asks only unanswered questions', () => {
    const newQuestion = (id: string): Step => ({
      id,
      kind: 'choice',
      text: 'offer.secrecy.q',
      unknown: 'offer.secrecy.dk',
      options: [{ id: 'yes', text: 'common.yes' }],
    });
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (picks, inserts, removals) => {
          const { state, answered } = walk(offer, picks);
          if (!state) return;
          // Remove some unanswered questions (not the verdict machinery), insert new ones anywhere.
          let steps = [...offer.steps];
          for (const r of removals) {
            const candidates = steps.filter(
              (s) => isQuestion(s) && answered[s.id] === undefined && !(s.kind === 'choice' && s.menu),
            );
            const victim = candidates[r % Math.max(candidates.length, 1)];
            if (victim) steps = steps.filter((s) => s !== victim);
          }
          inserts.forEach((at, n) => {
            steps.splice(at % steps.length, 0, newQuestion(`new_${n}`));
          });
          // Conditions on removed questions now name nothing: drop those removals' dependants' conditions.
          const ids = new Set(steps.map((s) => s.id));
          steps = steps.map((s) =>
            s.when &&
            JSON.stringify(s.when)
              .match(/"answer":"(\w+)"/g)
              ?.some((m) => !ids.has(m.slice(10, -1)))
              ? { ...s, when: undefined }
              : s,
          ) as Step[];
          const edited: Flow = { ...offer, version: offer.version + 1, steps };
          const resumed = resume(edited, state);
          // Nothing was answered that the edit dropped, so the flow cannot have ended: it waits on a question.
          expect(resumed.state).not.toBeNull();
          for (const [q, a] of Object.entries(answered)) expect(resumed.state?.answers[q]).toBe(a);
          // The answers still count: as many questions answered, and every red flag they raised.
          const before = findings(offer, answered);
          const after = findings(edited, resumed.state?.answers ?? {});
          expect(after.answered).toBeGreaterThanOrEqual(before.answered);
          for (const flag of before.flags) expect(after.flags).toContain(flag);
          const ask = resumed.events.findLast((e) => e.type === 'ask');
          if (ask?.type === 'ask' && !(ask.step.kind === 'choice' && ask.step.menu)) {
            expect(answered[ask.step.id]).toBeUndefined();
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
