/**
 * The text tesseract gives, made what the analyzer reads: lines the picture wrapped joined again, and the
 * signs of money the language models cannot read put back (docs/ocr.md, "How it reads").
 */

/** A line that starts a list item, not the rest of the line before: "— опыт не нужен", "2) ...". */
const LIST_ITEM = /^\s*(?:[-–—•*·●▪✓✔]|\d{1,2}[.)]\s)/u;
/**
 * How a wrapped line may start other than in small letters: a number, a phone, a handle, a bracket, or
 * a Latin word (a messenger's name, an English sentence). A capital Cyrillic word is taken to start a new
 * line: ads list their points on lines of their own, often behind an emoji the picture's reading drops,
 * and "…с первого дня⏎Оклад 220 000 ₸" joined would be pay a day.
 */
const WRAPPED_START = /^\s*[\d+@(A-Za-z]/u;
/** How long a line must be, against the longest line read, to have been wrapped rather than ended. */
const FULL_LINE = 0.7;

/**
 * Text as it is read: form feeds and trailing spaces gone, at most one blank line in a row, and lines
 * the picture wrapped joined again. A line break inside a sentence would cut it for the analyzer, which
 * reads a flag within one clause ("Виза по⏎прилёту" is no visa on arrival, "только в⏎WhatsApp" no
 * messenger-only contact). A line goes on from the one before when it starts in small letters, or when
 * it starts as a wrapped line may (`WRAPPED_START`) and the one before is as long as the picture's lines
 * run (the text reached the edge) and ends in no full stop, colon or semicolon; a word wrapped at its
 * hyphen is joined whole (the hyphen kept: "сатушы-кеңесші").
 */
export function tidyText(raw: string): string {
  const lines = raw
    .replace(/\f/g, '')
    .split('\n')
    .map((l) => l.trimEnd());
  const longest = Math.max(0, ...lines.map((l) => l.length));
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    const goesOn =
      prev !== undefined &&
      prev !== '' &&
      line.trim() !== '' &&
      (/^\s*\p{Ll}/u.test(line) ||
        (WRAPPED_START.test(line) &&
          prev.length >= FULL_LINE * longest &&
          !/[.!?:;]$/.test(prev) &&
          !LIST_ITEM.test(line)));
    if (goesOn && /\p{L}-$/u.test(prev)) out[out.length - 1] = `${prev}${line.trimStart()}`;
    else if (goesOn) out[out.length - 1] = `${prev} ${line.trimStart()}`;
    else out.push(line);
  }
  return fixMoneySigns(
    fixLookAlikes(
      out
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    ),
  );
}

/** Capital Latin letters that are drawn as Cyrillic ones, and the Cyrillic letter each stands for. */
const LATIN_AS_CYRILLIC: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
};
/**
 * A word in capitals made only of those letters, before a Cyrillic word (after a quotation mark or a
 * bracket, if any) and after nothing or no Latin word: with English read first, «ООО», «ТОО», «АО» before
 * a company's name come out in Latin letters ("OOO «СеверСтройМонтаж»"), and the analyzer no longer
 * sees a company named.
 */
const LATIN_CAPS_WORD =
  /(?<![\p{L}\p{N}])(?<!\p{Script=Latin}[\p{L}\p{N}]*[\s,.]+)([ABCEHKMOPTX]{2,})(?=[\s«"“(]+\p{Script=Cyrillic})/gu;

/** What tesseract's guesses make of one picture's look-alike signs: put back as the text around them has them. */
export function fixLookAlikes(text: string): string {
  return (
    text
      .replace(LATIN_CAPS_WORD, (word: string) => [...word].map((c) => LATIN_AS_CYRILLIC[c] ?? c).join(''))
      // A straight apostrophe is read as a typographic one, and a quotation in straight marks half
      // typographic ("‘Casino dealer … up.'"), which the analyzer then does not see as a quotation.
      .replace(/[‘’]/g, "'")
  );
}

/** An amount in thousands: "270 000", "2500", not "25" or "150" (which "т" may follow as "thousand"). */
const THOUSANDS = String.raw`\d{1,3}(?:[  ,.]\d{3})+|\d{4,}`;
/** An amount of a hundred or more: "450", "1 500", "3,000". */
const AMOUNT = String.raw`\d{1,3}(?:[  ,.]\d{3})+|\d{3,}`;
/** What may follow a sign of money: a space, punctuation, a Kazakh case ending ("₸-ден"), the end. */
const AFTER = String.raw`(?=[\s.,;:!?)+/-]|$)`;
/**
 * ₸ is in none of the three languages' alphabets: after an amount tesseract reads it as the letter it
 * looks most like ("270 000 Т", "50 000 т", "600 000 TF", "100 000 Т-ден").
 */
const TENGE_READ = new RegExp(String.raw`(${THOUSANDS})(\s?)(?:TF|Tr|T|Т|т|F)${AFTER}`, 'gu');
/** € after an amount is read as "<" or "=" ("от 2500 <", "2 500 = + процент"). */
const EURO_READ = new RegExp(String.raw`(?<![\d.,])(${AMOUNT})(\s?)[<=]${AFTER}(?!\s*\d)`, 'gu');
/**
 * $ is not in the Kazakh model's alphabet, and an amount that model reads gets "%" for it ("Айлығы
 * 2000-4000%", "Жалақы %2000"). No ad gives a percentage over 100, nor puts one before its number.
 */
const DOLLAR_AFTER = new RegExp(String.raw`(?<![\d.,])(${AMOUNT})(\s?)%`, 'gu');
const DOLLAR_BEFORE = new RegExp(String.raw`%(\s?)(?=${AMOUNT})`, 'gu');

/** The signs of money tesseract's models lack, put back where an amount shows what they were. */
export function fixMoneySigns(text: string): string {
  return text
    .replace(TENGE_READ, '$1$2₸')
    .replace(EURO_READ, '$1$2€')
    .replace(DOLLAR_BEFORE, '$$$1')
    .replace(DOLLAR_AFTER, (all, amount: string, space: string) =>
      Number(amount.replace(/\D/g, '')) > 100 ? `${amount}${space}$` : all,
    );
}
