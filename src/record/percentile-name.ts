/**
 * Percentile names as gates, tables and summaries write them: `p50`, `p95`, `p99.9`, and the
 * historical `p999` (= 99.9). Pure.
 */

/** The names the latency summary stores (LatencySummary fields). */
export const SUMMARY_PERCENTILES = { p50: 50, p90: 90, p95: 95, p99: 99, p999: 99.9 } as const;

const PERCENTILE = /^p(\d{1,2}(?:\.\d+)?|100)$/;

/**
 * percentileOf returns the percentile a name stands for (`p95` -> 95, `p99.9` -> 99.9,
 * `p999` -> 99.9), or undefined when the name is not a percentile in (0, 100].
 */
export function percentileOf(name: string): number | undefined {
  if (name === 'p999') return 99.9;
  const match = PERCENTILE.exec(name);
  if (!match) return undefined;
  const value = Number(match[1]);
  return value > 0 && value <= 100 ? value : undefined;
}
