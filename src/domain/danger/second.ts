import type { Token } from './fold.js';
import type { Hit } from './hits.js';
import { type DangerModel, type Feature, features, score } from './model.js';
import trained from './model.json' with { type: 'json' };

/** The second opinion on danger as `readDanger` asks it: when, about what, and with which reasons. */

/**
 * The model's second opinion (model.ts): from this probability a message the words of danger left calm is
 * danger. Chosen on the open part, each writer read by a model trained without that writer
 * (`npm run train:danger -- --cross`), before the sealed part was measured.
 */
export const MODEL_DANGER = 0.8;
/**
 * The model is asked only about a message of at least this many words that says something, not only asks:
 * a few words give it too little to weigh ("паспорт у меня", "көмектесіңіз" are the rules' to read), and a
 * question alone is asked before or about, not told from inside.
 */
export const MODEL_MIN_WORDS = 6;
/** At most this many of the words that weighed most are quoted as the model's reasons. */
const MODEL_REASONS = 3;

/** The Kazakh auxiliaries of aspect, folded: жатыр-, отыр-, тұр-, жүр- with their endings. */
const KK_AUX = /^(?:jatir|otir|tur|jur)(?:min|miz|sin|siz|sinder|sizder|ip|gan|di)?$/;

/** The model of `npm run train:danger`, trained on the open part. */
export const MODEL = trained as DangerModel;

/**
 * Words after "если / if / егер" in their clause, in a question, are a condition asked about, not an event
 * ("Если заберут паспорт, куда обращаться?"); in a statement they may be the threat itself ("if I leave
 * they will kill me"). By clause, the first word of the condition.
 */
export function conditionsAsked(tokens: readonly Token[], hits: readonly Hit[]): Map<number, number> {
  const conditionFrom = new Map<number, number>();
  for (const h of hits) {
    if (h.concept !== 'if' || !(tokens[h.first] as Token).asked) continue;
    const clause = (tokens[h.first] as Token).clause;
    conditionFrom.set(clause, Math.min(conditionFrom.get(clause) ?? h.first, h.first));
  }
  return conditionFrom;
}

/**
 * What the model reads of a text: its words and concepts, less what the rules set aside: words denied
 * ("меня не бьют": the denial is the concept `hit-`, not the letters of "бьют"), fear of what is ahead,
 * and a condition asked about. The same for training and for reading.
 */
export function modelFeatures(
  tokens: readonly Token[],
  hits: readonly Hit[],
  conditionFrom: ReadonlyMap<number, number> = conditionsAsked(tokens, hits),
): Feature[] {
  const muted = new Uint8Array(tokens.length);
  // A Kazakh auxiliary after a converb ("оқып жатырмыз", "қамалып отырмыз") says how long, not what: the
  // verb before it is read, the auxiliary is not.
  for (let i = 1; i < tokens.length; i++)
    if (KK_AUX.test((tokens[i] as Token).key) && (tokens[i - 1] as Token).key.endsWith('p')) muted[i] = 1;
  for (const h of hits) {
    if (!h.negated) continue;
    for (let i = h.first; i <= h.last; i++) muted[i] = 1;
    if (h.negator !== undefined) muted[h.negator] = 1;
  }
  // Fear of what is ahead ("боюсь ехать", "ертең жұмысқа шығамын, қорқып тұрмын") is nerves, not danger.
  const ahead = new Set(
    hits.filter((h) => h.concept === 'prospect').map((h) => (tokens[h.first] as Token).sentence),
  );
  for (const h of hits) {
    if (h.concept !== 'fear' || !ahead.has((tokens[h.first] as Token).sentence)) continue;
    for (let i = h.first; i <= h.last; i++) muted[i] = 1;
  }
  for (let i = 0; i < tokens.length; i++) {
    const from = conditionFrom.get((tokens[i] as Token).clause);
    if (from !== undefined && i > from) muted[i] = 1;
  }
  return features(tokens, hits, muted);
}

/**
 * The model's word on a message the rules left without danger: the words of hers that weighed most when
 * it alarms, nothing when it does not or is not asked (fewer than `MODEL_MIN_WORDS`, only questions).
 */
export function secondOpinion(
  model: DangerModel,
  tokens: readonly Token[],
  hits: readonly Hit[],
  conditionFrom: ReadonlyMap<number, number>,
): number[] | undefined {
  if (tokens.length < MODEL_MIN_WORDS || tokens.every((t) => t.asked)) return undefined;
  const { p, weightByWord } = score(model, modelFeatures(tokens, hits, conditionFrom), tokens.length);
  if (p < MODEL_DANGER) return undefined;
  return [...weightByWord.keys()]
    .filter((i) => (weightByWord[i] as number) > 0)
    .sort((a, b) => (weightByWord[b] as number) - (weightByWord[a] as number))
    .slice(0, MODEL_REASONS);
}
