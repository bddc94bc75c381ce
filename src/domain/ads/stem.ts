import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';

/**
 * Words reduced to their stems, per language, so that one lexicon entry ("хранить", "keep", "сақтау")
 * covers the forms people write ("хранятся", "keeps", "сақталады"). The ad's words and the lexicon's are
 * stemmed by the same functions, after the same folding (see tokens.ts `fold`: Kazakh letters folded to
 * their everyday Russian substitutes, "ё" to "е"), so a Kazakh word typed without its letters has the
 * same stem as the word written properly.
 *
 * Russian and English: the Snowball stemmers. Kazakh is agglutinative and has no stemmer on npm: its
 * suffixes (case, plural, possessive, person, tense, negation, participles, the passive) are stripped
 * by rule, longest first, as long as a root of at least three letters stays.
 */

const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;

export function stemRu(word: string): string {
  return word.length > 3 ? russianStemmer(word) : word;
}

export function stemEn(word: string): string {
  return word.length > 3 ? englishStemmer(word) : word;
}

// Kazakh suffixes, folded (қ→к, ғ→г, ң→н, ө→о, ұ/ү→у, і→и, ә→а), in the layers a word is built of. A
// verb is root (+ voice) (+ negation) + tense + person; a noun is root (+ plural) (+ possessive) (+ case).
// Each layer is stripped at most once, outermost first, longest suffix first. The negative "-ма/-ме" is
// stripped with the tense after it, so a negated verb keeps its root: negation is read from the word
// itself (see negation.ts), never from its stem.
const byLength = (list: string[]) => [...new Set(list)].sort((a, b) => b.length - a.length);
const KK_PERSON = byLength([
  'сыздар',
  'сиздер',
  'мыз',
  'миз',
  'быз',
  'биз',
  'пыз',
  'пиз',
  'сыз',
  'сиз',
  'мын',
  'мин',
  'сын',
  'син',
  'ныз',
  'низ',
  'сын',
]);
const KK_TENSE = byLength([
  'майтын',
  'мейтин',
  'байтын',
  'бейтин',
  'пайтын',
  'пейтин',
  'майды',
  'мейди',
  'байды',
  'бейди',
  'пайды',
  'пейди',
  'маган',
  'меген',
  'баган',
  'беген',
  'паган',
  'пеген',
  'маса',
  'месе',
  'атын',
  'етин',
  'йтын',
  'йтин',
  'ады',
  'еди',
  'йды',
  'йди',
  'ган',
  'ген',
  'кан',
  'кен',
  'йды',
  'атын',
  'ып',
  'ип',
  'уы',
  'уи',
  'са',
  'се',
]);
const KK_PRESENT = ['а', 'е', 'й'];
const KK_CASE = byLength([
  'нын',
  'нин',
  'дын',
  'дин',
  'тын',
  'тин',
  'ндагы',
  'ндеги',
  'дагы',
  'деги',
  'тагы',
  'теги',
  'нда',
  'нде',
  'дан',
  'ден',
  'тан',
  'тен',
  'нан',
  'нен',
  'мен',
  'бен',
  'пен',
  'га',
  'ге',
  'ка',
  'ке',
  'на',
  'не',
  'ны',
  'ни',
  'ды',
  'ди',
  'ты',
  'ти',
  'да',
  'де',
  'та',
  'те',
  'ша',
  'ше',
  'ын',
  'ин',
  'н',
]);
const KK_POSSESSIVE = byLength([
  'лары',
  'лери',
  'дары',
  'дери',
  'тары',
  'тери',
  'ымыз',
  'имиз',
  'ыныз',
  'иниз',
  'ныз',
  'низ',
  'сы',
  'си',
  'ым',
  'им',
  'ын',
  'ин',
  'ы',
  'и',
  'м',
  'н',
]);
const KK_PLURAL = byLength(['лар', 'лер', 'дар', 'дер', 'тар', 'тер']);
const KK_VOICE = byLength(['ыл', 'ил', 'л', 'ын', 'ин']);

const MIN_KK_ROOT = 3;

function strip(word: string, layer: string[]): string | undefined {
  for (const suffix of layer) {
    if (word.length - suffix.length >= MIN_KK_ROOT && word.endsWith(suffix))
      return word.slice(0, -suffix.length);
  }
  return undefined;
}

/** The root of a folded Kazakh word, by rule (see above). */
export function stemKk(word: string): string {
  // A verb: a tense (with a person after it, or none).
  const noPerson = strip(word, KK_PERSON);
  for (const w of noPerson === undefined ? [word] : [noPerson, word]) {
    // After a person ending, the present tense's bare "-а/-е/-й" (тапсыр-а-сыз, сақта-й-мыз) too.
    const verb = strip(w, KK_TENSE) ?? (w === noPerson ? strip(w, KK_PRESENT) : undefined);
    if (verb !== undefined) return strip(verb, KK_VOICE) ?? verb;
  }
  // A verbal noun in "-у" (шығу, сақтау), then the noun's layers.
  let w = word;
  const noCase = strip(w, KK_CASE);
  if (noCase !== undefined) w = noCase;
  if (w.length > MIN_KK_ROOT && w.endsWith('у') && !w.endsWith('уу')) return w.slice(0, -1);
  w = strip(w, KK_POSSESSIVE) ?? w;
  w = strip(w, KK_PLURAL) ?? w;
  // A root's last "қ/к" and "п" voice before a vowel ending: "айлық → айлығы", "кітап → кітабы". Folded,
  // "ғ" is "г": the stem takes its root's letter back.
  if (w.length < word.length && w.length > MIN_KK_ROOT) {
    if (w.endsWith('г')) return `${w.slice(0, -1)}к`;
    if (w.endsWith('б')) return `${w.slice(0, -1)}п`;
  }
  return w;
}

export interface Stems {
  ru?: string;
  kk?: string;
  en?: string;
}

/** The stems of a folded word in each language its letters can be: Cyrillic is Russian or Kazakh. */
export function stemsOf(word: string): Stems {
  if (CYRILLIC.test(word)) return { ru: stemRu(word), kk: stemKk(word) };
  if (LATIN.test(word)) return { en: stemEn(word) };
  return {};
}
