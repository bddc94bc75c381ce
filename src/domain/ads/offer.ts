import { type Token, tokenize } from '../danger/fold.js';
import { features, score } from '../danger/model.js';
import { FLAGS } from '../flags.js';
import trained from './offer-model.json' with { type: 'json' };

/**
 * The second opinion on whether a text offers anything at all. People paste questions about an offer
 * ("Меня зовут хостес в lounge, нормально?"), advice ("❌ NE normal: telefondy saktap koiu"), news of a
 * job fair, a grant or a scholarship: the rules read their words of passports, fees and visas as an
 * offer's, and rate a question as a trap. A logistic regression over pieces of the folded words (the
 * danger reader's own, see danger/model.ts) tells such texts from ads; it is trained by `npm run
 * train:offer` on the open part of the strangers' corpus (`kind: other` against `kind: ad`; warnings are
 * the rules' to read) and the project's own ads, never the sealed part, and its weights are data
 * (`offer-model.json`), reproduced by a test.
 *
 * It only ever takes a reading away, and never from a text whose rules found what only an offer says or a
 * sign of forced labour (`OFFER_ONLY`): a friend's message that says "go as a tourist, tell no one" is an
 * offer however personal it sounds. Its reasons are the words that weighed most, quoted as the rules'
 * evidence is.
 */

/** The model's probability from which a text is read as no offer. Chosen with `npm run train:offer -- --cross`. */
export const NOT_AN_OFFER = 0.6;
/**
 * The model is asked only about a text of at least this many words: a short ad ("Дубайға үй қызметшісі
 * керек, паспортыңызды сақтаймыз") gives it too little to weigh, and nine in ten questions, stories and
 * news items in the corpus are longer.
 */
export const OFFER_MODEL_MIN_WORDS = 25;
/**
 * Red flags that keep a text an offer whatever the model says: what only an offer says (a tourist visa for
 * work, secrecy, a fare to pay back, sex-industry work), and every sign of forced labour (a kept passport,
 * confinement, threats, debt, a minor): a friend's message "паспорт отдашь менеджеру" is an offer, and a
 * story told from inside is danger, however either reads.
 */
export const OFFER_ONLY: ReadonlySet<string> = new Set([
  'wrong_visa',
  'secrecy',
  'debt_travel_paid',
  'adult_entertainment',
  ...[...FLAGS.values()].filter((f) => f.severity === 'critical').map((f) => f.id),
]);
/** The model reads the start of a text: a question, a story or a news item says what it is early. */
export const OFFER_MODEL_CHARS = 2000;
/** At most this many of the words that weighed most are quoted as the reasons, of at least so many letters. */
const REASONS = 3;
const QUOTED_LETTERS = 4;
/** Small words of four letters or more that are never quoted as a reason. */
const NOT_QUOTED: ReadonlySet<string> = new Set(
  'через когда если потом тоже пока этот эта это эти было была были будет есть ещё еще уже только очень тут там здесь сейчас который которая которые свою свой своя чтобы мне меня тебя себя нибудь бірақ және немесе деген үшін сосын осы сол мен маған сізге олар that this with from have they them there their what when will your about would could should just also into than then were been some more very'.split(
    ' ',
  ),
);

/** Weights by feature (`c` + 3 to 5 letters of the folded words, `q?` for a question), as danger/model.ts. */
export interface OfferModel {
  /** What it was trained on, for the record: counts only. */
  trainedOn: { ads: number; notOffers: number; writers: number };
  bias: number;
  weights: Record<string, number>;
  /** Always: a text's features weigh 1/√n together, so that length says nothing (see danger/model.ts). */
  normalised?: boolean;
}

/** The model of `npm run train:offer`, trained on the open part. */
export const OFFER_MODEL = trained as OfferModel;

/** The words the model reads: the start of a text, folded as the danger reader folds them. */
export function offerTokens(text: string): Token[] {
  return tokenize(text.length > OFFER_MODEL_CHARS ? text.slice(0, OFFER_MODEL_CHARS) : text);
}

/** The model's features of those words: their pieces, and whether the text asks. */
function keysOf(tokens: Token[]): ReturnType<typeof features> {
  const keys = features(tokens, []);
  // A question anywhere: questions are asked about offers, rarely by them.
  // It weighs, and stands on no word (first after last): a question mark is never quoted as a reason.
  if (tokens.some((t) => t.asked)) keys.push({ key: 'q?', first: 0, last: -1 });
  return keys;
}

/** What the model reads of a text: its words, and their features (for training, and for the reasons). */
export function offerFeatures(text: string): { tokens: Token[]; keys: ReturnType<typeof features> } {
  const tokens = offerTokens(text);
  return { tokens, keys: keysOf(tokens) };
}

/**
 * A model's weights made once into lookups. A piece of spaces, digits and Latin letters (what the folding
 * gives nearly every word) is a number: 6 bits a character, the first never 0, so pieces of 3, 4 and 5
 * characters never meet and the longest fits a small integer, looked up in a table of numbers (`WeightTable`)
 * that holds its weight and the number of the last text that counted it (each piece counts once a text). Any
 * other piece is looked up as itself.
 */
interface Lookup {
  table: WeightTable;
  calls: number;
  byPiece: Map<string, number>;
  asked: number;
}
/** Each character a piece's number is made of, numbered from 1 (0: any other character). */
const CHAR_CODE = new Uint8Array(128);
for (const [i, ch] of [...' 0123456789abcdefghijklmnopqrstuvwxyz'].entries())
  CHAR_CODE[ch.charCodeAt(0)] = i + 1;
const lookups = new WeakMap<OfferModel, Lookup>();
function lookupOf(model: OfferModel): Lookup {
  let l = lookups.get(model);
  if (!l) {
    const numbered = Object.entries(model.weights).filter(([key]) => key.startsWith('c'));
    const byPiece = new Map<string, number>();
    const codes: number[] = [];
    const weights: number[] = [];
    for (const [key, w] of numbered) {
      const piece = key.slice(1);
      const code = pieceCode(piece, 0, piece.length);
      if (code < 0) byPiece.set(piece, w);
      else {
        codes.push(code);
        weights.push(w);
      }
    }
    l = {
      table: new WeightTable(codes, weights),
      calls: 0,
      byPiece,
      asked: model.weights['q?'] ?? 0,
    };
    lookups.set(model, l);
  }
  return l;
}
/** The piece text[i, i + size) as a number when all its characters have one, else -1. */
function pieceCode(text: string, i: number, size: number): number {
  let code = 0;
  for (let j = i; j < i + size; j++) {
    const c = text.charCodeAt(j);
    const n = c < 128 ? (CHAR_CODE[c] as number) : 0;
    if (n === 0) return -1;
    code = code * 64 + n;
  }
  return code;
}

/** A power of two at least `room` times `expected`: the probes of open addressing stay short. */
function capacityFor(expected: number, room = 4): number {
  let capacity = 16;
  while (capacity < expected * room) capacity *= 2;
  return capacity;
}
/**
 * A place for a piece in a table of 2^(32 - shift) places: the high bits of a multiplicative hash (its low
 * bits depend only on the piece's last letters, which pieces share).
 */
const hashOf = (code: number, shift: number) => Math.imul(code, 0x9e3779b1) >>> shift;
const shiftFor = (capacity: number) => 32 - Math.log2(capacity);

/**
 * The model's numbered pieces (positive integers below 2^31), each with its weight and the call that last counted
 * it, by open addressing in one buffer: a place is 16 bytes (the piece, the call, the weight), so a look-up reads
 * one line of memory where a table of places and two arrays by slot read three. The model has a hundred thousand
 * pieces, looked up at random three times a character: memory, not arithmetic, is what a look-up costs. Filled
 * once.
 */
class WeightTable {
  /** Place i's piece at 4i, and the call that last counted it at 4i + 1 (as a 32-bit integer). */
  private readonly ints: Int32Array;
  /** Place i's weight at 2i + 1: the same bytes as `ints`, read as doubles. */
  private readonly weights: Float64Array;
  private readonly mask: number;
  private readonly shift: number;
  constructor(codes: readonly number[], weights: readonly number[]) {
    // Half full at most: the probes stay short.
    const capacity = capacityFor(codes.length, 2);
    const buffer = new ArrayBuffer(capacity * 16);
    this.ints = new Int32Array(buffer);
    this.weights = new Float64Array(buffer);
    this.mask = capacity - 1;
    this.shift = shiftFor(capacity);
    for (let k = 0; k < codes.length; k++) {
      const code = codes[k] as number;
      let i = hashOf(code, this.shift);
      while (this.ints[4 * i] !== 0 && this.ints[4 * i] !== code) i = (i + 1) & this.mask;
      // Each key of the model is its own piece: a code met again keeps its first weight.
      if (this.ints[4 * i] === code) continue;
      this.ints[4 * i] = code;
      this.weights[2 * i + 1] = weights[k] as number;
    }
  }
  /** The piece's place, or -1. */
  find(code: number): number {
    const ints = this.ints;
    for (let i = hashOf(code, this.shift); ; i = (i + 1) & this.mask) {
      const k = ints[4 * i] as number;
      if (k === code) return i;
      if (k === 0) return -1;
    }
  }
  /** Whether the piece at the place was counted by this call already; from now on it is. */
  countedBy(place: number, call: number): boolean {
    const at = 4 * place + 1;
    if (this.ints[at] === (call | 0)) return true;
    this.ints[at] = call;
    return false;
  }
  weight(place: number): number {
    return this.weights[2 * place + 1] as number;
  }
  /** Forgets every call's counts (when the calls' numbers start again). */
  forgetCalls(): void {
    for (let at = 1; at < this.ints.length; at += 4) this.ints[at] = 0;
  }
}

/**
 * The other numbered pieces of one text, each counted once: a set whose places belong to the round that
 * marked them, so a new text starts with an empty set without clearing a thing.
 */
class CodeSet {
  private keys = new Int32Array(0);
  private rounds = new Uint32Array(0);
  private mask = -1;
  private shift = 32;
  private round = 0;
  /** Empties the set, for a text of at most `pieces` pieces. */
  clear(pieces: number): void {
    if (capacityFor(pieces) > this.mask + 1) {
      const capacity = capacityFor(pieces);
      this.keys = new Int32Array(capacity);
      this.rounds = new Uint32Array(capacity);
      this.mask = capacity - 1;
      this.shift = shiftFor(capacity);
      this.round = 0;
    }
    if (++this.round === 0xffffffff) {
      this.rounds.fill(0);
      this.round = 1;
    }
  }
  /** Adds the piece; false when it was in already. */
  add(code: number): boolean {
    for (let i = hashOf(code, this.shift); ; i = (i + 1) & this.mask) {
      if (this.rounds[i] !== this.round) {
        this.rounds[i] = this.round;
        this.keys[i] = code;
        return true;
      }
      if (this.keys[i] === code) return false;
    }
  }
}

/** Reused by every call (the analyzer is synchronous): the pieces of this text counted so far. */
const seenCodes = new CodeSet();
const seenPieces = new Set<string>();

/**
 * The model's probability that the text is no offer: the same pieces and the same sum as `offerFeatures`
 * and `score` (a test holds them equal), without a record per piece: this runs on every ad. Each place's
 * pieces of 3, 4 and 5 characters are numbered in one pass, each from the one before.
 */
export function probability(model: OfferModel, tokens: readonly Token[]): number {
  const l = lookupOf(model);
  const { table, byPiece } = l;
  // A new number for this call; after 2^32 - 1 calls the marks start again from nothing.
  if (++l.calls === 0xffffffff) {
    table.forgetCalls();
    l.calls = 1;
  }
  const call = l.calls;
  // Joined at once, a flat string: one built by `+=` is a rope, and reading it a character at a time
  // costs several times more.
  const keys = new Array<string>(tokens.length + 2);
  keys[0] = '';
  for (let k = 0; k < tokens.length; k++) keys[k + 1] = (tokens[k] as Token).key;
  keys[tokens.length + 1] = '';
  const joined = keys.join(' ');
  seenCodes.clear(joined.length * 3);
  seenPieces.clear();
  let sum = 0;
  let n = 0;
  const length = joined.length;
  for (let i = 0; i + 3 <= length; i++) {
    let code = 0;
    let numbered = true;
    for (let size = 1; size <= 5 && i + size <= length; size++) {
      const c = joined.charCodeAt(i + size - 1);
      const k = c < 128 ? (CHAR_CODE[c] as number) : 0;
      if (k === 0) numbered = false;
      else code = code * 64 + k;
      if (size < 3) continue;
      if (numbered) {
        const place = table.find(code);
        if (place >= 0) {
          if (table.countedBy(place, call)) continue;
          sum += table.weight(place);
        } else if (!seenCodes.add(code)) continue;
      } else {
        const piece = joined.substring(i, i + size);
        if (seenPieces.has(piece)) continue;
        seenPieces.add(piece);
        sum += byPiece.get(piece) ?? 0;
      }
      n++;
    }
  }
  if (tokens.some((t) => t.asked)) {
    n++;
    sum += l.asked;
  }
  const scale = model.normalised ? 1 / Math.sqrt(Math.max(n, 1)) : 1;
  return 1 / (1 + Math.exp(-(model.bias + sum * scale)));
}

/**
 * The words that say a text is no offer (a question, a story, news), quoted from the text, when the model
 * reads it so; undefined when it reads as an offer.
 */
export function notAnOffer(model: OfferModel, text: string): string[] | undefined {
  const tokens = offerTokens(text);
  if (tokens.length < OFFER_MODEL_MIN_WORDS) return undefined;
  // Most texts are offers: the probability first, from the pieces alone; the words that weighed only for
  // a text read as no offer.
  if (probability(model, tokens) < NOT_AN_OFFER) return undefined;
  const { weightByWord } = score(model, keysOf(tokens), tokens.length);
  const quoted = new Set<string>();
  const reasons: string[] = [];
  for (const i of [...weightByWord.keys()]
    .filter((k) => (weightByWord[k] as number) > 0)
    .sort((a, b) => (weightByWord[b] as number) - (weightByWord[a] as number))) {
    const t = tokens[i] as Token;
    const word = text.slice(t.start, t.end);
    // "the", "что", "через": pieces of small words weigh, but say nothing to the person as a quote.
    if (quoted.has(t.key) || [...t.word].length < QUOTED_LETTERS || NOT_QUOTED.has(t.word)) continue;
    quoted.add(t.key);
    reasons.push(word);
    if (reasons.length === REASONS) break;
  }
  return reasons;
}
