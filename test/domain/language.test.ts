import { describe, expect, it } from 'vitest';
import { formatWorkingHours, parseWorkingHours } from '../../src/domain/hours.js';
import { detectLanguage } from '../../src/domain/language.js';

describe('language on first contact', () => {
  it('reads Kazakh letters as Kazakh, other Cyrillic as Russian, then the platform, then Russian', () => {
    expect(detectLanguage('Сәлеметсіз бе', 'en')).toBe('kk');
    expect(detectLanguage('Здравствуйте', 'kk')).toBe('ru');
    expect(detectLanguage('hello', 'en-GB')).toBe('en');
    expect(detectLanguage('hello', 'kk')).toBe('kk');
    expect(detectLanguage('hello', 'de')).toBe('ru');
    expect(detectLanguage(undefined, undefined)).toBe('ru');
  });
});

describe('working hours', () => {
  const t = (key: string, vars?: Record<string, unknown>) =>
    key === 'hotline.hours' ? `${vars?.days}, ${vars?.from}-${vars?.to}` : key.replace('days.', '');
  it('parses and formats ranges, lists and every day', () => {
    expect(formatWorkingHours(parseWorkingHours('Mon-Fri 09:00-18:00') as never, t)).toBe(
      'mon–fri, 09:00-18:00',
    );
    expect(formatWorkingHours(parseWorkingHours('Mon,Wed,Sat 9:30-13:00') as never, t)).toBe(
      'mon, wed, sat, 09:30-13:00',
    );
    expect(formatWorkingHours(parseWorkingHours('daily 00:00-24:00') as never, t)).toBe(
      'every_day, 00:00-24:00',
    );
    expect(parseWorkingHours('Fri-Mon 09:00-18:00')).toBeUndefined();
    expect(parseWorkingHours('sometimes')).toBeUndefined();
  });
});
