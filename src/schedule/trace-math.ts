/**
 * Exact arithmetic of a trace phase: a recorded rate series held constant between points, i.e. a
 * step function. Before the first point the rate is 0; from the last point to the phase end it
 * holds the last rate; points at or after `durationMs` are ignored. Phase-local milliseconds.
 *
 * The steps are turned once into a table (start, rate, Λ at start) so that rate, Λ and the
 * inverse are binary searches. Tables are cached per phase object in a WeakMap (phases are
 * immutable plain data; the cache is invisible to callers).
 */

/** The trace variant of the normalized Phase. */
export interface TraceShape {
  durationMs: number;
  points: Array<[tMs: number, ratePerSec: number]>;
}

/** Steps of a trace: step i covers [startMs[i], startMs[i+1]) (the last one up to durationMs). */
export interface TraceTable {
  startMs: Float64Array;
  ratePerSec: Float64Array;
  /** Λ from the phase start to startMs[i]; one extra entry holds Λ(durationMs). */
  arrivalsAtStart: Float64Array;
}

const tables = new WeakMap<TraceShape, TraceTable>();

/** The step table of a trace (built once per phase object, then cached; do not mutate it). */
export function traceTable(trace: TraceShape): TraceTable {
  const cached = tables.get(trace);
  if (cached) return cached;
  const points = trace.points.filter(([t]) => t < trace.durationMs).sort((x, y) => x[0] - y[0]);
  const steps: Array<[number, number]> = [[0, 0]];
  for (const [t, rate] of points) {
    const startMs = Math.max(t, 0);
    const last = steps[steps.length - 1];
    if (last[0] === startMs) last[1] = Math.max(rate, 0);
    else steps.push([startMs, Math.max(rate, 0)]);
  }
  const n = steps.length;
  const table: TraceTable = {
    startMs: Float64Array.from(steps, (s) => s[0]),
    ratePerSec: Float64Array.from(steps, (s) => s[1]),
    arrivalsAtStart: new Float64Array(n + 1),
  };
  for (let i = 0; i < n; i++) {
    const endMs = i + 1 < n ? table.startMs[i + 1] : Math.max(trace.durationMs, 0);
    const widthMs = endMs - table.startMs[i];
    table.arrivalsAtStart[i + 1] =
      table.arrivalsAtStart[i] + (table.ratePerSec[i] * widthMs) / 1000;
  }
  tables.set(trace, table);
  return table;
}

/** Index of the step holding phase-local time `tMs` (the last step whose start is <= tMs). */
export function traceStepAt(table: TraceTable, tMs: number): number {
  let lo = 0;
  let hi = table.startMs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (table.startMs[mid] <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Rate at phase-local time `tMs`, in requests per second (0 outside the phase). */
export function traceRateAt(trace: TraceShape, tMs: number): number {
  if (tMs < 0 || tMs >= trace.durationMs) return 0;
  const table = traceTable(trace);
  return table.ratePerSec[traceStepAt(table, tMs)];
}

/** Λ(tMs): arrivals from the phase start to phase-local time `tMs` (clamped to the phase). */
export function traceArrivals(trace: TraceShape, tMs: number): number {
  const t = Math.min(Math.max(tMs, 0), Math.max(trace.durationMs, 0));
  const table = traceTable(trace);
  const i = traceStepAt(table, t);
  return table.arrivalsAtStart[i] + (table.ratePerSec[i] * (t - table.startMs[i])) / 1000;
}

/** Time within step `i` at which Λ reaches `arrivals` (which must lie within that step). */
export function invertTraceStep(table: TraceTable, i: number, arrivals: number): number {
  const rate = table.ratePerSec[i];
  if (rate <= 0) return table.startMs[i];
  return table.startMs[i] + (1000 * (arrivals - table.arrivalsAtStart[i])) / rate;
}
