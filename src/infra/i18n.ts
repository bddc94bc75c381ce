import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18n } from 'i18next';
import type { Translate } from '../domain/dialogue/index.js';
import { LANGS, type Lang } from '../domain/language.js';

export type Resources = Record<Lang, Record<string, unknown>>;

export function readLocales(dir: string): Resources {
  const out = {} as Resources;
  for (const lang of LANGS) out[lang] = JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8'));
  return out;
}

/**
 * One i18next instance for the process. Each update gets a translator fixed to the person's language
 * (getFixedT); changeLanguage is never called, since it is global and updates run concurrently.
 */
export async function createI18n(
  resources: Resources,
): Promise<{ i18n: I18n; t: (lang: Lang) => Translate }> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: Object.fromEntries(LANGS.map((l) => [l, { translation: resources[l] }])),
    lng: 'ru',
    fallbackLng: 'ru',
    supportedLngs: [...LANGS],
    // Texts go to Telegram as plain text and to a terminal: nothing to escape.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  // One translator per language, made once: every update asks for one, often several times. A text with
  // nothing to fill in is the same every time: it is looked up once (texts are read at start, never
  // changed while running).
  const translators = new Map<Lang, Translate>(
    LANGS.map((l) => {
      const fixed = i18n.getFixedT(l);
      const plain = new Map<string, string>();
      return [
        l,
        (key, vars) => {
          // A plural depends on its count: always asked anew.
          if (vars && 'count' in vars) return String(fixed(key, vars));
          let text = plain.get(key);
          if (text === undefined) {
            text = String(fixed(key, {}));
            plain.set(key, text);
          }
          // Placeholders left in the plain text: fill them in for this call.
          return vars && text.includes('{{') ? String(fixed(key, vars)) : text;
        },
      ];
    }),
  );
  return { i18n, t: (lang) => translators.get(lang) ?? (translators.get('ru') as Translate) };
}
