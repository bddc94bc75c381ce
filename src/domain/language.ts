export const LANGS = ['ru', 'kk', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

// Letters Kazakh has and Russian does not: one of them settles it.
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
const CYRILLIC = /[\u0400-\u04FF]/u;

/** The language a text is written in, when the letters say so; undefined for Latin or no letters. */
export function languageOfText(text: string): Lang | undefined {
  if (KAZAKH_LETTERS.test(text)) return 'kk';
  if (CYRILLIC.test(text)) return 'ru';
  return undefined;
}

/**
 * Language on first contact (DESIGN.md): Kazakh letters -> kk, other Cyrillic -> ru, else the platform's
 * language code when it is one of ours, else ru.
 */
export function detectLanguage(text: string | undefined, platformCode: string | undefined): Lang {
  const fromText = text ? languageOfText(text) : undefined;
  if (fromText) return fromText;
  const code = platformCode?.toLowerCase().split(/[-_]/)[0];
  return isLang(code) ? code : 'ru';
}
