import { LAUGHTER, namesAPastYear, saysCalm, yearsAgo } from './calm.js';
import { type Token, tokenize } from './fold.js';
import { type DangerLexicon, findHits, type Hit } from './hits.js';
import type { Concept } from './lexicon.js';
import type { DangerModel } from './model.js';
import { conditionsAsked, MODEL, secondOpinion } from './second.js';

/**
 * What a message says about danger. `danger`: its writer (or someone they write for) is in danger now.
 * `ask`: no words of danger, but a cry for help or one sign of control: the bot should ask "Are you in
 * danger right now?" rather than sound the alarm. `evidence`: the person's own words that matched.
 */
export interface DangerReading {
  danger: boolean;
  ask: boolean;
  evidence: string[];
}

/** The hits of one clause, by concept: the first of each, affirmed and negated, found at once. */
class Clause {
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

type Found = readonly (Hit | undefined)[] | undefined;

/** All of these hits, or nothing. */
const all = (...hits: (Hit | undefined)[]): Found => (hits.every((h) => h) ? hits : undefined);
const first = (...found: Found[]): Found => found.find((f) => f !== undefined);

/** How far before what was found a word of the future still speaks of it: "will keep my passport". */
const AHEAD_BEFORE = 2;
/** And after it: a Kazakh auxiliary carries the tense of the verb before it ("сақтап қоятынын"). */
const AHEAD_AFTER = 1;

/**
 * Whether what was found is a taking told as still to come: a word of `ahead` within it ("паспорт будет у
 * них", "заберут паспорт", whose verb is both) or just around it ("will keep my passport", "сақтап
 * қоятынын"). Asked only before she has left: see `beforeLeaving`.
 */
function foretells(c: Clause, found: Found): boolean {
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
const STRONG: readonly ((c: Clause, tokens: readonly Token[]) => Found)[] = [
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
function yourDoc(c: Clause, tokens: readonly Token[]): boolean {
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

/** Signs that alone do not say danger, but do with another sign, and make the bot ask. */
type Weak =
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
const WEAK_WEIGHT: Readonly<Record<Weak, number>> = {
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
const CONTROL: readonly Weak[] = [
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
const WEAK_ENOUGH = 3;

function weakSigns(c: Clause, serviceInSentence: boolean, lostInText: boolean): [Weak, Found][] {
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

/** Words found this close together are quoted as one stretch of the person's text. */
const CLOSE_BY = 5;

/** Reads danger in a free text in Russian, Kazakh, English or transliteration. Linear in its length. */
export function readDanger(lexicon: DangerLexicon, text: string): DangerReading {
  return readDangerWith(lexicon, text, MODEL);
}

/** `readDanger` with a given model (none: the words of danger alone), for training and measuring. */
export function readDangerWith(
  lexicon: DangerLexicon,
  text: string,
  model: DangerModel | undefined,
): DangerReading {
  const tokens = tokenize(text);
  const hits = findHits(lexicon, tokens);
  const present = new Set(hits.map((h) => h.concept));
  // A joke, a film, someone's story from years ago, a question asked before leaving: not danger now.
  const away =
    present.has('joke') ||
    LAUGHTER.test(text) ||
    saysCalm(hits, tokens, 'distance') ||
    present.has('notYet') ||
    saysCalm(hits, tokens, 'safeNow') ||
    namesAPastYear(tokens) ||
    yearsAgo(hits, tokens);

  const conditionFrom = conditionsAsked(tokens, hits);
  const byClause = new Map<number, Hit[]>();
  for (const h of hits) {
    const clause = (tokens[h.first] as Token).clause;
    const from = conditionFrom.get(clause);
    if (from !== undefined && h.first > from) continue;
    const list = byClause.get(clause) ?? [];
    list.push(h);
    byClause.set(clause, list);
  }
  const bySentence = (concept: Concept) =>
    new Set(hits.filter((h) => h.concept === concept).map((h) => (tokens[h.first] as Token).sentence));
  const normative = bySentence('normative');
  const mine = bySentence('me');
  const prospect = bySentence('prospect');
  const service = bySentence('service');
  // A question anywhere in the message about whether a practice is normal, allowed or needed.
  const practiceAsked = hits.some((h) => h.concept === 'normative' && (tokens[h.first] as Token).asked);
  const lost = present.has('lost');
  const beforeLeaving = practiceAsked && present.has('departure') && !present.has('here');
  // A taking tied to a debt or money in its sentence ("until I pay for the ticket") is what is done to her.
  const owing = new Set(
    hits
      .filter((h) => ['debt', 'owe', 'workOff', 'pay', 'money'].includes(h.concept))
      .map((h) => (tokens[h.first] as Token).sentence),
  );

  const evidence: string[] = [];
  const places: number[] = [];
  // The person's own words: from the first to the last word of what was found, negation included, when
  // they stand close together; otherwise each group of words on its own.
  const cite = (found: Found) => {
    const at = new Set<number>();
    for (const h of found ?? []) {
      if (!h) continue;
      for (let i = h.first; i <= h.last; i++) at.add(i);
      if (h.negator !== undefined) at.add(h.negator);
    }
    quote(at);
  };
  const quote = (at: ReadonlySet<number>) => {
    const sorted = [...at].sort((a, b) => a - b);
    const from = sorted[0];
    const to = sorted.at(-1);
    if (from === undefined || to === undefined) return;
    const words = (a: number, b: number) => text.slice((tokens[a] as Token).start, (tokens[b] as Token).end);
    const phrase = to - from <= CLOSE_BY ? words(from, to) : sorted.map((i) => words(i, i)).join(' … ');
    if (!evidence.some((e) => e.includes(phrase))) {
      evidence.push(phrase);
      places.push(from);
    }
  };

  let danger = false;
  const weak = new Map<Weak, Found>();
  for (const clauseHits of byClause.values()) {
    const c = new Clause(clauseHits);
    const sentence = (tokens[(clauseHits[0] as Hit).first] as Token).sentence;
    // "Is it normal that the employer keeps documents?": a practice asked about, unless it is hers.
    const aboutPractice = normative.has(sentence) && !mine.has(sentence);
    // Said to "you" and not of "me": an ad, a warning or advice.
    const toReader = (c.get('you') !== undefined || yourDoc(c, tokens)) && c.get('me') === undefined;
    // "The agency asks to leave the passport with them. Is that normal?": a demand for the documents asked
    // about, not an act (being held or beaten in the same clause still counts).
    const demandAsked = practiceAsked && c.get('demand', 'yes') !== undefined;
    // "He says he will keep my passport when I arrive. Is that normal?": a taking told as still to come,
    // asked about before she has left (a word of departure, none that she is there), is a question.
    const foretold = (found: Found) => beforeLeaving && !owing.has(sentence) && foretells(c, found);
    // "Not allowed to leave the house": a rule about her own going out or calling home, stated, not asked,
    // is her situation even with no "I" ("нельзя выходить", "шығуға болмайды").
    const asked = clauseHits.some((h) => (tokens[h.first] as Token).asked);
    for (const relation of STRONG) {
      const found = relation(c, tokens);
      const ownMovement =
        !asked && found?.some((h) => h?.concept === 'leave' || h?.concept === 'call') === true;
      if (!found || (aboutPractice && !ownMovement) || toReader) continue;
      if (
        (demandAsked || foretold(found)) &&
        found.some((h) => h?.concept === 'doc' || h?.concept === 'phone')
      )
        continue;
      if (found.some((h) => h?.concept === 'fear') && prospect.has(sentence)) continue;
      danger = true;
      cite(found);
    }
    for (const [sign, found] of weakSigns(c, service.has(sentence), lost)) {
      if (!weak.has(sign)) weak.set(sign, found);
    }
  }
  if (away) return { danger: false, ask: false, evidence: [] };
  let weight = 0;
  for (const sign of weak.keys()) weight += WEAK_WEIGHT[sign];
  if (!danger && weight >= WEAK_ENOUGH) danger = true;
  let ask = !danger && (weak.has('plea') || CONTROL.some((sign) => weak.has(sign)));
  if (danger || ask) for (const found of weak.values()) cite(found);
  const reasons = danger || !model ? undefined : secondOpinion(model, tokens, hits, conditionFrom);
  if (reasons) {
    danger = true;
    ask = false;
    quote(new Set(reasons));
  }
  // In the order the person wrote them.
  const ordered = evidence
    .map((phrase, i) => ({ phrase, at: places[i] as number }))
    .sort((a, b) => a.at - b.at);
  return { danger, ask, evidence: ordered.map((e) => e.phrase) };
}
