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
  [/^(?:\$|usd|долл\p{L}*|dollar\p{L}*|бакс\p{L}*)$/u, 'usd'],
  [/^(?:€|eur|euro?|евро|evro)$/u, 'eur'],
  [/^(?:£|gbp|фунт\p{L}*|pounds?)$/u, 'gbp'],
  [/^(?:₸|тг|тенге|теңге\p{L}*|kzt|tg|tenge|tenge\p{L}*|тг-\p{L}+|теңге-\p{L}+)$/u, 'kzt'],
  [/^(?:₽|руб\p{L}*|rub\p{L}*)$/u, 'rub'],
  [/^(?:aed|дирхам\p{L}*|dirham\p{L}*)$/u, 'aed'],
  [/^(?:qar|sar|риал\p{L}*|riyal\p{L}*)$/u, 'sar'],
  [/^(?:₩|krw|won|вон)$/u, 'krw'],
  [/^(?:try|лир\p{L}*|lira)$/u, 'try'],
  [/^(?:¥|cny|rmb|юан\p{L}*|yuan)$/u, 'cny'],
  [/^(?:zł|pln|злот\p{L}*)$/u, 'pln'],
  [/^(?:rm|myr|ринггит\p{L}*|ringgit)$/u, 'myr'],
];
/** The currencies read, by code: the lexicon gives each a rate. */
export const CURRENCY_CODES: readonly string[] = [...new Set(CURRENCIES.map(([, code]) => code))];
function currencyOf(word: string): string | undefined {
  for (const [re, code] of CURRENCIES) if (re.test(word)) return code;
  return undefined;
}

// Multipliers written after the number: "50к", "400 мың", "1,5 млн".
function multiplierOf(word: string): number | undefined {
  if (/^(?:к|k|тыс\p{L}*|т\.?|мың\p{L}*|мын\p{L}*|myn\p{L}*|ming|thousand)$/u.test(word)) return 1_000;
  if (/^(?:млн\p{L}*|миллион\p{L}*|mln|million|mio)$/u.test(word)) return 1_000_000;
  return undefined;
}

// Periods, in working days a month: a day, a night or a shift 22; a week 4.3 weeks; an hour 8 × 22.
const PERIODS: readonly [RegExp, number][] = [
  [
    /^(?:день|дня|сутки|ночь|вечер|смену|смена|выход|den|day|daily|night|shift|күніне|күні|куни|kunine|туніне|түніне)$/u,
    22,
  ],
  [/^(?:неделю|неделя|нед|week|weekly|wk|аптасына|апта|aptasyna)$/u, 4.3],
  [/^(?:час|часа|hour|hourly|hr|h|сағатына|сағат|sagatyna)$/u, 176],
  [/^(?:месяц|мес|месяца|ежемесячно|month|monthly|mo|айына|айлық|ай|aiyna|ayina)$/u, 1],
];
function periodOf(word: string): number | undefined {
  for (const [re, perMonth] of PERIODS) if (re.test(word)) return perMonth;
  return undefined;
}

/** The pieces of a text: numbers (with their separators), words, and currency signs, with offsets. */
interface Piece {
  text: string;
  start: number;
  end: number;
  number?: number;
}
const PIECES = /\d{1,3}(?:[  ,.]\d{3})+(?!\d)|\d+(?:[.,]\d+)?|[$€£₸₽₩¥]|[\p{L}]+(?:-[\p{L}]+)?|\S/gu;

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const m of text.matchAll(PIECES)) {
    const t = m[0];
    const start = m.index;
    const piece: Piece = { text: t, start, end: start + t.length };
    if (/^\d/.test(t)) {
      // "450 000", "3,000", "1.5": a group separator before three digits, a decimal point otherwise.
      const grouped = /^\d{1,3}(?:[  ,.]\d{3})+$/.test(t);
      piece.number = grouped ? Number(t.replace(/[^\d]/g, '')) : Number(t.replace(',', '.'));
    }
    out.push(piece);
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
const NEAR = 4;

/**
 * Every amount of pay in the text with a currency (or a thousands word and a period), read as tenge a
 * month. Linear in the text's length.
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
    }
    const after = ps[last + 1];
    if (!currency && after && currencyOf(after.text)) {
      currency = currencyOf(after.text);
      last++;
    }
    if (value < 10) continue;
    // The period: right after ("в день", "/day", "per week", "за 15 дней") or right before ("айына 400").
    let perMonth: number | undefined;
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
      perMonth = periodOf(w);
      if (perMonth !== undefined) last = k;
    }
    for (let k = first - 1; k >= Math.max(0, first - 2) && perMonth === undefined; k--) {
      if (boundary(text, ps, k + 1)) break;
      perMonth = periodOf((ps[k] as Piece).text.toLowerCase());
      if (perMonth !== undefined) first = k;
    }
    // Without a currency: a thousands word with a period is tenge ("100к/день", "айына 400 мың").
    if (!currency && mult && perMonth !== undefined) currency = 'kzt';
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
  return a.monthlyTenge >= (a.currency === 'kzt' ? settings.highMonthly.tenge : settings.highMonthly.foreign);
}

/** The amounts that are high pay by the settings' thresholds. */
export function highPay(text: string, settings: PaySettings): PayAmount[] {
  return readPay(text, settings).filter((a) => isHighPay(a, settings));
}
