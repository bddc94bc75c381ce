/**
 * One person's messages are handled one after another, in the order they came (as grammY runner's
 * sequentialize does for a chat); different people's run side by side. A job never rejects into the
 * chain: a failure of one message must not stop the person's next ones.
 */
export class PersonQueue {
  private readonly tails = new Map<string, Promise<void>>();

  push(key: string, job: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(job).catch(() => undefined);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** How many people have messages in hand. */
  get size(): number {
    return this.tails.size;
  }

  /** Resolves once every message taken so far (and any queued meanwhile) is handled. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}

/**
 * At most `max` jobs at once; the others wait their turn, in order. Bounds the work in hand however many
 * messages arrive together.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly max: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next job, so `running` never goes over `max`.
      if (next) next();
      else this.running--;
    }
  }

  /** Jobs running now. */
  get active(): number {
    return this.running;
  }
}
