import type { Concept } from './lexicon.js';
import { all, type Clause, type Found, first } from './relations.js';

/**
 * Signs that alone do not say danger, each a few concepts in one clause: together (by weight) they do,
 * and one sign of control makes the bot ask. read.ts weighs them.
 */

/** Signs that alone do not say danger, but do with another sign, and make the bot ask. */
export type Weak =
  | 'plea'
  | 'urgent'
  | 'secret'
  | 'overheard'
  | 'whereabouts'
  | 'noDocs'
  | 'guard'
  | 'unpaid'
  | 'noDayOff'
  | 'watched'
  | 'cantTalk'
  | 'noPhone'
  | 'escape'
  | 'noFood'
  | 'rescue'
  | 'carried'
  | 'wagesKept';
/**
 * Signs of control (writing in secret, listened to, not knowing where one is, no documents) weigh more
 * than a plea; guards are also a job ("охранник"), unpaid work a dispute.
 */
export const WEAK_WEIGHT: Readonly<Record<Weak, number>> = {
  plea: 1,
  urgent: 1,
  secret: 2,
  overheard: 2,
  whereabouts: 2,
  noDocs: 2,
  guard: 1,
  unpaid: 1,
  noDayOff: 1,
  watched: 2,
  cantTalk: 1,
  noPhone: 1,
  escape: 2,
  noFood: 2,
  rescue: 2,
  carried: 2,
  wagesKept: 2,
};
export const CONTROL: readonly Weak[] = [
  'secret',
  'overheard',
  'whereabouts',
  'noDocs',
  'watched',
  'escape',
  'noFood',
  'rescue',
  'wagesKept',
];
export const WEAK_ENOUGH = 3;

export function weakSigns(c: Clause, serviceInSentence: boolean, lostInText: boolean): [Weak, Found][] {
  // A concept found on its own, as the words of one sign.
  const one = (concept: Concept, polarity?: 'yes' | 'no'): Found | undefined => {
    const hit = c.get(concept, polarity);
    return hit ? [hit] : undefined;
  };
  const signs: [Weak, Found | undefined][] = [
    ['plea', serviceInSentence ? undefined : one('cry')],
    ['urgent', one('urgent')],
    ['secret', one('secret')],
    ['overheard', all(c.get('listen'), c.get('door'))],
    // Not knowing where she is, and being brought there, add up ("не знаю где я, привезли ночью").
    ['whereabouts', one('unknownPlace')],
    ['carried', one('carried', 'yes')],
    ['rescue', one('rescue', 'yes')],
    // Her money kept by them: "they keep our money", "ақшамызды ұстап отыр".
    ['wagesKept', all(c.get('money'), c.get('keep', 'yes'))],
    ['noDocs', lostInText ? undefined : all(c.get('doc'), c.get('absent'))],
    ['guard', one('guard')],
    [
      'unpaid',
      first(all(c.get('money'), c.get('give', 'no')), all(c.get('pay', 'no')), all(c.get('unpaid'))),
    ],
    ['watched', one('watched')],
    ['cantTalk', one('cantTalk')],
    ['noPhone', all(c.get('phone'), c.get('absent'))],
    ['escape', one('escape', 'yes')],
    ['noFood', first(all(c.get('feed', 'no')), all(c.get('feed'), c.get('give', 'no')))],
    ['noDayOff', one('noDayOff')],
  ];
  return signs.filter((s): s is [Weak, Found] => s[1] !== undefined);
}
