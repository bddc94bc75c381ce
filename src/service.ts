import {
  type DialogueDeps,
  handle,
  type Input,
  type Meta,
  type PersonState,
  type Reply,
  type Turn,
} from './domain/dialogue.js';
import { formatWorkingHours } from './domain/hours.js';
import { detectLanguage } from './domain/language.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { PersonKey } from './store/keys.js';
import type { Store } from './store/store.js';

/** How often an update is stepped again when another instance saved the same person in between. */
const MAX_ATTEMPTS = 5;

export interface Outcome {
  replies: Reply[];
  button?: Turn['button'];
  /** The turn was answered from memory because the store failed: nothing was saved. */
  degraded?: boolean;
}

/**
 * One message's way through tekser: load the person's state (one read), take one pure step, save it
 * (one write). Channels call this and render what comes back.
 */
export class DialogueService {
  constructor(
    private readonly deps: DialogueDeps,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly metrics?: Metrics,
  ) {}

  /** `log`: the update's own child logger, when the channel has one. */
  async handle(who: PersonKey, input: Input, meta: Meta, log: Logger = this.log): Promise<Outcome> {
    const started = performance.now();
    this.metrics?.updates.inc({ channel: who.channel, kind: input.kind });
    try {
      return await this.step(who, input, meta, log);
    } finally {
      this.metrics?.handleSeconds.observe({ channel: who.channel }, (performance.now() - started) / 1000);
    }
  }

  private async step(who: PersonKey, input: Input, meta: Meta, log: Logger): Promise<Outcome> {
    // Load, step, compare-and-set; if another instance saved this person in between, step again on
    // what it saved. The engine is pure, so a discarded step has done nothing.
    for (let attempt = 1; ; attempt++) {
      let previous: PersonState | null;
      try {
        // A retry reads afresh: what was read ahead is what another instance has since changed.
        previous =
          attempt > 1 && this.store.reload ? await this.store.reload(who) : await this.store.load(who);
      } catch (err) {
        return this.unavailable(err, input, meta, log);
      }
      const turn = handle(this.deps, previous, input, meta);
      const expected = previous?.rev ?? 0;
      turn.state.rev = expected + 1;
      try {
        if (turn.forget) await this.store.forget(who);
        else if (!(await this.store.save(who, turn.state, expected))) {
          this.metrics?.errors.inc({ where: 'save_conflict' });
          if (attempt < MAX_ATTEMPTS) continue;
          throw new Error('the state kept changing under this update');
        }
      } catch (err) {
        return this.unavailable(err, input, meta, log);
      }
      return this.done(turn, who, input, log);
    }
  }

  private done(turn: Turn, who: PersonKey, input: Input, log: Logger): Outcome {
    log.debug(
      {
        channel: who.channel,
        input: input.kind,
        flow: turn.state.active?.flow,
        step: turn.state.active?.step,
      },
      'turn',
    );
    return turn.button ? { replies: turn.replies, button: turn.button } : { replies: turn.replies };
  }

  /**
   * The store is away: the person still gets an answer, in their language as far as we can tell, with
   * the numbers that help now. Their place is not lost: it is where the store last had it.
   */
  private unavailable(err: unknown, input: Input, meta: Meta, log: Logger): Outcome {
    this.metrics?.errors.inc({ where: 'store' });
    log.error(
      { err: { name: (err as Error)?.name, code: (err as { code?: string })?.code } },
      'store failed',
    );
    const lang = detectLanguage(input.kind === 'text' ? input.text : undefined, meta.platformLang);
    const t = this.deps.t(lang);
    const hotline = t('hotline.line', {
      phone: this.deps.hotline.phone,
      hours: formatWorkingHours(this.deps.hotline.hours, t),
    });
    // No `button`: the question the person answered keeps its buttons, to be pressed again later.
    return {
      replies: [{ text: `${t('common.unavailable')}\n\n${t('emergency.block')}\n${hotline}` }],
      degraded: true,
    };
  }
}
