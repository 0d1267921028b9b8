/**
 * Reading platform series out of a run record: selection by name and labels, integration over
 * time, and conversion of utilizations to fractions. Pure; never mutates the record.
 */
import { percentileOf } from './percentile-name.js';
import type { PlatformSeries, RunRecord } from './run-record.js';
import { maxOf, minOf } from './extremes.js';

/**
 * selectSeries returns the series named `name` whose labels include every `labels` pair
 * (extra labels on the series are fine), in record order.
 */
export function selectSeries(
  record: RunRecord,
  name: string,
  labels: Record<string, string> = {},
): PlatformSeries[] {
  return record.platform.series.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

/** True when the series stores a percentage (CloudWatch `Percent`) rather than a fraction. */
function isPercent(series: PlatformSeries): boolean {
  return /^(percent|%)$/i.test(series.unit);
}

/**
 * pointValues: every value of the given series, flattened, utilizations converted to fractions
 * (a series whose unit is `Percent` is divided by 100).
 */
export function pointValues(series: PlatformSeries[]): number[] {
  return series.flatMap((s) => s.points.map(([, v]) => (isPercent(s) ? v / 100 : v)));
}

/** True when the series is a ratio (a utilization or rate) that averages, rather than adds, across series. */
function isRatio(series: PlatformSeries): boolean {
  return (
    isPercent(series) || /^fraction$/i.test(series.unit) || /utilization|_rate$/.test(series.name)
  );
}

/**
 * combinedValues: one value a timestamp across several series of the same metric, in time order,
 * utilizations converted to fractions. Counts and concurrency are summed across series at each
 * timestamp (the account total of several functions); ratios such as `lmi.cpu_utilization` are
 * averaged across the series present at that timestamp. With one series this is pointValues.
 */
export function combinedValues(series: PlatformSeries[]): number[] {
  const average = series.length > 0 && series.every(isRatio);
  const byTime = new Map<number, { sum: number; n: number }>();
  for (const s of series) {
    for (const [tMs, v] of s.points) {
      const slot = byTime.get(tMs) ?? { sum: 0, n: 0 };
      slot.sum += isPercent(s) ? v / 100 : v;
      slot.n += 1;
      byTime.set(tMs, slot);
    }
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, { sum, n }]) => (average ? sum / n : sum));
}

/** A span of time, epoch ms: from `fromMs` (inclusive) to `toMs` (exclusive). */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/**
 * runWindow: the window a cost analysis prices, from the run's start for runDurationSec(record)
 * seconds: the same span every scenario is held for (a fleet, provisioned concurrency, the LMI
 * what-if). Points after it (the drain of the last requests, a collector's final sample) are not
 * in it.
 */
export function runWindow(record: RunRecord): TimeWindow {
  const fromMs = Date.parse(record.startedAt);
  return { fromMs, toMs: fromMs + runDurationSec(record) * 1000 };
}

/**
 * overlapSec: the seconds of the period [tMs, tMs + periodSec s) inside `window` (all of the
 * period without a window): 0 for a period wholly outside, a share for one that straddles an edge.
 */
export function overlapSec(tMs: number, periodSec: number, window?: TimeWindow): number {
  if (!window) return periodSec;
  const from = Math.max(tMs, window.fromMs);
  const to = Math.min(tMs + periodSec * 1000, window.toMs);
  return Math.max(0, to - from) / 1000;
}

/**
 * integrateSeries: Σ value × seconds over all points, each point holding for its period
 * [t, t + periodSec), e.g. instance-seconds from an `lmi.instances` series. With `window`, only
 * the part of each period inside it counts (pro rata): Σ value × overlapSec(t, periodSec, window).
 */
export function integrateSeries(series: PlatformSeries[], window?: TimeWindow): number {
  return series.reduce(
    (sum, s) =>
      sum + s.points.reduce((acc, [t, v]) => acc + v * overlapSec(t, s.periodSec, window), 0),
    0,
  );
}

/**
 * valueAt: the value of a step series at time tMs (the latest point at or before tMs; 0 before the
 * first point). Points must be in time order, as every source writes them (O(log n)).
 */
export function valueAt(series: PlatformSeries, tMs: number): number {
  // Points are in time order (every source writes them so): binary search for the last <= tMs.
  const points = series.points;
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] <= tMs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return 0;
  return isPercent(series) ? points[found][1] / 100 : points[found][1];
}

/**
 * sum, mean, min, max and the nearest-rank percentile (`p95`, `p99.9`) of a list; null for an
 * empty list or an aggregate name that is none of these.
 */
export function aggregate(values: number[], how: string): number | null {
  if (values.length === 0) return null;
  switch (how) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return maxOf(values);
    case 'min':
      return minOf(values);
    default: {
      const percentile = percentileOf(how);
      if (percentile === undefined) return null;
      const q = percentile / 100;
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
    }
  }
}

/** runDurationSec: the run's length, from its timeline (one entry a second), else its timestamps. */
export function runDurationSec(record: RunRecord): number {
  if (record.timeline.length > 0)
    return record.timeline.reduce((m, e) => Math.max(m, e.second + 1), 0);
  if (record.endedAt === null) return 0;
  return Math.max(0, (Date.parse(record.endedAt) - Date.parse(record.startedAt)) / 1000);
}
