/**
 * maxOf / minOf: the largest / smallest of a list of numbers, by a loop. `Math.max(...values)`
 * passes every value as an argument and overflows the stack past about 100,000 values (a long
 * run's timeline or series); these never do. Pure; same results as Math.max / Math.min
 * (`-Infinity` / `Infinity` for an empty list, NaN when any value is NaN).
 */
export function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > max) max = v;
  }
  return max;
}

export function minOf(values: readonly number[]): number {
  let min = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < min) min = v;
  }
  return min;
}
