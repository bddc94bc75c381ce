/**
 * Ad text as the analyzer reads it: lower case, one script per word, spaced-out and emoji-split words
 * joined, stretched letters shortened. Every character of a view keeps the index of the original
 * character it came from, so evidence is always quoted from what the person sent.
 */
export interface View {
  text: string;
  /** map[i]: index in the original text of the view's character i. */
  map: number[];
}

// Latin letters that look like Cyrillic ones, and back. A word written mostly in one script has the
// look-alikes of the other folded into it: "дeвушки" with a Latin e is "девушки".
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  i: 'і',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  '0': 'о',
  '3': 'з',
  '6': 'б',
};
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  н: 'h',
  і: 'i',
  к: 'k',
  м: 'm',
  о: 'o',
  р: 'p',
  т: 't',
  х: 'x',
  у: 'y',
  ѕ: 's',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  '0': 'o',
};
const isCyrillic = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c >= 0x400 && c <= 0x4ff;
};
const isLatin = (ch: string) => {
  const c = ch.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
};
const LETTER = /\p{L}/u;
/** Latin and Cyrillic by their codes (the common case, fast), everything else by Unicode. */
const isLetter = (ch: string) => {
  const c = ch.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x400 && c <= 0x4ff)) return true;
  if (c < 0xc0) return false;
  return LETTER.test(ch);
};
// These are tested against one code point at a time, so joining marks in the classes are what we mean.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF\uFE0E\uFE0F]/;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u20E3]/u;
/** Characters that split a word in disguise: "д.е.в.у.ш.к.и", "e-s-c-o-r-t", "д е в у ш к и". */
const SPLITTER = /[\s.\-_*·•/|~+]/;
const isWordChar = (ch: string) => isLetter(ch) || (ch >= '0' && ch <= '9');

interface Char {
  ch: string;
  at: number;
}

function toChars(original: string): Char[] {
  const out: Char[] = [];
  let at = 0;
  for (const cp of original) {
    const here = at;
    at += cp.length;
    const code = cp.codePointAt(0) as number;
    if (code < 0xad) {
      // ASCII and Latin-1 punctuation: no invisible, no pictograph, no compatibility form.
      out.push({ ch: code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : cp, at: here });
      continue;
    }
    if (INVISIBLE.test(cp)) continue;
    if (cp === '💲') {
      out.push({ ch: '$', at: here });
      continue;
    }
    if (cp === '№') {
      // Not "No" (its compatibility form), which would read as a negation.
      out.push({ ch: '#', at: here });
      continue;
    }
    if (code >= 0x2000 && PICTOGRAPH.test(cp)) {
      out.push({ ch: '\u0001', at: here }); // a pictograph: decided below whether it splits a word
      continue;
    }
    // Compatibility forms (full-width letters, ligatures, mathematical letters) live above U+2000.
    const plain = code >= 0x2000 ? cp.normalize('NFKC') : cp;
    for (const ch of plain.toLowerCase()) out.push({ ch: ch === 'ё' ? 'е' : ch, at: here });
  }
  return out;
}

const APOSTROPHE = /['’ʼ`´]/;

/** "don't" is "dont": apostrophes inside words go, so patterns need not spell them. */
function dropApostrophes(chars: Char[]): Char[] {
  return chars.filter(
    (c, i) =>
      !(APOSTROPHE.test(c.ch) && isLetter(chars[i - 1]?.ch ?? ' ') && isLetter(chars[i + 1]?.ch ?? ' ')),
  );
}

/** An emoji between two letters is a disguise ("танц💃овщицы"): dropped; elsewhere it is a space. */
function resolvePictographs(chars: Char[]): Char[] {
  const out: Char[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as Char;
    if (c.ch !== '\u0001') {
      out.push(c);
      continue;
    }
    let j = i;
    while (j < chars.length && chars[j]?.ch === '\u0001') j++;
    const before = out.at(-1)?.ch ?? ' ';
    const after = chars[j]?.ch ?? ' ';
    if (!(isLetter(before) && isLetter(after))) out.push({ ch: ' ', at: c.at });
    i = j - 1;
  }
  return out;
}

/** Joins runs of at least four single letters split by the same kind of separator. */
function joinSpacedLetters(chars: Char[]): Char[] {
  const out: Char[] = [];
  let i = 0;
  const single = (k: number) =>
    isLetter(chars[k]?.ch ?? '') && !isLetter(chars[k - 1]?.ch ?? ' ') && !isLetter(chars[k + 1]?.ch ?? ' ');
  while (i < chars.length) {
    if (single(i)) {
      const letters = [i];
      let k = i;
      // One kind of separator throughout ("д.е.в.у.ш.к.и", "д е в у ш к и"): "т в д" of "э.с.к.о.р.т в
      // Д.у.б.а.й" is not part of it.
      const sep = chars[i + 1]?.ch ?? '';
      while (SPLITTER.test(sep) && chars[k + 1]?.ch === sep && single(k + 2)) {
        k += 2;
        letters.push(k);
      }
      if (letters.length >= 4) {
        for (const l of letters) out.push(chars[l] as Char);
        i = k + 1;
        continue;
      }
    }
    out.push(chars[i] as Char);
    i++;
  }
  return out;
}

/** One script per word: the minority script's look-alikes take the majority's letters. */
function foldHomoglyphs(chars: Char[]): Char[] {
  const out = chars.slice();
  let i = 0;
  while (i < out.length) {
    if (!isWordChar(out[i]?.ch ?? '')) {
      i++;
      continue;
    }
    let j = i;
    let cyr = 0;
    let lat = 0;
    while (j < out.length && isWordChar(out[j]?.ch ?? '')) {
      const ch = out[j]?.ch ?? '';
      if (isCyrillic(ch)) cyr++;
      else if (isLatin(ch)) lat++;
      j++;
    }
    if (cyr > 0 && (lat > 0 || j - i > cyr)) {
      const table = cyr >= lat ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
      const letters = Math.max(cyr, lat);
      for (let k = i; k < j; k++) {
        const c = out[k] as Char;
        const mapped = table[c.ch];
        // Digits only become letters inside a word that is mostly letters ("д3вушки", not "3000тг").
        if (mapped && (!/\d/.test(c.ch) || letters >= (j - i) / 2)) out[k] = { ch: mapped, at: c.at };
      }
    }
    i = j;
  }
  return out;
}

/** "срооочно" and "urgennnt": three or more of the same letter are one; two stay two ("касса"). */
function shortenStretched(chars: Char[]): Char[] {
  const out: Char[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as Char;
    let j = i + 1;
    if (isLetter(c.ch)) while (chars[j]?.ch === c.ch) j++;
    // A run inside a word is stretched; a word that is only the run ("ООО", a company form) is not.
    const inWord = isLetter(chars[i - 1]?.ch ?? ' ') || isLetter(chars[j]?.ch ?? ' ');
    if (j - i >= 3 && inWord) out.push(c);
    else for (let k = i; k < j; k++) out.push(chars[k] as Char);
    i = j;
  }
  return out;
}

function toView(chars: Char[]): View {
  let text = '';
  const map: number[] = [];
  for (const c of chars) {
    text += c.ch;
    // A character outside the BMP is two code units: both point to where it came from.
    for (let k = 0; k < c.ch.length; k++) map.push(c.at);
  }
  return { text, map };
}

// What makes the careful, character-by-character pass necessary. Most ads have none of it and take the
// fast path: lower case, ё as е, every character where it was.
const L = 'a-zа-яёәғқңөұүһі';
const NEEDS_CAREFUL_PASS = [
  /[а-яёәғқңөұүһі][a-z]|[a-z][а-яёәғқңөұүһі]/i, // two scripts in one word
  /[\u00AD\u200B\u200C\u200E\u200F\u2060\uFEFF]/, // invisible characters
  new RegExp(
    `(?:^|[^${L}])[${L}][\\s.\\-_*·•/|~+][${L}][\\s.\\-_*·•/|~+][${L}][\\s.\\-_*·•/|~+][${L}](?![${L}])`,
    'i',
  ), // spaced letters
  new RegExp(`[${L}]([${L}])\\1\\1|([${L}])\\2\\2[${L}]`, 'i'), // stretched letters (not "ООО")
  new RegExp(`[${L}]['’ʼ\`´][${L}]`, 'i'), // apostrophes inside words
  /[а-яёәғқңөұүһі]\d+[а-яёәғқңөұүһі]/i, // digits for letters
  /[^\t-\u04ff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]/, // anything unusual: the careful pass decides
];
// Emoji (with their skin tones, joiners and variation selectors) between words are only spaces.
const PICTOGRAPHS =
  /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u20E3\uFE0F\uFE0E\u200D]+/gu;
const PICTOGRAPH_IN_WORD =
  /\p{L}[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u20E3\uFE0F\uFE0E\u200D]+\p{L}/u;

/** The base view: what every pattern is matched against. */
export function normalize(original: string): View {
  if (!PICTOGRAPH_IN_WORD.test(original)) {
    // Emoji become as many spaces as they have code units, so every character stays where it was.
    const plain = original
      .replace(/💲/gu, '$ ')
      .replace(PICTOGRAPHS, (m) => ' '.repeat(m.length))
      .replace(/№/g, '#');
    if (plain.normalize('NFKC') === plain && !NEEDS_CAREFUL_PASS.some((re) => re.test(plain))) {
      const text = plain.toLowerCase().replace(/ё/g, 'е');
      if (text.length === original.length) {
        const map = new Array<number>(text.length);
        for (let i = 0; i < map.length; i++) map[i] = i;
        return { text, map };
      }
    }
  }
  const chars = dropApostrophes(resolvePictographs(toChars(original)));
  return toView(shortenStretched(foldHomoglyphs(joinSpacedLetters(chars))));
}

// Transliteration of Latin-written words into Cyrillic, so that patterns written in Cyrillic also find
// "devushki v Dubai" (Russian in Latin letters) and "jūmys, qyzdar" (Kazakh in Latin letters).
const RU_TRANSLIT: [string, string][] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['yo', 'е'],
  ['ye', 'е'],
  ['ju', 'ю'],
  ['ja', 'я'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'ц'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'кс'],
  ['y', 'ы'],
  ['z', 'з'],
];
const KK_TRANSLIT: [string, string][] = [
  ['sh', 'ш'],
  ['ch', 'ч'],
  ['zh', 'ж'],
  ['ng', 'ң'],
  ['ya', 'я'],
  ['yu', 'ю'],
  ['ia', 'я'],
  ['a', 'а'],
  ['ä', 'ә'],
  ['á', 'ә'],
  ['b', 'б'],
  ['c', 'с'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['ğ', 'ғ'],
  ['ǵ', 'ғ'],
  ['h', 'х'],
  ['ı', 'і'],
  ['i', 'і'],
  ['j', 'ж'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['ñ', 'ң'],
  ['ń', 'ң'],
  ['o', 'о'],
  ['ö', 'ө'],
  ['ó', 'ө'],
  ['p', 'п'],
  ['q', 'қ'],
  ['r', 'р'],
  ['s', 'с'],
  ['ş', 'ш'],
  ['t', 'т'],
  ['u', 'у'],
  ['ū', 'ұ'],
  ['ú', 'ү'],
  ['ü', 'ү'],
  ['v', 'в'],
  ['w', 'у'],
  ['x', 'х'],
  ['y', 'ы'],
  ['ý', 'у'],
  ['z', 'з'],
];

/** The share of Latin letters from which an ad is also read transliterated. */
const LATIN_SHARE = 0.5;

/**
 * A transliteration table by its first letter, longest spelling first within a letter, as the table
 * lists them: one lookup per character instead of a scan of the whole table.
 */
type TranslitIndex = Map<string, [string, string][]>;
function indexTable(table: [string, string][]): TranslitIndex {
  const index: TranslitIndex = new Map();
  for (const entry of table) {
    const first = entry[0][0] as string;
    const list = index.get(first) ?? [];
    list.push(entry);
    index.set(first, list);
  }
  return index;
}
const RU_INDEX = indexTable(RU_TRANSLIT);
const KK_INDEX = indexTable(KK_TRANSLIT);

function transliterate(view: View, index: TranslitIndex): View | undefined {
  let changed = false;
  const text: string[] = [];
  const map: number[] = [];
  const s = view.text;
  const from = view.map;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    // The first entry of the table that matches here, as the table's order decides ("shch" before "sh").
    let hit: [string, string] | undefined;
    if (isLatin(ch)) {
      for (const entry of index.get(ch) ?? []) {
        if (s.startsWith(entry[0], i)) {
          hit = entry;
          break;
        }
      }
    }
    if (!hit) {
      text.push(ch);
      map.push(from[i] as number);
      i++;
      continue;
    }
    changed = true;
    for (const out of hit[1]) {
      text.push(out);
      map.push(from[i] as number);
    }
    i += hit[0].length;
  }
  return changed ? { text: text.join(''), map } : undefined;
}

/**
 * The views of one ad: the base, and, when a good part of it is written in Latin letters, those words
 * read as Russian and as Kazakh. A Cyrillic ad with an e-mail or a "WhatsApp" in it needs no second
 * reading; "devushki v Dubai" and "jūmys, qyzdar" do.
 */
export function views(original: string): { base: View; ru?: View; kk?: View } {
  const base = normalize(original);
  let latin = 0;
  let cyrillic = 0;
  for (let i = 0; i < base.text.length; i++) {
    const c = base.text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
    else if (c >= 0x400 && c <= 0x4ff) cyrillic++;
  }
  if (latin < (latin + cyrillic) * LATIN_SHARE) return { base };
  const ru = transliterate(base, RU_INDEX);
  const kk = transliterate(base, KK_INDEX);
  return { base, ...(ru ? { ru } : {}), ...(kk ? { kk } : {}) };
}
