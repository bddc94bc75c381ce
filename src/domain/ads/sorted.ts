/** The first index of a sorted list whose value is at least `min` (the list's length when there is none). */
export function lowerBound(list: readonly number[], min: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
