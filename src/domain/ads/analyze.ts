import { FLAGS, lighterSeverity, type Severity } from '../flags.js';
import { assessRisk, type RiskLevel } from '../risk.js';
import { type Contact, extractContactSpans } from './contacts.js';
import {
  APPLY_CUE,
  ASKS_IF_NORMAL_CUE,
  CLOSE_PERSON_CUE,
  CLOSE_SPOKEN_OF_CUE,
  COMPANY_CUE,
  CONTACT_CUE,
  FEE_DEMANDED_CUE,
  FIRST_PERSON_CUE,
  HIRING_CUE,
  JOB_AD_CUE,
  JOB_WANTED_CUE,
  PAY_CUE,
  RECRUITER_FREE_CUE,
} from './cue-names.js';
import { evidenceOf } from './evidence.js';
import { findCues, type Hit, MONEY_CONCEPT } from './find-cues.js';
import { type AdLanguage, detectAdLanguage } from './language.js';
import type { Lexicon } from './lexicon.js';
import { notAnOffer, OFFER_MODEL, OFFER_ONLY, type OfferModel } from './offer.js';
import { questionAt, readsAsWarning } from './warning.js';

export { type AdLanguage, detectAdLanguage, MONEY_CONCEPT };

export interface FoundFlag {
  id: string;
  severity: Severity;
  /** The words of the ad that raised the flag, quoted from the original text. */
  evidence: string[];
  /** Where those words are in the original text: [start, end) character offsets. */
  spans: [number, number][];
}

export interface AdVerdict {
  risk: RiskLevel;
  score: number;
  language: AdLanguage;
  flags: FoundFlag[];
  contacts: Contact[];
  /** The text reads as a warning about scams (quoting one), not as an offer. */
  warning: boolean;
  /** The text reads like a job ad at all (job words, or a red flag): a chat message usually does not. */
  jobAd: boolean;
  /** Answers of the offer check the ad settles (question id -> option id). */
  prefill: Record<string, string>;
  /**
   * It calls to apply ("пишите", "хабарласыңыз", "apply") or hires ("требуются", "wanted"), as an ad does; a
   * story told from inside does not.
   */
  callsToApply: boolean;
  /** It names a job and what it pays ("Hostess job in Istanbul, 2500$"), as an offer does. */
  namesJobAndPay: boolean;
  /**
   * The text reads as no offer at all (a question, a story, news: offer.ts): the words that said so, and
   * the red flags the rules found in what it describes, told about but not raised (it has no `flags`, and
   * its risk is low). It is still read where an ad would be (`jobAd` is the rules' reading), and for words
   * of danger too: a question about a fee hears about fees, not the menu; it adds nothing to "seen before".
   */
  notAnOffer?: { reasons: string[]; described: FoundFlag[] };
  /**
   * The text only tells what happened, with no word that warns ("жұмыс беруші паспортымды алып қойды, үйден
   * шығармайды"): her own story or a friend's, which may be going on now. The words that tell it. Its signs
   * are raised as in an ad (a story of a passport taken is as critical), none for what it lacks; it is read
   * for words of danger too, and told as signs, not as an ad to answer.
   */
  told?: string[];
  /**
   * It speaks of someone close to the one who writes ("моя сестра", "my cousin", "сіңлім"): words of danger in
   * it may be her family's emergency, not hers.
   */
  someoneClose: boolean;
  /** The one who writes speaks of herself as the one it happens to ("я", "мені", "me"), as an ad seldom does. */
  firstPerson: boolean;
  /**
   * It asks whether what it tells is normal, lawful or allowed ("Это нормально?", "Бұл қалыпты ма?", "Is it
   * legal?"): where it shows a red flag, the answer starts with a plain no.
   */
  asksIfNormal: boolean;
}

/** Whether the verdict is of a text that offers no job: a warning, a question or news, a story told. */
export function offersNothing(v: AdVerdict): boolean {
  return v.warning || !!v.notAnOffer || !!v.told;
}

/** The longest ad read; the rest of a longer text is not looked at. */
export const MAX_AD_LENGTH = 8192;

/** The words that tell what happened ("алып қойды", "забрали"), each once: why a story is no offer. */
function toldWords(text: string, live: Hit[], lexicon: Lexicon): string[] {
  const reported = live.filter((h) => lexicon.source.reported.includes(h.cue));
  return [...new Set(evidenceOf(text, reported).evidence)].slice(0, 3);
}

/** The words that ask whether a practice is normal, up to a comma and at most a few ("Это нормально", "is that normal"). */
function askingWords(text: string, live: Hit[]): string[] | undefined {
  const asked = evidenceOf(
    text,
    live.filter((h) => h.cue === ASKS_IF_NORMAL_CUE),
  ).evidence.map((e) =>
    (e.split(/[,?]/u)[0] as string).trim().split(/\s+/u).slice(0, ASKING_WORDS).join(' '),
  );
  return asked.length > 0 ? [...new Set(asked)].slice(0, 3) : undefined;
}
/** How many words of a question whether a practice is normal are quoted as why it is a question. */
const ASKING_WORDS = 3;

/**
 * Whether a hit of `cue` (among `byCue`, the hits by cue) covers some of h's words, in any reading: the same
 * words of the original, however they were read ("tam vsyo normalno" is found in the Russian reading, the
 * contract "signed there" in the Kazakh one too).
 */
function covered(byCue: Map<string, Hit[]>, h: Hit, cue: string): boolean {
  return (byCue.get(cue) ?? []).some((o) => o.start < h.end && h.start < o.end);
}

/** The cues named in some cue's `unless`, per lexicon. */
const cancellingOf = new WeakMap<Lexicon, Set<string>>();
function cancellingCues(lexicon: Lexicon): Set<string> {
  let cues = cancellingOf.get(lexicon);
  if (!cues) {
    cues = new Set([...lexicon.cues.values()].flatMap((c) => c.unless));
    cancellingOf.set(lexicon, cues);
  }
  return cues;
}

/** Reads one ad: red flags with the words that raised them, contacts, language, risk. Pure. */
export function analyzeAd(lexicon: Lexicon, input: string): AdVerdict {
  return analyzeAdWith(lexicon, input, OFFER_MODEL);
}

/** `analyzeAd` with another second opinion on whether the text is an offer (training), or none. */
export function analyzeAdWith(lexicon: Lexicon, input: string, offerModel?: OfferModel): AdVerdict {
  const text = input.length > MAX_AD_LENGTH ? input.slice(0, MAX_AD_LENGTH) : input;
  const found = extractContactSpans(text);
  const hits = findCues(
    lexicon,
    text,
    found.map((f) => f.span),
  );
  // A cue's match counts unless a cue it names in `unless` is in the same sentence, or one it names in
  // `unlessInAd` is anywhere in the ad ("массаж" in a gym's ad, wherever the gym is named), and only where
  // one of its `needsInAd` is in the ad (money asked is a fee only where a job is spoken of, papers "done on
  // the spot" a visa matter only where a foreign country is named). A cue that does not count cancels
  // nothing ("шоу-балет" in a night club is no theatre, so its dancers count; "кто-нибудь работал?" in an ad
  // that hires asks nothing, so its girls are still sought): settled in a few rounds.
  // A hit's sentence as written, whichever reading found it (a pattern's hit before any word is in sentence -1): what
  // one reading finds cancels what another found in the same words ("ailyq 2000$ zhogary": the amount as written,
  // the high salary in Kazakh letters; "Devochki, kto sprashival…": girls called as written, passed on in Russian).
  const placeOf = (h: Hit) => h.base;
  const cueOf = (h: Hit) => lexicon.cues.get(h.cue);
  const conditional = (h: Hit) => {
    const c = cueOf(h);
    return (
      !!c &&
      (c.unless.length > 0 || c.unlessInAd.length > 0 || c.unlessHere.length > 0 || c.needsInAd.length > 0)
    );
  };
  // Only the cues some `unless` names can cancel in a sentence: only their places are looked up.
  const cancelling = cancellingCues(lexicon);
  let live = hits;
  if (hits.some(conditional)) {
    for (let round = 0; round < 6; round++) {
      const before = live;
      // The cancelling cues of each sentence as written, found in any reading.
      const seen = new Map<number, Set<string>>();
      for (const h of before) {
        if (!cancelling.has(h.cue)) continue;
        const cues = seen.get(placeOf(h));
        if (cues) cues.add(h.cue);
        else seen.set(placeOf(h), new Set([h.cue]));
      }
      const inAd = new Set(before.map((h) => h.cue));
      // The hits by cue: an `unlessHere` looks among its own cue's hits only (an ad of a thousand hits would
      // otherwise look through all of them for each).
      const byCue = new Map<string, Hit[]>();
      for (const h of before) {
        const list = byCue.get(h.cue);
        if (list) list.push(h);
        else byCue.set(h.cue, [h]);
      }
      live = hits.filter((h) => {
        const c = cueOf(h);
        if (!c) return true;
        const here = c.unless.length > 0 ? seen.get(placeOf(h)) : undefined;
        return (
          !(here && c.unless.some((u) => here.has(u))) &&
          !c.unlessInAd.some((u) => inAd.has(u)) &&
          !c.unlessHere.some((u) => covered(byCue, h, u)) &&
          (c.needsInAd.length === 0 || c.needsInAd.some((n) => inAd.has(n)))
        );
      });
      if (live.length === before.length && live.every((h, i) => h === before[i])) break;
    }
  }
  const present = new Set(live.map((h) => h.cue));
  const counts = (name: string) => present.has(name);
  const offering =
    found.length > 0 ||
    live.some((h) => h.cue === APPLY_CUE || h.cue === HIRING_CUE || h.cue === CONTACT_CUE);
  // Whether a sentence asks: found once, read by the warning and by a job wanted.
  const asks = questionAt(text);
  const retold = readsAsWarning(lexicon, text, live, offering, asks);
  const warning = retold === 'warns';
  const told = retold === 'tells' ? toldWords(text, live, lexicon) : undefined;

  const flags: FoundFlag[] = [];
  // Whether a red flag was raised by words of the ad, not only by what it lacks.
  let saidSomething = false;
  const raise = (id: string, used: Set<string>) => {
    const flag = FLAGS.get(id);
    if (!flag) return;
    const softened = (lexicon.source.flags[id]?.softenedBy ?? []).some((cue) => present.has(cue));
    const { evidence, spans } = evidenceOf(
      text,
      live.filter((h) => used.has(h.cue)),
    );
    flags.push({ id, severity: softened ? lighterSeverity(flag.severity) : flag.severity, evidence, spans });
  };
  const lacks: [string, Set<string>][] = [];
  if (!warning) {
    for (const [id, rule] of Object.entries(lexicon.source.flags)) {
      const flag = FLAGS.get(id);
      if (!flag) continue;
      if (rule.unless.some(counts)) continue;
      const any = rule.any?.filter(counts) ?? [];
      const all = rule.all ?? [];
      const allHold = all.length > 0 && all.every(counts);
      if (any.length > 0 || allHold) {
        if (flag.severity !== 'context') saidSomething = true;
        raise(id, new Set([...any, ...(allHold ? all : [])]));
        continue;
      }
      // Raised by what the ad lacks: decided below, once it is known whether the text is a job ad.
      const lacking = !!rule.missing && !rule.missing.of.some(counts) && rule.missing.when.every(counts);
      if (lacking) lacks.push([id, new Set(rule.missing?.when ?? [])]);
    }
  }
  // A chat message may speak of work, or of a passport taken ("у меня забрали паспорт"); an ad also says
  // what the job is, how to apply or what it pays. Signs in a sentence that tells what happened ("у меня
  // забрали паспорт и не выпускают") are a cry or a story, not two signs an ad gives.
  const reportedIn = new Set(
    live.filter((h) => lexicon.source.reported.includes(h.cue)).map((h) => `${h.view}|${h.sentence}`),
  );
  const offered = new Set(live.filter((h) => !reportedIn.has(`${h.view}|${h.sentence}`)).map((h) => h.cue));
  const redFlags = flags.filter(
    (f) =>
      f.severity !== 'context' &&
      (lexicon.source.flags[f.id]?.any ?? [])
        .concat(lexicon.source.flags[f.id]?.all ?? [])
        .some((c) => offered.has(c)),
  ).length;
  const offers = present.has(JOB_AD_CUE) || found.length > 0 || present.has(PAY_CUE) || redFlags >= 2;
  const jobAd =
    warning ||
    (saidSomething && offers) ||
    (present.has(JOB_AD_CUE) && (found.length > 0 || present.has(PAY_CUE) || present.has(APPLY_CUE))) ||
    // A job and a word of wanting it, asked of no one: "«Сеул Гарден» мейрамханасына хостес керек, Алматы", not
    // "Нужна ли няне виза?".
    live.some((h) => h.cue === JOB_WANTED_CUE && !asks(h.end));
  // "The employer says he will keep my passport. Is that normal?": one practice asked about, with nothing
  // an ad gives (a contact, a call to apply, hiring, an amount other than a fee asked of her, a company's
  // name), is a question whatever sign it is; the words that ask are why. An ad pasted with "Это
  // нормально?" under it, or one that shows several signs, stays an ad.
  const practiceAsked =
    !warning &&
    !told &&
    !offering &&
    present.has(ASKS_IF_NORMAL_CUE) &&
    (!present.has(PAY_CUE) || present.has(FEE_DEMANDED_CUE)) &&
    !present.has(COMPANY_CUE) &&
    flags.filter((f) => f.severity !== 'context').length === 1
      ? askingWords(text, live)
      : undefined;
  // Else the second opinion (offer.ts): a question, a story or a news item offers nothing, unless the rules
  // found what only an offer says or a sign of forced labour. Asked only where there is something to take
  // away; what it describes is told, not raised.
  const notOffer =
    practiceAsked ??
    (offerModel &&
    !warning &&
    !told &&
    (jobAd || flags.length > 0) &&
    !flags.some((f) => OFFER_ONLY.has(f.id))
      ? notAnOffer(offerModel, text)
      : undefined);
  const described = notOffer ? flags.splice(0) : [];
  // What a text lacks says something only of a job ad: a caption, a receipt or a question has no employer
  // either.
  if (jobAd && !warning && !notOffer && !told) for (const [id, used] of lacks) raise(id, used);
  // In the lexicon's order of flags, then by severity (a stable sort): the verdict reads the same however
  // a flag was raised.
  const ruleOrder = Object.keys(lexicon.source.flags);
  flags.sort((a, b) => ruleOrder.indexOf(a.id) - ruleOrder.indexOf(b.id));
  const severities = new Map(flags.map((f) => [f.id, f.severity]));
  const risk = assessRisk(
    flags.map((f) => f.id),
    (id) => severities.get(id),
  );
  const order = new Map(risk.flags.map((id, i) => [id, i]));
  flags.sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));

  const prefill: Record<string, string> = {};
  if (!warning && !notOffer && !told) {
    for (const [question, options] of Object.entries(lexicon.source.prefill)) {
      const option = Object.entries(options).find(([, names]) => names.some(counts));
      if (option) prefill[question] = option[0];
    }
  }
  return {
    risk: risk.level,
    score: risk.score,
    language: detectAdLanguage(text),
    flags,
    contacts: found.map((f) => f.contact),
    warning,
    // A practice asked about is read where an ad would be, first or in the middle of the check.
    jobAd: jobAd || !!practiceAsked,
    prefill,
    callsToApply: present.has(APPLY_CUE) || present.has(HIRING_CUE),
    namesJobAndPay: present.has(JOB_AD_CUE) && present.has(PAY_CUE),
    someoneClose: present.has(CLOSE_PERSON_CUE) || present.has(CLOSE_SPOKEN_OF_CUE),
    // A recruiter that names its company and pay and says it takes nothing from candidates speaks as "я" too
    // ("Ни я, ни отель НЕ берём денег за трудоустройство"): the one who offers, not the one it happens to.
    firstPerson:
      present.has(FIRST_PERSON_CUE) &&
      !(present.has(COMPANY_CUE) && present.has(PAY_CUE) && present.has(RECRUITER_FREE_CUE)),
    asksIfNormal: present.has(ASKS_IF_NORMAL_CUE),
    ...(notOffer ? { notAnOffer: { reasons: notOffer, described } } : {}),
    ...(told ? { told } : {}),
  };
}
