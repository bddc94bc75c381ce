/** The bench's arithmetic, shared by its parts. */

/** The value at fraction p of a sorted list (0 for an empty one). */
export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number);
/** n rounded to d decimals. */
export const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
