/**
 * compareRuns: run B against run A (before/after a change, on-demand vs LMI): the deltas of
 * latency, error and throttle rates, rate, cost and utilization, and the verdicts of
 * `--max-regression` limits. Pure.
 */
import { UsageError } from '../errors.js';
import type { RunRecord } from '../record/run-record.js';
import { comparisonWarnings } from './comparison-warnings.js';
import { observeMetric } from './observe-metric.js';
import { maxOf } from '../record/extremes.js';

/** One compared quantity. `relative` = (b − a) / a; null when a is 0 or either side is missing. */
export interface ComparisonRow {
  key: string;
  label: string;
  unit: 'ms' | 'fraction' | 'count' | 'perSec' | 'usd';
  a: number | null;
  b: number | null;
  delta: number | null;
  relative: number | null;
  /** Direction of a regression: for `rps` a drop is worse, for everything else a rise. */
  higherIsWorse: boolean;
}

/** A `--max-regression key=limit` rule: a worsening of more than `limit` (relative) fails. */
export interface MaxRegression {
  key: string;
  limit: number;
}

export interface RegressionResult extends MaxRegression {
  verdict: 'pass' | 'fail' | 'unknown';
  /** The relative worsening observed (Infinity when A was 0 and B is not). */
  regression: number | null;
}

export interface Comparison {
  a: { runId: string; platform?: string };
  b: { runId: string; platform?: string };
  rows: ComparisonRow[];
  regressions: RegressionResult[];
  /** Why the comparison may mislead (comparison-warnings.ts); empty when nothing does. */
  warnings: string[];
}

const HTTP_KEYS: Array<[key: string, metric: string, unit: ComparisonRow['unit'], label: string]> =
  [
    ['p50', 'http.p50', 'ms', 'latency p50'],
    ['p90', 'http.p90', 'ms', 'latency p90'],
    ['p99', 'http.p99', 'ms', 'latency p99'],
    ['max', 'http.max', 'ms', 'latency max'],
    ['error_rate', 'http.error_rate', 'fraction', 'error rate'],
    ['throttle_rate', 'http.throttle_rate', 'fraction', 'throttle rate (429)'],
    ['rps', 'http.rps', 'perSec', 'achieved rate'],
    ['dropped', 'generator.dropped', 'count', 'dropped by generator'],
    ['throttles', 'lambda.throttles', 'count', 'Lambda throttles'],
    ['cpu_utilization', 'lmi.cpu_utilization', 'fraction', 'LMI CPU utilization (avg)'],
    ['instances', 'lmi.instances', 'count', 'LMI instances (max)'],
  ];

/** Keys a `--max-regression` may name (plus `cost`, which covers every scenario's $ per million). */
export const REGRESSION_KEYS = [...HTTP_KEYS.map(([k]) => k), 'cost'];

/** parseMaxRegression reads `p99=10%` (or `p99=0.1`); throws UsageError for anything else. */
export function parseMaxRegression(text: string): MaxRegression {
  const match = /^\s*([a-z_0-9.]+)\s*=\s*([0-9]*\.?[0-9]+)\s*(%?)\s*$/i.exec(text);
  const key = match?.[1].replace(/^(http|generator|lambda|lmi)\./, '');
  if (!match || !key || !REGRESSION_KEYS.includes(key)) {
    throw new UsageError(
      `--max-regression ${text}: expected <metric>=<limit>, e.g. p99=10%; metrics: ${REGRESSION_KEYS.join(', ')}`,
    );
  }
  const limit = Number(match[2]) / (match[3] === '%' ? 100 : 1);
  return { key, limit };
}

function row(
  key: string,
  label: string,
  unit: ComparisonRow['unit'],
  a: number | null,
  b: number | null,
): ComparisonRow {
  const both = a !== null && b !== null;
  return {
    key,
    label,
    unit,
    a,
    b,
    delta: both ? b - a : null,
    relative: both && a !== 0 ? (b - a) / a : null,
    higherIsWorse: key !== 'rps',
  };
}

/** compareRuns computes every row available in both records and judges each limit. */
export function compareRuns(a: RunRecord, b: RunRecord, limits: MaxRegression[] = []): Comparison {
  const rows = HTTP_KEYS.map(([key, metric, unit, label]) =>
    row(
      key,
      label,
      unit,
      observeMetric(a, metric, undefined, {}).value,
      observeMetric(b, metric, undefined, {}).value,
    ),
  ).filter((r) => r.a !== null || r.b !== null);
  for (const scenario of a.cost?.scenarios ?? []) {
    const other = b.cost?.scenarios.find((s) => s.name === scenario.name);
    rows.push(
      row(
        `cost:${scenario.name}`,
        `${scenario.name}: $ per 1M requests`,
        'usd',
        scenario.perMillionUsd,
        other?.perMillionUsd ?? null,
      ),
    );
    rows.push(
      row(
        `utilization:${scenario.name}`,
        `${scenario.name}: utilization`,
        'fraction',
        scenario.utilization,
        other?.utilization ?? null,
      ),
    );
  }
  return {
    a: { runId: a.runId, platform: a.target.platform },
    b: { runId: b.runId, platform: b.target.platform },
    rows,
    regressions: limits.map((limit) => judge(limit, rows)),
    warnings: comparisonWarnings(a, b),
  };
}

function worsening(r: ComparisonRow): number | null {
  if (r.a === null || r.b === null) return null;
  const change = r.higherIsWorse ? r.b - r.a : r.a - r.b;
  if (r.a === 0) return change > 0 ? Infinity : 0;
  return change / Math.abs(r.a);
}

function judge(limit: MaxRegression, rows: ComparisonRow[]): RegressionResult {
  const matching = rows.filter((r) =>
    limit.key === 'cost' ? r.key.startsWith('cost:') : r.key === limit.key,
  );
  const values = matching.map(worsening).filter((v): v is number => v !== null);
  if (values.length === 0) return { ...limit, verdict: 'unknown', regression: null };
  const regression = maxOf(values);
  return { ...limit, verdict: regression > limit.limit ? 'fail' : 'pass', regression };
}
