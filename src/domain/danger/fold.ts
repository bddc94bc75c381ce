import { BoundedMap } from '../memo.js';

/**
 * Words as keys that do not depend on the script they were typed in. People write Russian and Kazakh in
 * Cyrillic, in Kazakh without its own letters, and in Latin letters by ear ("menya b'yut", "pasportymdy
 * alyp qoydy"): every word is folded to one coarse Latin spelling, so "бьют", "b'yut" and "byut" are one
 * key, "қойды", "койды", "qoydy" and "koidy" another. The folding loses distinctions (и and ы, ш and щ)
 * that the words of danger do not need; stems are folded the same way, so both sides always agree.
 */

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
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
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
};

/** Latin letters by ear, one or two at a time: "zh" as ж, "kh" and "x" as х, "q" as қ, "c" as ц or к. */
const LATIN: Readonly<Record<string, string>> = {
  q: 'k',
  x: 'h',
  y: 'i',
  ş: 'sh',
  ç: 'ch',
  č: 'ch',
  ğ: 'g',
  ı: 'i',
  ї: 'i',
  ö: 'o',
  ô: 'o',
  ü: 'u',
  û: 'u',
  ä: 'a',
  á: 'a',
  ñ: 'n',
};

/**
 * One word, lower case, to its key: Cyrillic letter by letter, Latin by its digraphs ("shch", "sch",
 * "zh", "kh"), doubled letters single. One pass over the word.
 */
export function fold(word: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] as string;
    let to = CYRILLIC[ch] ?? LATIN[ch];
    if (to === undefined) {
      const next = word[i + 1];
      if (ch === 's' && next === 'c' && word[i + 2] === 'h') {
        // "sch" and "shch" are both щ.
        to = 'sh';
        i += word[i + 3] === 'c' && word[i + 4] === 'h' ? 4 : 2;
      } else if (ch === 's' && next === 'h' && word[i + 2] === 'c' && word[i + 3] === 'h') {
        to = 'sh';
        i += 3;
      } else if (ch === 'z' && next === 'h') {
        to = 'j';
        i++;
      } else if (ch === 'k' && next === 'h') {
        to = 'h';
        i++;
      } else if (ch === 'c') {
        if (next === 'h') {
          to = 'ch';
          i++;
        } else to = next === 'e' || next === 'i' || next === 'y' ? 'ts' : 'k';
      } else to = ch;
    }
    for (const letter of to) {
      if (letter !== last) out += letter;
      last = letter;
    }
  }
  return out;
}

export interface Token {
  /** The word as typed, lower case, apostrophes inside it dropped ("won't" -> "wont"). */
  word: string;
  /** Its folded key. */
  key: string;
  /** Where it stands in the original text. */
  start: number;
  end: number;
  /** The index of its clause and of its sentence. */
  clause: number;
  sentence: number;
  /** Its sentence ends with a question mark. */
  asked: boolean;
}

/** A word (letters and digits, an apostrophe inside it kept out: "b'yut", "don't"), or a mark. */
const PIECE = /[\p{L}\p{N}]+(?:['’ʼ`´][\p{L}\p{N}]+)*|[.!?\n…]|[,;:()«»"“”—–]/gu;
const APOSTROPHES = /['’ʼ`´]/g;

/**
 * A piece of text as it is typed to its word and key, remembered: texts repeat their words, and each
 * other's (bounded: a stream of words never seen before cannot grow it without end).
 */
const pieces = new BoundedMap<string, { word: string; key: string }>(50_000);
function wordOf(piece: string): { word: string; key: string } {
  let known = pieces.get(piece);
  if (!known) {
    const lower = piece.toLowerCase();
    const word = /['’ʼ`´]/.test(lower) ? lower.replace(APOSTROPHES, '') : lower;
    known = { word, key: fold(word) };
    pieces.set(piece, known);
  }
  return known;
}

/** The words of a text with their clause and sentence, in one pass of one regular expression. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let sentence = 0;
  let sentenceStart = 0;
  for (const m of text.matchAll(PIECE)) {
    const piece = m[0];
    const start = m.index;
    if (piece.length === 1 && '.!?\n…'.includes(piece)) {
      if (piece === '?')
        for (let k = sentenceStart; k < tokens.length; k++) (tokens[k] as Token).asked = true;
      sentenceStart = tokens.length;
      sentence++;
      clause++;
    } else if (piece.length === 1 && ',;:()«»"“”—–'.includes(piece)) clause++;
    else {
      const { word, key } = wordOf(piece);
      tokens.push({
        word,
        key,
        start,
        end: start + piece.length,
        clause,
        sentence,
        asked: false,
      });
    }
  }
  return tokens;
}
