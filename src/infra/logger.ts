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
  // A document's name is the sender's words too (Telegram's file_name, WhatsApp's filename).
  'file_name',
  '*.file_name',
  'filename',
  '*.filename',
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

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const ignore = () => undefined;

/**
 * `log.child(bindings)`, made the first time something is logged at an enabled level. A pino child is
 * not free (its bindings go through the redaction), and most updates log nothing at the level set.
 */
export function lazyChild(log: Logger, bindings: pino.Bindings): Logger {
  let child: Logger | undefined;
  return new Proxy(log, {
    get(parent, prop) {
      if (typeof prop === 'string' && LEVELS.has(prop) && !parent.isLevelEnabled(prop)) return ignore;
      child ??= parent.child(bindings);
      const value = Reflect.get(child, prop, child);
      return typeof value === 'function' ? value.bind(child) : value;
    },
    set(parent, prop, value) {
      // `log.level = …` is the child's, never the parent's.
      child ??= parent.child(bindings);
      return Reflect.set(child, prop, value, child);
    },
  });
}

export type { Logger };
