/** A message about danger, labelled by an independent writer (test/fixtures/corpus/README.md). */
export interface LabelledMessage {
  id: string;
  lang: string;
  danger: boolean;
  text: string;
}

/** What a reader of danger says of one text: only `danger` is scored; `ask` is counted beside it. */
export interface Reading {
  danger: boolean;
  ask?: boolean;
  evidence?: readonly string[];
}

export interface Tally {
  /** Messages labelled danger, and how many of them were read as danger. */
  positives: number;
  caught: number;
  /** Messages labelled not danger, and how many of them were read as danger (false alarms). */
  negatives: number;
  alarmed: number;
  /** Negatives that would get the question "are you in danger right now?". */
  asked: number;
}

export interface DangerEvaluation extends Tally {
  recall: number;
  falseAlarmRate: number;
  perLang: Map<string, Tally>;
  misses: { id: string; lang: string; expected: boolean; evidence: readonly string[]; text: string }[];
}

const empty = (): Tally => ({ positives: 0, caught: 0, negatives: 0, alarmed: 0, asked: 0 });

const count = (t: Tally, m: LabelledMessage, r: Reading) => {
  if (m.danger) {
    t.positives++;
    if (r.danger) t.caught++;
  } else {
    t.negatives++;
    if (r.danger) t.alarmed++;
    else if (r.ask) t.asked++;
  }
};

export const ratio = (n: number, d: number): number => (d === 0 ? 0 : n / d);

/** Recall and false alarms of a reader over a labelled set, per language, with every miss. */
export function evaluateDanger(
  messages: readonly LabelledMessage[],
  read: (text: string) => Reading,
): DangerEvaluation {
  const all = empty();
  const perLang = new Map<string, Tally>();
  const misses: DangerEvaluation['misses'] = [];
  for (const m of messages) {
    const r = read(m.text);
    count(all, m, r);
    let lang = perLang.get(m.lang);
    if (!lang) {
      lang = empty();
      perLang.set(m.lang, lang);
    }
    count(lang, m, r);
    if (r.danger !== m.danger) {
      misses.push({ id: m.id, lang: m.lang, expected: m.danger, evidence: r.evidence ?? [], text: m.text });
    }
  }
  return {
    ...all,
    recall: ratio(all.caught, all.positives),
    falseAlarmRate: ratio(all.alarmed, all.negatives),
    perLang,
    misses,
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

const row = (name: string, t: Tally) =>
  `${name.padEnd(8)} ${pct(ratio(t.caught, t.positives)).padStart(7)} ${`${t.caught}/${t.positives}`.padStart(7)}   ${pct(ratio(t.alarmed, t.negatives)).padStart(7)} ${`${t.alarmed}/${t.negatives}`.padStart(7)}   ${String(t.asked).padStart(5)}`;

/** The evaluation as a short report: totals, one line a language, then the misses. */
export function formatDangerEvaluation(ev: DangerEvaluation, withMisses = true): string {
  const lines = [
    `${ev.positives + ev.negatives} messages: ${ev.positives} in danger, ${ev.negatives} not`,
    '',
  ];
  lines.push('lang      recall          false alarms      asked');
  for (const [lang, t] of [...ev.perLang].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(row(lang, t));
  lines.push(row('all', ev));
  if (withMisses && ev.misses.length > 0) {
    lines.push('', 'misses:');
    for (const m of ev.misses) {
      const what = m.expected ? 'missed' : `false alarm [${m.evidence.join(' | ')}]`;
      lines.push(`  ${m.id} (${m.lang}) ${what}: ${m.text.replace(/\s+/g, ' ')}`);
    }
  }
  return lines.join('\n');
}
