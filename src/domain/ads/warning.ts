import { AGENCY_PAPERS_CUE, APPLY_CUE, COMPANY_CUE, HIRING_CUE, JOB_AD_CUE, PAY_CUE } from './cue-names.js';
import type { Hit } from './find-cues.js';
import type { Lexicon } from './lexicon.js';
import { matchAllAt } from './regex-starts.js';
import { lowerBound } from './sorted.js';

/**
 * What a text that is no offer says of one: it warns others of a scam (`warns`), or it only tells what
 * happened, with no word of warning (`tells`: "жұмыс беруші паспортымды алып қойды, үйден шығармайды", her
 * own story or a friend's, which may be going on now).
 */
export type Retelling = 'warns' | 'tells';

/** An employer named (a legal form, a company in quotes, an address, papers), a job, and an amount of pay: see `plainOffer`. */
const NAMED_EMPLOYER = [COMPANY_CUE, AGENCY_PAPERS_CUE];
const HIRES = [HIRING_CUE, APPLY_CUE, JOB_AD_CUE];
const SAYS_PAY = [PAY_CUE];

/** Someone close to the one who writes, held now ("моя сестра … теперь", "сіңлім … қазір"): see the lexicon. */
export const CLOSE_PERSON_NOW_CUE = 'close_person_now';

/**
 * Whether a text reads as a warning about scams or a story told, not as an offer. A warning quotes the ad
 * it warns about: its red flags stand inside quotation marks. A scam ad that only says "beware of fakes"
 * still offers a job outside any quotes, and is read as one. live: the cues of the text that count (see
 * analyze.ts).
 */
export function readsAsWarning(
  lexicon: Lexicon,
  text: string,
  live: Hit[],
  /** The text gives a contact, calls to apply or hires: it offers, and is never a story told. */
  offers: boolean,
  /** Whether the sentence going on at an offset asks (`questionAt(text)`, found once by the caller). */
  asks: (offset: number) => boolean,
): Retelling | undefined {
  const quoted = quotedRegions(text);
  const warningWords = live.filter((h) => lexicon.source.warning.includes(h.cue));
  // Once per place in the text: an ad read in several readings (as written, transliterated) finds the same words
  // in each, and the warning's words are counted once per place too.
  const seenAt = new Set<number>();
  const offerWords = live.filter((h) => {
    if (!lexicon.redFlagCues.has(h.cue) || seenAt.has(h.start)) return false;
    seenAt.add(h.start);
    return true;
  });
  // A sentence that tells what happened ("на месте у неё забрали паспорт") reports its red flags, as quotes do.
  const reported = new Set(
    live.filter((h) => lexicon.source.reported.includes(h.cue)).map((h) => h.sentence),
  );
  // So does a line of a list under a heading of what must not happen ("Что работодатель НЕ имеет права
  // делать: 1. Забирать ваш паспорт…").
  const headers = live.filter((h) => lexicon.source.listHeader.includes(h.cue)).map((h) => h.start);
  const listFrom = headers.length > 0 ? Math.min(...headers) : Number.POSITIVE_INFINITY;
  // So does a question ("Жұмыс визасы ма, әлде туристік виза ма?"): an offer does not ask about itself.
  const inQuotes = offerWords.filter(
    (h) =>
      within(quoted, h) ||
      reported.has(h.sentence) ||
      asks(h.end) ||
      (h.start > listFrom && onListLine(text, h.start)),
  ).length;
  const warningCount = new Set(warningWords.map((h) => h.start)).size;
  // Most of the offer's words inside quotes, or a post that keeps warning: a warning, not an offer.
  // Or one word of warning, with the offer all but wholly inside the quotes it stands in ("Абай
  // болыңыздар! Бүгін мынадай хабарлама келді: «…»").
  const quotedOffer = inQuotes >= 2 && inQuotes * 4 >= offerWords.length * 3;
  // An employer named, a job and an amount of pay, each said in a sentence with no word of warning, and no offer
  // quoted: an honest ad that also warns ("Ни я, ни отель НЕ берём денег… это мошенники, скидывайте скрин"), its
  // words of warning advice, however many. A warning names a site to check or the scammers' company in the
  // sentences that warn ("Проверяйте агентство на enbek.kz"), so those are not counted.
  const warns = new Set(warningWords.map((h) => `${h.view}|${h.sentence}`));
  const says = (cues: readonly string[]) =>
    live.some((h) => cues.includes(h.cue) && !warns.has(`${h.view}|${h.sentence}`));
  const plainOffer = inQuotes === 0 && says(NAMED_EMPLOYER) && says(HIRES) && says(SAYS_PAY);
  const warning =
    !plainOffer &&
    ((warningCount >= lexicon.source.warningHits &&
      (offerWords.length === 0 ||
        inQuotes * 2 >= offerWords.length ||
        (warningCount > lexicon.source.warningHits && inQuotes > 0) ||
        (warningCount >= 2 * lexicon.source.warningHits && warningCount >= offerWords.length))) ||
      (warningCount >= 1 && quotedOffer));
  // What befell someone close who is there now, told by the one who writes, is a story whatever it warns.
  const quotes = offerWords.some((h) => within(quoted, h));
  // Not in a text that offers: "Моя сестра сейчас работает в Дубае, очень довольна! … Пиши в WhatsApp" is an ad.
  // Its signs told outside the quotes of the ad she answered ("поехала по объявлению «хостес 3000$», у неё
  // забрали паспорт и не отпускают").
  const outside = live.filter((h) => !within(quoted, h));
  const closeNow =
    !offers && redFlagsRaised(lexicon, outside) && live.some((h) => h.cue === CLOSE_PERSON_NOW_CUE);
  if (closeNow) return 'tells';
  if (!warning) return undefined;
  // Only what it reports, no word that warns or advises, and no offer quoted: a story, not a warning.
  const onlyReports =
    !quotes && !offers && warningWords.every((h) => lexicon.source.reported.includes(h.cue));
  return onlyReports ? 'tells' : 'warns';
}

/** Whether a hit stands wholly inside one of the regions. */
function within(regions: [number, number][], h: Hit): boolean {
  return regions.some(([a, b]) => h.start >= a && h.end <= b);
}

/** Whether any red flag's cue is among the live ones: what befell her, not only that she went. */
function redFlagsRaised(lexicon: Lexicon, live: Hit[]): boolean {
  return live.some((h) => lexicon.redFlagCues.has(h.cue));
}

/** A line that begins as a list's item does: "1.", "2)", "•", "—", "-", "✅", "❌". */
const LIST_ITEM = /^\s*(?:\d{1,2}[.)]|[•·▪◦*—–-]|✅|❌|✔️?|☑️?)/u;
/** Whether the line the offset stands on is a list's item. */
function onListLine(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return LIST_ITEM.test(text.slice(start, Math.min(text.length, start + 8)));
}

const SENTENCE_END = /[.!?\n]/g;
/**
 * Whether the sentence going on at an offset ends with a question mark: the text's sentence ends found once,
 * each offset looked up among them (a text of a thousand words and no full stop is not read to its end for
 * each word).
 */
export function questionAt(text: string): (offset: number) => boolean {
  const ends: number[] = [];
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) ends.push(m.index);
  return (offset) => {
    const at = lowerBound(ends, offset);
    return at < ends.length && text[ends[at] as number] === '?';
  };
}

const STRAIGHT_QUOTED = /"[^"\n]*"|(?<!\p{L})'[^'\n]{8,}'(?!\p{L})/gu;
/** Typographic quotation marks: the opening one, and the marks that close it. */
const PAIRS: [string, string[]][] = [
  ['«', ['»']],
  ['“', ['”']],
  ['„', ['“', '”']],
];
/**
 * Where quotation marks enclose text: a warning quotes the ad it warns about. Typographic pairs are found
 * by looking for the closing mark once (a regular expression would look again from every opening mark
 * that has none: a text of 8,000 "«" costs n² there), straight quotes by a regular expression tried
 * only where a quotation mark stands (see regex-starts.ts).
 */
function quotedRegions(text: string): [number, number][] {
  const regions: [number, number][] = [];
  for (const [open, closes] of PAIRS) {
    let from = 0;
    for (;;) {
      const s = text.indexOf(open, from);
      if (s < 0) break;
      let e = -1;
      for (const c of closes) {
        const at = text.indexOf(c, s + 1);
        if (at >= 0 && (e < 0 || at < e)) e = at;
      }
      if (e < 0) break;
      regions.push([s, e + 1]);
      from = e + 1;
    }
  }
  for (const m of matchAllAt(STRAIGHT_QUOTED, text)) regions.push([m.index, m.index + m[0].length]);
  return regions;
}
