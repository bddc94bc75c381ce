import type { Token } from './fold.js';
import type { Hit } from './hits.js';
import type { Concept } from './lexicon.js';

/**
 * The relations of concepts in one clause that mean danger now (`STRONG`), and what they are read from: a
 * clause's hits by concept (`Clause`), and a taking told as still to come (`foretells`). read.ts decides
 * which count.
 */

/** The hits of one clause, by concept: the first of each, affirmed and negated, found at once. */
export class Clause {
  readonly by = new Map<Concept, Hit[]>();
  private readonly yes = new Map<Concept, Hit>();
  private readonly no = new Map<Concept, Hit>();
  constructor(hits: readonly Hit[]) {
    for (const h of hits) {
      const list = this.by.get(h.concept);
      if (list) list.push(h);
      else this.by.set(h.concept, [h]);
      const side = h.negated ? this.no : this.yes;
      if (!side.has(h.concept)) side.set(h.concept, h);
    }
  }
  /** The first hit of a concept, affirmed, negated, or either. */
  get(concept: Concept, polarity: 'yes' | 'no' | 'any' = 'any'): Hit | undefined {
    if (polarity === 'yes') return this.yes.get(concept);
    if (polarity === 'no') return this.no.get(concept);
    return this.by.get(concept)?.[0];
  }
}

export type Found = readonly (Hit | undefined)[] | undefined;

/** All of these hits, or nothing. */
export const all = (...hits: (Hit | undefined)[]): Found => (hits.every((h) => h) ? hits : undefined);
export const first = (...found: Found[]): Found => found.find((f) => f !== undefined);

/** How far before what was found a word of the future still speaks of it: "will keep my passport". */
const AHEAD_BEFORE = 2;
/** And after it: a Kazakh auxiliary carries the tense of the verb before it ("сақтап қоятынын"). */
const AHEAD_AFTER = 1;

/**
 * Whether what was found is a taking told as still to come: a word of `ahead` within it ("паспорт будет у
 * них", "заберут паспорт", whose verb is both) or just around it ("will keep my passport", "сақтап
 * қоятынын"). Asked only before she has left: see `beforeLeaving`.
 */
export function foretells(c: Clause, found: Found): boolean {
  const ahead = c.by.get('ahead');
  if (!ahead || !found) return false;
  let from = Number.POSITIVE_INFINITY;
  let to = -1;
  for (const h of found) {
    if (!h) continue;
    from = Math.min(from, h.first);
    to = Math.max(to, h.last);
  }
  return ahead.some((a) => a.first >= from - AHEAD_BEFORE && a.first <= to + AHEAD_AFTER);
}

/**
 * Relations that mean danger now, each a pattern of concepts in one clause. Each states how people say
 * one of the ILO's signs of forced labour, in any order and any of the languages.
 */
export const STRONG: readonly ((c: Clause, tokens: readonly Token[]) => Found)[] = [
  // Documents or the phone taken, kept, not given back, or "at the boss's".
  (c) =>
    first(
      all(c.get('doc'), c.get('take', 'yes')),
      all(c.get('doc'), c.get('keep', 'yes')),
      all(c.get('doc'), c.get('give', 'no')),
      all(c.get('doc'), c.get('get', 'no')),
      all(c.get('phone'), c.get('take', 'yes')),
      all(c.get('phone'), c.get('give', 'no')),
      // Her phone given back for minutes a week: "телефон отдают только на 10 минут в неделю".
      all(c.get('phone'), c.get('give', 'yes'), c.get('rationed')),
    ),
  (c, tokens) => heldByOthers(c, tokens),
  // Not let go, unable or forbidden to leave or to call, locked in, held (not by her parents' rule).
  (c) =>
    c.get('parentSubj')
      ? undefined
      : first(
          all(c.get('letGo', 'no')),
          all(c.get('letGo'), c.get('let', 'no')),
          all(c.get('leave'), c.get('can', 'no')),
          all(c.get('leave'), c.get('forbid')),
          all(c.get('call'), c.get('forbid')),
          all(c.get('leave'), c.get('let', 'no')),
          // "шығуға рұқсат бермейді": leave not given.
          all(c.get('leave'), c.get('let'), c.get('give', 'no')),
          all(c.get('call'), c.get('let', 'no')),
          all(c.get('call'), c.get('let'), c.get('give', 'no')),
          // Unable to call home or the family.
          all(c.get('call'), c.get('can', 'no'), c.get('home') ?? c.get('family')),
          all(c.get('lock', 'yes')),
          all(c.get('close', 'yes'), c.get('meObj') ?? c.get('door') ?? c.get('room')),
          all(c.get('keep', 'yes'), c.get('meObj')),
          // Someone she writes for, held: "подруга пишет что её держат в квартире" (not "keep her passport",
          // a thing kept, nor "мы держим её в курсе", kept by the writer's side).
          c.get('me') || c.get('doc') || c.get('phone') || c.get('money')
            ? undefined
            : all(c.get('keep', 'yes'), c.get('themObj')),
        ),
  // Violence.
  (c) => first(all(c.get('hit', 'yes')), all(c.get('rape', 'yes'))),
  // Threats, the police used as one, pictures sent to the family.
  (c) =>
    first(
      all(c.get('threaten', 'yes')),
      all(c.get('worse'), c.get('say')),
      all(c.get('kill', 'yes')),
      all(c.get('police'), c.get('arrest', 'yes')),
      all(c.get('police'), c.get('give', 'yes')),
      all(c.get('police'), c.get('report'), c.get('say')),
      all(c.get('photo'), c.get('send', 'yes'), c.get('family')),
      all(c.get('harm', 'yes'), c.get('family')),
    ),
  // Forced to work or to have sex.
  (c) =>
    first(
      all(c.get('force', 'yes')),
      all(c.get('client'), c.get('must'), c.get('say')),
      // "I have to sleep with clients", "клиенттермен жату керек".
      all(c.get('sex'), c.get('must')),
      all(c.get('sex'), c.get('client')),
    ),
  // A debt to work off.
  (c, tokens) =>
    first(
      all(c.get('debt'), c.get('say') ?? c.get('workOff')),
      all(c.get('workOff'), c.get('ticket')),
      all(c.get('leave'), c.get('money'), c.get('extort', 'yes')),
      // "if I leave I have to pay 3000$", "кетсем төлеуім керек": a price on leaving.
      all(c.get('leave'), c.get('must'), c.get('pay', 'yes')),
      owedSum(c, tokens),
    ),
  // Sold, enslaved, watched.
  (c) =>
    first(
      all(c.get('sell', 'yes'), c.get('meObj') ?? c.get('otherwise')),
      all(c.get('sold', 'yes'), c.get('me')),
      all(c.get('slave'), c.get('me')),
      all(c.get('watch', 'yes'), c.get('me')),
      // Hunted if she runs: "если убегу, найдут", "если убегу, отправит в полицию".
      all(c.get('escape'), c.get('find', 'yes')),
      all(c.get('escape'), c.get('police')),
      // Asking a stranger to call the police for her: "please call police, I am in room 304".
      all(c.get('call'), c.get('police'), c.get('cry')),
    ),
  // Fear now (not of flying or of an exam: see `prospect`, checked by sentence).
  (c) => all(c.get('fear', 'yes')),
];

/** Kazakh "your" as an ending of the document: "төлқұжатыңызды", "паспортыңды". */
export function yourDoc(c: Clause, tokens: readonly Token[]): boolean {
  return (c.by.get('doc') ?? []).some((h) => /(iniz|indi)/.test((tokens[h.first] as Token).key.slice(4)));
}

/** "паспорт у хозяина", "dokumenty u koordinatora", "құжатым қожайында": documents with someone else. */
function heldByOthers(c: Clause, tokens: readonly Token[]): Found {
  const doc = c.get('doc');
  if (!doc) return undefined;
  for (const holder of c.by.get('holder') ?? []) {
    const before = c.by.get('at')?.find((a) => a.last === holder.first - 1);
    if (before) return [doc, before, holder];
    // Kazakh says "at" with a locative ending: -да/-де/-та/-те, -нда/-нде.
    if (/(n?d|t)[ae]$/.test((tokens[holder.first] as Token).key) && holder.first !== doc.first) {
      return [doc, holder];
    }
  }
  return undefined;
}

/** Russian "должна 5000$", "должен за дорогу", as someone told them: a sum owed. */
function owedSum(c: Clause, tokens: readonly Token[]): Found {
  const owe = c.get('owe');
  const say = c.get('say');
  if (!owe || !say) return undefined;
  const after = tokens[owe.last + 1];
  if (!after || after.clause !== tokens[owe.first]?.clause) return undefined;
  return /\d/.test(after.word) || ['за', 'za'].includes(after.word) ? [owe, say] : undefined;
}
