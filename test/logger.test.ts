import { describe, expect, it } from 'vitest';
import { createLogger, lazyChild } from '../src/infra/logger.js';

describe('lazyChild', () => {
  it('makes the child only when something is logged at an enabled level, with its bindings and redaction', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    let made = 0;
    const child = log.child.bind(log);
    log.child = ((...args: Parameters<typeof child>) => {
      made++;
      return child(...args);
    }) as typeof log.child;

    const quiet = lazyChild(log, { update_id: 41 });
    quiet.debug({ step: 'x' }, 'turn');
    quiet.trace('nothing');
    expect(made).toBe(0);
    expect(lines).toEqual([]);

    const loud = lazyChild(log, { update_id: 42 });
    loud.warn({ kind: 'timeout', text: 'Айгерим' }, 'failed');
    loud.error('again');
    expect(made).toBe(1);
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] as string);
    expect(first).toMatchObject({ update_id: 42, kind: 'timeout', text: '[redacted]', msg: 'failed' });
    expect(JSON.parse(lines[1] as string)).toMatchObject({ update_id: 42, msg: 'again' });

    // A level set on it is its own.
    loud.level = 'error';
    expect(log.level).toBe('info');
    loud.warn('not now');
    expect(lines).toHaveLength(2);
  });
});
