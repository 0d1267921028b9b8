/**
 * workDone: what a run asked of the platform, from the run record alone, per Lambda function:
 * billed requests, billed duration, GB-seconds at the function's own memory, CPU time (from the
 * best source the record has), peak concurrency; plus, for the whole run, CPU demand over time and
 * the LMI instance-seconds when LMI was observed (over the run's window only). Every figure says
 * where it came from.
 *
 * CPU time of a function, in order of preference:
 *   1. `lambda.cpu_total_time_ms` (Lambda Insights `cpu_total_time`, Sum per period) when present;
 *   2. invocations × the model's route `cpuMs` (simulate and the embedded target);
 *   3. billed duration × F with `--cpu-fraction F` (CPU seconds per second of duration);
 *   4. billed duration × memory / 1,769 MB (the vCPU share Lambda allots): an UPPER BOUND, as if
 *      the function were CPU-bound for its whole duration.
 */
import type { PlatformSeries, RunRecord } from '../record/run-record.js';
import type { PriceTable } from '../pricing/price-table.js';
import {
  integrateSeries,
  overlapSec,
  runDurationSec,
  runWindow,
  selectSeries,
  valueAt,
  type TimeWindow,
} from '../record/platform-series.js';
import { billedDuration, CLIENT_DURATION } from './billed-duration.js';
import { functionAssumption, type CostAssumptions, type Architecture } from './cost-assumptions.js';

/** Lambda gives a function 1 vCPU at 1,769 MB (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
export const LAMBDA_MB_PER_VCPU = 1769;

export { CLIENT_DURATION };

/** How well a CPU-time figure is known. */
export type CpuKind = 'measured' | 'model' | 'given' | 'upper bound';

/**
 * A function's peak concurrency: the `lambda.concurrent_executions` maximum (observed), else by
 * Little's law (estimated): concurrency = arrival rate × mean time in the system, with the
 * function's peak per-second invocation rate (its busiest datapoint / period) and its mean
 * billed duration (billed seconds / invocations). That is the mean concurrency of the busiest
 * period; the instantaneous peak inside it is higher.
 */
export type PeakConcurrency =
  | { kind: 'observed'; value: number }
  | {
      kind: 'estimated';
      value: number;
      peakRatePerSec: number;
      meanDurationSec: number;
      /** The period of the datapoints the peak rate was read from. */
      periodSec: number;
    };

/** The work of one function (or of `all`, when the record has no per-function series). */
export interface FunctionWork {
  name: string;
  requests: number;
  /** Billed duration, seconds (billed-duration.ts): exact, estimated from the Duration metric, or the client's latency. */
  billedSec: number;
  durationSource: string;
  memoryMb: number;
  architecture: Architecture;
  gbSeconds: number;
  cpuSec: number;
  cpuKind: CpuKind;
  cpuSource: string;
  /** Peak concurrent executions and how it is known; null when the record cannot tell. */
  peakConcurrency: PeakConcurrency | null;
  /** Busy vCPUs over time (CPU time spread over the invocations). */
  demand: Demand;
}

export interface WorkDone {
  durationSec: number;
  requests: number;
  functions: FunctionWork[];
  gbSeconds: number;
  /** CPU work in vCPU-seconds (LMI observed when available, else Σ of the functions). */
  vcpuSeconds: number;
  /** The weakest CPU-time kind among the functions (or `measured` for observed LMI). */
  cpuKind: CpuKind;
  /** Busy vCPUs per period: [epoch ms, vCPUs, period s], in time order. */
  demand: Array<[number, number, number]>;
  peakVcpus: number;
  /** LMI instance-seconds by instance type, when LMI instances were observed. */
  instanceSeconds: Record<string, number>;
  /** Capacity-weighted LMI CPU utilization (0..1) when observed. */
  lmiCpuUtilization: number | null;
  sources: Record<string, string>;
}

export interface WorkOptions {
  /** `--cpu-fraction`: CPU seconds per second of billed duration, for functions without CPU time. */
  cpuFraction?: number | null;
}

/** workDone is pure; `prices` gives instance sizes. */
export function workDone(
  record: RunRecord,
  prices: PriceTable,
  assume: CostAssumptions,
  options: WorkOptions = {},
): WorkDone {
  const durationSec = runDurationSec(record);
  const functions = functionWork(record, assume, options.cpuFraction ?? null);
  const sources: Record<string, string> = {
    requests:
      selectSeries(record, 'lambda.invocations').length > 0
        ? 'sum of lambda.invocations'
        : 'HTTP responses other than 429 (no lambda.invocations series)',
  };
  const lmi = observedLmi(record, prices, assume.lmi.instanceType.value, runWindow(record));
  const requests = functions.reduce((n, f) => n + f.requests, 0);
  let vcpuSeconds = functions.reduce((s, f) => s + f.cpuSec, 0);
  let cpuKind = weakest(functions.map((f) => f.cpuKind));
  for (const f of functions) f.demand = functionDemand(record, f);
  let demand = sumDemand(functions.map((f) => f.demand));
  if (lmi) {
    vcpuSeconds = lmi.vcpuSeconds;
    cpuKind = 'measured';
    demand = lmi.demand;
    sources.vcpuSeconds =
      selectSeries(record, 'lmi.cpu_vcpu_seconds').length > 0
        ? "Σ lmi.cpu_vcpu_seconds (the model's CPU work on LMI)"
        : 'Σ LMI instances × vCPUs × lmi.cpu_utilization × period';
  } else {
    sources.vcpuSeconds = cpuSourceSummary(functions);
  }
  return {
    durationSec,
    requests,
    functions,
    gbSeconds: functions.reduce((s, f) => s + f.gbSeconds, 0),
    vcpuSeconds,
    cpuKind,
    demand,
    peakVcpus: demand.reduce((m, [, v]) => Math.max(m, v), 0),
    instanceSeconds: lmi?.instanceSeconds ?? {},
    lmiCpuUtilization: lmi?.utilization ?? null,
    sources,
  };
}

/** vCPUs of an instance type from the price table; 0 when the table does not list it. */
export function vcpusOf(prices: PriceTable, instanceType: string): number {
  return prices.ec2[instanceType]?.vcpus ?? 0;
}

const KIND_TEXT: Record<CpuKind, string> = {
  measured: 'Lambda Insights cpu_total_time',
  model: "invocations × the model's route cpuMs",
  given: 'duration × --cpu-fraction',
  'upper bound': 'upper bound: duration × memory / 1,769 MB vCPU share',
};

/** One line: each CPU-time kind with the functions it covers (or the one function's source). */
function cpuSourceSummary(functions: FunctionWork[]): string {
  if (functions.length === 1) return functions[0].cpuSource;
  const byKind = new Map<CpuKind, string[]>();
  for (const f of functions) byKind.set(f.cpuKind, [...(byKind.get(f.cpuKind) ?? []), f.name]);
  return [...byKind.entries()]
    .map(([kind, names]) =>
      byKind.size === 1
        ? `${KIND_TEXT[kind]}, ${names.length} functions`
        : `${KIND_TEXT[kind]} (${names.join(', ')})`,
    )
    .join('; ');
}

const KIND_ORDER: CpuKind[] = ['measured', 'model', 'given', 'upper bound'];

function weakest(kinds: CpuKind[]): CpuKind {
  return kinds.reduce<CpuKind>(
    (w, k) => (KIND_ORDER.indexOf(k) > KIND_ORDER.indexOf(w) ? k : w),
    'measured',
  );
}

function sum(series: PlatformSeries[]): number {
  return series.reduce((n, s) => n + s.points.reduce((a, [, v]) => a + v, 0), 0);
}

function functionWork(
  record: RunRecord,
  assume: CostAssumptions,
  cpuFraction: number | null,
): FunctionWork[] {
  const names = [
    ...new Set(selectSeries(record, 'lambda.invocations').map((s) => s.labels.function ?? '')),
  ];
  if (names.length === 0) return [clientSideWork(record, assume, cpuFraction)];
  return names.map((name) => {
    const labels: Record<string, string> = name ? { function: name } : {};
    const a = functionAssumption(assume, name);
    const inv = selectSeries(record, 'lambda.invocations', labels);
    const requests = sum(inv);
    const billed = billedDuration(
      record,
      {
        invocations: inv,
        durations: selectSeries(record, 'lambda.duration_ms', labels),
        billed: selectSeries(record, 'lambda.billed_duration_ms', labels),
        coldStarts: selectSeries(record, 'lambda.cold_starts', labels),
      },
      requests,
    );
    const billedSec = billed.sec;
    const insights = selectSeries(record, 'lambda.cpu_total_time_ms', labels);
    const cpu =
      insights.length > 0
        ? {
            sec: sum(insights) / 1000,
            kind: 'measured' as const,
            source: 'Lambda Insights cpu_total_time',
          }
        : a.cpuMsPerInvocation
          ? {
              sec: (requests * a.cpuMsPerInvocation.value) / 1000,
              kind: 'model' as const,
              source: `invocations × ${a.cpuMsPerInvocation.value} ms (${a.cpuMsPerInvocation.source})`,
            }
          : durationCpu(billedSec, a.memoryMb.value, cpuFraction);
    if (!billed.fromLambda) cpu.source += `; ${CLIENT_DURATION}`;
    const concurrency = selectSeries(record, 'lambda.concurrent_executions', labels);
    return {
      name: name || 'all',
      requests,
      billedSec,
      durationSource: billed.source,
      memoryMb: a.memoryMb.value,
      architecture: a.architecture.value,
      gbSeconds: (billedSec * a.memoryMb.value) / 1024,
      cpuSec: cpu.sec,
      cpuKind: cpu.kind,
      cpuSource: cpu.source,
      peakConcurrency:
        concurrency.length > 0
          ? {
              kind: 'observed',
              value: Math.max(0, ...concurrency.flatMap((s) => s.points.map(([, v]) => v))),
            }
          : littlesLaw(peakSeriesRate(inv), requests, billedSec),
      demand: [],
    };
  });
}

/** CPU time from duration: × F when given, else × the vCPU share (an upper bound). */
function durationCpu(
  billedSec: number,
  memoryMb: number,
  cpuFraction: number | null,
): { sec: number; kind: CpuKind; source: string } {
  if (cpuFraction !== null)
    return {
      sec: billedSec * cpuFraction,
      kind: 'given',
      source: `duration × ${cpuFraction} (--cpu-fraction)`,
    };
  const share = memoryMb / LAMBDA_MB_PER_VCPU;
  return {
    sec: billedSec * share,
    kind: 'upper bound',
    source: `upper bound: duration × ${share.toFixed(3)} vCPU (${memoryMb} MB / 1,769 MB), as if CPU-bound`,
  };
}

/** No Lambda series: requests are non-429 responses, duration the client's mean latency. */
function clientSideWork(
  record: RunRecord,
  assume: CostAssumptions,
  cpuFraction: number | null,
): FunctionWork {
  const requests = Object.entries(record.totals.byStatus).reduce(
    (n, [status, c]) => (status === '429' ? n : n + c),
    0,
  );
  const meanMs = record.latencyMs.overall?.mean ?? 0;
  const billedSec = (requests * meanMs) / 1000;
  const a = assume.defaults;
  const cpu = durationCpu(billedSec, a.memoryMb.value, cpuFraction);
  return {
    name: 'all',
    requests,
    billedSec,
    durationSource: CLIENT_DURATION,
    memoryMb: a.memoryMb.value,
    architecture: a.architecture.value,
    gbSeconds: (billedSec * a.memoryMb.value) / 1024,
    cpuSec: cpu.sec,
    cpuKind: cpu.kind === 'given' ? 'given' : 'upper bound',
    cpuSource: `${cpu.source}; ${CLIENT_DURATION} (${meanMs.toFixed(1)} ms)`,
    peakConcurrency: littlesLaw(peakTimelineRate(record), requests, billedSec),
    demand: [],
  };
}

/**
 * Little's law (see PeakConcurrency): null when the function did work whose duration the record
 * does not give (no billed duration, no duration series, no client latency), or no peak rate.
 */
function littlesLaw(
  peak: { ratePerSec: number; periodSec: number } | null,
  requests: number,
  billedSec: number,
): PeakConcurrency | null {
  if (requests <= 0)
    return { kind: 'estimated', value: 0, peakRatePerSec: 0, meanDurationSec: 0, periodSec: 1 };
  if (!peak || !(billedSec > 0)) return null;
  const meanDurationSec = billedSec / requests;
  return {
    kind: 'estimated',
    value: peak.ratePerSec * meanDurationSec,
    peakRatePerSec: peak.ratePerSec,
    meanDurationSec,
    periodSec: peak.periodSec,
  };
}

/** The busiest datapoint of a function's invocation series, per second; null without points. */
function peakSeriesRate(
  invocations: PlatformSeries[],
): { ratePerSec: number; periodSec: number } | null {
  let best: { ratePerSec: number; periodSec: number } | null = null;
  for (const s of invocations)
    for (const [, v] of s.points) {
      const ratePerSec = s.periodSec > 0 ? v / s.periodSec : 0;
      if (!best || ratePerSec > best.ratePerSec) best = { ratePerSec, periodSec: s.periodSec };
    }
  return best;
}

/** The busiest second of the timeline's non-throttled requests; null without a timeline. */
function peakTimelineRate(record: RunRecord): { ratePerSec: number; periodSec: number } | null {
  if (record.timeline.length === 0) return null;
  return {
    ratePerSec: record.timeline.reduce((m, e) => Math.max(m, e.sent - e.throttled), 0),
    periodSec: 1,
  };
}

/** Busy vCPUs per period: [epoch ms, vCPUs, period s], in time order. */
export type Demand = Array<[number, number, number]>;

/**
 * Busy vCPUs per period of one function, spreading its CPU time evenly over its invocations:
 * demand(t) = invocations(t) × cpuSec / requests / period. Without Lambda series (`all`), the
 * timeline's non-throttled requests per second stand in for invocations.
 */
export function functionDemand(record: RunRecord, f: FunctionWork): Demand {
  const perRequest = f.requests > 0 ? f.cpuSec / f.requests : 0;
  const invocations = selectSeries(
    record,
    'lambda.invocations',
    f.name === 'all' ? {} : { function: f.name },
  );
  if (invocations.length === 0) {
    const start = Date.parse(record.startedAt);
    return record.timeline.map((e) => [
      start + e.second * 1000,
      (e.sent - e.throttled) * perRequest,
      1,
    ]);
  }
  return sumDemand(
    invocations.map((s) =>
      s.points.map(([t, v]): [number, number, number] => [
        t,
        (v * perRequest) / s.periodSec,
        s.periodSec,
      ]),
    ),
  );
}

/** Adds demands point by point (same timestamps add up). */
export function sumDemand(parts: Demand[]): Demand {
  const byTime = new Map<number, [number, number]>();
  for (const part of parts)
    for (const [t, vcpus, period] of part) {
      const slot = byTime.get(t) ?? [0, period];
      slot[0] += vcpus;
      byTime.set(t, slot);
    }
  return [...byTime.entries()]
    .sort(([x], [y]) => x - y)
    .map(([t, [vcpus, period]]) => [t, vcpus, period]);
}

interface ObservedLmi {
  instanceSeconds: Record<string, number>;
  vcpuSeconds: number;
  utilization: number | null;
  demand: Array<[number, number, number]>;
}

/**
 * LMI as observed, over the run's window only (runWindow: the span every other scenario is priced
 * for; a point's period that straddles the end counts pro rata, points after it not at all):
 * instance-seconds by the `instanceType` label, Σ instances × overlap, and CPU work weighted by
 * capacity: vCPU-s = Σ_t instances(t) × vCPUs × utilization(t) × overlap (not the unweighted mean).
 */
function observedLmi(
  record: RunRecord,
  prices: PriceTable,
  defaultType: string,
  window: TimeWindow,
): ObservedLmi | null {
  // Points read once a series: capacityAt looks up every timestamp, and a series' points may be
  // built on each read (the model's SeriesBook makes them on demand).
  const instances = selectSeries(record, 'lmi.instances').map(({ points, ...s }) => ({
    ...s,
    points,
  }));
  if (instances.length === 0) return null;
  const instanceSeconds: Record<string, number> = {};
  for (const s of instances) {
    const type = s.labels.instanceType ?? defaultType;
    instanceSeconds[type] = (instanceSeconds[type] ?? 0) + integrateSeries([s], window);
  }
  const capacityAt = (t: number) =>
    instances.reduce(
      (n, s) => n + valueAt(s, t) * vcpusOf(prices, s.labels.instanceType ?? defaultType),
      0,
    );
  const cpu = selectSeries(record, 'lmi.cpu_utilization');
  const demand: Array<[number, number, number]> = [];
  let vcpuSeconds = 0;
  let capacitySeconds = 0;
  for (const c of cpu) {
    const scale = /^(percent|%)$/i.test(c.unit) ? 0.01 : 1;
    for (const [t, u] of c.points) {
      const inWindowSec = overlapSec(t, c.periodSec, window);
      if (inWindowSec <= 0) continue;
      const capacity = capacityAt(t);
      demand.push([t, capacity * u * scale, c.periodSec]);
      vcpuSeconds += capacity * u * scale * inWindowSec;
      capacitySeconds += capacity * inWindowSec;
    }
  }
  demand.sort((a, b) => a[0] - b[0]);
  // The model's own CPU work (lmi.cpu_vcpu_seconds, Sum) when present: exact, no weighting needed.
  const work = selectSeries(record, 'lmi.cpu_vcpu_seconds');
  if (work.length > 0) {
    const measured = sumDemand(
      work.map((s) =>
        s.points
          .filter(([t]) => overlapSec(t, s.periodSec, window) > 0)
          .map(([t, v]): [number, number, number] => [t, v / s.periodSec, s.periodSec]),
      ),
    );
    vcpuSeconds = measured.reduce((n, [t, v, period]) => n + v * overlapSec(t, period, window), 0);
    const capacity = Object.entries(instanceSeconds).reduce(
      (n, [type, sec]) => n + sec * vcpusOf(prices, type),
      0,
    );
    return {
      instanceSeconds,
      vcpuSeconds,
      utilization: capacity > 0 ? vcpuSeconds / capacity : null,
      demand: measured,
    };
  }
  return {
    instanceSeconds,
    vcpuSeconds,
    utilization: capacitySeconds > 0 ? vcpuSeconds / capacitySeconds : null,
    demand,
  };
}
