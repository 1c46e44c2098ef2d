/** The bench's order statistics, one definition for every section (medians and percentiles of timings). */

/** The middle value (the upper middle of an even count); NaN for none. */
export const median = (xs: readonly number[]): number => pct(xs, 50);

/** The value below which `p` per cent of the sorted values fall (nearest rank, floored); NaN for none. */
export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? NaN;
}
