import { MAX_AD_LENGTH } from '../domain/ads/analyze.js';
import {
  type DialogueDeps,
  type Effect,
  emergencyBlock,
  handle,
  hotlineText,
  type Input,
  type MediaRef,
  type Meta,
  type PersonState,
  type PictureText,
  type Reply,
  shortTicket,
  type Turn,
} from '../domain/dialogue/index.js';
import { pictureRoute, wordsOf } from '../domain/dialogue/picture.js';
import { localDate } from '../domain/hours.js';
import { hashPerson } from '../domain/intel/contact.js';
import { type AdIntel, adIntel, type IntelLookup, withReportedContacts } from '../domain/intel/seen.js';
import { detectLanguage } from '../domain/language.js';
import type { PersonKey } from '../domain/person.js';
import { countersFor } from '../domain/stats.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import type { Counters } from '../store/stats.js';
import type { Store, Write } from '../store/store.js';
import { MAX_ATTEMPTS, updatePersonState } from './person-state.js';
import { RecentLanguages } from './recent-languages.js';
import { newTicketId } from './ticket-id.js';

/** What a person's turn gives the channel to render. */
export interface TurnResult {
  replies: Reply[];
  button?: Turn['button'];
  /** The person was forgotten: the channel deletes its messages from this id on, where it can. */
  deleteFrom?: number;
  /** The turn was answered from memory because the store failed: nothing was saved. */
  degraded?: boolean;
}

/** Counsellor requests as a turn uses them (src/app/tickets.ts). */
export interface TurnTickets {
  /** `opened`: the turn's requests were written with the state (`openWrites`). */
  apply(who: PersonKey, effects: readonly Effect[], opened?: boolean): Promise<{ closed: string[] }>;
  openWrites?(who: PersonKey, effects: readonly Effect[]): Write[] | undefined;
  forgetPerson(who: PersonKey): Promise<void>;
}

/** "Seen before" (src/store/intel.ts): what others' checks know about an ad, and this check counted. */
export interface SeenBefore {
  lookup(ad: Pick<AdIntel, 'contacts' | 'fingerprint'>): Promise<IntelLookup>;
  record(ad: AdIntel, personKeyHash: string): Promise<unknown>;
}

export interface DialogueServiceDeps {
  deps: DialogueDeps;
  store: Store;
  log: Logger;
  metrics?: Metrics | undefined;
  /** Where the NGO's anonymous counters go: the key of a local day's hash. */
  stats?: { keyOf: (date: string) => string; timeZone: string } | undefined;
  /** Counsellor requests: without them, "talk to a counsellor" gives the hotline. */
  tickets?: TurnTickets | undefined;
  /** "Seen before": ads people check are looked up before the turn and recorded after it. */
  intel?: { store: SeenBefore; secret: string } | undefined;
  /** Reads pictures of ads: without it, a picture's caption alone is read, as before. */
  pictures?: PictureReader | undefined;
}

type AdAhead = Meta['ad'] & { intel?: AdIntel };

/** What reads a picture's text (src/infra/ocr.ts): bounded, so `busy` is an answer too. */
export interface PictureReader {
  read(
    bytes: Uint8Array,
  ): Promise<{ kind: 'text'; text: string } | { kind: 'empty' | 'busy' | 'refused' | 'failed' }>;
}

/** A picture a person sent (a photo, an image file), as a channel hands it over: fetched only if read. */
export interface IncomingPicture {
  caption?: string | undefined;
  forwarded?: boolean | undefined;
  /** The picture as the platform names it, passed to the counsellor instead when she writes to one. */
  ref?: MediaRef | undefined;
  /** The picture's bytes from the platform; kept in memory only while it is read. */
  download: () => Promise<Uint8Array>;
  /** Called when reading starts ("typing…" on Telegram); what it returns is called when it ends. */
  reading?: () => () => void;
}

/** A turn saved (`opened`: with the requests it opens), or false: another instance saved first. */
type Saved = { opened: boolean } | false;

/**
 * One message's way through tekser: load the person's state (one read), take one pure step, save it
 * (one write). Channels call this and render what comes back.
 */
export class DialogueService {
  /** For answering in the person's language while the store is away. */
  private readonly languages = new RecentLanguages();
  private readonly deps: DialogueDeps;
  private readonly store: Store;
  private readonly log: Logger;

  constructor(private readonly uses: DialogueServiceDeps) {
    this.deps = uses.deps;
    this.store = uses.store;
    this.log = uses.log;
  }

  /**
   * An ad in this message, read before the turn so that what others' checks know about it (I/O, which
   * the engine does not do) is in its verdict. Only a text that reads as a job ad costs a lookup.
   */
  private async readAhead(input: Input, log: Logger): Promise<AdAhead | undefined> {
    const analyze = this.deps.analyzeAd;
    const intel = this.uses.intel;
    if (!intel || !analyze) return undefined;
    const text = wordsOf(input)?.trim().slice(0, MAX_AD_LENGTH);
    if (!text || text.startsWith('/') || text.split(/\s+/).length < 3) return undefined;
    const verdict = analyze(text);
    const ad = adIntel(text, verdict);
    if (!ad) return { text, verdict };
    try {
      const seen = await intel.store.lookup(ad);
      return { text, verdict: withReportedContacts(verdict, seen, text), seen, intel: ad };
    } catch (err) {
      // Without "seen before" the verdict is still the ad's own.
      log.warn({ err: (err as Error)?.name }, 'seen-before lookup failed');
      return { text, verdict, intel: ad };
    }
  }

  /** A checked ad counts for those who check it next (once per person): keyed hashes, no text. */
  private async record(who: PersonKey, ad: AdIntel | undefined, turn: Turn, log: Logger): Promise<void> {
    const intel = this.uses.intel;
    if (!ad || !intel || !turn.stats.some((s) => s.kind === 'ad')) return;
    await intel.store
      .record(ad, hashPerson(intel.secret, who))
      .catch((err: unknown) => log.warn({ err: (err as Error)?.name }, 'seen-before record failed'));
  }

  /**
   * A picture: read on the server and checked like a pasted ad, unless it belongs elsewhere
   * (`pictureRoute`: an open counsellor request), where it is never read: it goes to the counsellor when
   * she writes to one, else its caption is a message, as before.
   */
  async handlePicture(who: PersonKey, picture: IncomingPicture, meta: Meta, log: Logger = this.log) {
    const input: Input = { kind: 'media', media: 'photo' };
    if (picture.caption) input.caption = picture.caption;
    if (picture.forwarded) input.forwarded = true;
    if (picture.ref) input.ref = picture.ref;
    const reader = this.uses.pictures;
    if (reader && this.deps.analyzeAd && pictureRoute(await this.peek(who)) === 'analyzer')
      input.picture = await this.readPicture(reader, picture, log);
    return this.handle(who, input, meta, log);
  }

  /** The state as it is now, to decide where a picture goes; a failed read is answered by the turn. */
  private async peek(who: PersonKey): Promise<PersonState | null> {
    try {
      return await this.store.load(who);
    } catch {
      return null;
    }
  }

  /** The picture's text, or why there is none; neither the picture nor the text is logged or kept. */
  private async readPicture(
    reader: PictureReader,
    picture: IncomingPicture,
    log: Logger,
  ): Promise<PictureText> {
    const done = picture.reading?.();
    try {
      const reading = await reader.read(await picture.download());
      if (reading.kind === 'text') return { text: reading.text };
      return { unread: reading.kind === 'empty' || reading.kind === 'busy' ? reading.kind : 'failed' };
    } catch (err) {
      log.warn({ err: (err as Error)?.name }, 'picture not fetched');
      return { unread: 'failed' };
    } finally {
      done?.();
    }
  }

  /** `log`: the update's own child logger, when the channel has one. */
  async handle(who: PersonKey, input: Input, meta: Meta, log: Logger = this.log): Promise<TurnResult> {
    const started = performance.now();
    const { metrics } = this.uses;
    metrics?.updates.inc({ channel: who.channel, kind: input.kind });
    try {
      return await this.step(who, input, meta, log);
    } finally {
      metrics?.handleSeconds.observe({ channel: who.channel }, (performance.now() - started) / 1000);
    }
  }

  private async step(who: PersonKey, input: Input, given: Meta, log: Logger): Promise<TurnResult> {
    const ahead = await this.readAhead(input, log);
    const meta: Meta = ahead ? { ...given, ad: ahead } : given;
    const { tickets } = this.uses;
    // Load, step, compare-and-set; if another instance saved this person in between, step again on
    // what it saved. The engine is pure, so a discarded step has done nothing.
    for (let attempt = 1; ; attempt++) {
      let previous: PersonState | null;
      try {
        previous = await this.load(who, attempt);
      } catch (err) {
        return this.unavailable(who, err, input, meta, log);
      }
      const turn = handle(this.deps, previous, input, tickets ? { ...meta, newId: newTicketId } : meta);
      const expected = previous?.rev ?? 0;
      turn.state.rev = expected + 1;
      let saved: Saved;
      try {
        saved = await this.persist(who, turn, expected, meta, attempt);
        if (!saved) continue;
      } catch (err) {
        return this.unavailable(who, err, input, meta, log);
      }
      if (turn.effects.length > 0 && tickets) {
        try {
          const { closed } = await tickets.apply(who, turn.effects, saved.opened);
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

  /** A retry reads afresh: what was read ahead is what another instance has since changed. */
  private load(who: PersonKey, attempt: number): Promise<PersonState | null> {
    return attempt > 1 && this.store.reload ? this.store.reload(who) : this.store.load(who);
  }

  /**
   * Saves the turn (or forgets the person); false when another instance saved first: step again. A
   * request the turn opens is written with the state, all or none, where the store can
   * (`opened`): the person is never left pointing at a request that was not written.
   */
  private async persist(
    who: PersonKey,
    turn: Turn,
    expected: number,
    meta: Meta,
    attempt: number,
  ): Promise<Saved> {
    if (turn.forget) {
      await this.store.forget(who);
      this.languages.forget(who);
      await this.uses.tickets?.forgetPerson(who);
      return { opened: false };
    }
    const counters = this.countersOf(turn, meta);
    const writes = this.store.saveWith ? this.uses.tickets?.openWrites?.(who, turn.effects) : undefined;
    if (writes && this.store.saveWith) {
      if (await this.store.saveWith(who, turn.state, expected, counters, writes)) return { opened: true };
    } else if (await this.store.save(who, turn.state, expected, counters)) return { opened: false };
    this.uses.metrics?.errors.inc({ where: 'save_conflict' });
    if (attempt < MAX_ATTEMPTS) return false;
    throw new Error('the state kept changing under this update');
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
  ): Promise<TurnResult> {
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
    const { stats } = this.uses;
    if (!stats || turn.stats.length === 0) return undefined;
    return {
      key: stats.keyOf(localDate(meta.now, stats.timeZone)),
      fields: countersFor(turn.stats, turn.state.lang),
    };
  }

  /** Changes a person's stored state from outside their own updates: src/app/person-state.ts. */
  update(who: PersonKey, change: (state: PersonState) => void): Promise<void> {
    return updatePersonState(this.store, who, change);
  }

  private done(turn: Turn, who: PersonKey, input: Input, now: number, log: Logger): TurnResult {
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
    const result: TurnResult = { replies: turn.replies };
    if (turn.button) result.button = turn.button;
    if (turn.deleteFrom !== undefined) result.deleteFrom = turn.deleteFrom;
    return result;
  }

  /**
   * The store is away: the person still gets an answer, in their language as far as we can tell, with
   * the numbers that help now. Their place is not lost: it is where the store last had it.
   */
  private unavailable(who: PersonKey, err: unknown, input: Input, meta: Meta, log: Logger): TurnResult {
    this.uses.metrics?.errors.inc({ where: 'store' });
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
