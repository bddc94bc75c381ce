import { InputFile } from 'grammy';
import type { Summary } from '../../../domain/stats.js';
import { chartPng, chartSpec, chartSvg } from '../../../infra/chart.js';
import type { OperatorsContext } from '../context.js';
import { type OperatorsDeps, threadOf } from './deps.js';

/**
 * /stats' picture: the week's figures drawn as a chart (counts only, labelled in the operators'
 * language), sent beside the table. A chart that
 * cannot be drawn or sent costs the counsellor the picture, never the table.
 */
export async function sendFiguresChart(
  deps: OperatorsDeps,
  ctx: OperatorsContext,
  from: string,
  to: string,
  summary: Summary,
): Promise<void> {
  try {
    const png = chartPng(await chartSvg(chartSpec(from, to, summary, deps.t)));
    await ctx.replyWithPhoto(new InputFile(png, `tekser-${from}-${to}.png`), threadOf(ctx));
  } catch (err) {
    deps.log.warn({ err: (err as Error)?.name }, 'the figures chart could not be sent');
  }
}
