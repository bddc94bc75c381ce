import type { FlowState } from '../flow/interpreter.js';
import { addWorkingMinutes, DAY_KEYS, formatWorkingHours, isOpen, localDate, nextOpening } from '../hours.js';
import { MENU_BUTTON } from './buttons.js';
import type { TurnContext } from './context.js';
import { counsellorText, emergencyBlock, shortTicket } from './texts.js';
import type { ContactMode, TicketRequest, Translate } from './types.js';

/** What a skipped optional question keeps. */
export const SKIPPED = '(skipped)';

/** "Talk to a counsellor": the callback form, or the request already open. */
export function askForCounsellor(ctx: TurnContext): void {
  ctx.state.active = undefined;
  const ticket = ctx.state.ticket;
  if (ticket) {
    // One open request at a time: the counsellor already has this person's.
    ctx.say(ctx.t('callback.already_open', { ticket: shortTicket(ticket.id) }));
    if (ticket.mode === 'write') ctx.startRelay();
    else ctx.openMenu();
    return;
  }
  ctx.openFlow(ctx.roles.flow.callback);
}

/** The callback form is filled in: the request goes to the counsellors, the person is told what next. */
export function openTicket(ctx: TurnContext, from: FlowState): void {
  const role = ctx.roles.answer;
  const a = from.answers;
  const t = ctx.t;
  const newId = ctx.meta.newId;
  ctx.state.active = undefined;
  if (!newId) {
    // No one to pass it to (the terminal without a store): the hotline is the way.
    ctx.say(counsellorText(ctx.deps, t));
    return;
  }
  const wantsCall = a[role.mode] === 'call';
  const phone = a[role.consent] === 'yes' ? a[role.phone] : undefined;
  // Without a number they agreed to leave, a counsellor can only write.
  const mode: ContactMode = wantsCall && phone ? 'call' : 'write';
  const givenNote = a[role.note];
  const note = givenNote && givenNote !== SKIPPED ? givenNote : undefined;
  const urgent = a[role.urgent] === 'yes';
  const request: TicketRequest = {
    id: newId(),
    lang: ctx.state.lang,
    mode,
    when: a[role.when] ?? 'now',
    urgent,
  };
  if (phone) request.phone = phone;
  // Wanted a call but kept no number: a counsellor writes, though the person may be able to talk.
  if (wantsCall && !phone) request.noNumber = true;
  if (note) request.note = note;
  if (ctx.state.last) request.verdict = { level: ctx.state.last.level, flags: ctx.state.last.flags };
  ctx.effects.push({ type: 'open_ticket', request });
  ctx.stats.push({ kind: 'callback', urgent });
  ctx.state.ticket = { id: request.id, mode, relay: mode === 'write', told: true };

  const parts: string[] = [];
  if (wantsCall && !phone) parts.push(t('callback.no_consent'));
  parts.push(t('callback.opened', { ticket: shortTicket(request.id) }));
  const expect = whenToExpect(ctx, mode, t);
  // Urgent out of hours: what works now comes before the promise of a call tomorrow.
  const numbersFirst = urgent && !expect.open;
  if (numbersFirst)
    parts.push(`${t('callback.urgent_first')}\n${emergencyBlock(ctx.deps, t)}\n${ctx.hotlineLine()}`);
  parts.push(expect.text);
  if (mode === 'write') parts.push(t('relay.started'));
  if (!numbersFirst) parts.push(`${ctx.hotlineLine()}\n${emergencyBlock(ctx.deps, t)}`);
  // Writing to the counsellor from now on: the way back to the bot is a tap away.
  ctx.replies.push(
    mode === 'write'
      ? { text: parts.join('\n\n'), shortcuts: [{ data: MENU_BUTTON, label: t('verdict.next.menu') }] }
      : { text: parts.join('\n\n') },
  );
}

/** "Within about N minutes" only when that is still today's working time; else when work resumes. */
function whenToExpect(ctx: TurnContext, mode: ContactMode, t: Translate): { open: boolean; text: string } {
  const c = ctx.deps.counsellors;
  const now = ctx.meta.now;
  const due = addWorkingMinutes(c.hours, c.timeZone, now, c.slaMinutes);
  const open = isOpen(c.hours, c.timeZone, now) && localDate(due, c.timeZone) === localDate(now, c.timeZone);
  if (open) return { open, text: t(`callback.next_open_${mode}`, { minutes: c.slaMinutes }) };
  const next = nextOpening(c.hours, c.timeZone, now);
  const day = next
    ? next.inDays === 0
      ? t('callback.today')
      : next.inDays === 1
        ? t('callback.tomorrow')
        : t(DAY_KEYS[next.day] as string)
    : '';
  const hours = formatWorkingHours(c.hours, t);
  return { open, text: t(`callback.next_closed_${mode}`, { hours, day, from: c.hours.from }) };
}
