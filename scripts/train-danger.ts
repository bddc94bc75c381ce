import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../src/cli/paths.js';
import { tokenize } from '../src/domain/danger/fold.js';
import { findHits } from '../src/domain/danger/hits.js';
import { type DangerModel, type Example, lexiconDigest, score, train } from '../src/domain/danger/model.js';
import { readDangerWith } from '../src/domain/danger/read.js';
import { MODEL_DANGER, modelFeatures } from '../src/domain/danger/second.js';
import { loadDangerLexicon } from '../src/infra/content.js';
import { OPEN_DANGER_DIR, readDangerCorpus } from './danger-corpus.js';

const LEXICON = loadDangerLexicon();

/**
 * `npm run train:danger`: trains the second opinion on danger (src/domain/danger/model.ts) on the open part
 * of the strangers' corpus only (never the sealed part) and writes src/domain/danger/model.json.
 * `-- --cross`: leave one writer out instead: each writer's texts are read by a model trained without
 * them, beside the words of danger, as a new writer's would be; nothing is written.
 */
export const MODEL_FILE = join(ROOT, 'src', 'domain', 'danger', 'model.json');

interface Text {
  id: string;
  /** The writer, or none for the project's own ads (always trained on). */
  writer?: string;
  danger: boolean;
  ad: boolean;
  text: string;
}

/** The training texts, in a fixed order: the open messages, the open ads, the project's own ads. */
export function trainingTexts(): Text[] {
  const texts: Text[] = readDangerCorpus(OPEN_DANGER_DIR).map((m) => ({
    id: m.id,
    writer: m.id.split('-')[0],
    danger: m.danger,
    ad: false,
    text: m.text,
  }));
  const adFolders: [string, boolean][] = [
    [join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'ads'), true],
    [join(ROOT, 'test', 'fixtures', 'ads'), false],
  ];
  for (const [folder, byWriter] of adFolders) {
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      for (const ad of parseYaml(readFileSync(join(folder, file), 'utf8')) as {
        id: string;
        text: string;
      }[]) {
        texts.push({
          id: ad.id,
          ...(byWriter ? { writer: ad.id.split('-')[0] } : {}),
          danger: false,
          ad: true,
          text: ad.text,
        });
      }
    }
  }
  return texts;
}

const example = (t: Text): Example => {
  const tokens = tokenize(t.text);
  return { features: modelFeatures(tokens, findHits(LEXICON, tokens)).map((f) => f.key), danger: t.danger };
};

/** The model trained on these texts. */
export function trainOn(texts: readonly Text[]): DangerModel {
  const messages = texts.filter((t) => !t.ad);
  return train(texts.map(example), {
    messages: messages.length,
    inDanger: messages.filter((t) => t.danger).length,
    ads: texts.length - messages.length,
    writers: new Set(texts.flatMap((t) => (t.writer ? [t.writer] : []))).size,
    lexicon: lexiconDigest(LEXICON.entries),
  });
}

/** Leave one writer out: recall and false alarms of the rules alone and with the model, on messages and ads. */
function cross(texts: readonly Text[]): string {
  const writers = [...new Set(texts.flatMap((t) => (t.writer ? [t.writer] : [])))];
  const tally = {
    pos: 0,
    rules: 0,
    model: 0,
    both: 0,
    modelFa: 0,
    rulesAds: 0,
    asked: 0,
    neg: 0,
    rulesFa: 0,
    bothFa: 0,
    negAsked: 0,
    ads: 0,
    adsFa: 0,
  };
  for (const writer of writers) {
    const model = trainOn(texts.filter((t) => t.writer !== writer));
    for (const t of texts.filter((x) => x.writer === writer)) {
      const alone = readDangerWith(LEXICON, t.text, undefined);
      const both = readDangerWith(LEXICON, t.text, model);
      const tokens = tokenize(t.text);
      const modelAlone =
        score(model, modelFeatures(tokens, findHits(LEXICON, tokens)), tokens.length).p >= MODEL_DANGER;
      if (t.ad) {
        tally.ads++;
        if (both.danger) tally.adsFa++;
        if (alone.danger) tally.rulesAds++;
      } else if (t.danger) {
        tally.pos++;
        if (alone.danger) tally.rules++;
        if (both.danger) tally.both++;
        else if (both.ask) tally.asked++;
        if (modelAlone) tally.model++;
      } else {
        tally.neg++;
        if (alone.danger) tally.rulesFa++;
        if (both.danger) tally.bothFa++;
        if (modelAlone) tally.modelFa++;
        if (!both.danger && both.ask) tally.negAsked++;
      }
    }
    process.stderr.write('.');
  }
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
  return [
    `leave one writer out, ${writers.length} writers:`,
    `  in danger, read as danger: rules alone ${pct(tally.rules, tally.pos)}, the model alone (no length or question guard) ${pct(tally.model, tally.pos)}, both ${pct(tally.both, tally.pos)}; asked instead ${tally.asked}`,
    `  not in danger, alarmed:    rules alone ${pct(tally.rulesFa, tally.neg)}, the model alone ${pct(tally.modelFa, tally.neg)}, both ${pct(tally.bothFa, tally.neg)}; asked ${tally.negAsked}`,
    `  job ads read as danger:    rules alone ${pct(tally.rulesAds, tally.ads)}, both ${pct(tally.adsFa, tally.ads)}`,
    '  (the rules were tuned on every open writer: "rules alone" is not a first sight; the model\'s part is)',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cross: { type: 'boolean' } } });
  const texts = trainingTexts();
  if (values.cross) process.stdout.write(`\n${cross(texts)}\n`);
  else {
    const model = trainOn(texts);
    writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 1)}\n`);
    process.stdout.write(
      `wrote ${MODEL_FILE}: ${Object.keys(model.weights).length} weights from ${model.trainedOn.messages} messages and ${model.trainedOn.ads} ads\n`,
    );
  }
}
