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
import { tenantStats } from './tenant-stats.js';
import { invokeStats } from './invoke-stats.js';
import { durableStats } from './durable-stats.js';
import {
  RUN_RECORD_SCHEMA_VERSION,
  type ChecksRecord,
  type FlowStats,
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

/** The request table's response checks and flows, as the record names them. */
export interface RecordLabels {
  /** Per request (index-aligned with requestNames), its check names; [] without checks. */
  checkNames?: string[][];
  /** Per flow: its name and the request indexes of its steps. */
  flows?: Array<{ name: string; steps: number[] }>;
}

/** buildRunRecord merges the per-thread statistics (one RecorderData per worker) into a record. */
export function buildRunRecord(
  input: {
    meta: RunMetadata;
    requestNames: string[];
    phases: Array<{ kind: string; startMs: number; durationMs: number }>;
    timeline: TimelineEntry[];
    workers: RecorderData[];
  } & RecordLabels,
): RunRecord {
  const { meta, requestNames, phases, timeline, workers } = input;
  const encodedByRequest: Record<string, string | null> = {};
  const overall = createLatencyHistogram();
  const byRequest: Record<string, Totals> = {};
  const latencyByRequest: Record<string, LatencySummary | null> = {};
  const totals = emptyTotals();
  requestNames.forEach((name, i) => {
    const merged = mergeSlices(workers.map((w) => w.byRequest[i]));
    byRequest[name] = merged.totals;
    latencyByRequest[name] = summarizeHistogram(merged.latency);
    encodedByRequest[name] = merged.latency.totalCount > 0 ? encodeHistogram(merged.latency) : null;
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
  const checks = buildChecks(requestNames, input.checkNames ?? [], workers);
  const flows = input.flows?.length ? buildFlows(requestNames, input.flows, workers, checks) : [];
  const tenants = tenantStats(workers);
  const invoke = invokeStats(workers, requestNames, byRequest);
  const durable = durableStats(workers, requestNames, latencyByRequest);
  const captures = mergeCaptures(workers);
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    ...meta,
    totals,
    latencyMs: {
      overall: summarizeHistogram(overall),
      byRequest: latencyByRequest,
      encodedHistogram: overall.totalCount > 0 ? encodeHistogram(overall) : null,
      ...(requestNames.length > 0 ? { encodedByRequest } : {}),
    },
    latenessMs: summarizeHistogram(lateness),
    byRequest,
    phases: phaseStats,
    ...(checks ? { checks } : {}),
    ...(flows.length > 0 ? { flows } : {}),
    ...(tenants ? { tenants } : {}),
    ...(invoke ? { invoke } : {}),
    ...(durable ? { durable } : {}),
    timeline,
    ...(captures ? { captures } : {}),
  };
}

/** Sums every worker's check counts; undefined when no request has a check. */
function buildChecks(
  requestNames: string[],
  checkNames: string[][],
  workers: RecorderData[],
): ChecksRecord | undefined {
  if (!checkNames.some((names) => names.length > 0)) return undefined;
  const record: ChecksRecord = { passed: 0, failed: 0, byRequest: {} };
  requestNames.forEach((request, r) => {
    const names = checkNames[r] ?? [];
    if (names.length === 0) return;
    const checks = names.map((name, c) => {
      let passed = 0;
      let failed = 0;
      for (const w of workers) {
        passed += w.checks?.[r]?.[c * 2] ?? 0;
        failed += w.checks?.[r]?.[c * 2 + 1] ?? 0;
      }
      return { name, passed, failed };
    });
    const passed = checks.reduce((sum, c) => sum + c.passed, 0);
    const failed = checks.reduce((sum, c) => sum + c.failed, 0);
    record.byRequest[request] = { passed, failed, checks };
    record.passed += passed;
    record.failed += failed;
  });
  return record;
}

/** Sums every worker's flow counts; a flow's checks are its steps' checks. */
function buildFlows(
  requestNames: string[],
  flows: Array<{ name: string; steps: number[] }>,
  workers: RecorderData[],
  checks: ChecksRecord | undefined,
): FlowStats[] {
  return flows.map((flow, f) => {
    const duration = createLatencyHistogram();
    const sum = { started: 0, completed: 0, abandoned: 0, interrupted: 0, dropped: 0, failed: 0 };
    for (const w of workers) {
      const d = w.flows?.[f];
      if (!d) continue;
      sum.started += d.started;
      sum.completed += d.completed;
      sum.abandoned += d.abandoned;
      sum.interrupted += d.interrupted;
      sum.dropped += d.dropped;
      sum.failed += d.withFailures;
      addEncoded(duration, d.duration);
    }
    const steps = flow.steps.map((i) => requestNames[i]);
    const stepChecks = steps.map((name) => checks?.byRequest[name]);
    const stats: FlowStats = {
      name: flow.name,
      steps,
      iterations: sum.started,
      completed: sum.completed,
      abandoned: sum.abandoned,
      interrupted: sum.interrupted,
      dropped: sum.dropped,
      failed: sum.failed,
      durationMs: summarizeHistogram(duration),
      checks: {
        passed: stepChecks.reduce((n, c) => n + (c?.passed ?? 0), 0),
        failed: stepChecks.reduce((n, c) => n + (c?.failed ?? 0), 0),
      },
    };
    duration.destroy();
    return stats;
  });
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
