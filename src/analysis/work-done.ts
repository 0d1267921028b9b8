/**
 * workDone: what a run asked of the platform, from the run record alone: billed requests,
 * Lambda GB-seconds, CPU work in vCPU-seconds, LMI instance-seconds, and the peak CPU demand.
 * Every figure says where it came from, so each cost can be recomputed by hand.
 */
import type { RunRecord } from '../record/run-record.js';
import type { PriceTable } from '../pricing/price-table.js';
import {
  integrateSeries,
  pointValues,
  runDurationSec,
  selectSeries,
  aggregate,
  valueAt,
} from '../record/platform-series.js';

/** Lambda gives a function 1 vCPU at 1,769 MB of memory (Lambda docs, "Memory and computing power"). */
export const LAMBDA_MB_PER_VCPU = 1769;

/** What the analysis assumes where the record does not say. */
export interface WorkAssumptions {
  /** Function memory in GiB (GB-seconds = duration × this). */
  lambdaMemoryGiB: number;
  architecture: 'x86_64' | 'arm64';
  /** Instance type of LMI and of the fixed fleet when the series do not name one. */
  instanceType: string;
  /** CPU time of one request, when known; otherwise derived from the platform series. */
  cpuSecondsPerRequest?: number;
}

/** WorkDone: the quantities every cost scenario is priced from. */
export interface WorkDone {
  durationSec: number;
  /** Billed requests: `lambda.invocations` when collected, else HTTP responses other than 429. */
  requests: number;
  gbSeconds: number;
  /** CPU work done, in vCPU-seconds. */
  vcpuSeconds: number;
  /** Peak CPU demand in vCPUs (busy vCPUs at the busiest moment). */
  peakVcpus: number;
  /** LMI instance-seconds by instance type, when LMI instances were observed. */
  instanceSeconds: Record<string, number>;
  /** Average LMI CPU utilization (0..1) when observed. */
  lmiCpuUtilization: number | null;
  /** How each figure was obtained, one line each. */
  sources: Record<string, string>;
}

/** workDone is pure; `prices` gives instance sizes. */
export function workDone(record: RunRecord, prices: PriceTable, assume: WorkAssumptions): WorkDone {
  const sources: Record<string, string> = {};
  const durationSec = runDurationSec(record);
  const invocations = selectSeries(record, 'lambda.invocations');
  let requests: number;
  if (invocations.length > 0) {
    requests = integrateCounts(invocations);
    sources.requests = 'sum of lambda.invocations';
  } else {
    requests = Object.entries(record.totals.byStatus).reduce(
      (n, [status, c]) => (status === '429' ? n : n + c),
      0,
    );
    sources.requests = 'HTTP responses other than 429 (no lambda.invocations series)';
  }
  const gb = gbSeconds(record, requests, assume.lambdaMemoryGiB);
  sources.gbSeconds = gb.source;
  const instanceSeconds = lmiInstanceSeconds(record, assume.instanceType);
  const cpu = pointValues(selectSeries(record, 'lmi.cpu_utilization'));
  const lmiCpuUtilization = aggregate(cpu, 'avg');
  const instanceVcpuSec = Object.entries(instanceSeconds).reduce(
    (s, [t, sec]) => s + sec * vcpusOf(prices, t),
    0,
  );
  let vcpuSeconds: number;
  if (assume.cpuSecondsPerRequest !== undefined) {
    vcpuSeconds = requests * assume.cpuSecondsPerRequest;
    sources.vcpuSeconds = `requests × ${assume.cpuSecondsPerRequest} s CPU per request (given)`;
  } else if (instanceVcpuSec > 0 && lmiCpuUtilization !== null) {
    vcpuSeconds = instanceVcpuSec * lmiCpuUtilization;
    sources.vcpuSeconds = 'LMI instance vCPU-seconds × average lmi.cpu_utilization';
  } else {
    const vcpuShare = (assume.lambdaMemoryGiB * 1024) / LAMBDA_MB_PER_VCPU;
    vcpuSeconds = (gb.gbSeconds / assume.lambdaMemoryGiB) * vcpuShare;
    sources.vcpuSeconds = `Lambda duration × ${vcpuShare.toFixed(3)} vCPU (upper bound: assumes CPU-bound)`;
  }
  const peakVcpus = peakDemand(record, prices, assume, vcpuSeconds, requests);
  sources.peakVcpus = peakVcpus.source;
  return {
    durationSec,
    requests,
    gbSeconds: gb.gbSeconds,
    vcpuSeconds,
    peakVcpus: peakVcpus.vcpus,
    instanceSeconds,
    lmiCpuUtilization,
    sources,
  };
}

/** vCPUs of an instance type from the price table; 0 when the table does not list it. */
export function vcpusOf(prices: PriceTable, instanceType: string): number {
  return prices.ec2[instanceType]?.vcpus ?? 0;
}

/** A counter series (Sum per period) adds up its values; it is not multiplied by the period. */
function integrateCounts(series: RunRecord['platform']['series']): number {
  return series.reduce((n, s) => n + s.points.reduce((a, [, v]) => a + v, 0), 0);
}

function gbSeconds(
  record: RunRecord,
  requests: number,
  memoryGiB: number,
): { gbSeconds: number; source: string } {
  const durations = selectSeries(record, 'lambda.duration_ms');
  const invocations = selectSeries(record, 'lambda.invocations');
  let billedSec = 0;
  for (const d of durations) {
    const inv = invocations.find((s) => JSON.stringify(s.labels) === JSON.stringify(d.labels));
    if (!inv) continue;
    const byTime = new Map(inv.points.map(([t, v]) => [t, v]));
    for (const [t, avgMs] of d.points) billedSec += ((byTime.get(t) ?? 0) * avgMs) / 1000;
  }
  if (billedSec > 0) {
    return {
      gbSeconds: billedSec * memoryGiB,
      source: `Σ lambda.invocations × lambda.duration_ms × ${memoryGiB} GiB`,
    };
  }
  const meanMs = record.latencyMs.overall?.mean ?? 0;
  return {
    gbSeconds: ((requests * meanMs) / 1000) * memoryGiB,
    source: `requests × mean HTTP latency ${meanMs.toFixed(1)} ms × ${memoryGiB} GiB (upper bound: no lambda.duration_ms)`,
  };
}

/** Instance-seconds of `lmi.instances` by the series' `instanceType` label (or the default type). */
function lmiInstanceSeconds(record: RunRecord, defaultType: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const s of selectSeries(record, 'lmi.instances')) {
    const type = s.labels.instanceType ?? defaultType;
    result[type] = (result[type] ?? 0) + integrateSeries([s]);
  }
  return result;
}

function peakDemand(
  record: RunRecord,
  prices: PriceTable,
  assume: WorkAssumptions,
  vcpuSeconds: number,
  requests: number,
): { vcpus: number; source: string } {
  const instances = selectSeries(record, 'lmi.instances');
  const cpu = selectSeries(record, 'lmi.cpu_utilization');
  if (instances.length > 0 && cpu.length > 0 && assume.cpuSecondsPerRequest === undefined) {
    let peak = 0;
    for (const c of cpu) {
      for (const [t] of c.points) {
        const vcpus = instances.reduce(
          (sum, s) =>
            sum + valueAt(s, t) * vcpusOf(prices, s.labels.instanceType ?? assume.instanceType),
          0,
        );
        peak = Math.max(peak, vcpus * valueAt(c, t));
      }
    }
    return { vcpus: peak, source: 'max over time of LMI vCPUs × lmi.cpu_utilization' };
  }
  const peakRate = record.timeline.reduce((m, e) => Math.max(m, e.sent - e.throttled), 0);
  const perRequest = requests > 0 ? vcpuSeconds / requests : 0;
  return {
    vcpus: peakRate * perRequest,
    source: 'peak requests per second × vCPU-seconds per request',
  };
}
