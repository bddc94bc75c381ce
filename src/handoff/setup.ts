import type { Redis } from 'ioredis';
import type { PersonSender } from '../channels/sender.js';
import type { Config } from '../config.js';
import { type DialogueDeps, hotlineText } from '../domain/dialogue/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { DialogueService } from '../service.js';
import { StatsStore } from '../store/stats.js';
import { Handoff, type OperatorsDesk } from './handoff.js';
import { TicketStore } from './store.js';

export interface HandoffSetup {
  config: Config;
  redis: Redis;
  deps: DialogueDeps;
  service: DialogueService;
  desk: OperatorsDesk;
  senders: ReadonlyMap<string, PersonSender>;
  log: Logger;
  metrics?: Metrics;
  now?: () => number;
}

/** The handoff as every channel shares it, plugged into the dialogue service. */
export function createHandoff(setup: HandoffSetup): {
  handoff: Handoff;
  tickets: TicketStore;
  stats: StatsStore;
} {
  const { config, deps } = setup;
  const tickets = new TicketStore(setup.redis, {
    prefix: config.REDIS_PREFIX,
    retentionDays: config.TICKET_RETENTION_DAYS,
  });
  const stats = new StatsStore(setup.redis, config.REDIS_PREFIX);
  const handoff = new Handoff({
    store: tickets,
    stats,
    desk: setup.desk,
    senders: setup.senders,
    t: deps.t,
    operatorsLang: config.OPERATORS_LANG,
    hours: config.WORKING_HOURS,
    timeZone: config.TIMEZONE,
    slaMinutes: config.SLA_MINUTES,
    hotlineLine: (lang) => hotlineText(deps, deps.t(lang)),
    log: setup.log,
    ...(setup.metrics ? { metrics: setup.metrics } : {}),
    ...(setup.now ? { now: setup.now } : {}),
    // The request is closed: the person's messages go to the dialogue again.
    onClosed: (who, id) =>
      setup.service.update(who, (state) => {
        if (state.ticket?.id === id) state.ticket = undefined;
      }),
  });
  setup.service.useHandoff(handoff);
  return { handoff, tickets, stats };
}
