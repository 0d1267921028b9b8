/**
 * MetricRequest: one CloudWatch metric statistic the aws source asks for, and the platform series
 * it feeds. Several requests may feed one series (one per LMI instance type); `combine` says how
 * their values at the same timestamp merge. Plain data; built by buildMetricRequests.
 */

/** A CloudWatch dimension. */
export interface Dimension {
  Name: string;
  Value: string;
}

/** The platform series a request feeds; identity is name + labels + stat. */
export interface SeriesTarget {
  name: string;
  labels: Record<string, string>;
  stat: string;
  unit: string;
  /** Multiplies every CloudWatch value (0.01 turns percent into a 0..1 fraction). */
  scale: number;
  /** How values of several requests at one timestamp merge (default: sum). */
  combine: 'sum' | 'avg';
}

export interface MetricRequest {
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  /** CloudWatch statistic: Sum, Maximum, Average, or a percentile such as p99. */
  stat: string;
  periodSec: number;
  target: SeriesTarget;
}

/** True for percentile statistics (p50, p99.9, tm99, ...), which are queried in calls of their own. */
export function isPercentileStat(stat: string): boolean {
  return /^(p|tm|tc|ts|wm|pr)[\d.(]/i.test(stat);
}

/** A stable key for a series target, `name{k=v,...}#stat`. Pure. */
export function seriesKey(target: {
  name: string;
  labels: Record<string, string>;
  stat: string;
}): string {
  const labels = Object.keys(target.labels)
    .sort()
    .map((k) => `${k}=${target.labels[k]}`)
    .join(',');
  return `${target.name}{${labels}}#${target.stat}`;
}
