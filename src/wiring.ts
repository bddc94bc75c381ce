import type { Redis } from 'ioredis';
import { HandoffDelivery } from './app/delivery.js';
import { DialogueService, type PictureReader, type SeenBefore } from './app/dialogue-service.js';
import { OutboxWorker } from './app/outbox-worker.js';
import { forgetClosedTicket } from './app/person-state.js';
import type { OperatorsDesk, PersonSender } from './app/ports.js';
import { Tickets } from './app/tickets.js';
import type { Config } from './config.js';
import { type DialogueDeps, hotlineText } from './domain/dialogue/index.js';
import { type Referral, referralName } from './domain/handoff/desk-content.js';
import { loadReferrals } from './infra/desk-content.js';
import type { Logger } from './infra/logger.js';
import type { Metrics } from './infra/metrics.js';
import { CounsellorRoster } from './store/counsellors.js';
import { statsKey } from './store/keys.js';
import { RedisOutbox } from './store/outbox.js';
import { StatsStore } from './store/stats.js';
import type { Store } from './store/store.js';
import { TicketStore } from './store/tickets.js';

/**
 * How the application is put together from the config, one Redis and the content: shared by main.ts, the
 * terminal chat and the tests, so that they all build the same thing. Dependencies are passed at
 * construction, in this order: the handoff (its stores, use cases, delivery and outbox), then the
 * dialogue service that opens requests through it.
 */

export type HandoffConfig = Pick<
  Config,
  'REDIS_PREFIX' | 'TICKET_RETENTION_DAYS' | 'OPERATORS_LANG' | 'WORKING_HOURS' | 'TIMEZONE' | 'SLA_MINUTES'
>;

export interface HandoffSetup {
  config: HandoffConfig;
  redis: Redis;
  deps: DialogueDeps;
  /** People's dialogue state: a closed request is taken off it. */
  store: Store;
  desk: OperatorsDesk;
  /**
   * One sender per channel (tg, wa, cli). Read when the outbox delivers: a sender whose channel is made
   * after the handoff (WhatsApp's needs the dialogue service) is added before the outbox starts.
   */
  senders: ReadonlyMap<string, PersonSender>;
  log: Logger;
  metrics?: Metrics | undefined;
  now?: (() => number) | undefined;
  /** The organisations of flows/desk/referrals.yaml (read from there when not given). */
  referrals?: readonly Referral[] | undefined;
}

export interface Handoff {
  /** The use cases: from a person's turn and from the operators' chat. */
  tickets: Tickets;
  /** Delivers what the use cases queued: `start()` in production, `drain()` in tests and the terminal. */
  outbox: OutboxWorker;
  ticketStore: TicketStore;
  stats: StatsStore;
}

/** The handoff as every channel shares it. */
export function createHandoff(setup: HandoffSetup): Handoff {
  const { config, deps, redis, log, metrics, now } = setup;
  const ticketStore = new TicketStore(redis, {
    prefix: config.REDIS_PREFIX,
    retentionDays: config.TICKET_RETENTION_DAYS,
  });
  const jobs = new RedisOutbox(redis, config.REDIS_PREFIX);
  const stats = new StatsStore(redis, config.REDIS_PREFIX);
  const timing = { hours: config.WORKING_HOURS, timeZone: config.TIMEZONE, slaMinutes: config.SLA_MINUTES };
  const referrals = setup.referrals ?? loadReferrals();
  const delivery = new HandoffDelivery({
    repo: ticketStore,
    jobs,
    desk: setup.desk,
    senders: setup.senders,
    t: deps.t,
    operatorsLang: config.OPERATORS_LANG,
    ...timing,
    hotlineLine: (lang) => hotlineText(deps, deps.t(lang)),
    referralName: (id) => referralName(referrals, id, config.OPERATORS_LANG),
    retentionDays: config.TICKET_RETENTION_DAYS,
    log,
    metrics,
    now,
  });
  const outbox = new OutboxWorker({ jobs, handle: delivery.handle, log, metrics, now });
  const tickets = new Tickets({
    repo: ticketStore,
    figures: stats,
    ...timing,
    kick: () => outbox.kick(),
    // The request is closed: the person's messages go to the dialogue again.
    onClosed: forgetClosedTicket(setup.store),
    counsellors: new CounsellorRoster(redis, config.REDIS_PREFIX),
    metrics,
    now,
  });
  return { tickets, outbox, ticketStore, stats };
}

export interface ServiceSetup {
  config: Pick<Config, 'REDIS_PREFIX' | 'TIMEZONE' | 'INTEL_SECRET'>;
  deps: DialogueDeps;
  store: Store;
  log: Logger;
  metrics?: Metrics | undefined;
  /** With Redis: the NGO's counters are added to in the turn's save. */
  counted?: boolean;
  handoff?: Pick<Handoff, 'tickets'> | undefined;
  /** "Seen before", when INTEL_SECRET is set: looked up and recorded around a person's turn. */
  intel?: SeenBefore | undefined;
  /** Reads pictures of ads (src/infra/ocr.ts), when tesseract is installed. */
  pictures?: PictureReader | undefined;
}

/** The dialogue service with what the config turns on: counters, counsellor requests, "seen before". */
export function createDialogueService(setup: ServiceSetup): DialogueService {
  const { config } = setup;
  return new DialogueService({
    deps: setup.deps,
    store: setup.store,
    log: setup.log,
    metrics: setup.metrics,
    stats: setup.counted
      ? { keyOf: (date) => statsKey(config.REDIS_PREFIX, date), timeZone: config.TIMEZONE }
      : undefined,
    tickets: setup.handoff?.tickets,
    intel:
      setup.intel && config.INTEL_SECRET ? { store: setup.intel, secret: config.INTEL_SECRET } : undefined,
    pictures: setup.pictures,
  });
}
