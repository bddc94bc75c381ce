import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/cli/paths.js';
import { RISK_LEVELS } from '../src/domain/risk.js';
import { loadLexicon } from '../src/infra/content.js';
import {
  adjudicate,
  type Evaluation,
  evaluateAds,
  readAdjudicated,
  readCorpus,
  secondReaderAgreement,
} from './ad-corpus.js';

/**
 * `npm run eval:ads`: the analyzer against the labelled corpora, per part: the project's own ads
 * (test/fixtures/ads), the strangers' open part (test/fixtures/corpus/open/ads) and, when it is there,
 * the sealed part (test/fixtures/corpus/sealed/ads: figures only, never its misses), and the gap between
 * the own corpus and the strangers'. `--dir D` reads one folder instead; `--part own|open|sealed` prints
 * the details (per-flag scores, risk confusion, misses) of that part only.
 */
const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    part: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
});

const PARTS: [string, string][] = values.dir
  ? [['dir', values.dir]]
  : [
      ['own', join(ROOT, 'test', 'fixtures', 'ads')],
      ['open', join(ROOT, 'test', 'fixtures', 'corpus', 'open', 'ads')],
      ['sealed', join(ROOT, 'test', 'fixtures', 'corpus', 'sealed', 'ads')],
    ];
const lexicon = loadLexicon();
// A strangers' part read again (an independent annotator, and a third reader for each dispute) is also
// measured on the adjudicated labels, as `<part>+adj`, beside how far the second reader agrees with the writers.
const agreements: { name: string; precision: number; recall: number }[] = [];
const parts = PARTS.filter(
  ([name, dir]) => existsSync(dir) && (!values.part || values.part === name),
).flatMap(([name, dir]) => {
  const ads = readCorpus(dir);
  const out = [{ name, ev: evaluateAds(lexicon, ads) }];
  const again = join(dir, '..', 'adjudicated');
  if (name !== 'own' && name !== 'dir' && existsSync(again)) {
    const read = readAdjudicated(again);
    out.push({ name: `${name}+adj`, ev: evaluateAds(lexicon, adjudicate(ads, read)) });
    agreements.push({ name, ...secondReaderAgreement(ads, read) });
  }
  return out;
});
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const figures = (ev: Evaluation) => ({
  ads: ev.ads,
  micro_precision: ev.micro.precision,
  micro_recall: ev.micro.recall,
  risky_rated_high: ev.riskyCaught / Math.max(ev.riskyTotal, 1),
  legit_rated_high: ev.legitAlarmed / Math.max(ev.legitTotal, 1),
  out_of_range: ev.outOfRange,
});
type Figures = ReturnType<typeof figures>;
const gapOf = (a: Figures, b: Figures) => ({
  micro_precision: a.micro_precision - b.micro_precision,
  micro_recall: a.micro_recall - b.micro_recall,
  risky_rated_high: a.risky_rated_high - b.risky_rated_high,
  legit_rated_high: a.legit_rated_high - b.legit_rated_high,
});
const own = parts.find((p) => p.name === 'own' || p.name === 'dir');
const strangers = parts.filter((p) => p.name !== 'own' && p.name !== 'dir');

if (values.json) {
  const out: Record<string, unknown> = {};
  for (const { name, ev } of parts) {
    out[name] = {
      ...figures(ev),
      flags: Object.fromEntries([...ev.perFlag].map(([id, s]) => [id, s])),
    };
  }
  for (const a of agreements)
    out[`${a.name}_second_reader`] = { micro_precision: a.precision, micro_recall: a.recall };
  if (own)
    out.gap = Object.fromEntries(strangers.map((p) => [p.name, gapOf(figures(own.ev), figures(p.ev))]));
  // One folder: the fields at the top level, as before.
  process.stdout.write(`${JSON.stringify(values.dir && own ? out.dir : out)}\n`);
} else {
  const lines: string[] = [];
  lines.push('part          ads  precision  recall  risky→high  legit→high  out of range');
  for (const { name, ev } of parts) {
    const f = figures(ev);
    lines.push(
      `${name.padEnd(12)}${String(f.ads).padStart(5)}${pct(f.micro_precision).padStart(11)}${pct(f.micro_recall).padStart(8)}${pct(f.risky_rated_high).padStart(12)}${pct(f.legit_rated_high).padStart(12)}${String(f.out_of_range).padStart(14)}`,
    );
  }
  for (const a of agreements)
    lines.push(
      `${a.name}: a second reader's flags against the writers' ones: precision ${pct(a.precision)}, recall ${pct(a.recall)}`,
    );
  if (own) {
    for (const p of strangers) {
      const g = gapOf(figures(own.ev), figures(p.ev));
      const pts = (n: number) => `${n >= 0 ? '+' : ''}${(n * 100).toFixed(1)}`;
      lines.push(
        `gap ${own.name}−${p.name}: precision ${pts(g.micro_precision)}, recall ${pts(g.micro_recall)}, risky→high ${pts(g.risky_rated_high)}, legit→high ${pts(g.legit_rated_high)} points`,
      );
    }
  }
  for (const { name, ev } of parts) {
    lines.push(
      '',
      `== ${name}: ${ev.ads} ads: ${ev.legitTotal} legitimate, ${ev.riskyTotal} clearly risky`,
      '',
    );
    lines.push('flag                         precision  recall   tp  fp  fn');
    for (const [id, s] of [...ev.perFlag].sort((a, b) => a[0].localeCompare(b[0]))) {
      const p = s.tp / Math.max(s.tp + s.fp, 1);
      const r = s.tp / Math.max(s.tp + s.fn, 1);
      lines.push(
        `${id.padEnd(28)} ${pct(p).padStart(9)} ${pct(r).padStart(7)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}`,
      );
    }
    lines.push(
      `${'micro'.padEnd(28)} ${pct(ev.micro.precision).padStart(9)} ${pct(ev.micro.recall).padStart(7)}`,
    );
    lines.push('');
    lines.push(`risk: expected (highest acceptable) down, verdict across`);
    lines.push(`${''.padEnd(10)}${RISK_LEVELS.map((l) => l.padStart(9)).join('')}`);
    for (const level of RISK_LEVELS) {
      const row = ev.confusion.get(level);
      lines.push(
        `${level.padEnd(10)}${RISK_LEVELS.map((l) => String(row?.get(l) ?? 0).padStart(9)).join('')}`,
      );
    }
    lines.push('');
    lines.push(
      `risky ads rated high or critical:      ${pct(ev.riskyCaught / Math.max(ev.riskyTotal, 1))} (${ev.riskyCaught}/${ev.riskyTotal})`,
    );
    lines.push(
      `legitimate ads rated high or critical: ${pct(ev.legitAlarmed / Math.max(ev.legitTotal, 1))} (${ev.legitAlarmed}/${ev.legitTotal})`,
    );
    lines.push(`verdicts outside the acceptable range: ${ev.outOfRange}`);
    // The sealed part is measured, never read: its misses are not shown.
    if (!values.quiet && !name.startsWith('sealed') && ev.misses.length > 0) {
      lines.push('');
      lines.push('misses:');
      for (const m of ev.misses) {
        const evidence = m.verdict.flags
          .filter((f) => m.extra.includes(f.id))
          .map((f) => `${f.id}: «${f.evidence.join('», «')}»`)
          .join('; ');
        lines.push(
          `  ${m.id}: risk ${m.risk} (want ${m.expected.join('/')})${m.missing.length ? ` missing [${m.missing.join(', ')}]` : ''}${m.extra.length ? ` extra [${m.extra.join(', ')}]` : ''}${evidence ? ` — ${evidence}` : ''}`,
        );
      }
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
