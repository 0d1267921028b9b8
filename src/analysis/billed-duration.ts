/**
 * billedDuration: one function's billed duration, in seconds, from what the record holds, the
 * most exact first. Lambda bills each invocation's duration rounded up to the nearest 1 ms, and
 * since 1 August 2025 bills the INIT phase of on-demand ZIP functions on managed runtimes too
 * (reference/aws-facts.md §2.2 and §7.1):
 *   1. `lambda.billed_duration_ms` (Sum): the model's per-invocation billed durations, each
 *      ceil(init + handler) ms: exact.
 *   2. `lambda.duration_ms` (Average, the Duration metric: handler time, not rounded, no init)
 *      × `lambda.invocations` per period, plus
 *      - the round-up, estimated at ROUND_UP_MS per invocation (the mean of ceil(d) − d when the
 *        fraction of a millisecond is uniform; the record has no per-invocation durations), and
 *      - INIT, on an on-demand run whose record has `lambda.cold_starts` and the model's init
 *        duration (`onDemand.coldStartMs`, uniform over [min, max], × the model's timeScale):
 *        cold starts × its mean. Otherwise INIT is not included, and the source says so (an LMI
 *        run has no cold starts to count; CloudWatch's Duration has no init time).
 *   3. neither: invocations × the client's mean latency (CLIENT_DURATION, an upper bound).
 * Pure.
 */
import type { PlatformSeries, RunRecord } from '../record/run-record.js';
import { runPlatform } from './run-platform.js';

/**
 * Expected round-up of one invocation's duration to Lambda's 1 ms billing granularity
 * (https://aws.amazon.com/lambda/pricing/: "rounded up to the nearest 1 ms"): half a millisecond.
 */
export const ROUND_UP_MS = 0.5;
/** INIT billing for on-demand functions since 1 August 2025. */
export const INIT_BILLING_SOURCE =
  'https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/';

/** Marks a function whose duration is the client's latency (no lambda.duration_ms series). */
export const CLIENT_DURATION = 'duration = mean HTTP latency (no lambda.duration_ms)';

export interface BilledDuration {
  sec: number;
  source: string;
  /** True when the figure came from lambda.duration_ms or lambda.billed_duration_ms. */
  fromLambda: boolean;
}

/** The series of one function, selected by the caller. */
export interface FunctionSeries {
  invocations: PlatformSeries[];
  durations: PlatformSeries[];
  billed: PlatformSeries[];
  coldStarts: PlatformSeries[];
}

export function billedDuration(
  record: RunRecord,
  series: FunctionSeries,
  requests: number,
): BilledDuration {
  if (series.billed.length > 0)
    return {
      sec: sum(series.billed) / 1000,
      source: 'lambda.billed_duration_ms (init included)',
      fromLambda: true,
    };
  if (series.durations.length === 0) {
    // Invocations without durations (not yet published): the client's mean latency stands in.
    const meanMs = record.latencyMs.overall?.mean ?? 0;
    return { sec: (requests * meanMs) / 1000, source: CLIENT_DURATION, fromLambda: false };
  }
  const handler = handlerSeconds(series.invocations, series.durations);
  const init = initSeconds(record, series.coldStarts);
  return {
    sec: handler.sec + (handler.invocations * ROUND_UP_MS) / 1000 + init.sec,
    source: `invocations × lambda.duration_ms + ${ROUND_UP_MS} ms an invocation for the 1 ms round-up (estimated); ${init.source}`,
    fromLambda: true,
  };
}

function sum(series: PlatformSeries[]): number {
  return series.reduce((n, s) => n + s.points.reduce((a, [, v]) => a + v, 0), 0);
}

/** Σ invocations × average duration per period (series with the same labels), and the invocations. */
function handlerSeconds(
  invocations: PlatformSeries[],
  durations: PlatformSeries[],
): { sec: number; invocations: number } {
  let sec = 0;
  let count = 0;
  for (const d of durations.filter((x) => x.stat === 'Average')) {
    const inv = invocations.find((s) => JSON.stringify(s.labels) === JSON.stringify(d.labels));
    if (!inv) continue;
    const byTime = new Map(inv.points.map(([t, v]) => [t, v]));
    for (const [t, avgMs] of d.points) {
      const n = byTime.get(t) ?? 0;
      sec += (n * avgMs) / 1000;
      count += n;
    }
  }
  return { sec, invocations: count };
}

/** INIT seconds: cold starts × the model's mean init duration, when the record has both. */
function initSeconds(
  record: RunRecord,
  coldStarts: PlatformSeries[],
): { sec: number; source: string } {
  const notIncluded = (why: string) => ({
    sec: 0,
    source: `INIT not included (${why}; billed on on-demand since August 2025: ${INIT_BILLING_SOURCE})`,
  });
  if (runPlatform(record) === 'lmi') return notIncluded('an LMI run has no cold starts to count');
  if (coldStarts.length === 0) return notIncluded('the record has no cold-start counts');
  const meanInitMs = modelMeanInitMs(record);
  if (meanInitMs === null) return notIncluded('the record has no init durations');
  const count = sum(coldStarts);
  return {
    sec: (count * meanInitMs) / 1000,
    source: `INIT: cold starts × ${meanInitMs.toFixed(1)} ms, the mean of the model's onDemand.coldStartMs (${INIT_BILLING_SOURCE})`,
  };
}

/** The mean of the model's uniform init range × its timeScale, or null when the record lacks it. */
function modelMeanInitMs(record: RunRecord): number | null {
  const entry = record.platform.model?.['onDemand.coldStartMs'] as
    { value?: { min?: unknown; max?: unknown } } | undefined;
  const min = entry?.value?.min;
  const max = entry?.value?.max;
  if (typeof min !== 'number' || typeof max !== 'number') return null;
  const scale = record.platform.model?.timeScale as { value?: unknown } | number | undefined;
  const timeScale =
    typeof scale === 'number' ? scale : typeof scale?.value === 'number' ? scale.value : 1;
  return ((min + max) / 2) * timeScale;
}
