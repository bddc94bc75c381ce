import type { FlowState } from '../flow/interpreter.js';
import {
  addWorkingMinutes,
  DAY_KEYS,
  formatWorkingHours,
  isOpen,
  localDate,
  localTime,
  nextOpening,
  nextSlot,
} from '../hours.js';
import { MENU_BUTTON } from './buttons.js';
import type { TurnContext } from './context.js';
import { localNumbers } from './help-now.js';
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
  if (a[role.history] === 'yes') request.history = true;
  if (ctx.state.last) request.verdict = { level: ctx.state.last.level, flags: ctx.state.last.flags };
  ctx.effects.push({ type: 'open_ticket', request });
  ctx.stats.push({ kind: 'callback', urgent });
  ctx.state.ticket = { id: request.id, mode, relay: mode === 'write', told: true };

  const parts: string[] = [];
  if (wantsCall && !phone) parts.push(t('callback.no_consent'));
  parts.push(t('callback.opened', { ticket: shortTicket(request.id) }));
  const expect = whenToExpect(ctx, mode, t, request.when);
  // Urgent out of hours: what works now (where she is, when she said) comes before the promise of a call.
  const numbersFirst = urgent && !expect.open;
  if (numbersFirst)
    parts.push(
      [t('callback.urgent_first'), ...localNumbers(ctx), emergencyBlock(ctx.deps, t), ctx.hotlineLine()].join(
        '\n',
      ),
    );
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

/** "today", "tomorrow" or the weekday, for a day `inDays` ahead. */
function dayWord(t: Translate, inDays: number, day: number): string {
  if (inDays === 0) return t('callback.today');
  return inDays === 1 ? t('callback.tomorrow') : t(DAY_KEYS[day] as string);
}

/**
 * The counsellors' hours said with the question "when": their days and hours in Kazakhstan time, the
 * time there now, and, when they are not at work, the earliest a call can come.
 */
export function workingHoursNote(ctx: TurnContext): string {
  const c = ctx.deps.counsellors;
  const t = ctx.t;
  const now = ctx.meta.now;
  const minutes = localTime(now, c.timeZone).minutes;
  const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const note = t('callback.when.hours', { hours: formatWorkingHours(c.hours, t), now: clock });
  if (isOpen(c.hours, c.timeZone, now)) return note;
  const next = nextOpening(c.hours, c.timeZone, now);
  return next
    ? `${note} ${t('callback.when.closed', { day: dayWord(t, next.inDays, next.day), from: c.hours.from })}`
    : note;
}

/**
 * When to expect the counsellor. A time of day she chose: the next time counsellors work within it. "As
 * soon as possible": "within about N minutes" only when that is still today's working time; else when
 * work resumes.
 */
function whenToExpect(
  ctx: TurnContext,
  mode: ContactMode,
  t: Translate,
  when: string,
): { open: boolean; text: string } {
  const c = ctx.deps.counsellors;
  const now = ctx.meta.now;
  const time = timeOfDay(ctx, when);
  const slot = time ? nextSlot(c.hours, c.timeZone, now, time) : undefined;
  if (slot)
    return {
      open: false,
      text: t(`callback.slot_${mode}`, {
        day: dayWord(t, slot.inDays, slot.day),
        from: slot.from,
        to: slot.to,
      }),
    };
  const due = addWorkingMinutes(c.hours, c.timeZone, now, c.slaMinutes);
  const open = isOpen(c.hours, c.timeZone, now) && localDate(due, c.timeZone) === localDate(now, c.timeZone);
  if (open) return { open, text: t(`callback.next_open_${mode}`, { minutes: c.slaMinutes }) };
  const next = nextOpening(c.hours, c.timeZone, now);
  const day = next ? dayWord(t, next.inDays, next.day) : '';
  const hours = formatWorkingHours(c.hours, t);
  return { open, text: t(`callback.next_closed_${mode}`, { hours, day, from: c.hours.from }) };
}

/** The time of day ("09:00-12:00") the callback's answer for "when" stands for, if it is one. */
function timeOfDay(ctx: TurnContext, when: string): string | undefined {
  const step = ctx.deps.flows.get(ctx.roles.flow.callback)?.steps.find((s) => s.id === ctx.roles.answer.when);
  return step?.kind === 'choice' ? step.options.find((o) => o.id === when)?.time : undefined;
}
