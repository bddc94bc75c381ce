import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/cli/paths.js';
import { RISK_LEVELS } from '../src/domain/risk.js';
import { loadLexicon } from '../src/infra/content.js';
import { evaluateAds, readCorpus } from './ad-corpus.js';

/** `npm run eval:ads`: the analyzer against the labelled corpus: per-flag scores, risk confusion, misses. */
const { values } = parseArgs({
  options: { dir: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } },
});
const ads = readCorpus(values.dir ?? join(ROOT, 'test', 'fixtures', 'ads'));
const ev = evaluateAds(loadLexicon(), ads);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({
      ads: ev.ads,
      micro_precision: ev.micro.precision,
      micro_recall: ev.micro.recall,
      risky_rated_high: ev.riskyCaught / Math.max(ev.riskyTotal, 1),
      legit_rated_high: ev.legitAlarmed / Math.max(ev.legitTotal, 1),
      out_of_range: ev.outOfRange,
      flags: Object.fromEntries([...ev.perFlag].map(([id, s]) => [id, s])),
    })}\n`,
  );
} else {
  const lines: string[] = [];
  lines.push(`${ev.ads} ads: ${ev.legitTotal} legitimate, ${ev.riskyTotal} clearly risky`);
  lines.push('');
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
    lines.push(`${level.padEnd(10)}${RISK_LEVELS.map((l) => String(row?.get(l) ?? 0).padStart(9)).join('')}`);
  }
  lines.push('');
  lines.push(
    `risky ads rated high or critical:      ${pct(ev.riskyCaught / Math.max(ev.riskyTotal, 1))} (${ev.riskyCaught}/${ev.riskyTotal})`,
  );
  lines.push(
    `legitimate ads rated high or critical: ${pct(ev.legitAlarmed / Math.max(ev.legitTotal, 1))} (${ev.legitAlarmed}/${ev.legitTotal})`,
  );
  lines.push(`verdicts outside the acceptable range: ${ev.outOfRange}`);
  if (!values.quiet && ev.misses.length > 0) {
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
  process.stdout.write(`${lines.join('\n')}\n`);
}
