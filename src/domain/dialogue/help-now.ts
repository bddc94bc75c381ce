import { type Country, countriesIn, countryNamed } from '../countries.js';
import { CONTINUE_BUTTON, MENU_BUTTON, URGENT_CALLBACK_BUTTON } from './buttons.js';
import { MAX_RELAYED, type TurnContext } from './context.js';
import { emergencyBlock } from './texts.js';
import type { Choice } from './types.js';

/**
 * "Get help now", for someone already there whose answer means danger (cannot leave, passport or phone
 * taken, threats, violence, a debt to work off): what works where she is, first, before any further
 * question. Only advice that is safe for someone who may be watched: no confronting, no searching for
 * papers, no notes that could be found. Going on with the check is her choice.
 */
export function helpNow(ctx: TurnContext, canContinue: boolean, intro = 'help_now.intro'): void {
  ctx.emergencyShown = true;
  const t = ctx.t;
  const parts = [`${t('help_now.title')}\n${t(intro)}`, ...whereSheIs(ctx)];
  parts.push(t('help_now.hotline', { phone: ctx.deps.hotline.phone, org: ctx.deps.hotline.org }));
  parts.push(t('help_now.watched'));
  const ticket = ctx.state.ticket;
  const shortcuts: Choice[] = [];
  if (ticket) {
    // Her request is open: the counsellors hear at once that it is urgent.
    ctx.effects.push({ type: 'urgent', ticket: ticket.id });
    parts.push(t('callback.urgent_open'));
  } else shortcuts.push({ data: URGENT_CALLBACK_BUTTON, label: t('callback.urgent_button') });
  if (canContinue) shortcuts.push({ data: CONTINUE_BUTTON, label: t('help_now.continue') });
  shortcuts.push({ data: MENU_BUTTON, label: t('verdict.next.menu') });
  ctx.replies.push({ text: parts.join('\n\n'), shortcuts });
}

/**
 * The local emergency numbers and Kazakhstan's mission, when she named a country or a region abroad (for
 * the receipt of an urgent request out of hours); nothing when she did not.
 */
export function localNumbers(ctx: TurnContext): string[] {
  const named = ctx.state.country;
  const region = checkAnswer(ctx, 'where');
  if (!named && (region === undefined || !isAbroad(ctx, region))) return [];
  return whereSheIs(ctx);
}

/**
 * Whether her check says she is at the job already (any answer but "considering" it): the place of the
 * job is then where she is. Weighing an offer at home, it is only where she may go.
 */
function thereAlready(ctx: TurnContext): boolean {
  const said = checkAnswer(ctx, 'situation');
  return said !== undefined && said !== 'considering';
}

/** Her answer to a question of the check, in progress or set aside (by the question's role). */
function checkAnswer(ctx: TurnContext, role: 'where' | 'situation'): string | undefined {
  const id = ctx.roles.answer[role];
  return ctx.state.active?.answers[id] ?? ctx.state.paused?.answers[id];
}

/** The local emergency numbers and Kazakhstan's mission, for the country or region she named. */
function whereSheIs(ctx: TurnContext, inWords?: Country): string[] {
  const t = ctx.t;
  const data = ctx.deps.countries;
  const named =
    inWords ?? (ctx.state.country ? data?.countries.find((c) => c.id === ctx.state.country) : undefined);
  // The country kept from her words of danger has its region even when the check was never answered.
  const region = inWords?.region ?? checkAnswer(ctx, 'where') ?? named?.region;
  const inRegion = named ? [named] : data ? countriesIn(data, region) : [];
  // In Kazakhstan, or not said where: Kazakhstan's numbers (112, 102, 111) come first.
  const numbers = ctx.deps.emergencyPhones.join(', ');
  if (region === undefined)
    return [
      `${t('help_now.kazakhstan', { numbers })}\n${t('help_now.abroad_unknown')}`,
      ...missionsLine(ctx),
    ];
  if (inRegion.length === 0 && !isAbroad(ctx, region)) return [t('help_now.kazakhstan', { numbers })];
  if (inRegion.length === 0) return [t('help_now.local_unknown'), ...missionsLine(ctx)];
  const grouped = byNumber(inRegion);
  const lines =
    grouped.length === 0
      ? [t('help_now.local_unknown')]
      : grouped.map(({ numbers, names }) =>
          t('help_now.local', { country: names.map((c) => c.name[ctx.state.lang]).join(', '), numbers }),
        );
  const only = inRegion.length === 1 ? inRegion[0] : undefined;
  if (only?.embassy) {
    const phone = only.embassy.duty ? `${only.embassy.duty}, ${only.embassy.phone}` : only.embassy.phone;
    lines.push(t('help_now.embassy', { phone }));
  } else lines.push(...missionsLine(ctx));
  return [lines.join('\n')];
}

/** Whether the check's answer for "where" is abroad (its option raises the `abroad` context flag). */
function isAbroad(ctx: TurnContext, region: string): boolean {
  const step = ctx.deps.flows.get(ctx.roles.flow.check)?.steps.find((s) => s.id === ctx.roles.answer.where);
  const option = step?.kind === 'choice' ? step.options.find((o) => o.id === region) : undefined;
  // "I don't know" or an option no longer in the flow: as if abroad, where the local number is the way.
  if (!option) return true;
  return (option.flags ?? []).some((f) => (typeof f === 'string' ? f : f.flag) === 'abroad');
}

function missionsLine(ctx: TurnContext): string[] {
  const url = ctx.deps.countries?.missionsList.url;
  return url ? [ctx.t('help_now.embassy_list', { url })] : [];
}

/** Countries grouped by the same emergency numbers: "999: UAE, Qatar" rather than a line each. */
function byNumber(countries: Country[]): { numbers: string; names: Country[] }[] {
  const groups = new Map<string, Country[]>();
  for (const c of countries) {
    if (c.emergency.length === 0) continue;
    const numbers = [...new Set(c.emergency.map((e) => e.number))].join(', ');
    groups.set(numbers, [...(groups.get(numbers) ?? []), c]);
  }
  return [...groups].map(([numbers, names]) => ({ numbers, names }));
}

/**
 * The numbers that help now, first; `heard` when the person's own words said they are in danger. Her words,
 * when given, say more: a country abroad named in them ("в Стамбуле", "Дубайда") brings its own numbers
 * and Kazakhstan's mission there, and someone close named ("моя сестра", "сіңлім") what her family can do.
 * Named nowhere in them, the country or region abroad her check was told brings its numbers the same way.
 */
export function emergencyText(ctx: TurnContext, heard: boolean, words?: string): string {
  ctx.emergencyShown = true;
  const t = ctx.t;
  const countries = ctx.deps.countries;
  const country = words && countries ? countryNamed(countries, words) : undefined;
  // The country her words name; else, when her check says she is there already, where the job is abroad.
  const named = country && isAbroad(ctx, country.region) ? whereSheIs(ctx, country) : [];
  const local = country ? named : thereAlready(ctx) ? localNumbers(ctx) : [];
  // Someone close, unless she speaks of herself as the one it happens to ("мой брат нашёл мне работу… забрал
  // у меня паспорт"): then it is hers.
  const read = words ? ctx.deps.analyzeAd?.(words) : undefined;
  const close = read?.someoneClose === true && !read.firstPerson;
  // Her own words of danger name the country abroad she is in: kept, as if said at the check's "where", so that an
  // urgent request made next brings its numbers too (not when the danger is someone close's).
  if (heard && !close && country && named.length > 0 && !ctx.state.country) ctx.state.country = country.id;
  return [
    heard ? t(close ? 'emergency.heard_close' : 'emergency.heard') : '',
    // Where she is abroad, that country's numbers and Kazakhstan's mission come first: Kazakhstan's numbers
    // do not answer there.
    ...local,
    emergencyBlock(ctx.deps, t, close),
    close ? t('emergency.family') : '',
    ctx.hotlineLine(),
    // Her own words of danger: she may be watched, as "Get help now" tells her too.
    heard && !close ? t('help_now.watched') : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Words of danger: the emergency numbers as a message of their own, with an urgent callback a tap away;
 * for someone whose request is already open, the counsellors are told it is urgent now, with her `words`.
 * `read`: the words the numbers are chosen by (a country named, someone close), hers by default; a
 * picture's are read but not passed on.
 */
export function emergency(
  ctx: TurnContext,
  heard: boolean,
  words?: string,
  read: string | undefined = words,
): void {
  const text = emergencyText(ctx, heard, read);
  const ticket = ctx.state.ticket;
  const active = ctx.state.active;
  if (active && ctx.at(active, 'callback')) {
    // Asking for a counsellor already: the request goes out marked urgent.
    active.answers = { ...active.answers, [ctx.roles.answer.urgent]: 'yes' };
    ctx.replies.push({ text: `${text}\n\n${ctx.t('callback.urgent_marked')}` });
    return;
  }
  if (ticket) {
    ctx.effects.push(
      words
        ? { type: 'urgent', ticket: ticket.id, text: Array.from(words).slice(0, MAX_RELAYED).join('') }
        : { type: 'urgent', ticket: ticket.id },
    );
    ctx.replies.push({ text: `${text}\n\n${ctx.t('callback.urgent_open')}` });
    return;
  }
  ctx.replies.push({
    text,
    shortcuts: [{ data: URGENT_CALLBACK_BUTTON, label: ctx.t('callback.urgent_button') }],
  });
}
