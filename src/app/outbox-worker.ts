import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { DeliveryError, type OutboxJobs } from './ports.js';

/** A job is someone else's for this long once claimed: the time one delivery may take. */
const LEASE_MS = 3 * 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const POLL_MS = 1000;

/** Works on one job; returns whether it has more to do right away. Throws to be tried again later. */
export type JobHandler = (job: string, now: number) => Promise<boolean>;

export interface OutboxWorkerDeps {
  jobs: OutboxJobs;
  handle: JobHandler;
  log: Logger;
  metrics?: Metrics | undefined;
  now?: (() => number) | undefined;
}

/** What a failed job's log line names: the platform's code or the failure's reason, never its text. */
export function errorKind(err: unknown): string {
  if (err instanceof DeliveryError) return (err as { code?: string }).code ?? err.reason;
  return (err as Error)?.name ?? 'unknown';
}

/**
 * Works through an outbox of jobs in Redis, whatever the jobs are: at once when kicked, and every second
 * for what is due. A job is claimed for a lease (two instances never work on one at once); one that fails
 * is tried again with exponential backoff (or when the platform said), up to five minutes apart, so
 * nothing is lost while a chat or Redis is away.
 */
export class OutboxWorker {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly attempts = new Map<string, number>();

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Starts working in the background. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Something was queued: work on it now rather than at the next poll. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) {
        // One pass at a time; look again right after it.
        void this.running.then(() => this.schedule(0));
        return;
      }
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((err: unknown) => {
          this.deps.metrics?.errors.inc({ where: 'handoff' });
          this.deps.log.warn({ err: (err as Error)?.name }, 'handoff pass failed');
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(POLL_MS);
        });
    }, ms);
    this.timer.unref?.();
  }

  /** Works on what is due; returns how many jobs it worked on. */
  async runOnce(): Promise<number> {
    const { jobs } = this.deps;
    let worked = 0;
    for (const job of await jobs.due(this.now())) {
      // Each job's lease from when it is claimed, not from when the pass began.
      const now = this.now();
      if (!(await jobs.claim(job, now, LEASE_MS))) continue;
      worked++;
      try {
        const more = await this.deps.handle(job, now);
        this.attempts.delete(job);
        if (more) await jobs.reschedule(job, now);
      } catch (err) {
        await this.backOff(job, now, err);
      }
    }
    return worked;
  }

  private async backOff(job: string, now: number, err: unknown): Promise<void> {
    const attempt = (this.attempts.get(job) ?? 0) + 1;
    this.attempts.set(job, attempt);
    const asked = err instanceof DeliveryError ? err.retryAfterMs : undefined;
    const wait = Math.min(asked ?? 1000 * 2 ** attempt, MAX_BACKOFF_MS);
    await this.deps.jobs.reschedule(job, now + wait);
    this.deps.log.warn({ job: job.split(':')[0], attempt, err: errorKind(err) }, 'delivery failed');
  }

  /** Runs passes until nothing is due now (tests, the terminal chat, and shutdown). */
  async drain(maxPasses = 50): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      if ((await this.runOnce()) === 0) return;
    }
  }
}
