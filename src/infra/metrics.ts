import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * What an operator watches, in Prometheus' text format at GET /metrics. Labels are channels, kinds of
 * input and error codes: never anything about a person.
 */
export interface Metrics {
  registry: Registry;
  updates: Counter<'channel' | 'kind'>;
  handleSeconds: Histogram<'channel'>;
  errors: Counter<'where'>;
  redisSeconds: Histogram<'op'>;
  rateLimited: Counter<'channel'>;
  adsChecked: Counter<'risk'>;
  tickets: Counter<'event'>;
  deliveries: Counter<'to' | 'result'>;
  whatsappRequests: Counter<'result'>;
  whatsappUnknown: Counter<'shape'>;
  whatsappSendErrors: Counter<'code' | 'via'>;
  whatsappDuplicates: Counter;
  whatsappIntake: Counter<'event'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tekser_' });
  return {
    registry,
    updates: new Counter({
      name: 'tekser_updates_total',
      help: 'Updates handled, by channel and kind of input',
      labelNames: ['channel', 'kind'],
      registers: [registry],
    }),
    handleSeconds: new Histogram({
      name: 'tekser_update_handling_seconds',
      help: 'Time to handle one update: state load, dialogue step, state save',
      labelNames: ['channel'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'tekser_errors_total',
      help: 'Errors, by where they happened',
      labelNames: ['where'],
      registers: [registry],
    }),
    redisSeconds: new Histogram({
      name: 'tekser_redis_roundtrip_seconds',
      help: 'Redis round-trip time, by operation',
      labelNames: ['op'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'tekser_rate_limited_total',
      help: 'Updates dropped because one person sent too many too fast',
      labelNames: ['channel'],
      registers: [registry],
    }),
    adsChecked: new Counter({
      name: 'tekser_ads_checked_total',
      help: 'Ads analysed, by risk level',
      labelNames: ['risk'],
      registers: [registry],
    }),
    tickets: new Counter({
      name: 'tekser_tickets_total',
      help: 'Counsellor requests: opened, taken, resolved, announced again (sla)',
      labelNames: ['event'],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'tekser_handoff_deliveries_total',
      help: "Messages of the handoff delivered or failed, to the operators' chat or to a person",
      labelNames: ['to', 'result'],
      registers: [registry],
    }),
    whatsappRequests: new Counter({
      name: 'tekser_whatsapp_webhook_requests_total',
      help: 'WhatsApp webhook POSTs, by result: ok, unsigned, bad_signature, too_large, malformed',
      labelNames: ['result'],
      registers: [registry],
    }),
    whatsappUnknown: new Counter({
      name: 'tekser_whatsapp_unknown_payloads_total',
      help: 'WhatsApp webhook payloads of a shape tekser does not know, skipped (by kind, never content)',
      labelNames: ['shape'],
      registers: [registry],
    }),
    whatsappSendErrors: new Counter({
      name: 'tekser_whatsapp_send_errors_total',
      help: "WhatsApp messages not sent, by Meta's error code and how it was learnt (response, status, webhook)",
      labelNames: ['code', 'via'],
      registers: [registry],
    }),
    whatsappDuplicates: new Counter({
      name: 'tekser_whatsapp_repeated_deliveries_total',
      help: 'WhatsApp messages delivered again by Meta and skipped',
      registers: [registry],
    }),
    whatsappIntake: new Counter({
      name: 'tekser_whatsapp_intake_total',
      help: 'WhatsApp messages at the intake stream: queued, claimed (left by a stopped instance), resumed (an answer a stopped instance had begun to send), waited_in_order (for a message held by another instance), trimmed (older than its age limit), direct (Redis away), refused_full, refused_stopping (requests answered 503)',
      labelNames: ['event'],
      registers: [registry],
    }),
  };
}
