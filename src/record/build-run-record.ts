/**
 * buildRunRecord: assembles a run record from the merged timeline, the workers' final statistics
 * and the run's metadata. Pure: no clock, no I/O.
 */
import {
  addEncoded,
  createLatencyHistogram,
  encodeHistogram,
  summarizeHistogram,
  type Histogram,
} from './latency-histogram.js';
import type { RecorderData } from './measurements.js';
import {
  RUN_RECORD_SCHEMA_VERSION,
  type LatencySummary,
  type PhaseStats,
  type RunRecord,
  type TimelineEntry,
  type Totals,
} from './run-record.js';
import { addTotals, emptyTotals } from './totals.js';

/** What buildRunRecord needs besides the statistics. */
export type RunMetadata = Pick<
  RunRecord,
  | 'runId'
  | 'toolVersion'
  | 'kind'
  | 'status'
  | 'statusReason'
  | 'profile'
  | 'target'
  | 'startedAt'
  | 'endedAt'
  | 'environment'
  | 'platform'
  | 'cost'
  | 'gates'
  | 'warnings'
>;

/**
 * placeholderMetadata: neutral metadata for a record that is only evaluated, never written
 * (fail-fast gates on a partial run, tests); `overrides` replaces any field.
 */
export function placeholderMetadata(overrides: Partial<RunMetadata> = {}): RunMetadata {
  return {
    runId: 'partial',
    toolVersion: '',
    kind: 'run',
    status: 'running',
    profile: {},
    target: { url: '', kind: 'external' },
    startedAt: new Date(0).toISOString(),
    endedAt: null,
    environment: {
      args: [],
      seed: 0,
      nodeVersion: '',
      cores: 1,
      workers: 1,
      generatorCpuShare: null,
      timeScale: 1,
      rateScale: 1,
    },
    platform: { series: [] },
    cost: null,
    gates: [],
    warnings: [],
    ...overrides,
  };
}

/** buildRunRecord merges the per-thread statistics (one RecorderData per worker) into a record. */
export function buildRunRecord(input: {
  meta: RunMetadata;
  requestNames: string[];
  phases: Array<{ kind: string; startMs: number; durationMs: number }>;
  timeline: TimelineEntry[];
  workers: RecorderData[];
}): RunRecord {
  const { meta, requestNames, phases, timeline, workers } = input;
  const overall = createLatencyHistogram();
  const byRequest: Record<string, Totals> = {};
  const latencyByRequest: Record<string, LatencySummary | null> = {};
  const totals = emptyTotals();
  requestNames.forEach((name, i) => {
    const merged = mergeSlices(workers.map((w) => w.byRequest[i]));
    byRequest[name] = merged.totals;
    latencyByRequest[name] = summarizeHistogram(merged.latency);
    overall.add(merged.latency);
    addTotals(totals, merged.totals);
    merged.latency.destroy();
  });
  const phaseStats: PhaseStats[] = phases.map((p, i) => {
    const merged = mergeSlices(workers.map((w) => w.byPhase[i]));
    const stats = {
      index: i,
      ...p,
      totals: merged.totals,
      latencyMs: summarizeHistogram(merged.latency),
    };
    merged.latency.destroy();
    return stats;
  });
  const lateness = createLatencyHistogram();
  for (const w of workers) addEncoded(lateness, w.lateness);
  const captures = mergeCaptures(workers);
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    ...meta,
    totals,
    latencyMs: {
      overall: summarizeHistogram(overall),
      byRequest: latencyByRequest,
      encodedHistogram: overall.totalCount > 0 ? encodeHistogram(overall) : null,
    },
    latenessMs: summarizeHistogram(lateness),
    byRequest,
    phases: phaseStats,
    timeline,
    ...(captures ? { captures } : {}),
  };
}

/** The workers' capture counts summed per variable; undefined when no worker captured. */
function mergeCaptures(workers: RecorderData[]): RunRecord['captures'] {
  if (!workers.some((w) => w.captures)) return undefined;
  const merged: NonNullable<RunRecord['captures']> = {};
  for (const w of workers)
    for (const [name, c] of Object.entries(w.captures ?? {})) {
      const m = (merged[name] ??= { matched: 0, missed: 0 });
      m.matched += c.matched;
      m.missed += c.missed;
    }
  return merged;
}

function mergeSlices(slices: Array<RecorderData['byRequest'][number] | undefined>): {
  totals: Totals;
  latency: Histogram;
} {
  const totals = emptyTotals();
  const latency = createLatencyHistogram();
  for (const s of slices) {
    if (!s) continue;
    addTotals(totals, s.totals);
    addEncoded(latency, s.latency);
  }
  return { totals, latency };
}
