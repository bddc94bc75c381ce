import { createHmac, randomBytes } from 'node:crypto';
import { MAX_AD_LENGTH } from './domain/ads/analyze.js';
import {
  type DialogueDeps,
  emergencyBlock,
  handle,
  hotlineText,
  type Input,
  type Meta,
  type PersonState,
  type Reply,
  shortTicket,
  type Turn,
} from './domain/dialogue/index.js';
import { localDate } from './domain/hours.js';
import { hashPerson } from './domain/intel/contact.js';
import { type AdIntel, adIntel, withReportedContacts } from './domain/intel/seen.js';
import { detectLanguage, type Lang } from './domain/language.js';
import type { Handoff } from './handoff/handoff.js';
import { newTicketId } from './handoff/ticket.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { IntelStore } from './store/intel.js';
import type { PersonKey } from './store/keys.js';
import { type Counters, countersFor } from './store/stats.js';
import type { Store } from './store/store.js';

/** How often an update is stepped again when another instance saved the same person in between. */
const MAX_ATTEMPTS = 5;

/**
 * The language each person last spoke with this process: when the store is away, the answer is still in
 * their language, even for a button press, which carries no words. A language code and a time, under a
 * hash of the person's key with a secret made at start (so the map names no one), in memory only: for a
 * day after their last message, the oldest dropped first past 50,000, and gone with /forget (on this
 * instance; on another, within the day).
 */
class RecentLanguages {
  private readonly byPerson = new Map<string, { lang: Lang; at: number }>();
  private readonly secret = randomBytes(32);
  private static readonly MAX = 50_000;
  private static readonly FOR_MS = 24 * 3_600_000;

  private key(who: PersonKey): string {
    return createHmac('sha256', this.secret).update(`${who.channel}:${who.id}`).digest('base64url');
  }

  get(who: PersonKey, now: number): Lang | undefined {
    const key = this.key(who);
    const known = this.byPerson.get(key);
    if (!known) return undefined;
    if (now - known.at <= RecentLanguages.FOR_MS) return known.lang;
    this.byPerson.delete(key);
    return undefined;
  }

  set(who: PersonKey, lang: Lang, now: number): void {
    const key = this.key(who);
    // Set anew, so the map's order is the order of last messages: the oldest is dropped first.
    this.byPerson.delete(key);
    this.byPerson.set(key, { lang, at: now });
    if (this.byPerson.size > RecentLanguages.MAX) {
      const oldest = this.byPerson.keys().next().value;
      if (oldest !== undefined) this.byPerson.delete(oldest);
    }
  }

  forget(who: PersonKey): void {
    this.byPerson.delete(this.key(who));
  }
}

export interface Outcome {
  replies: Reply[];
  button?: Turn['button'];
  /** The person was forgotten: the channel deletes its messages from this id on, where it can. */
  deleteFrom?: number;
  /** The turn was answered from memory because the store failed: nothing was saved. */
  degraded?: boolean;
}

/**
 * One message's way through tekser: load the person's state (one read), take one pure step, save it
 * (one write). Channels call this and render what comes back.
 */
export class DialogueService {
  private handoff: Handoff | undefined;
  /** For answering in the person's language while the store is away. */
  private readonly languages = new RecentLanguages();

  constructor(
    private readonly deps: DialogueDeps,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly metrics?: Metrics,
    /** Where the NGO's anonymous counters go: the key of a local day's hash. */
    private readonly stats?: { keyOf: (date: string) => string; timeZone: string },
  ) {}

  /** Counsellor requests: without it, "talk to a counsellor" gives the hotline. */
  useHandoff(handoff: Handoff): void {
    this.handoff = handoff;
  }

  private intel: { store: IntelStore; secret: string } | undefined;

  /** "Seen before": ads people check are looked up before the turn and recorded after it. */
  useIntel(store: IntelStore, secret: string): void {
    this.intel = { store, secret };
  }

  /**
   * An ad in this message, read before the turn so that what others' checks know about it (I/O, which
   * the engine does not do) is in its verdict. Only a text that reads as a job ad costs a lookup.
   */
  private async readAhead(
    input: Input,
    log: Logger,
  ): Promise<(Meta['ad'] & { intel?: AdIntel }) | undefined> {
    const analyze = this.deps.analyzeAd;
    if (!this.intel || !analyze) return undefined;
    const raw = input.kind === 'text' ? input.text : input.kind === 'media' ? input.caption : undefined;
    const text = raw?.trim().slice(0, MAX_AD_LENGTH);
    if (!text || text.startsWith('/') || text.split(/\s+/).length < 3) return undefined;
    const verdict = analyze(text);
    const ad = adIntel(text, verdict);
    if (!ad) return { text, verdict };
    try {
      const seen = await this.intel.store.lookup(ad);
      return { text, verdict: withReportedContacts(verdict, seen, text), seen, intel: ad };
    } catch (err) {
      // Without "seen before" the verdict is still the ad's own.
      log.warn({ err: (err as Error)?.name }, 'seen-before lookup failed');
      return { text, verdict, intel: ad };
    }
  }

  /** A checked ad counts for those who check it next (once per person): keyed hashes, no text. */
  private async record(who: PersonKey, ad: AdIntel | undefined, turn: Turn, log: Logger): Promise<void> {
    if (!ad || !this.intel || !turn.stats.some((s) => s.kind === 'ad')) return;
    await this.intel.store
      .record(ad, hashPerson(this.intel.secret, who))
      .catch((err: unknown) => log.warn({ err: (err as Error)?.name }, 'seen-before record failed'));
  }

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

  private async step(who: PersonKey, input: Input, given: Meta, log: Logger): Promise<Outcome> {
    const ahead = await this.readAhead(input, log);
    const meta: Meta = ahead ? { ...given, ad: ahead } : given;
    // Load, step, compare-and-set; if another instance saved this person in between, step again on
    // what it saved. The engine is pure, so a discarded step has done nothing.
    for (let attempt = 1; ; attempt++) {
      let previous: PersonState | null;
      try {
        // A retry reads afresh: what was read ahead is what another instance has since changed.
        previous =
          attempt > 1 && this.store.reload ? await this.store.reload(who) : await this.store.load(who);
      } catch (err) {
        return this.unavailable(who, err, input, meta, log);
      }
      const turn = handle(this.deps, previous, input, this.handoff ? { ...meta, newId: newTicketId } : meta);
      const expected = previous?.rev ?? 0;
      turn.state.rev = expected + 1;
      try {
        if (turn.forget) {
          await this.store.forget(who);
          this.languages.forget(who);
          await this.handoff?.forgetPerson(who);
        } else if (!(await this.store.save(who, turn.state, expected, this.countersOf(turn, meta)))) {
          this.metrics?.errors.inc({ where: 'save_conflict' });
          if (attempt < MAX_ATTEMPTS) continue;
          throw new Error('the state kept changing under this update');
        }
      } catch (err) {
        return this.unavailable(who, err, input, meta, log);
      }
      if (turn.effects.length > 0 && this.handoff) {
        try {
          const { closed } = await this.handoff.apply(who, turn.effects);
          if (closed.length > 0) return await this.requestClosed(who, input, meta, turn, closed, log);
        } catch (err) {
          // Saved, but the request or message did not reach the queue: say so, with the numbers.
          return this.unavailable(who, err, input, meta, log);
        }
      }
      await this.record(who, ahead?.intel, turn, log);
      return this.done(turn, who, input, meta.now, log);
    }
  }

  /**
   * The person wrote to a request that is closed (or expired): nothing reached a counsellor, so they are
   * told so, with the hotline, and their messages go to the dialogue again.
   */
  private async requestClosed(
    who: PersonKey,
    input: Input,
    meta: Meta,
    turn: Turn,
    closed: string[],
    log: Logger,
  ): Promise<Outcome> {
    await this.update(who, (state) => {
      if (state.ticket && closed.includes(state.ticket.id)) state.ticket = undefined;
    });
    log.info({ tickets: closed.length }, 'message to a closed request');
    const t = this.deps.t(turn.state.lang);
    const hotline = hotlineText(this.deps, t);
    const notice: Reply = { text: t('relay.closed', { ticket: shortTicket(closed[0] as string), hotline }) };
    // The message is taken again, now that no request is open: words of danger get the numbers and the
    // urgent callback, anything else its ordinary answer.
    const again = await this.step(who, input, meta, log);
    return { ...again, replies: [notice, ...again.replies] };
  }

  private countersOf(turn: Turn, meta: Meta): Counters | undefined {
    if (!this.stats || turn.stats.length === 0) return undefined;
    return {
      key: this.stats.keyOf(localDate(meta.now, this.stats.timeZone)),
      fields: countersFor(turn.stats, turn.state.lang),
    };
  }

  /**
   * Changes a person's stored state from outside their own updates (a counsellor closed their request),
   * with the same compare-and-set as a turn. A person with no state is left alone.
   */
  async update(who: PersonKey, change: (state: PersonState) => void): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const state = this.store.reload ? await this.store.reload(who) : await this.store.load(who);
      if (!state) return;
      const expected = state.rev ?? 0;
      change(state);
      state.rev = expected + 1;
      if (await this.store.save(who, state, expected)) return;
    }
  }

  private done(turn: Turn, who: PersonKey, input: Input, now: number, log: Logger): Outcome {
    if (!turn.forget) this.languages.set(who, turn.state.lang, now);
    log.debug(
      {
        channel: who.channel,
        input: input.kind,
        flow: turn.state.active?.flow,
        step: turn.state.active?.step,
      },
      'turn',
    );
    const outcome: Outcome = { replies: turn.replies };
    if (turn.button) outcome.button = turn.button;
    if (turn.deleteFrom !== undefined) outcome.deleteFrom = turn.deleteFrom;
    return outcome;
  }

  /**
   * The store is away: the person still gets an answer, in their language as far as we can tell, with
   * the numbers that help now. Their place is not lost: it is where the store last had it.
   */
  private unavailable(who: PersonKey, err: unknown, input: Input, meta: Meta, log: Logger): Outcome {
    this.metrics?.errors.inc({ where: 'store' });
    log.error(
      { err: { name: (err as Error)?.name, code: (err as { code?: string })?.code } },
      'store failed',
    );
    const lang =
      this.languages.get(who, meta.now) ??
      detectLanguage(input.kind === 'text' ? input.text : undefined, meta.platformLang);
    const t = this.deps.t(lang);
    const hotline = hotlineText(this.deps, t);
    // No `button`: the question the person answered keeps its buttons, to be pressed again later.
    return {
      replies: [{ text: `${t('common.unavailable')}\n\n${emergencyBlock(this.deps, t)}\n${hotline}` }],
      degraded: true,
    };
  }
}
