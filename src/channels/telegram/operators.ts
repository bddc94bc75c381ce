import {
  type Conversation,
  type ConversationFlavor,
  conversations,
  createConversation,
} from '@grammyjs/conversations';
import { type Api, Composer, type Context, GrammyError, InlineKeyboard, type Middleware } from 'grammy';
import type { Redis } from 'ioredis';
import { shortTicket, type Translate } from '../../domain/dialogue/index.js';
import { FLAGS, flagTextKey } from '../../domain/flags.js';
import { localDate } from '../../domain/hours.js';
import { parseContact, parseContactAndRest } from '../../domain/intel/contact.js';
import type { ContactIntel } from '../../domain/intel/seen.js';
import { type Card, OUTCOME, RESOLVE, SKIP_NOTE, TAKE } from '../../handoff/card.js';
import type { Handoff, OperatorsDesk } from '../../handoff/handoff.js';
import { isTicketId, OUTCOMES, type Outcome, type Ticket } from '../../handoff/ticket.js';
import type { Logger } from '../../logger.js';
import type { IntelStore } from '../../store/intel.js';
import { type StatsStore, summarize } from '../../store/stats.js';

type OpsContext = ConversationFlavor<Context>;

export interface OperatorsDeps {
  chatId: number;
  /** Who may act on tickets; anyone in the chat when not given. */
  counsellorIds?: readonly number[];
  handoff: Handoff;
  stats: StatsStore;
  /** The operators' language, fixed. */
  t: Translate;
  timeZone: string;
  redis: Redis;
  /** Key prefix of the Resolve wizard's state (one per counsellor, with a TTL). */
  wizardPrefix: string;
  log: Logger;
  now?: () => number;
  /** "Seen before" (INTEL_SECRET set): /contact, /flag and /unflag. */
  intel?: IntelStore;
}

/** A Resolve left half-way is dropped after this long; the ticket stays as it was. */
const WIZARD_MS = 30 * 60_000;
const WIZARD_TTL_SECONDS = 24 * 3600;

/** The card's buttons, as Telegram draws them. */
function cardKeyboard(card: Card): InlineKeyboard | undefined {
  if (card.buttons.length === 0) return undefined;
  const kb = new InlineKeyboard();
  for (const b of card.buttons) kb.text(b.label, b.data);
  return kb;
}

/**
 * The operators' chat as a desk for the handoff: a card per ticket (in its own topic in a forum), edited
 * as the ticket changes, and messages in the ticket's topic or as replies to its card.
 */
export function telegramDesk(api: Api, chatId: number, forum: boolean, t: Translate): OperatorsDesk {
  const where = (ticket: Ticket) =>
    ticket.threadId !== undefined
      ? { message_thread_id: ticket.threadId }
      : ticket.cardMessageId !== undefined
        ? { reply_parameters: { message_id: ticket.cardMessageId, allow_sending_without_reply: true } }
        : {};
  /** Sends in the ticket's place; if Telegram refuses that place for good (a topic gone), in the main chat. */
  const send = async (ticket: Ticket, text: string, keyboard?: InlineKeyboard) => {
    const extra = keyboard ? { reply_markup: keyboard } : {};
    const place = where(ticket);
    try {
      return await api.sendMessage(chatId, text, { ...place, ...extra });
    } catch (err) {
      if (!(err instanceof GrammyError) || err.error_code !== 400 || Object.keys(place).length === 0)
        throw err;
      return api.sendMessage(chatId, text, extra);
    }
  };
  /** A card is posted in its topic (or the main chat), never as a reply to an older card. */
  const cardPlace = (ticket: Ticket): Ticket => {
    const { cardMessageId: _old, ...rest } = ticket;
    return rest;
  };
  return {
    forum,
    async openTopic(ticket) {
      const topic = await api.createForumTopic(
        chatId,
        t('ops.topic', { ticket: shortTicket(ticket.id), lang: ticket.lang }),
      );
      return topic.message_thread_id;
    },
    async postCard(ticket, card) {
      const sent = await send(cardPlace(ticket), card.text, cardKeyboard(card));
      return { messageId: sent.message_id };
    },
    async updateCard(ticket, card) {
      if (ticket.cardMessageId === undefined) return undefined;
      const keyboard = cardKeyboard(card);
      try {
        await api.editMessageText(chatId, ticket.cardMessageId, card.text, {
          reply_markup: keyboard ?? new InlineKeyboard(),
        });
      } catch (err) {
        // The card already says this (two updates in a row): nothing to do.
        if (err instanceof GrammyError && /not modified/i.test(err.description)) return undefined;
        // A card deleted by hand (or too old to edit): show it anew, with its buttons.
        if (err instanceof GrammyError && /not found|can't be edited/i.test(err.description)) {
          return (await send(cardPlace(ticket), card.text, keyboard)).message_id;
        }
        throw err;
      }
      return undefined;
    },
    async erase(messageIds) {
      // Best effort: Telegram deletes only what it still allows (an admin bot, recent enough messages).
      for (let i = 0; i < messageIds.length; i += 100)
        await api.deleteMessages(chatId, [...messageIds.slice(i, i + 100)]).catch(() => undefined);
    },
    async post(ticket, text) {
      // Cut by characters, not UTF-16 units: half an emoji is a message Telegram refuses.
      return (await send(ticket, Array.from(text).slice(0, 4096).join(''))).message_id;
    },
  };
}

/** Whether the operators' chat is a forum (a topic per ticket), asked once at start. */
export async function isForum(api: Api, chatId: number): Promise<boolean> {
  const chat = await api.getChat(chatId);
  return 'is_forum' in chat && chat.is_forum === true;
}

/**
 * Everything counsellors do in their chat: Take (atomic), Resolve (a short wizard written with
 * @grammyjs/conversations), replies to a person, /tickets and /stats. Updates from any other chat never
 * get here; actions from anyone not in COUNSELLOR_IDS (when set) are refused.
 */
export function operatorsMiddleware(deps: OperatorsDeps): Middleware<Context> {
  const { t, handoff } = deps;
  const now = deps.now ?? Date.now;
  const allowed = (ctx: Context) =>
    !!ctx.from && (!deps.counsellorIds || deps.counsellorIds.includes(ctx.from.id));
  const nameOf = (ctx: Context) =>
    ctx.from ? (ctx.from.username ? `@${ctx.from.username}` : ctx.from.first_name) : '?';

  const ops = new Composer<OpsContext>();
  ops.use(
    conversations<OpsContext, Context>({
      storage: {
        type: 'key',
        prefix: deps.wizardPrefix,
        // One wizard per counsellor: two can close two tickets at once in the same chat.
        getStorageKey: (ctx) => (ctx.chat && ctx.from ? `${ctx.chat.id}:${ctx.from.id}` : undefined),
        adapter: {
          read: async (key) => {
            const raw = await deps.redis.get(key);
            return raw ? JSON.parse(raw) : undefined;
          },
          write: async (key, state) => {
            await deps.redis.set(key, JSON.stringify(state), 'EX', WIZARD_TTL_SECONDS);
          },
          delete: async (key) => {
            await deps.redis.del(key);
          },
        },
      },
    }),
  );
  // Between conversations() and createConversation(): /cancel leaves a wizard half-way.
  ops.command('cancel', async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.reply(t('ops.cancelled'));
  });

  /**
   * The note after Resolve, the only step that waits on a counsellor. The request is already closed when
   * it begins (a late or stray note can never reach the person: a closed request relays nothing), and
   * it is entered from the outcome button, whose message holds no personal detail (the plugin keeps the
   * entering update). The note is a reply to its question, or in a forum the counsellor's next words in
   * the request's topic.
   */
  async function noteWizard(conversation: Conversation<OpsContext, Context>, ctx: Context, id: string) {
    const userId = ctx.from?.id ?? 0;
    const thread = ctx.callbackQuery?.message?.message_thread_id;
    const inThread = thread !== undefined ? { message_thread_id: thread } : {};
    const skip = new InlineKeyboard().text(t('ops.skip'), `${SKIP_NOTE}${id}`);
    const asked = await ctx.reply(t('ops.note_q'), { reply_markup: skip, ...inThread });
    const noted = await conversation.waitUntil(
      (c) => {
        if (c.from?.id !== userId) return false;
        if (c.callbackQuery?.data === `${SKIP_NOTE}${id}`) return true;
        const m = c.message;
        if (m?.text === undefined || m.text.startsWith('/')) return false;
        if (m.reply_to_message?.message_id === asked.message_id) return true;
        // In the request's own topic, the next words are the note (a reply to another message is not).
        return thread !== undefined && m.is_topic_message === true && m.message_thread_id === thread;
      },
      { next: true, maxMilliseconds: WIZARD_MS },
    );
    if (noted.callbackQuery) {
      await noted.answerCallbackQuery();
      return;
    }
    const note = noted.message?.text?.slice(0, 1000);
    if (note) await conversation.external(() => handoff.addNote(id, note));
    await noted.reply(t('ops.noted', { ticket: shortTicket(id) }), inThread);
  }
  ops.use(createConversation<OpsContext, Context>(noteWizard, 'note'));

  ops.callbackQuery(new RegExp(`^${TAKE}`), async (ctx) => {
    const id = ctx.callbackQuery.data.slice(TAKE.length);
    if (!allowed(ctx))
      return void (await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true }));
    if (!isTicketId(id)) return void (await ctx.answerCallbackQuery({ text: t('ops.unknown_ticket') }));
    const result = await handoff.take(id, ctx.from.id, nameOf(ctx));
    const short = shortTicket(id);
    const text = result.ok
      ? t('ops.took', { ticket: short })
      : result.reason === 'taken'
        ? t('ops.already_taken', { ticket: short, name: result.by })
        : t(result.reason === 'resolved' ? 'ops.already_resolved' : 'ops.unknown_ticket', { ticket: short });
    await ctx.answerCallbackQuery({ text, show_alert: !result.ok });
  });

  /** The ticket a Resolve or outcome button is about, if the counsellor may close it; else answered why not. */
  const closable = async (ctx: Context, id: string): Promise<boolean> => {
    if (!allowed(ctx)) {
      await ctx.answerCallbackQuery({ text: t('ops.not_allowed'), show_alert: true });
      return false;
    }
    const ticket = isTicketId(id) ? await handoff.get(id) : undefined;
    if (!ticket) {
      await ctx.answerCallbackQuery({ text: t('ops.unknown_ticket') });
      return false;
    }
    if (ticket.status === 'resolved') {
      await ctx.answerCallbackQuery({ text: t('ops.already_resolved', { ticket: shortTicket(id) }) });
      return false;
    }
    return true;
  };

  // Resolve: first the outcome, asked without any wizard (nothing waits yet).
  ops.callbackQuery(new RegExp(`^${RESOLVE}`), async (ctx) => {
    const id = ctx.callbackQuery.data.slice(RESOLVE.length);
    if (!(await closable(ctx, id))) return;
    await ctx.answerCallbackQuery();
    const thread = ctx.callbackQuery.message?.message_thread_id;
    const outcomes = new InlineKeyboard();
    for (const o of OUTCOMES) outcomes.text(t(`ops.outcome.${o}`), `${OUTCOME}${id}:${o}`).row();
    await ctx.reply(t('ops.resolve_q', { ticket: shortTicket(id) }), {
      reply_markup: outcomes,
      ...(thread !== undefined ? { message_thread_id: thread } : {}),
    });
  });

  // The outcome chosen: the request closes now; a note may follow.
  ops.callbackQuery(new RegExp(`^${OUTCOME}`), async (ctx) => {
    const [id = '', outcome = ''] = ctx.callbackQuery.data.slice(OUTCOME.length).split(':');
    if (!(OUTCOMES as readonly string[]).includes(outcome)) {
      await ctx.answerCallbackQuery({ text: t('ops.unknown_ticket') });
      return;
    }
    if (!(await closable(ctx, id))) return;
    const short = shortTicket(id);
    const result = await handoff.resolve(id, outcome as Outcome, ctx.from.id, undefined);
    if (result !== 'ok') {
      await ctx.answerCallbackQuery({
        text: t(result === 'resolved' ? 'ops.already_resolved' : 'ops.unknown_ticket', { ticket: short }),
      });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx
      .editMessageText(
        t('ops.resolved', { ticket: short, name: nameOf(ctx), outcome: t(`ops.outcome.${outcome}`) }),
      )
      .catch(() => undefined);
    await ctx.conversation.exitAll();
    await ctx.conversation.enter('note', id);
  });

  // Skip pressed with no note step waiting (timed out): Resolve again.
  ops.callbackQuery(new RegExp(`^${SKIP_NOTE}`), async (ctx) => {
    await ctx.answerCallbackQuery({ text: t('ops.wizard_expired'), show_alert: true });
  });

  ops.command(['help', 'start'], async (ctx) => {
    await ctx.reply(t('ops.help'), threadOf(ctx));
  });

  ops.command('tickets', async (ctx) => {
    if (!allowed(ctx)) return;
    const open = await handoff.openTickets();
    const at = now();
    const lines = open.map((tk) =>
      t('ops.tickets_line', {
        ticket: shortTicket(tk.id),
        status:
          tk.status === 'taken' ? t('ops.status.taken', { name: tk.takenName ?? '' }) : t('ops.status.open'),
        age: Math.round((at - tk.createdAt) / 60_000),
        lang: tk.lang,
      }),
    );
    await ctx.reply(lines.length > 0 ? lines.join('\n') : t('ops.tickets_none'), threadOf(ctx));
  });

  // What other people's checks know about a contact, and counsellors' confirmations of danger.
  const intelCommand = (
    name: string,
    run: (ctx: Context, intel: IntelStore, args: string) => Promise<string>,
  ) =>
    ops.command(name, async (ctx) => {
      if (!allowed(ctx)) return;
      const text = deps.intel ? await run(ctx, deps.intel, ctx.match.trim()) : t('ops.intel.off');
      await ctx.reply(text, threadOf(ctx));
    });
  intelCommand('contact', async (_ctx, intel, args) => {
    const contact = parseContact(args);
    if (!contact) return t('ops.intel.usage_contact');
    return formatContactInfo(t, await intel.contactInfo(contact), deps.timeZone);
  });
  intelCommand('flag', async (ctx, intel, args) => {
    const parsed = parseContactAndRest(args);
    if (!parsed || parsed.rest.length < 3) return t('ops.intel.usage_flag');
    await intel.flag(parsed.contact, parsed.rest, String(ctx.from?.id ?? ''));
    return t('ops.intel.flagged', { contact: parsed.contact.value });
  });
  intelCommand('unflag', async (_ctx, intel, args) => {
    const contact = parseContact(args);
    if (!contact) return t('ops.intel.usage_unflag');
    return t((await intel.unflag(contact)) ? 'ops.intel.unflagged' : 'ops.intel.not_flagged', {
      contact: contact.value,
    });
  });

  ops.command('stats', async (ctx) => {
    if (!allowed(ctx)) return;
    const to = localDate(now(), deps.timeZone);
    const from = localDate(now() - 6 * 86_400_000, deps.timeZone);
    const text = formatStats(t, from, to, summarize(await deps.stats.read(from, to), [...FLAGS.keys()]));
    await ctx.reply(text, threadOf(ctx));
  });

  // A counsellor's words for a person: a reply to the ticket's card or messages, or in its topic.
  ops.on('message:text', async (ctx) => {
    const m = ctx.message;
    // "//" at the start: a note among counsellors, never passed on.
    if (m.text.startsWith('/') || !allowed(ctx)) return;
    const replyTo = m.reply_to_message?.message_id;
    const thread = m.is_topic_message ? m.message_thread_id : undefined;
    if (replyTo === undefined && thread === undefined) return;
    const id = await handoff.ticketOf(replyTo, thread);
    if (!id) {
      // A reply to one of the bot's messages that leads to no request: say so rather than drop it.
      if (m.reply_to_message?.from?.id === ctx.me.id)
        await ctx.reply(t('ops.not_linked'), {
          reply_parameters: { message_id: m.message_id, allow_sending_without_reply: true },
        });
      return;
    }
    const result = await handoff.reply(id, m.text);
    if (result !== 'ok') {
      const reason = result === 'missing' ? 'closed' : result;
      await ctx.reply(t('ops.undelivered', { ticket: shortTicket(id), reason: t(`ops.reason.${reason}`) }), {
        reply_parameters: { message_id: m.message_id, allow_sending_without_reply: true },
      });
    }
  });

  return ops.middleware() as unknown as Middleware<Context>;
}

/** What /contact shows a counsellor: counts by risk level, first and last seen, a confirmation if any. */
export function formatContactInfo(t: Translate, info: ContactIntel, timeZone: string): string {
  const day = (ms: number | undefined) => (ms === undefined ? '—' : localDate(ms, timeZone));
  const lines = [t('ops.intel.contact', { contact: info.contact.value, kind: info.kind })];
  if (info.count === 0) lines.push(t('ops.intel.never'));
  else {
    const levels = (['low', 'medium', 'high', 'critical'] as const)
      .map((l) => `${t(`ops.level.${l}`)} ${info.byRisk[l]}`)
      .join(' · ');
    lines.push(t('ops.intel.checked', { count: info.count, levels }));
    lines.push(t('ops.intel.seen', { first: day(info.firstSeen), last: day(info.lastSeen) }));
  }
  if (info.flagged)
    lines.push(t('ops.intel.flag_line', { reason: info.flagged.reason, at: day(info.flagged.at) }));
  return lines.join('\n');
}

function threadOf(ctx: Context): { message_thread_id?: number } {
  const m = ctx.message;
  return m?.is_topic_message && m.message_thread_id !== undefined
    ? { message_thread_id: m.message_thread_id }
    : {};
}

export function formatStats(t: Translate, from: string, to: string, s: ReturnType<typeof summarize>): string {
  const sum = (metric: string) => {
    const row = s.totals[metric];
    return row ? row.ru + row.kk + row.en : 0;
  };
  const byLang = (metric: string) => {
    const row = s.totals[metric] ?? { ru: 0, kk: 0, en: 0 };
    return `${sum(metric)} (ru ${row.ru} · kk ${row.kk} · en ${row.en})`;
  };
  const levels = (kind: string) =>
    ['low', 'medium', 'high', 'critical']
      .map((l) => `${t(`ops.level.${l}`)} ${sum(`${kind}:${l}`)}`)
      .join(' · ');
  const checks = ['low', 'medium', 'high', 'critical'].reduce((n, l) => n + sum(`checks:${l}`), 0);
  const ads = ['low', 'medium', 'high', 'critical'].reduce((n, l) => n + sum(`ads:${l}`), 0);
  const resolved = OUTCOMES.reduce((n, o) => n + sum(`callbacks:resolved:${o}`), 0);
  const lines = [
    t('ops.stats.title', { from, to }),
    `${t('ops.stats.started')}: ${byLang('started')}`,
    `${t('ops.stats.checks')}: ${checks} — ${levels('checks')}`,
    `${t('ops.stats.ads')}: ${ads} — ${levels('ads')}`,
    `${t('ops.stats.requested')}: ${byLang('callbacks:requested')}; ${t('ops.stats.taken')} ${sum('callbacks:taken')}; ${t('ops.stats.resolved')} ${resolved}`,
  ];
  for (const o of OUTCOMES) {
    const n = sum(`callbacks:resolved:${o}`);
    if (n > 0) lines.push(`  • ${t(`ops.outcome.${o}`)}: ${n}`);
  }
  if (s.medianTakeSeconds !== undefined)
    lines.push(t('ops.stats.median', { minutes: Math.round(s.medianTakeSeconds / 60) }));
  const flags = Object.keys(s.totals)
    .filter((m) => m.startsWith('flag:') && sum(m) > 0)
    .sort((a, b) => sum(b) - sum(a))
    .slice(0, 5);
  if (flags.length > 0) {
    lines.push(t('ops.stats.flags'));
    for (const f of flags) lines.push(`  • ${t(flagTextKey(f.slice(5), 'title'))}: ${sum(f)}`);
  }
  return lines.join('\n');
}
