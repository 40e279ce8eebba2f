// Small seeded draws the benchmark generator's parts share.
import type { Random } from "../../demo/random";

/** `n` distinct items of `items[0 .. limit)`, by rejection: cheap when n is far below limit. */
export function distinct<T>(rnd: Random, items: readonly T[], n: number, limit = items.length) {
  const count = Math.min(n, limit);
  const chosen: T[] = [];
  if (count * 2 > limit) {
    // Most of them: shuffle a copy of the prefix instead.
    return rnd.sample(items.slice(0, limit), count);
  }
  while (chosen.length < count) {
    const item = items[rnd.int(0, limit - 1)];
    if (!chosen.includes(item)) chosen.push(item);
  }
  return chosen;
}

/** How many of the ascending `sorted` values are at most `value`. */
export function countUpTo(sorted: ArrayLike<number>, value: number) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const bool = (b: boolean) => (b ? 1 : 0);
