import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Translate } from '../domain/dialogue/index.js';
import { CASE_OUTCOMES } from '../domain/handoff/ticket.js';
import { LANGS } from '../domain/language.js';
import { RISK_LEVELS } from '../domain/risk.js';
import type { Summary } from '../domain/stats.js';

/** One bar: a figure of the period, in a section ("the desk", "where people stop"). Counts only. */
interface Bar {
  section: string;
  label: string;
  count: number;
}

/**
 * The bars of a period: what happened, then how many reached each question of the check (by the
 * question's id, as in `npm run stats`). Labels in the language of `t` (`ops.chart.*`).
 */
export function chartBars(s: Summary, t: Translate): Bar[] {
  const sum = (metric: string) => {
    const row = s.totals[metric];
    return row ? LANGS.reduce((n, l) => n + row[l], 0) : 0;
  };
  const total = (metrics: readonly string[]) => metrics.reduce((n, m) => n + sum(m), 0);
  const desk = t('ops.chart.section_desk');
  const bar = (key: string, count: number): Bar => ({ section: desk, label: t(`ops.chart.${key}`), count });
  const bars: Bar[] = [
    bar('started', sum('started')),
    bar('checks_started', sum('checks:started')),
    bar('checks_completed', total(RISK_LEVELS.map((l) => `checks:${l}`))),
    bar('ads', total(RISK_LEVELS.map((l) => `ads:${l}`))),
    bar('requested', sum('callbacks:requested')),
    bar('taken', sum('callbacks:taken')),
    bar('resolved', total(CASE_OUTCOMES.map((o) => `callbacks:resolved:${o}`))),
  ];
  const stops = t('ops.chart.section_stops');
  const asked = Object.keys(s.totals)
    .filter((m) => m.startsWith('asked:') && sum(m) > 0)
    .sort((a, b) => sum(b) - sum(a));
  for (const m of asked) bars.push({ section: stops, label: m.slice(6), count: sum(m) });
  return bars;
}

/** The Vega-Lite chart of a period: horizontal bars, one panel per section, in the order given. */
export function chartSpec(from: string, to: string, s: Summary, t: Translate): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `tekser: ${from} — ${to}`, anchor: 'start' },
    data: { values: chartBars(s, t).map((b, order) => ({ ...b, order })) },
    facet: {
      row: {
        field: 'section',
        type: 'nominal',
        sort: null,
        header: { labelAngle: 0, labelAlign: 'left', title: null, labelAnchor: 'start', labelOrient: 'top' },
      },
    },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 420,
      layer: [
        {
          mark: { type: 'bar', color: '#3b6ea5' },
          encoding: {
            y: {
              field: 'label',
              type: 'nominal',
              sort: { field: 'order', op: 'min' },
              title: null,
              axis: { labelLimit: 300 },
            },
            x: { field: 'count', type: 'quantitative', title: null, axis: { labelLimit: 300 } },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 3 },
          encoding: {
            y: { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min' } },
            x: { field: 'count', type: 'quantitative' },
            text: { field: 'count', type: 'quantitative' },
          },
        },
      ],
    },
    config: { font: 'DejaVu Sans', background: 'white' },
  };
}

/** The chart as SVG, drawn by Vega in Node (no browser, no canvas). */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec, { logger: vega.logger(vega.Error) }).spec), {
    renderer: 'none',
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The SVG as a PNG (resvg, with the system's fonts), twice the size for a sharp picture in Telegram. */
export function chartPng(svg: string): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } })
    .render()
    .asPng();
}
