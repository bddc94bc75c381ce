import type { Ticket, TicketPersonal } from '../domain/handoff/ticket.js';
import type { Logger } from '../infra/logger.js';
import { sharedEarlier } from './history.js';
import { errorKind } from './outbox-worker.js';
import { isRefused, type OperatorsDesk, type TicketRepository } from './ports.js';

export interface TopicDeps {
  repo: TicketRepository;
  desk: OperatorsDesk;
  /** TICKET_RETENTION_DAYS: an earlier request closed longer ago than this gives no topic. */
  retentionDays: number;
  log: Logger;
}

/**
 * The topic of her earlier request that a new request's card goes to, in a forum: that of the most recent
 * earlier request she agreed to share, when she agreed on this one too (src/app/history.ts: same person
 * key, within TICKET_RETENTION_DAYS, not forgotten), if that request is closed. Undefined: a new topic.
 */
export async function earlierTopic(
  deps: Pick<TopicDeps, 'repo' | 'retentionDays'>,
  ticket: Ticket,
  personal: TicketPersonal,
  now: number,
): Promise<number | undefined> {
  const shared = await sharedEarlier(deps, ticket, personal, now);
  const last = shared.find((e) => e.earlier.threadId !== undefined)?.earlier;
  return last?.status === 'resolved' ? last.threadId : undefined;
}

/**
 * Where a new card goes in a forum: her earlier request's topic, reopened and named by this request's
 * status, or a topic of its own. Either is kept at once (a retry does not open another); without the right
 * to open topics (or without topics) the card goes to the main chat.
 */
export async function topicFor(
  deps: TopicDeps,
  ticket: Ticket,
  personal: TicketPersonal,
  now: number,
): Promise<Ticket> {
  const { desk, repo, log } = deps;
  if (!desk.forum || !desk.openTopic || ticket.threadId !== undefined) return ticket;
  const again = await reopened(deps, ticket, personal, now);
  if (again) return again;
  try {
    const threadId = await desk.openTopic(ticket);
    await repo.setThread(ticket.id, threadId);
    return { ...ticket, threadId };
  } catch (err) {
    // No right to open topics (or topics off): the card goes to the main chat, never nowhere.
    if (!isRefused(err)) throw err;
    log.warn({ err: errorKind(err) }, 'no topic for a request; card in the main chat');
    return ticket;
  }
}

/** Her earlier request's topic, reopened for this one; undefined when there is none or it was refused. */
async function reopened(
  deps: TopicDeps,
  ticket: Ticket,
  personal: TicketPersonal,
  now: number,
): Promise<Ticket | undefined> {
  const { desk, repo, log } = deps;
  if (!desk.reopenTopic) return undefined;
  const threadId = await earlierTopic(deps, ticket, personal, now);
  if (threadId === undefined) return undefined;
  const inTopic = { ...ticket, threadId };
  try {
    await desk.reopenTopic(inTopic);
  } catch (err) {
    // The topic deleted, or no right to manage topics: a topic of its own, as for a first request.
    if (!isRefused(err)) throw err;
    log.warn({ err: errorKind(err) }, "an earlier request's topic could not be reopened; a new topic");
    return undefined;
  }
  // Named before it is kept, so that a retry names it again; from then on the topic leads to this request.
  await rename(deps, inTopic);
  await repo.setThread(ticket.id, threadId);
  return inTopic;
}

/**
 * The topic's name follows the ticket's status (closed on Resolve). A topic that has passed to her newer
 * request is that request's to name: an update of the earlier one (her /forget) leaves it alone.
 */
export async function showTopic(deps: TopicDeps, ticket: Ticket): Promise<void> {
  const { desk, repo } = deps;
  if (!desk.forum || !desk.showTopic || ticket.threadId === undefined) return;
  const holder = await repo.ticketOf(undefined, ticket.threadId);
  if (holder !== undefined && holder !== ticket.id) return;
  await rename(deps, ticket);
}

/** A refusal (no right to manage topics) is only logged, by its kind. */
async function rename(deps: TopicDeps, ticket: Ticket): Promise<void> {
  try {
    await deps.desk.showTopic?.(ticket);
  } catch (err) {
    if (!isRefused(err)) throw err;
    deps.log.warn({ err: errorKind(err) }, "a request's topic could not be renamed or closed");
  }
}
