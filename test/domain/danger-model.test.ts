import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_FILE, trainingTexts, trainOn } from '../../scripts/train-danger.js';
import { DIRS } from '../../src/cli/paths.js';
import { tokenize } from '../../src/domain/danger/fold.js';
import { findHits } from '../../src/domain/danger/hits.js';
import { type DangerModel, features, roundWeight, train } from '../../src/domain/danger/model.js';
import { readDangerWith } from '../../src/domain/danger/read.js';
import { dangerLexicon } from '../helpers/danger.js';

const keysOf = (text: string) => {
  const tokens = tokenize(text);
  return new Set(features(tokens, findHits(dangerLexicon, tokens)).map((f) => f.key));
};
/** A model that says the same probability of every text: 1 / (1 + e^-bias). */
const constant = (bias: number): DangerModel => ({
  trainedOn: { messages: 0, inDanger: 0, ads: 0, writers: 0, lexicon: '' },
  bias,
  weights: {},
});

describe('the second opinion on danger', () => {
  it('is the model npm run train:danger makes from the open part today (retrain when this fails)', () => {
    const committed = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as DangerModel;
    const texts = trainingTexts();
    expect(texts.some((t) => t.id.startsWith('w1-'))).toBe(true);
    expect(JSON.stringify(trainOn(texts))).toBe(JSON.stringify(committed));
  }, 120_000);

  it('trains on no writer of the sealed part', () => {
    const sealed = ['ads', 'danger'].flatMap((set) =>
      readdirSync(join(import.meta.dirname, '..', 'fixtures', 'corpus', 'sealed', set)).map((f) =>
        f.replace(/\.yaml$/, ''),
      ),
    );
    expect(sealed.length).toBeGreaterThan(0);
    const writers = new Set(trainingTexts().map((t) => t.writer));
    expect(sealed.filter((w) => writers.has(w))).toEqual([]);
  });

  it('reads pieces of words, so spellings and endings share them', () => {
    const cyrillic = keysOf('забрали');
    const latin = keysOf('zabrali');
    const shared = [...cyrillic].filter((k) => latin.has(k));
    expect(shared.length / cyrillic.size).toBeGreaterThan(0.6);
    const stem = [...keysOf('паспорт')].filter((k) => k.startsWith('c '));
    expect(stem.length).toBeGreaterThan(2);
    for (const k of stem) expect(keysOf('паспортымды алып қойды').has(k)).toBe(true);
    expect([...keysOf('не выпускают')].filter((k) => k.startsWith('k'))).toContain('kletGo-');
  });

  it('hears danger that the words of danger alone miss, and quotes the words that weighed most', () => {
    // The real model's worth is held by the sealed floor (danger-corpus.test.ts: rules alone read 0.923);
    // here a model of two pieces shows how a reading is made and quoted.
    const text = 'хочу уехать домой но они говорят я должна еще 2000';
    expect(readDangerWith(dangerLexicon, text, undefined).danger).toBe(false);
    const pieces: DangerModel = { ...constant(-1), weights: { cdolj: 2.5, comoi: 0.5 } };
    const reading = readDangerWith(dangerLexicon, text, pieces);
    expect(reading.danger).toBe(true);
    expect(reading.evidence).toEqual(['домой но они говорят я должна']);
    expect(readDangerWith(dangerLexicon, text, { ...pieces, weights: { comoi: 0.5 } }).danger).toBe(false);
  });

  it('alarms from its threshold, only on a message of some words that tells, not only asks', () => {
    const text = 'у меня всё сложно, не знаю что делать';
    expect(readDangerWith(dangerLexicon, text, constant(3))).toMatchObject({ danger: true, ask: false });
    expect(readDangerWith(dangerLexicon, text, constant(1))).toMatchObject({
      danger: false,
      ask: false,
      evidence: [],
    });
    expect(readDangerWith(dangerLexicon, text, constant(-3))).toMatchObject({
      danger: false,
      ask: false,
      evidence: [],
    });
    expect(readDangerWith(dangerLexicon, 'у меня всё сложно', constant(3)).danger).toBe(false);
    expect(
      readDangerWith(dangerLexicon, 'что мне делать, если всё сложно и страшно?', constant(3)).danger,
    ).toBe(false);
  });

  it('never takes away: the rules’ danger stays, and a story from years ago stays calm', () => {
    expect(readDangerWith(dangerLexicon, 'у меня забрали паспорт и не выпускают', constant(-20)).danger).toBe(
      true,
    );
    const past = 'пять лет назад у меня забрали паспорт в Дубае, теперь всё хорошо';
    expect(readDangerWith(dangerLexicon, past, constant(20))).toMatchObject({ danger: false, ask: false });
  });

  it('trains the same weights from the same examples', () => {
    const examples = [
      { features: ['ca', 'cb'], danger: true },
      { features: ['cb', 'cc'], danger: false },
    ];
    const on = { messages: 2, inDanger: 1, ads: 0, writers: 1, lexicon: '' };
    const a = train(examples, on);
    expect(a).toEqual(train(examples, on));
    expect(a.weights.ca).toBeGreaterThan(0);
    expect(a.weights.cc).toBeLessThan(0);
  });
});

describe('the weights as written', () => {
  const retired = ['32', '52'].join('');
  it('never spell the hotline area code retired in 2006, in a weight rounded or in a committed model', () => {
    expect(roundWeight(-0.32521)).toBe(-0.3251);
    expect(roundWeight(1.3252)).toBe(1.3251);
    expect(roundWeight(0.12345)).toBe(0.1235);
    for (const file of ['src/domain/danger/model.json', 'src/domain/ads/offer-model.json'])
      expect(readFileSync(join(DIRS.root, file), 'utf8').includes(retired), file).toBe(false);
  });
});
