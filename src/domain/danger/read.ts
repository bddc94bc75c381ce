import { LAUGHTER, namesAPastYear, saysCalm, yearsAgo } from './calm.js';
import { type Token, tokenize } from './fold.js';
import { type DangerLexicon, findHits, type Hit } from './hits.js';
import type { Concept } from './lexicon.js';
import type { DangerModel } from './model.js';
import { Clause, type Found, foretells, STRONG, yourDoc } from './relations.js';
import { conditionsAsked, MODEL, secondOpinion } from './second.js';
import { CONTROL, WEAK_ENOUGH, WEAK_WEIGHT, type Weak, weakSigns } from './weak.js';

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
