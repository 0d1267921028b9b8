/**
 * tenantStats: the run record's `tenants` section from every recorder's tenant data (one per
 * worker, or simulate's one): decile slices summed (HDR addition is exact), distinct ranks
 * united. Undefined when no recorder has tenant data (profile without `tenants:`). Pure.
 */
import { addEncoded, createLatencyHistogram, summarizeHistogram } from './latency-histogram.js';
import type { RecorderData } from './measurements.js';
import type { TenantStats } from './run-record.js';
import { addTotals, emptyTotals } from './totals.js';

const DECILES = 10;

export function tenantStats(workers: RecorderData[]): TenantStats | undefined {
  const parts = workers.flatMap((w) => (w.tenants ? [w.tenants] : []));
  const first = parts[0];
  if (first === undefined) return undefined;
  const seen = new Set<number>();
  for (const p of parts) for (const r of p.ranksSeen) seen.add(r);
  const deciles = Array.from({ length: DECILES }, (_, d) => {
    const totals = emptyTotals();
    const latency = createLatencyHistogram();
    for (const p of parts) {
      const slice = p.deciles[d];
      if (!slice) continue;
      addTotals(totals, slice.totals);
      addEncoded(latency, slice.latency);
    }
    const summary = summarizeHistogram(latency);
    latency.destroy();
    const firstRank = Math.ceil((d * first.count) / DECILES) + 1;
    const lastRank = Math.ceil(((d + 1) * first.count) / DECILES);
    return { decile: d + 1, firstRank, lastRank, totals, latencyMs: summary };
  });
  return {
    count: first.count,
    distribution: first.distribution,
    ...(first.distribution === 'zipf' ? { s: first.s } : {}),
    distinctSeen: seen.size,
    deciles,
  };
}
