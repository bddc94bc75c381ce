import { prng } from './prng.js';

/**
 * Ads disguised in every way the analyzer undoes, always the same for the same ads and seed: the ads as
 * they are, joined to 1, 4, 9 and 12 KB, in upper and mixed case, with look-alike letters of the other
 * script, spaced and dotted letters, emoji inside words, stretched letters, in Latin transliteration, cut
 * at random points, spliced together, with disguises put in anywhere; then random Unicode, and long texts
 * of all of it. `scripts/ads-golden.ts` makes them of test/fixtures/ads, `scripts/analyzer-snapshot.ts`
 * of every corpus.
 */
export function disguisedAds(corpus: readonly string[], seed = 20261130): string[] {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const out: string[] = [];

  const joined = (from: number, size: number) => {
    let ad = '';
    for (let k = from; ad.length < size; k++) ad += `${corpus[k % corpus.length]}\n\n`;
    return ad.slice(0, size);
  };
  /** Replaces some characters of words (chosen with probability p) by what `f` makes of them. */
  const inWords = (text: string, p: number, f: (word: string) => string) =>
    text.replace(/[\p{L}\p{N}]+/gu, (w) => (rand() < p ? f(w) : w));

  const LATIN_LOOKALIKE: Record<string, string> = {
    а: 'a',
    е: 'e',
    о: 'o',
    с: 'c',
    р: 'p',
    х: 'x',
    у: 'y',
    к: 'k',
    м: 'm',
    т: 't',
    н: 'h',
    в: 'b',
    і: 'i',
  };
  const CYRILLIC_LOOKALIKE: Record<string, string> = Object.fromEntries(
    Object.entries(LATIN_LOOKALIKE).map(([c, l]) => [l, c]),
  );
  const SEPARATORS = [' ', '.', '-', '_', '*', '·', '•', '/', '|', '~', '+', '. ', ' '];
  const EMOJI = [
    '💃',
    '🔥',
    '👍🏽',
    '❤️',
    '🇦🇪',
    '1️⃣',
    '💲',
    'ℹ️',
    '✨',
    '👉',
    '\u200b',
    '\u00ad',
    '\u200d',
    '\ufe0f',
  ];
  const TRANSLIT: Record<string, string> = {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'yo',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'y',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'yu',
    я: 'ya',
    қ: 'q',
    ғ: 'ğ',
    ң: 'ñ',
    ө: 'ö',
    ұ: 'ū',
    ү: 'ü',
    һ: 'h',
    і: 'i',
    ә: 'ä',
  };
  const transliterate = (text: string) =>
    [...text]
      .map((c) => {
        const lower = c.toLowerCase();
        const t = TRANSLIT[lower];
        if (t === undefined) return c;
        return c === lower ? t : t.charAt(0).toUpperCase() + t.slice(1);
      })
      .join('');
  const RANDOM_UNITS = [
    ...'аеоcрxаaoеёЁқӘiІ  .-💃🔥ℹ’\'3\n!?;,:«»"“”—–()$€₸#№0123456789',
    'тг',
    'тенге',
    'usd',
    '$',
    'до 25 лет',
    'ооо',
    'ООО',
    'тоо «',
    'девушки',
    'не ',
    'без ',
    'паспорт',
    'visa',
    'жұмыс',
    'qyzdar',
    'escort',
    '@',
    'www.',
    '.kz',
    '+7 701 234 56 78',
    'ﬁ',
    'Ａ',
    '𝐝',
    'e\u0301',
  ];

  // 1. The corpus as it is.
  out.push(...corpus);
  // 2. Joined to 1 KB and 4 KB (as the bench reads them), 9 and 12 KB (longer than MAX_AD_LENGTH).
  for (let i = 0; i < corpus.length; i++) out.push(joined(i, 1024), joined(i, 4096));
  for (let i = 0; i < corpus.length; i += 4) out.push(joined(i, 9000), joined(i + 1, 12_500));
  for (const text of corpus) {
    // 3. Case.
    out.push(text.toUpperCase());
    out.push([...text].map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join(''));
    // 4. Look-alike letters of the other script.
    out.push(
      inWords(text, 0.4, (w) =>
        [...w].map((c) => (rand() < 0.3 ? (LATIN_LOOKALIKE[c] ?? CYRILLIC_LOOKALIKE[c] ?? c) : c)).join(''),
      ),
    );
    out.push(inWords(text, 0.2, (w) => w.replace(/[оО]/g, '0').replace(/[зЗ]/g, '3')));
    // 5. Spaced, dotted letters; emoji inside words.
    const sep = pick(SEPARATORS);
    out.push(inWords(text, 0.15, (w) => [...w].join(sep)));
    out.push(inWords(text, 0.2, (w) => [...w].join(pick(SEPARATORS))));
    out.push(
      inWords(text, 0.2, (w) =>
        w.length > 2 ? w.slice(0, 1 + int(w.length - 1)) + pick(EMOJI) + w.slice(1 + int(w.length - 1)) : w,
      ),
    );
    // 6. Stretched letters.
    out.push(
      inWords(text, 0.2, (w) => {
        const k = int(w.length);
        return w.slice(0, k) + (w[k] ?? '').repeat(2 + int(4)) + w.slice(k + 1);
      }),
    );
    // 7. Latin-written Russian and Kazakh.
    out.push(transliterate(text));
    // 8. Cut at random points.
    out.push(text.slice(0, int(text.length)), text.slice(int(text.length)));
    // 9. Two ads spliced.
    const other = pick(corpus);
    out.push(text.slice(0, int(text.length)) + other.slice(int(other.length)));
    // 10. Disguises put in anywhere.
    let edited = text;
    for (let k = 0; k < 1 + int(6); k++) {
      const at = int(edited.length + 1);
      edited = edited.slice(0, at) + pick(RANDOM_UNITS.concat(EMOJI)) + edited.slice(at);
    }
    out.push(edited);
  }
  // 11. Random Unicode: any code point, then weighted towards what the analyzer looks at.
  for (let i = 0; i < 400; i++) {
    const n = int(300);
    let s = '';
    for (let k = 0; k < n; k++) {
      const r = rand();
      if (r < 0.3)
        s += String.fromCodePoint(int(0x110000)); // lone surrogates too
      else if (r < 0.6) s += String.fromCharCode(0x400 + int(0x100));
      else if (r < 0.8) s += String.fromCharCode(0x20 + int(0x5f));
      else s += pick(RANDOM_UNITS);
    }
    out.push(s);
  }
  for (let i = 0; i < 400; i++) {
    let s = '';
    for (let k = int(120); k > 0; k--) s += pick(RANDOM_UNITS);
    out.push(s);
  }
  // 12. Long texts of everything above, 8,000 characters and more.
  const mixed = out.slice(corpus.length * 3);
  for (let i = 0; i < 60; i++) {
    let s = '';
    while (s.length < 8000 + int(2000)) s += `${pick(mixed)}${pick(['\n', ' ', '. ', '\n\n'])}`;
    out.push(s);
  }
  return out;
}
