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
  const signs: [Weak, Found][] = [];
  const plea = c.get('cry');
  if (plea && !serviceInSentence) signs.push(['plea', [plea]]);
  const urgent = c.get('urgent');
  if (urgent) signs.push(['urgent', [urgent]]);
  const secret = c.get('secret');
  if (secret) signs.push(['secret', [secret]]);
  const overheard = all(c.get('listen'), c.get('door'));
  if (overheard) signs.push(['overheard', overheard]);
  // Not knowing where she is, and being brought there, add up ("не знаю где я, привезли ночью").
  const whereabouts = c.get('unknownPlace');
  if (whereabouts) signs.push(['whereabouts', [whereabouts]]);
  const carried = c.get('carried', 'yes');
  if (carried) signs.push(['carried', [carried]]);
  const rescue = c.get('rescue', 'yes');
  if (rescue) signs.push(['rescue', [rescue]]);
  // Her money kept by them: "they keep our money", "ақшамызды ұстап отыр".
  const wagesKept = all(c.get('money'), c.get('keep', 'yes'));
  if (wagesKept) signs.push(['wagesKept', wagesKept]);
  const noDocs = lostInText ? undefined : all(c.get('doc'), c.get('absent'));
  if (noDocs) signs.push(['noDocs', noDocs]);
  const guard = c.get('guard');
  if (guard) signs.push(['guard', [guard]]);
  const unpaid = first(
    all(c.get('money'), c.get('give', 'no')),
    all(c.get('pay', 'no')),
    all(c.get('unpaid')),
  );
  if (unpaid) signs.push(['unpaid', unpaid]);
  const watched = c.get('watched');
  if (watched) signs.push(['watched', [watched]]);
  const cantTalk = c.get('cantTalk');
  if (cantTalk) signs.push(['cantTalk', [cantTalk]]);
  const noPhone = all(c.get('phone'), c.get('absent'));
  if (noPhone) signs.push(['noPhone', noPhone]);
  const running = c.get('escape', 'yes');
  if (running) signs.push(['escape', [running]]);
  const noFood = first(all(c.get('feed', 'no')), all(c.get('feed'), c.get('give', 'no')));
  if (noFood) signs.push(['noFood', noFood]);
  const noDayOff = c.get('noDayOff');
  if (noDayOff) signs.push(['noDayOff', [noDayOff]]);
  return signs;
}
