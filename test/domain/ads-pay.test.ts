import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexiconProblems } from '../../src/domain/ads/lexicon.js';
import { highPay, type PaySettings, PIECES, pieces, readPay } from '../../src/domain/ads/pay.js';
import { loadLexicon } from '../../src/infra/content.js';

const settings = loadLexicon().source.pay as PaySettings;
const monthly = (text: string) =>
  readPay(text.toLowerCase(), settings).map((a) => Math.round(a.monthlyTenge));

describe('pay read as tenge a month', () => {
  it('reads the amount, its currency before or after, thousands words and Kazakh endings', () => {
    expect(monthly('зарплата 180 000 тг')).toEqual([180_000]);
    expect(monthly('от 3000$')).toEqual([3000 * 510]);
    expect(monthly('$2,500 + housing')).toEqual([2500 * 510]);
    expect(monthly('айына 1 000 000 теңгеге дейін')).toEqual([1_000_000]);
    expect(monthly('1,5 млн вон')).toEqual([540_000]);
  });

  it('reads the period after or before the amount: day, week, hour, "за 15 дней"', () => {
    expect(monthly('100к/день')).toEqual([100_000 * 22]);
    expect(monthly('50k v den')).toEqual([50_000 * 22]);
    expect(monthly('Куни 40 000 тг-ден')).toEqual([40_000 * 22]);
    expect(monthly('айына 400 мын')).toEqual([400_000]);
    expect(monthly('450 000 тг за 15 дней')).toEqual([900_000]);
    expect(monthly('$20 per hour')).toEqual([20 * 510 * 176]);
    expect(monthly('от 300$ в неделю')).toEqual([Math.round(300 * 510 * 4.3)]);
  });

  it('reads thousands with a period and no currency as tenge, and the month and week typed in Latin', () => {
    expect(monthly('zp ot 30 000 v den')).toEqual([30_000 * 22]);
    expect(monthly('от 30 000 в день')).toEqual([30_000 * 22]);
    expect(monthly('300-500k v mesyac')).toEqual([500_000]);
    expect(monthly('150-300k v nedelyu')).toEqual([Math.round(300_000 * 4.3)]);
    expect(monthly('неделясына 200к дейин')).toEqual([Math.round(200_000 * 4.3)]);
    expect(monthly('1200-3000 USDT a month')).toEqual([3000 * 510]);
    // A few hundred with a period is no amount of tenge: dollars the ad leaves unsaid, or nothing.
    expect(monthly('500 в месяц')).toEqual([]);
    // Without a currency, a count of things or a bare number with a period is no pay.
    expect(monthly('отгружает 20 000 посылок в день')).toEqual([]);
    expect(monthly('репетитор, 3000 в час')).toEqual([]);
  });

  it('reads a shift in Latin or Kazakh, "тенге" with a Kazakh ending, "тыс. руб", won, yen and dinars', () => {
    expect(monthly('25k/smena')).toEqual([25_000 * 22]);
    expect(monthly('тунги ауысым, кунине 40 000 тг')).toEqual([40_000 * 22]);
    expect(monthly('айлық 2 млн тенгеден жоғары')).toEqual([2_000_000]);
    expect(monthly('доход 300-500 тыс. руб в месяц')).toEqual([Math.round(500_000 * 6.3)]);
    expect(monthly('zp ot 2 mln von')).toEqual([720_000]);
    expect(monthly('айына 300 000 иен')).toEqual([Math.round(300_000 * 3.4)]);
    expect(monthly('salary 600 bhd')).toEqual([600 * 1355]);
  });

  it('reads Kazakh endings on the won and the euro, and "күнделікті" (daily) before the amount', () => {
    expect(monthly('айлығы 2 млн вон-нан бастап')).toEqual([720_000]);
    expect(monthly('айлық 3 000 000 воннан бастап')).toEqual([1_080_000]);
    // Any Kazakh ending: read as won, not as tenge ("вонмен" once fell back to tenge, 2.8 times too much).
    expect(monthly('айлық 2 млн вонмен')).toEqual([720_000]);
    expect(monthly('айлык 400 мынга дейин')).toEqual([400_000]);
    expect(monthly('айына 2500 еуро')).toEqual([2500 * 590]);
    expect(monthly('2000 еуроға дейін')).toEqual([2000 * 590]);
    expect(monthly('күнделікті 50 000 тг-ден бастап')).toEqual([50_000 * 22]);
    expect(monthly('күнделікті 30-50 мың қолма-қол')).toEqual([50_000 * 22]);
  });

  it('reads baht, yen typed "ien", and an evening as a day\'s rate', () => {
    expect(monthly('salary 35,000 - 50,000 thb')).toEqual([50_000 * 15]);
    expect(monthly('zarplata ot 800 000 ien')).toEqual([Math.round(800_000 * 3.4)]);
    expect(monthly('200$ za vecher')).toEqual([200 * 510 * 22]);
    expect(monthly('$150 per evening')).toEqual([150 * 510 * 22]);
  });

  it('reads a shift named a few words on as the schedule, and "за смену" as a rate', () => {
    expect(monthly('Айлык 170 000 тг + чайлык, ауысым 2/2')).toEqual([170_000]);
    expect(monthly('ЗП 180 000 тг, смена 12 часов')).toEqual([180_000]);
    expect(monthly('от 15 000 тг за смену')).toEqual([15_000 * 22]);
    expect(monthly('20 000 тг + чаевые за смену')).toEqual([20_000 * 22]);
    expect(monthly('40 000 тг — смена')).toEqual([40_000 * 22]);
    expect(monthly('30 000 тг әр ауысым')).toEqual([30_000 * 22]);
    expect(monthly('40 000 tg each shift')).toEqual([40_000 * 22]);
    expect(monthly('do 40 000 tg ezhednevno')).toEqual([40_000 * 22]);
  });

  it('takes the upper end of a range, and leaves phone numbers, dates and times alone', () => {
    expect(monthly('доход 400-800к в месяц')).toEqual([800_000]);
    expect(monthly('+7 747 662 18 30, с 9:00 до 18:00, 2026 год')).toEqual([]);
    // A period is not looked for in the next sentence or line.
    expect(monthly('Оклад 190 000 тенге. График работы: сутки через трое')).toEqual([190_000]);
    expect(monthly('Оклад 190 000 тенге\nсмена 12 часов')).toEqual([190_000]);
  });

  it('is high from the thresholds: foreign currencies lower than tenge', () => {
    expect(highPay('180 000 тг в месяц', settings)).toHaveLength(0);
    expect(highPay('400 000 тг в месяц', settings)).toHaveLength(1);
    expect(highPay('$500', settings)).toHaveLength(1);
    expect(highPay('$400', settings)).toHaveLength(0);
  });

  it('is high in the money of a country where work pays more: a warehouse wage in Poland is no lure', () => {
    // 4,900 zł is about Poland's minimum wage, and more than the 250,000 tenge a month of `foreign`.
    expect(highPay('4 900 zł в месяц', settings)).toHaveLength(0);
    expect(highPay('10 000 zł в месяц', settings)).toHaveLength(1);
    expect(highPay('1 800 aed в месяц', settings)).toHaveLength(0);
    expect(highPay('5 000 aed в месяц', settings)).toHaveLength(1);
    // Not for dollars and euros: "$1500" and "2500 €" for no skills are the lure.
    expect(highPay('$1500 в месяц', settings)).toHaveLength(1);
    expect(highPay('2 500 € в месяц', settings)).toHaveLength(1);
  });

  it('refuses a threshold in a currency it has no rate for', () => {
    const source = loadLexicon().source;
    const pay = { ...(source.pay as NonNullable<typeof source.pay>), highMonthlyIn: { xyz: 10 } };
    expect(lexiconProblems({ ...source, pay })).toContain('pay: highMonthlyIn "xyz" has no rate');
  });

  it('never throws and stays inside the text, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const a of readPay(s, settings)) {
          expect(a.start).toBeGreaterThanOrEqual(0);
          expect(a.end).toBeLessThanOrEqual(s.length);
          expect(Number.isFinite(a.monthlyTenge)).toBe(true);
        }
      }),
    );
  });

  it('cuts a text into the pieces its expression cuts, read code by code', () => {
    const byExpression = (s: string) =>
      [...s.matchAll(PIECES)].map((m) => [m[0], m.index, m.index + m[0].length]);
    const byCode = (s: string) => pieces(s).map((p) => [p.text, p.start, p.end]);
    // Digits, separators, currency signs, letters, hyphens, spaces and surrogates, mixed.
    const unit = fc.constantFrom(
      ...'0123456789  ,.-$€₸тгkq\n\t\u00a0\u2028!',
      '𝐝',
      '💲',
      '\ud835',
      '\udc1d',
      'ё',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(unit, { maxLength: 60 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(byCode(s)).toEqual(byExpression(s));
      }),
      { numRuns: 2000 },
    );
    for (const s of [
      '1 234 567',
      '12 3456',
      '1,000,0000',
      '1.5000',
      '1234 567',
      '450 000 тг-ден',
      'тг-',
      '$3,000.50',
    ])
      expect(byCode(s)).toEqual(byExpression(s));
  });
});
