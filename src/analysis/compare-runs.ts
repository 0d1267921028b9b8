/**
 * compareRuns: run B against run A (before/after a change, on-demand vs LMI): the deltas of
 * latency, error and throttle rates, rate, cost and utilization, overall and per request name,
 * and the verdicts of `--max-regression` limits. A limit is either relative (`p99=10%`: B at most
 * 10% worse than A) or absolute in the metric's own unit (`throttle_rate=+0.5pp`: at most 0.5
 * percentage points more; `p99=+50ms`: at most 50 ms slower; `dropped=+100`). A relative limit
 * against a zero baseline fails whenever B is worse at all (the change is "from 0"). Pure.
 */
import { UsageError } from '../errors.js';
import type { RunRecord } from '../record/run-record.js';
import { comparisonWarnings } from './comparison-warnings.js';
import { observeMetric } from './observe-metric.js';

/** One compared quantity. `relative` = (b − a) / a; null when a is 0 or either side is missing. */
export interface ComparisonRow {
  /** `p99`, `error_rate`, ..., `p99{request=getNote}`, `cost:<scenario>`. */
  key: string;
  label: string;
  unit: 'ms' | 'fraction' | 'count' | 'perSec' | 'usd';
  a: number | null;
  b: number | null;
  delta: number | null;
  relative: number | null;
  /** A was 0 and B is not: the change has no relative size. */
  fromZero: boolean;
  /** Direction of a regression: for `rps` a drop is worse, for everything else a rise. */
  higherIsWorse: boolean;
}

/**
 * A `--max-regression key=limit` rule. `relative`: a worsening of more than `limit` × |A| fails;
 * `absolute`: a worsening of more than `limit` in the metric's unit (fractions for rates, ms for
 * latencies) fails. `text` is the limit as the user wrote it.
 */
export interface MaxRegression {
  key: string;
  limit: number;
  mode: 'relative' | 'absolute';
  text: string;
}

export interface RegressionResult extends MaxRegression {
  verdict: 'pass' | 'fail' | 'unknown';
  /**
   * The worsening observed, in the limit's mode: relative (Infinity when A was 0 and B is worse)
   * or absolute (in the metric's unit); null when the metric is missing from either run.
   */
  regression: number | null;
  /** The row that decided the verdict (the worst one, for `cost` over every scenario). */
  row: ComparisonRow | null;
}

export interface Comparison {
  a: { runId: string; platform?: string };
  b: { runId: string; platform?: string };
  rows: ComparisonRow[];
  regressions: RegressionResult[];
  /** Why the comparison may mislead (comparison-warnings.ts); empty when nothing does. */
  warnings: string[];
}

type Unit = ComparisonRow['unit'];

const HTTP_KEYS: Array<[key: string, metric: string, unit: Unit, label: string]> = [
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

/** The metrics compared per request name (rows keyed `p99{request=getNote}`). */
const PER_REQUEST_KEYS = new Set(['p50', 'p99', 'error_rate', 'throttle_rate']);

/** Keys a `--max-regression` may name (plus `cost`, which covers every scenario's $ per million). */
export const REGRESSION_KEYS = [...HTTP_KEYS.map(([k]) => k), 'cost'];

function unitOf(key: string): Unit {
  if (key === 'cost') return 'usd';
  return HTTP_KEYS.find(([k]) => k === key)?.[2] ?? 'count';
}

const LIMIT_PATTERN =
  /^\s*([a-z_0-9.]+)(\{request=([^}]+)\})?\s*=\s*(\+?)\s*([0-9]*\.?[0-9]+)\s*(%|pp|ms|s)?\s*$/i;

/**
 * parseMaxRegression reads `p99=10%` or `p99=0.1` (relative), `throttle_rate=+0.5pp`,
 * `p99=+50ms`, `p99=+0.2s`, `dropped=+100` (absolute), optionally per request:
 * `p99{request=getNote}=+50ms`. Throws UsageError naming the flag for anything else, including
 * a unit that does not fit the metric (pp for rates only, ms/s for latencies only).
 */
export function parseMaxRegression(text: string): MaxRegression {
  const m = LIMIT_PATTERN.exec(text);
  const base = m?.[1].replace(/^(http|generator|lambda|lmi)\./, '');
  const fail = (why: string) =>
    new UsageError(
      `--max-regression ${text}: ${why}; e.g. p99=10% (relative), p99=+50ms, throttle_rate=+0.5pp (absolute); metrics: ${REGRESSION_KEYS.join(', ')}`,
    );
  if (!m || !base || !REGRESSION_KEYS.includes(base)) throw fail('expected <metric>=<limit>');
  if (m[3] !== undefined && (!PER_REQUEST_KEYS.has(base) || m[3].trim() === ''))
    throw fail(`a per-request limit takes one of ${[...PER_REQUEST_KEYS].join(', ')}`);
  const key = m[3] !== undefined ? `${base}{request=${m[3].trim()}}` : base;
  const [plus, number, suffix] = [m[4] === '+', Number(m[5]), (m[6] ?? '').toLowerCase()];
  const unit = unitOf(base);
  if (suffix === 'pp' && unit !== 'fraction') throw fail(`pp (percentage points) is for rates`);
  if ((suffix === 'ms' || suffix === 's') && unit !== 'ms')
    throw fail(`${suffix} is for latencies`);
  if (suffix === 'pp') return { key, limit: number / 100, mode: 'absolute', text };
  if (suffix === 'ms') return { key, limit: number, mode: 'absolute', text };
  if (suffix === 's') return { key, limit: number * 1000, mode: 'absolute', text };
  if (suffix === '%') {
    if (plus) throw fail('a relative limit has no "+" (write p99=10%; absolute: p99=+50ms)');
    return { key, limit: number / 100, mode: 'relative', text };
  }
  if (plus) {
    if (unit === 'fraction' || unit === 'ms')
      throw fail(
        `an absolute limit on ${base} needs its unit (${unit === 'ms' ? 'ms or s' : 'pp'})`,
      );
    return { key, limit: number, mode: 'absolute', text };
  }
  // A bare number is a fraction of A; above 1 it is almost surely meant otherwise (p99=50).
  if (number > 1) {
    const absolute = unit === 'ms' ? `+${m[5]}ms` : unit === 'fraction' ? `+${m[5]}pp` : `+${m[5]}`;
    throw fail(
      `a bare number is a fraction of A (0.1 is 10%): write ${m[5]}% for a relative limit, or ${absolute} for an absolute one`,
    );
  }
  return { key, limit: number, mode: 'relative', text };
}

function row(key: string, label: string, unit: Unit, a: number | null, b: number | null) {
  const both = a !== null && b !== null;
  return {
    key,
    label,
    unit,
    a,
    b,
    delta: both ? b - a : null,
    relative: both && a !== 0 ? (b - a) / a : null,
    fromZero: both && a === 0 && b !== 0,
    higherIsWorse: !key.startsWith('rps'),
  };
}

function observed(record: RunRecord, metric: string, labels: Record<string, string> = {}) {
  return observeMetric(record, metric, undefined, labels).value;
}

/** Per request name present in both runs: p50, p99, error and throttle rate. */
function perRequestRows(a: RunRecord, b: RunRecord): ComparisonRow[] {
  const names = Object.keys(a.byRequest)
    .filter((n) => n in b.byRequest)
    .sort();
  return names.flatMap((name) =>
    HTTP_KEYS.filter(([key]) => PER_REQUEST_KEYS.has(key)).map(([key, metric, unit, label]) =>
      row(
        `${key}{request=${name}}`,
        `${name}: ${label}`,
        unit,
        observed(a, metric, { request: name }),
        observed(b, metric, { request: name }),
      ),
    ),
  );
}

/** compareRuns computes every row available in either record and judges each limit. */
export function compareRuns(a: RunRecord, b: RunRecord, limits: MaxRegression[] = []): Comparison {
  const rows: ComparisonRow[] = HTTP_KEYS.map(([key, metric, unit, label]) =>
    row(key, label, unit, observed(a, metric), observed(b, metric)),
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
      row(
        `utilization:${scenario.name}`,
        `${scenario.name}: utilization`,
        'fraction',
        scenario.utilization,
        other?.utilization ?? null,
      ),
    );
  }
  rows.push(...perRequestRows(a, b).filter((r) => r.a !== null || r.b !== null));
  return {
    a: { runId: a.runId, platform: a.target.platform },
    b: { runId: b.runId, platform: b.target.platform },
    rows,
    regressions: limits.map((limit) => judge(limit, rows)),
    warnings: comparisonWarnings(a, b),
  };
}

/** How much worse B is than A, in the limit's mode; null when a side is missing. */
export function worsening(r: ComparisonRow, mode: MaxRegression['mode']): number | null {
  if (r.a === null || r.b === null) return null;
  const change = r.higherIsWorse ? r.b - r.a : r.a - r.b;
  if (mode === 'absolute') return change;
  if (r.a === 0) return change > 0 ? Infinity : 0;
  return change / Math.abs(r.a);
}

function judge(limit: MaxRegression, rows: ComparisonRow[]): RegressionResult {
  const matching = rows.filter((r) =>
    limit.key === 'cost' ? r.key.startsWith('cost:') : r.key === limit.key,
  );
  let worst: { value: number; row: ComparisonRow } | null = null;
  for (const r of matching) {
    const value = worsening(r, limit.mode);
    if (value !== null && (worst === null || value > worst.value)) worst = { value, row: r };
  }
  if (!worst) return { ...limit, verdict: 'unknown', regression: null, row: null };
  return {
    ...limit,
    verdict: worst.value > limit.limit + 1e-12 ? 'fail' : 'pass',
    regression: worst.value,
    row: worst.row,
  };
}
