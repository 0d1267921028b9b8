/**
 * durableStats: the run record's `durable` section from every recorder's durable data (one per
 * worker, or simulate's one): counts summed, duration histograms added (HDR addition is exact),
 * poll budgets summed; the start latency is the request's own latency summary. Undefined when no
 * recorder has durable data. Pure.
 */
import {
  addEncoded,
  createLatencyHistogram,
  encodeHistogram,
  summarizeHistogram,
} from './latency-histogram.js';
import type { RecorderData } from './measurements.js';
import type { DurableRequestStats, DurableStats, LatencySummary } from './run-record.js';

export function durableStats(
  workers: RecorderData[],
  requestNames: string[],
  latencyByRequest: Record<string, LatencySummary | null>,
): DurableStats | undefined {
  const parts = workers.flatMap((w) => (w.durable ? [w.durable] : []));
  if (parts.length === 0) return undefined;
  const modes = new Set(parts.map((p) => p.pollMode));
  const indexes = new Set(parts.flatMap((p) => Object.keys(p.byRequest)));
  const byRequest: Record<string, DurableRequestStats> = {};
  for (const key of [...indexes].sort((a, b) => Number(a) - Number(b))) {
    const name = requestNames[Number(key)] ?? key;
    const stats: DurableRequestStats = {
      started: 0,
      startFailed: 0,
      byStatus: {},
      running: 0,
      polls: 0,
      pollErrors: 0,
      startLatencyMs: latencyByRequest[name] ?? null,
      durationMs: null,
      encodedDuration: null,
    };
    const duration = createLatencyHistogram();
    for (const p of parts) {
      const d = p.byRequest[key];
      if (!d) continue;
      stats.started += d.started;
      stats.startFailed += d.startFailed;
      stats.running += d.running;
      stats.polls += d.polls;
      stats.pollErrors += d.pollErrors;
      for (const [status, n] of Object.entries(d.byStatus))
        stats.byStatus[status] = (stats.byStatus[status] ?? 0) + n;
      addEncoded(duration, d.duration);
    }
    if (duration.totalCount > 0) {
      stats.durationMs = summarizeHistogram(duration);
      stats.encodedDuration = encodeHistogram(duration);
    }
    duration.destroy();
    byRequest[name] = stats;
  }
  return {
    pollMode: modes.size === 1 ? [...modes][0] : 'mixed',
    pollBudgetPerSec: parts.reduce((t, p) => t + p.pollBudgetPerSec, 0),
    byRequest,
  };
}
