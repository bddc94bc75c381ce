import { BoundedMap, codePointTest } from '../memo.js';

/**
 * Amounts of pay an ad promises, read as money a month in tenge: "450 000 тг за 15 дней", "100к/день",
 * "айына 400 мың", "$3000 per week", "от 40 000 тг-ден күніне". One reading covers the ways an amount,
 * its currency and its period are written, so "high pay" is a comparison, not a list of patterns.
 *
 * The rates and the thresholds are the lexicon's (`pay:` in flows/lexicon/ads.yaml), editable without code.
 */

export interface PaySettings {
  /** Tenge per unit of each currency, by its code. */
  rates: Readonly<Record<string, number>>;
  /** A month's pay at or above this many tenge is high: in tenge, and in a foreign currency. */
  highMonthly: { tenge: number; foreign: number };
  /**
   * Where work there pays more than at home, high pay in that country's own money a month ("pln: 8000"):
   * an honest warehouse wage in Poland or a farm wage in the UK is no lure, though it is more than
   * `foreign` tenge. Currencies not named here use `foreign`.
   */
  highMonthlyIn?: Readonly<Record<string, number>>;
}

export interface PayAmount {
  /** Where the amount stands in the text it was read from (with its currency and period). */
  start: number;
  end: number;
  currency: string;
  /** The amount a month, in tenge. */
  monthlyTenge: number;
  /** Said with a period ("в месяц", "/day", "айына"): pay or rent, not a one-off price. */
  periodic: boolean;
}

// The currency as written, before or after the number, Kazakh case endings allowed ("теңгеге", "тг-ден").
const CURRENCIES: readonly [RegExp, string][] = [
  // Tether (USDT) is a dollar's worth: scam compounds pay in it.
  [/^(?:\$|usd|usdt|долл\p{L}*|dollar\p{L}*|бакс\p{L}*|usd-\p{L}+)$/u, 'usd'],
  [/^(?:€|eur|euro?|евро|evro|еуро\p{L}*|евро-\p{L}+|euro-\p{L}+)$/u, 'eur'],
  [/^(?:£|gbp|фунт\p{L}*|pounds?)$/u, 'gbp'],
  [/^(?:₸|тг|тенге\p{L}*|теңге\p{L}*|kzt|tg|tenge|tenge\p{L}*|тг-\p{L}+|теңге-\p{L}+|тенге-\p{L}+)$/u, 'kzt'],
  [/^(?:₽|руб\p{L}*|rub\p{L}*)$/u, 'rub'],
  [/^(?:aed|дирхам\p{L}*|dirham\p{L}*)$/u, 'aed'],
  [/^(?:qar|sar|риал\p{L}*|riyal\p{L}*)$/u, 'sar'],
  // Kazakh endings after the won, joined or hyphened: "3 000 000 воннан", "2 млн вон-нан", "вонға дейін".
  [/^(?:₩|krw|won|von|вон\p{L}{0,5}|вон-\p{L}+|won-\p{L}+)$/u, 'krw'],
  // Only the Gulf's dinars by their codes: a bare "dinar" may be Iraqi or Serbian, worth a hundredth or less.
  [/^bhd$/u, 'bhd'],
  [/^kwd$/u, 'kwd'],
  [/^omr$/u, 'omr'],
  [/^(?:jpy|иен\p{L}*|йен\p{L}*|yen|ien|iena|ien-\p{L}+)$/u, 'jpy'],
  [/^(?:thb|бат|батов|bat|baht)$/u, 'thb'],
  [/^(?:try|tl|лир\p{L}*|lira)$/u, 'try'],
  [/^(?:¥|cny|rmb|юан\p{L}*|yuan)$/u, 'cny'],
  [/^(?:zł|pln|злот\p{L}*)$/u, 'pln'],
  [/^(?:rm|myr|ринггит\p{L}*|ringgit)$/u, 'myr'],
];
/** The currencies read, by code: the lexicon gives each a rate. */
export const CURRENCY_CODES: readonly string[] = [...new Set(CURRENCIES.map(([, code]) => code))];
function currencyOf(word: string): string | undefined {
  return remembered(currencies, word, () => {
    for (const [re, code] of CURRENCIES) if (re.test(word)) return code;
    return undefined;
  });
}

/**
 * What a word is (a currency, a multiplier, a period) is a function of the word: asked of the
 * expressions once, and remembered (the neighbours of every number are asked, in ad after ad).
 */
function remembered<T>(cache: Map<string, T | null>, word: string, of: () => T | undefined): T | undefined {
  let known = cache.get(word);
  if (known === undefined) {
    known = of() ?? null;
    cache.set(word, known);
  }
  return known ?? undefined;
}
const currencies = new BoundedMap<string, string | null>(10_000);
const multipliers = new BoundedMap<string, number | null>(10_000);
const periods = new BoundedMap<string, number | null>(10_000);

// Multipliers written after the number: "50к", "400 мың", "1,5 млн".
function multiplierOf(word: string): number | undefined {
  return remembered(multipliers, word, () => multiplierByExpression(word));
}
function multiplierByExpression(word: string): number | undefined {
  if (/^(?:к|k|тыс\p{L}*|т\.?|мың\p{L}*|мын\p{L}*|myn\p{L}*|ming|thousand)$/u.test(word)) return 1_000;
  if (/^(?:млн\p{L}*|миллион\p{L}*|mln|million|mio)$/u.test(word)) return 1_000_000;
  return undefined;
}

// Periods, in working days a month: a day, a night or a shift 22; a week 4.3 weeks; an hour 8 × 22.
const PERIODS: readonly [RegExp, number][] = [
  [
    /^(?:день|дня|сутки|ночь|вечер|смену|смена|выход|ежедневно|den|day|daily|night|vecher|evening|кешке|кешіне|keshke|shift|smenu|smena|ezhednevno|күніне|күні|куни|кунине|kunine|күнделікті|кунделикти|kundelikti|туніне|түніне|тунине|ауысымына|ауысым|auysymyna)$/u,
    22,
  ],
  [
    /^(?:неделю|неделя|нед|week|weekly|wk|аптасына|апта|aptasyna|nedelyu|nedelya|nedeliu|неделясына|nedelyasyna)$/u,
    4.3,
  ],
  [/^(?:час|часа|hour|hourly|hr|h|сағатына|сағат|sagatyna)$/u, 176],
  [
    /^(?:месяц|мес|месяца|ежемесячно|month|monthly|mo|mesyac|mesyats|mesiac|mesyaz|mes|ezhemesyachno|айына|айлық|айлык|айлығы|айлыгы|ай|aiyna|ayina|aylyk|ailyk|aylyq|ailyq|aylygy|ailygy)$/u,
    1,
  ],
];
/**
 * Words that are a period only as a rate, after "за", "per", "a" ("200$ za vecher", "$150 per evening"), or right
 * before the amount ("күнделікті 50 000 тг"): elsewhere they are the time of work or of meals ("айлық 150 000 тг,
 * кешке 19:00-ге дейін", "айлығы 180 000 тг кешке ғана", "күнделікті тамақ тегін", "evening shifts").
 */
const NEAR_ONLY_PERIOD = /^(?:vecher|evening|кешке|keshke|күнделікті|кунделикти|kundelikti)$/u;
function periodOf(word: string): number | undefined {
  return remembered(periods, word, () => {
    for (const [re, perMonth] of PERIODS) if (re.test(word)) return perMonth;
    return undefined;
  });
}

/** The pieces of a text: numbers (with their separators), words, and currency signs, with offsets. */
export interface Piece {
  text: string;
  start: number;
  end: number;
  number?: number;
  /** A number written in groups of thousands ("450 000", "3,000,000"). */
  grouped?: boolean;
}
/**
 * What `pieces` cuts, as one expression (the tests compare the two): a grouped number ("450 000",
 * "3,000,000"), a number ("1500", "1,5"), a currency sign, a word (with one hyphen: "тг-ден"), or any
 * other character but a space.
 */
export const PIECES = /\d{1,3}(?:[  ,.]\d{3})+(?!\d)|\d+(?:[.,]\d+)?|[$€£₸₽₩¥]|[\p{L}]+(?:-[\p{L}]+)?|\S/gu;

const isLetterCode = codePointTest(/\p{L}/u);
const isSpaceCode = codePointTest(/\s/u);
const CURRENCY_SIGNS = new Set([...'$€£₸₽₩¥'].map((c) => c.charCodeAt(0)));
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;
/** The code point at i (a surrogate pair as one), or -1 past the end. */
const codeAt = (text: string, i: number) => (i < text.length ? (text.codePointAt(i) as number) : -1);
const unitsOf = (cp: number) => (cp > 0xffff ? 2 : 1);
function digitsFrom(text: string, i: number): number {
  while (i < text.length && isDigitCode(text.charCodeAt(i))) i++;
  return i;
}
function lettersFrom(text: string, i: number): number {
  for (let cp = codeAt(text, i); cp >= 0 && isLetterCode(cp); cp = codeAt(text, i)) i += unitsOf(cp);
  return i;
}
/** The end of `PIECES`' first alternative at i (digits at i), or -1: see `pieces`. */
function groupedEnd(text: string, i: number): number {
  const run = digitsFrom(text, i);
  // `\d{1,3}` must be followed by a separator, so it takes the whole run of digits, of one to three.
  if (run - i > 3) return -1;
  const ends: number[] = [];
  let at = run;
  for (;;) {
    const sep = text.charCodeAt(at);
    if (!(sep === 0x20 || sep === 0x2c || sep === 0x2e)) break;
    if (
      !(
        isDigitCode(text.charCodeAt(at + 1)) &&
        isDigitCode(text.charCodeAt(at + 2)) &&
        isDigitCode(text.charCodeAt(at + 3))
      )
    )
      break;
    at += 4;
    ends.push(at);
  }
  // `(?!\d)` after the last group: a fourth digit gives back the last group (the one before ends at a separator).
  for (let k = ends.length - 1; k >= 0; k--) {
    const end = ends[k] as number;
    if (!isDigitCode(text.charCodeAt(end))) return end;
  }
  return -1;
}

/**
 * The text cut as `PIECES` cuts it, read code by code instead of by the expression (a third of the pay
 * reading's time went to its matches): the same pieces, in the same order.
 */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const start = i;
    let end: number;
    if (isDigitCode(cp)) {
      end = groupedEnd(text, i);
      if (end < 0) {
        end = digitsFrom(text, i);
        const c = text.charCodeAt(end);
        if ((c === 0x2e || c === 0x2c) && isDigitCode(text.charCodeAt(end + 1)))
          end = digitsFrom(text, end + 1);
      }
    } else if (CURRENCY_SIGNS.has(cp)) end = i + 1;
    else if (isLetterCode(cp)) {
      end = lettersFrom(text, i);
      if (text.charCodeAt(end) === 0x2d) {
        const after = lettersFrom(text, end + 1);
        if (after > end + 1) end = after;
      }
    } else if (isSpaceCode(cp)) {
      i += unitsOf(cp);
      continue;
    } else end = i + unitsOf(cp);
    const t = text.slice(start, end);
    const piece: Piece = { text: t, start, end };
    if (isDigitCode(cp)) {
      // "450 000", "3,000", "1.5": a group separator before three digits, a decimal point otherwise.
      const grouped = /^\d{1,3}(?:[  ,.]\d{3})+$/.test(t);
      piece.number = grouped ? Number(t.replace(/[^\d]/g, '')) : Number(t.replace(',', '.'));
      if (grouped) piece.grouped = true;
    }
    out.push(piece);
    i = end;
  }
  return out;
}

/** Whether piece k starts a new sentence or line, or is a sentence's end: a period is not looked for across. */
function boundary(text: string, ps: readonly Piece[], k: number): boolean {
  const p = ps[k] as Piece;
  if (/^[.!?;:]$/.test(p.text)) return true;
  const prev = ps[k - 1];
  return prev !== undefined && text.slice(prev.end, p.start).includes('\n');
}

const RANGE = new Set(['-', '–', '—', 'до', 'to']);
/**
 * A shift named bare, and the words that make it a rate: "за смену", "/смена", "per shift", "— смена",
 * "әр ауысым", "each shift", "каждая смена".
 */
const BARE_SHIFT = /^(?:смена|ауысым|smena|shift)$/u;
const SHIFT_RATE =
  /^(?:за|в|\/|per|a|za|v|бір|bir|—|–|-|әр|ар|ar|each|every|каждая|каждую|каждой|kazhdaya|kazhduyu)$/u;
const NEAR = 4;

/**
 * Every amount of pay in the text with a currency (or, without one, a thousands word or grouped thousands
 * with a period), read as tenge a month. Linear in the text's length.
 */
export function readPay(text: string, settings: PaySettings): PayAmount[] {
  const ps = pieces(text);
  const out: PayAmount[] = [];
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] as Piece;
    if (p.number === undefined) continue;
    let value = p.number;
    let last = i;
    // A range "400-800к", "3000–5000$": the upper amount is what the ad dangles.
    const dash = ps[i + 1];
    const upper = ps[i + 2];
    if (dash && RANGE.has(dash.text) && upper?.number !== undefined && upper.number > value) {
      value = upper.number;
      last = i + 2;
    }
    let currency: string | undefined;
    let first = i;
    const before = ps[i - 1];
    if (before && currencyOf(before.text) && before.end >= p.start - 1) {
      currency = currencyOf(before.text);
      first = i - 1;
    }
    const mult = ps[last + 1] ? multiplierOf((ps[last + 1] as Piece).text) : undefined;
    if (mult) {
      value *= mult;
      last++;
      // "300 тыс. руб": the full stop of an abbreviation, before the currency.
      if (ps[last + 1]?.text === '.' && ps[last + 2] && currencyOf((ps[last + 2] as Piece).text)) last++;
    }
    const after = ps[last + 1];
    if (!currency && after && currencyOf(after.text)) {
      currency = currencyOf(after.text);
      last++;
    }
    if (value < 10) continue;
    // The period: right after ("в день", "/day", "per week", "за 15 дней") or right before ("айына 400").
    let perMonth: number | undefined;
    const amountEnd = last;
    // The period said right after the amount, or after "в", "за", "/" ("30 000 в день").
    let rightAfter = false;
    for (let k = last + 1; k <= Math.min(ps.length - 1, last + NEAR) && perMonth === undefined; k++) {
      if (boundary(text, ps, k)) break;
      const w = (ps[k] as Piece).text.toLowerCase();
      const days = ps[k]?.number;
      if (days !== undefined && /^(?:дней|дня|days|күн\p{L}*)$/u.test(ps[k + 1]?.text.toLowerCase() ?? '')) {
        if (days >= 1 && days <= 60) perMonth = 30 / days;
        last = k + 1;
        break;
      }
      if (days !== undefined) break;
      // "смена", "ауысым" a few words on are the schedule ("170 000 тг + чайлык, ауысым 2/2"), not a
      // rate: a shift is the period only right after the amount or after "за", "в", "/" ("5 000 за смену").
      const rateBefore = SHIFT_RATE.test((ps[k - 1] as Piece).text.toLowerCase());
      if (k > last + 1 && BARE_SHIFT.test(w) && !rateBefore) continue;
      const afterRate = k === last + 2 && rateBefore;
      if (NEAR_ONLY_PERIOD.test(w) && !afterRate) continue;
      perMonth = periodOf(w);
      if (perMonth !== undefined) {
        last = k;
        rightAfter = k === amountEnd + 1 || afterRate;
      }
    }
    for (let k = first - 1; k >= Math.max(0, first - 2) && perMonth === undefined; k--) {
      if (boundary(text, ps, k + 1)) break;
      const w = (ps[k] as Piece).text.toLowerCase();
      if (NEAR_ONLY_PERIOD.test(w) && k !== first - 1) continue;
      perMonth = periodOf(w);
      if (perMonth !== undefined) first = k;
    }
    // Without a currency: a thousands word with a period is tenge ("100к/день", "айына 400 мың"), and so are
    // thousands written grouped with the period right after ("от 30 000 в день", "zp ot 30 000 v den"); not a
    // count of things ("20 000 посылок в день") nor a bare "3000 в час".
    const grouped = (ps[amountEnd] as Piece).grouped === true;
    if (!currency && perMonth !== undefined && (mult || (grouped && rightAfter))) currency = 'kzt';
    if (!currency) continue;
    const rate = settings.rates[currency];
    if (rate === undefined) continue;
    out.push({
      start: (ps[first] as Piece).start,
      end: (ps[last] as Piece).end,
      currency,
      monthlyTenge: value * rate * (perMonth ?? 1),
      periodic: perMonth !== undefined,
    });
    i = last;
  }
  return out;
}

/** Whether an amount is high pay by the settings' thresholds. */
export function isHighPay(a: PayAmount, settings: PaySettings): boolean {
  if (a.currency === 'kzt') return a.monthlyTenge >= settings.highMonthly.tenge;
  const own = settings.highMonthlyIn?.[a.currency];
  const rate = settings.rates[a.currency];
  if (own !== undefined && rate !== undefined) return a.monthlyTenge >= own * rate;
  return a.monthlyTenge >= settings.highMonthly.foreign;
}

/** The amounts that are high pay by the settings' thresholds. */
export function highPay(text: string, settings: PaySettings): PayAmount[] {
  return readPay(text, settings).filter((a) => isHighPay(a, settings));
}
