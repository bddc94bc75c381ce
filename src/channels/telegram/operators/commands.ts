import { Composer } from 'grammy';
import { FLAGS } from '../../../domain/flags.js';
import { formatContactInfo, formatOpenTickets, formatStats } from '../../../domain/handoff/reports.js';
import { localDate } from '../../../domain/hours.js';
import { parseContact, parseContactAndRest } from '../../../domain/intel/contact.js';
import { summarize } from '../../../domain/stats.js';
import type { OperatorsContext } from '../context.js';
import { allowed, type CounsellorIntel, type OperatorsDeps, threadOf } from './deps.js';
import { sendFiguresChart } from './figures.js';

/** /contact, /flag, /unflag: what other people's checks know about a contact, and confirmations. */
function intelCommands(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  const composer = new Composer<OperatorsContext>();
  const command = (
    name: string,
    run: (ctx: OperatorsContext, intel: CounsellorIntel, args: string) => Promise<string>,
  ) =>
    composer.command(name, async (ctx) => {
      if (!allowed(deps, ctx)) return;
      const text = deps.intel ? await run(ctx, deps.intel, ctx.match.trim()) : t('ops.intel.off');
      await ctx.reply(text, threadOf(ctx));
    });
  command('contact', async (_ctx, intel, args) => {
    const contact = parseContact(args);
    if (!contact) return t('ops.intel.usage_contact');
    return formatContactInfo(t, await intel.contactInfo(contact), deps.timeZone);
  });
  command('flag', async (ctx, intel, args) => {
    const parsed = parseContactAndRest(args);
    if (!parsed || parsed.rest.length < 3) return t('ops.intel.usage_flag');
    await intel.flag(parsed.contact, parsed.rest, String(ctx.from?.id ?? ''));
    return t('ops.intel.flagged', { contact: parsed.contact.value });
  });
  command('unflag', async (_ctx, intel, args) => {
    const contact = parseContact(args);
    if (!contact) return t('ops.intel.usage_unflag');
    return t((await intel.unflag(contact)) ? 'ops.intel.unflagged' : 'ops.intel.not_flagged', {
      contact: contact.value,
    });
  });
  return composer;
}

/** /help, /tickets, /stats, and the intel commands. */
export function commandsComposer(deps: OperatorsDeps): Composer<OperatorsContext> {
  const { t } = deps;
  const now = deps.now ?? Date.now;
  const composer = new Composer<OperatorsContext>();
  composer.command(['help', 'start'], async (ctx) => {
    await ctx.reply(t('ops.help'), threadOf(ctx));
  });
  composer.command('tickets', async (ctx) => {
    if (!allowed(deps, ctx)) return;
    const open = await deps.tickets.openTickets();
    await ctx.reply(formatOpenTickets(t, open, now()), threadOf(ctx));
  });
  composer.use(intelCommands(deps));
  composer.command('stats', async (ctx) => {
    if (!allowed(deps, ctx)) return;
    const to = localDate(now(), deps.timeZone);
    const from = localDate(now() - 6 * 86_400_000, deps.timeZone);
    const summary = summarize(await deps.stats.read(from, to), [...FLAGS.keys()]);
    await ctx.reply(formatStats(t, from, to, summary), threadOf(ctx));
    await sendFiguresChart(deps, ctx, from, to, summary);
  });
  return composer;
}
