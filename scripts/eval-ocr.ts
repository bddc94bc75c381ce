import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/cli/paths.js';
import { type AdVerdict, analyzeAd } from '../src/domain/ads/analyze.js';
import { loadLexicon } from '../src/infra/content.js';
import { PictureReader, tesseractAvailable } from '../src/infra/ocr.js';
import { type LabelledAd, readCorpus } from './ad-corpus.js';
import { drawnText, HELD_OUT_STYLES, renderAd, STYLES, type Style, seedOf } from './ocr-render.js';

/**
 * `npm run eval:ocr`: the ads of the project's own corpus and of the strangers' open part (never the
 * sealed part) drawn as pictures in several styles, read by the OCR module as a person's picture is,
 * with and without preprocessing, and the analyzer's verdict on the picture compared with its verdict
 * on the text: the risk level kept, the flags kept (and added), the character error rate per language.
 * `--sample N` ads (default 150, spread over both corpora, one style each in turn), `--all` every ad.
 * Each ad is drawn once more in a held-out style (`HELD_OUT_STYLES`, never used to develop the
 * preprocessing), reported apart: how the reading does on pictures unlike those it was tuned on.
 *
 * `--set sealed`: the strangers' sealed ads instead (test/fixtures/corpus/sealed/ads, never used for
 * the reading's development), each drawn in every style, the held-out ones too, and read as a person's
 * picture is (preprocessed). It prints aggregates and the ids of misses only, never an ad's text or what
 * was read from its picture (a render or reading that throws is counted, its message not shown).
 * `--sample N` takes the first N of them in a fixed pseudo-random order (a hash of the id), chosen
 * before anything is read. `--every-style` does the same on the open set (its time, not its figures).
 */
const { values } = parseArgs({
  options: {
    sample: { type: 'string' },
    all: { type: 'boolean' },
    json: { type: 'boolean' },
    set: { type: 'string', default: 'open' },
    'every-style': { type: 'boolean' },
  },
});
if (values.set !== 'open' && values.set !== 'sealed') {
  process.stderr.write(`eval:ocr: --set is open or sealed\n`);
  process.exit(2);
}
const sealed = values.set === 'sealed';
/** Every ad in every style, preprocessed only, aggregates and ids of misses: the sealed set's blind run. */
const everyStyle = sealed || values['every-style'] === true;
if (!tesseractAvailable()) {
  process.stderr.write(
    'eval:ocr: tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)\n',
  );
  process.exit(2);
}

const ads: LabelledAd[] = sealed
  ? readCorpus(join(ROOT, 'test', 'fixtures', 'corpus', 'sealed', 'ads'))
  : [
      ...readCorpus(join(ROOT, 'test', 'fixtures', 'ads')),
      ...readCorpus(join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'ads')),
    ];
// A deterministic sample: ordered by a hash of the id, so each run reads the same ads.
const sorted = [...ads].sort((a, b) => seedOf(a.id) - seedOf(b.id));
const size = values.sample === undefined ? (sealed ? sorted.length : 150) : Number(values.sample);
const sample = values.all ? sorted : sorted.slice(0, size);
const ALL_STYLES: readonly Style[] = [...STYLES, ...HELD_OUT_STYLES];
const lexicon = loadLexicon();

function levenshtein(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

interface Tally {
  ads: number;
  riskKept: number;
  flagsText: number;
  flagsKept: number;
  flagsAdded: number;
  empty: number;
  errors: number;
  chars: number;
  ms: number[];
}
const tally = (): Tally => ({
  ads: 0,
  riskKept: 0,
  flagsText: 0,
  flagsKept: 0,
  flagsAdded: 0,
  empty: 0,
  errors: 0,
  chars: 0,
  ms: [],
});

function count(t: Tally, truth: AdVerdict, read: AdVerdict, expected: string, got: string, ms: number) {
  t.ads++;
  if (truth.risk === read.risk) t.riskKept++;
  const want = new Set(truth.flags.map((f) => f.id));
  const have = new Set(read.flags.map((f) => f.id));
  t.flagsText += want.size;
  for (const f of want) if (have.has(f)) t.flagsKept++;
  for (const f of have) if (!want.has(f)) t.flagsAdded++;
  if (got === '') t.empty++;
  t.errors += levenshtein(expected, drawnText(got));
  t.chars += expected.length;
  t.ms.push(ms);
}

const modes: Record<string, PictureReader> = everyStyle
  ? { preprocessed: new PictureReader({ preprocess: true }) }
  : {
      preprocessed: new PictureReader({ preprocess: true }),
      raw: new PictureReader({ preprocess: false }),
    };
const results: Record<
  string,
  { all: Tally; byLang: Map<string, Tally>; byStyle: Map<string, Tally>; heldOut: Map<string, Tally> }
> = {};
for (const mode of Object.keys(modes))
  results[mode] = { all: tally(), byLang: new Map(), byStyle: new Map(), heldOut: new Map() };
/** With every style: the six main styles apart (the open figure's styles), and what was missed, by id. */
const mainStyles = tally();
interface Miss {
  id: string;
  style: Style;
  /** The risk levels of the verdicts on the text and on the picture (levels, never words). */
  textRisk: string;
  pictureRisk: string;
  lost: string[];
  added: string[];
}
const misses: Miss[] = [];
/** Pictures whose drawing or reading threw (the message is not shown: it might quote the ad). */
const crashed: { id: string; style: Style }[] = [];
/** How each reading ended (text, empty, failed: the time limit, refused, busy). */
const endings = new Map<string, number>();

/** Reads one picture in each mode and counts it: in the main figures, or apart for a held-out style. */
async function readAndCount(picture: Buffer, ad: LabelledAd, style: Style, heldOut: boolean) {
  const truth = analyzeAd(lexicon, ad.text);
  const expected = drawnText(ad.text);
  for (const [mode, reader] of Object.entries(modes)) {
    const t0 = performance.now();
    const reading = await reader.read(picture);
    const ms = performance.now() - t0;
    const got = reading.kind === 'text' ? reading.text : '';
    if (everyStyle) endings.set(reading.kind, (endings.get(reading.kind) ?? 0) + 1);
    const read = analyzeAd(lexicon, got);
    const r = results[mode] as (typeof results)[string];
    if (everyStyle) {
      // Every style is blind here: all count in the figures, by language and by style.
      count(r.all, truth, read, expected, got, ms);
      if ((STYLES as readonly string[]).includes(style)) count(mainStyles, truth, read, expected, got, ms);
      for (const [map, key] of [
        [r.byLang, ad.lang],
        [r.byStyle, style],
      ] as const) {
        if (!map.has(key)) map.set(key, tally());
        count(map.get(key) as Tally, truth, read, expected, got, ms);
      }
      const want = new Set(truth.flags.map((f) => f.id));
      const have = new Set(read.flags.map((f) => f.id));
      const lost = [...want].filter((f) => !have.has(f));
      const added = [...have].filter((f) => !want.has(f));
      if (truth.risk !== read.risk || lost.length || added.length)
        misses.push({ id: ad.id, style, textRisk: truth.risk, pictureRisk: read.risk, lost, added });
      continue;
    }
    const parts: [Map<string, Tally>, string][] = heldOut
      ? [[r.heldOut, style]]
      : [
          [r.byLang, ad.lang],
          [r.byStyle, style],
        ];
    if (!heldOut) count(r.all, truth, read, expected, got, ms);
    for (const [map, key] of parts) {
      if (!map.has(key)) map.set(key, tally());
      count(map.get(key) as Tally, truth, read, expected, got, ms);
    }
  }
}

const started = performance.now();
let next = 0;
/** Every ad in every style: the pictures in order, ad by ad; progress (counts only) on standard error. */
const jobs = everyStyle ? sample.flatMap((ad) => ALL_STYLES.map((style) => ({ ad, style }))) : [];
let done = 0;
async function everyStyleWorker(): Promise<void> {
  for (;;) {
    const job = jobs[next++];
    if (!job) return;
    try {
      await readAndCount(await renderAd(job.ad.text, job.style), job.ad, job.style, false);
    } catch {
      crashed.push({ id: job.ad.id, style: job.style });
    }
    if (++done % 100 === 0)
      process.stderr.write(
        `eval:ocr: ${done} of ${jobs.length} pictures, ${Math.round((performance.now() - started) / 1000)} s\n`,
      );
  }
}
async function worker(): Promise<void> {
  if (everyStyle) return everyStyleWorker();
  for (;;) {
    const i = next++;
    const ad = sample[i];
    if (!ad) return;
    const style = STYLES[i % STYLES.length] as Style;
    await readAndCount(await renderAd(ad.text, style), ad, style, false);
    const held = HELD_OUT_STYLES[i % HELD_OUT_STYLES.length] as Style;
    await readAndCount(await renderAd(ad.text, held), ad, held, true);
  }
}
await Promise.all(Array.from({ length: availableParallelism() }, () => worker()));

const pct = (a: number, b: number) => `${((a / Math.max(b, 1)) * 100).toFixed(1)}%`;
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0);
};
const row = (name: string, t: Tally) =>
  `| ${name} | ${t.ads} | ${pct(t.riskKept, t.ads)} | ${pct(t.flagsKept, t.flagsText)} | ${t.flagsAdded} | ${pct(t.errors, t.chars)} | ${t.empty} | ${q(t.ms, 0.5)} / ${q(t.ms, 0.99)} ms |`;
const pictures = everyStyle ? jobs.length : sample.length * 2;
const runs = Object.fromEntries(
  Object.entries(modes).map(([mode, reader]) => [mode, Math.round((reader.runs / pictures) * 100) / 100]),
);
const byId = (a: { id: string; style: string }, b: { id: string; style: string }) =>
  a.id.localeCompare(b.id) || a.style.localeCompare(b.style);
if (everyStyle) {
  const r = results.preprocessed as (typeof results)[string];
  const riskMisses = misses.filter((m) => m.textRisk !== m.pictureRisk).sort(byId);
  const flagMisses = misses.filter((m) => m.textRisk === m.pictureRisk).sort(byId);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ set: values.set, ads: sample.length, of: ads.length, pictures: jobs.length, ...r, mainStyles, runsPerPicture: runs.preprocessed, endings, misses: [...riskMisses, ...flagMisses], crashed }, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v))}\n`,
    );
  } else {
    const lines = [
      `eval:ocr --set ${values.set}: ${sample.length} of ${ads.length} ads, each in every style (${ALL_STYLES.join(', ')}): ${jobs.length} pictures, preprocessed, ${availableParallelism()} at once, ${Math.round((performance.now() - started) / 1000)} s`,
      '',
      '| part | pictures | risk kept | flags kept | flags added | CER | no text | read p50 / p99 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      row('all styles', r.all),
      row('the six main styles', mainStyles),
    ];
    for (const [lang, t] of [...r.byLang].sort()) lines.push(row(`lang ${lang}`, t));
    for (const [style, t] of [...r.byStyle].sort()) lines.push(row(`style ${style}`, t));
    lines.push(
      '',
      `tesseract runs per picture: ${runs.preprocessed}; readings ${[...endings].map(([k, n]) => `${k} ${n}`).join(', ')}; pictures that could not be drawn or read: ${crashed.length}`,
      '',
      `risk level not kept (${riskMisses.length}): id style text-level -> picture-level, flags lost / added`,
      ...riskMisses.map(
        (m) =>
          `  ${m.id} ${m.style} ${m.textRisk} -> ${m.pictureRisk}${m.lost.length ? ` -${m.lost.join(',')}` : ''}${m.added.length ? ` +${m.added.join(',')}` : ''}`,
      ),
      '',
      `risk kept, flags lost or added (${flagMisses.length}): id style, flags lost / added`,
      ...flagMisses.map(
        (m) =>
          `  ${m.id} ${m.style}${m.lost.length ? ` -${m.lost.join(',')}` : ''}${m.added.length ? ` +${m.added.join(',')}` : ''}`,
      ),
    );
    if (crashed.length)
      lines.push('', 'not drawn or read:', ...crashed.sort(byId).map((c) => `  ${c.id} ${c.style}`));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} else if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ ...results, runsPerPicture: runs }, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v))}\n`,
  );
} else {
  const lines = [
    `eval:ocr: ${sample.length} of ${ads.length} ads (own and open parts), styles ${STYLES.join(', ')} in turn, ${availableParallelism()} at once, ${Math.round((performance.now() - started) / 1000)} s`,
  ];
  for (const [mode, r] of Object.entries(results)) {
    lines.push(
      '',
      `${mode}:`,
      '| part | ads | risk kept | flags kept | flags added | CER | no text | read p50 / p99 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    lines.push(row('all', r.all));
    for (const [lang, t] of [...r.byLang].sort()) lines.push(row(`lang ${lang}`, t));
    for (const [style, t] of [...r.byStyle].sort()) lines.push(row(`style ${style}`, t));
    for (const [style, t] of [...r.heldOut].sort()) lines.push(row(`held-out style ${style}`, t));
    lines.push('', `tesseract runs per picture (held-out ones too): ${runs[mode]}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
