/** Lower case, ё as е, letters and digits only, single spaces: how typed words are compared. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The start of a word long enough to recognise it whatever its ending: "Казахстане" and "Казахстан". */
function stem(word: string): string {
  return word.length <= 4 ? word : word.slice(0, Math.max(4, Math.min(word.length - 2, 6)));
}

export interface Labelled {
  id: string;
  label: string;
}

/**
 * The answer a typed text means: its number (1-based), the answer's words exactly, the first words of
 * exactly one answer ("да" for "Да: «решайте сегодня»"), the answer without spaces ("незнаю"), or, last,
 * words whose stems all appear in exactly one answer ("Казахстан" for "В Казахстане").
 */
export function matchAnswer(text: string, choices: readonly Labelled[]): string | undefined {
  const n = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text);
  if (n) return choices[Number(n[1]) - 1]?.id;
  const typed = normalizeAnswer(text);
  if (!typed) return undefined;
  const labels = choices.map((c) => ({ id: c.id, norm: normalizeAnswer(c.label) }));
  const unique = (found: typeof labels) => (found.length === 1 ? found[0]?.id : undefined);
  const exact = labels.find((l) => l.norm === typed);
  if (exact) return exact.id;
  const leading = unique(labels.filter((l) => l.norm.startsWith(`${typed} `)));
  if (leading) return leading;
  const compact = typed.replace(/ /g, '');
  const joined = unique(labels.filter((l) => l.norm.replace(/ /g, '') === compact));
  if (joined) return joined;
  const words = typed.split(' ').filter((w) => w.length >= 3);
  if (words.length === 0 || words.length > 4) return undefined;
  return unique(
    labels.filter((l) => {
      const labelWords = l.norm.split(' ');
      return words.every((w) => labelWords.some((lw) => lw.startsWith(stem(w))));
    }),
  );
}
