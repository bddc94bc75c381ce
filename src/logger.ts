import { type Logger, pino } from 'pino';

/**
 * A person writing to tekser may be watched by the people they fear: logs carry ids, kinds and
 * counts, never message text, phone numbers or names. The redaction is a second line of defence for
 * a mistake elsewhere, not the plan.
 */
export const REDACT_PATHS = [
  'text',
  '*.text',
  'caption',
  '*.caption',
  'message',
  '*.message',
  'phone',
  '*.phone',
  'phone_number',
  '*.phone_number',
  'first_name',
  '*.first_name',
  'last_name',
  '*.last_name',
  'username',
  '*.username',
  'answers',
  '*.answers',
  'update',
  '*.update',
  'payload',
  '*.payload',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'tekser' } },
    destination ?? pino.destination(2),
  );
}

export type { Logger };
