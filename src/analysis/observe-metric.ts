/**
 * observeMetric: the observed value of one gate metric in a run record (DESIGN.md, "Gate
 * language"), or null with the reason when the record does not have it. Pure; works on the
 * partial record of a running test too. Rates and utilizations are fractions, times are ms.
 */
import { gateLabelKeys, isRunTotal } from '../profile/gate-expression.js';
import type { GateSpec } from '../profile/types.js';
import { decodeHistogram, percentileMs } from '../record/latency-histogram.js';
import { percentileOf } from '../record/percentile-name.js';
import type { LatencySummary, RunRecord, Totals } from '../record/run-record.js';
import {
  aggregate,
  combinedValues,
  pointValues,
  runDurationSec,
  selectSeries,
} from '../record/platform-series.js';
import { unfilledCaptures } from './unfilled-captures.js';
import { observeDurable } from './observe-durable.js';

/** The value, or null with a reason ("not collected", "unknown metric", ...). */
export type Observation = { value: number; note?: string } | { value: null; note: string };

type Aggregate = NonNullable<GateSpec['aggregate']>;

/** Platform counters: summed over the run unless an aggregate says otherwise. */
const COUNTERS = new Set(['throttles', 'errors', 'invocations', 'count', '4xx', '5xx', 'dropped']);
/** Platform gauges whose natural summary is the maximum. */
const PEAK_GAUGES = new Set(['lambda.concurrent_executions', 'lmi.instances']);
const LATENCY_FIELDS = new Set(['p50', 'p90', 'p95', 'p99', 'p999', 'max', 'mean']);

/** observeMetric reads `metric` (with optional aggregate and labels) from the record. */
export function observeMetric(
  record: RunRecord,
  metric: string,
  aggregateName: Aggregate | undefined,
  labels: Record<string, string>,
): Observation {
  // A parsed gate names only labels its metric reads; a gate read back from an older record may
  // name another, which would be judged on everything (or never): unknown instead.
  const keys = gateLabelKeys(metric);
  const unread = Object.keys(labels).filter((key) => !keys.includes(key));
  if (unread.length > 0)
    return {
      value: null,
      note: `${metric} takes ${keys.length === 0 ? 'no labels' : keys.map((k) => `{${k}=...}`).join(' or ')}, not ${unread.join(', ')}`,
    };
  if (aggregateName !== undefined && isRunTotal(metric))
    return { value: null, note: `${metric} is a run total (no .${aggregateName})` };
  const [family, ...rest] = metric.split('.');
  const name = rest.join('.');
  if (family === 'http') return observeHttp(record, name, aggregateName, labels);
  if (metric === 'checks.failure_rate') return observeCheckFailures(record, labels);
  if (metric === 'flows.abandoned_rate') return observeAbandonedFlows(record, labels);
  if (family === 'generator') return observeGenerator(record, name, aggregateName, labels);
  if (family === 'invoke') return observeInvoke(record, name, aggregateName, labels);
  if (family === 'durable') return observeDurable(record, name, labels);
  if (metric === 'captures.unfilled') {
    const unfilled = unfilledCaptures(record);
    return unfilled === null
      ? { value: null, note: 'capture counts were not recorded (simulate)' }
      : { value: unfilled.length };
  }
  if (family === 'apigw' && /^[45]xx_rate$/.test(name))
    return observeApigwRate(record, name.slice(0, 3), aggregateName, labels);
  if (family === 'lambda' || family === 'lmi' || family === 'apigw') {
    const series = selectSeries(record, metric, labels);
    if (series.length === 0) return { value: null, note: notCollectedNote(record, metric) };
    const how =
      aggregateName ?? (COUNTERS.has(name) ? 'sum' : PEAK_GAUGES.has(metric) ? 'max' : 'avg');
    // Several matching series (one a function or capacity provider) combine a timestamp first:
    // the account's concurrency at a moment is the sum over functions, not the largest one.
    const value = aggregate(combinedValues(series), how);
    return value === null ? { value: null, note: `${metric} has no datapoints` } : { value };
  }
  return { value: null, note: `unknown metric ${metric}` };
}

/**
 * Why a platform metric has no series. A model run of the on-demand platform (simulate, or run on
 * the embedded target) never makes `lmi.*` series, so the note says so first (a terminal line
 * clips it) and how to get them.
 */
function notCollectedNote(record: RunRecord, metric: string): string {
  const { kind, platform } = record.target;
  if (metric.startsWith('lmi.') && kind !== 'external' && platform === 'on-demand')
    return `the run is on-demand, so it has no LMI series such as ${metric} (simulate or run with --platform lmi for them)`;
  return `${metric} was not collected`;
}

/**
 * invoke.*: the Lambda Invoke outcomes of the whole run or one request (`{request=...}`):
 * throttle_rate and function_error_rate (fractions of the Invokes sent), throttles and
 * function_errors (counts). Run totals only (no per-second aggregate).
 */
function observeInvoke(
  record: RunRecord,
  name: string,
  how: Aggregate | undefined,
  labels: Record<string, string>,
): Observation {
  if (!record.invoke) return { value: null, note: 'the run sent no Lambda Invokes' };
  const c =
    labels.request === undefined ? record.invoke.totals : record.invoke.byRequest[labels.request];
  if (!c) return { value: null, note: `no request named ${labels.request} in this run` };
  if (name === 'throttles') return { value: c.throttled };
  if (name === 'function_errors') return { value: c.functionErrors };
  if (name === 'throttle_rate') return ratio(c.throttled, c.sent, 'invoke throttle rate');
  if (name === 'function_error_rate')
    return ratio(c.functionErrors, c.sent, 'invoke function error rate');
  return { value: null, note: `unknown metric invoke.${name}` };
}

function totalsFor(record: RunRecord, labels: Record<string, string>): Totals | null {
  if (labels.request === undefined) return record.totals;
  return record.byRequest[labels.request] ?? null;
}

function ratio(part: number, whole: number, what: string): Observation {
  return whole > 0
    ? { value: part / whole }
    : { value: null, note: `no requests sent, ${what} undefined` };
}

function observeHttp(
  record: RunRecord,
  name: string,
  how: Aggregate | undefined,
  labels: Record<string, string>,
): Observation {
  const totals = totalsFor(record, labels);
  if (totals === null)
    return { value: null, note: `no request named ${labels.request} in this run` };
  if (how !== undefined && PER_SECOND_COUNTS.has(name))
    return observePerSecond(record, name, how, labels);
  if (name === 'error_rate') return ratio(totals.errors, totals.sent, 'error rate');
  if (name === 'throttle_rate') return ratio(totals.throttled, totals.sent, 'throttle rate');
  if (name === 'rps') return observeRps(record, how, labels);
  if (name === '4xx_rate') return ratio(statusCount(totals, '4xx'), totals.sent, '4xx rate');
  if (name === 'aborted' || name === 'aborted_rate') return observeAborted(totals, name);
  if (name === 'status' || name === 'status_rate') {
    if (labels.code === undefined) return { value: null, note: `http.${name} needs {code=...}` };
    const n = statusCount(totals, labels.code);
    return name === 'status' ? { value: n } : ratio(n, totals.sent, `status ${labels.code} rate`);
  }
  const percentile = percentileOf(name);
  if (!LATENCY_FIELDS.has(name) && percentile === undefined)
    return { value: null, note: `unknown metric http.${name}` };
  if (!LATENCY_FIELDS.has(name) && percentile !== undefined)
    return observeAnyPercentile(record, percentile, how, labels);
  const field = name as keyof LatencySummary;
  if (how !== undefined) {
    if (labels.request !== undefined)
      return { value: null, note: 'per-second latency is recorded for all requests only' };
    const perSecond = record.timeline.flatMap((e) => {
      const v = e.latencyMs?.[field];
      return v === undefined ? [] : [v];
    });
    const value = aggregate(perSecond, how);
    return value === null ? { value: null, note: 'no latency recorded' } : { value };
  }
  const summary =
    labels.request === undefined
      ? record.latencyMs.overall
      : record.latencyMs.byRequest[labels.request];
  const value = summary?.[field];
  if (value !== undefined) return { value };
  if (summary && percentile !== undefined)
    return observeAnyPercentile(record, percentile, how, labels);
  return { value: null, note: 'no latency recorded' };
}

/**
 * http.aborted and http.aborted_rate (over sent): requests that got no reply before the drain's
 * grace ended. They are neither errors nor completed, so no other metric sees them.
 */
function observeAborted(totals: Totals, name: 'aborted' | 'aborted_rate'): Observation {
  if (totals.aborted === undefined)
    return { value: null, note: 'aborted requests were not recorded (an older record)' };
  return name === 'aborted'
    ? { value: totals.aborted }
    : ratio(totals.aborted, totals.sent, 'aborted rate');
}

/** Replies with status `code` (`403`) or in class `code` (`4xx`: 400-499, 429 included). */
function statusCount(totals: Pick<Totals, 'byStatus'>, code: string): number {
  const klass = /^([1-5])xx$/.exec(code);
  let n = 0;
  for (const [status, count] of Object.entries(totals.byStatus)) {
    if (klass ? status.startsWith(klass[1]) && status.length === 3 : status === code) n += count;
  }
  return n;
}

/**
 * A percentile the summary does not store (`http.p99.9`, `http.p75`), from the encoded merged
 * histogram (overall, or of one request). Per-second aggregates read the stored fields only.
 */
function observeAnyPercentile(
  record: RunRecord,
  percentile: number,
  how: Aggregate | undefined,
  labels: Record<string, string>,
): Observation {
  if (how !== undefined)
    return { value: null, note: 'per-second latency stores p50, p90, p95, p99 and p999 only' };
  const encoded =
    labels.request === undefined
      ? record.latencyMs.encodedHistogram
      : record.latencyMs.encodedByRequest?.[labels.request];
  if (!encoded) return { value: null, note: 'no latency histogram recorded' };
  const histogram = decodeHistogram(encoded);
  const value = percentileMs(histogram, percentile);
  histogram.destroy();
  return { value };
}

/**
 * checks.failure_rate: failed checks / all checks run (as k6 counts its checks), of the whole run,
 * one request (`{request=...}`) or one flow's steps (`{flow=...}`).
 */
function observeCheckFailures(record: RunRecord, labels: Record<string, string>): Observation {
  const checks = record.checks;
  if (!checks) return { value: null, note: 'no request has expect: checks' };
  if (labels.request !== undefined && labels.flow !== undefined)
    return { value: null, note: 'checks.failure_rate takes {request=...} or {flow=...}, not both' };
  let counts: { passed: number; failed: number } | undefined = checks;
  if (labels.request !== undefined) counts = checks.byRequest[labels.request];
  else if (labels.flow !== undefined)
    counts = record.flows?.find((flow) => flow.name === labels.flow)?.checks;
  if (!counts) return { value: null, note: 'no checks ran for that label' };
  return ratio(counts.failed, counts.passed + counts.failed, 'check failure rate');
}

/**
 * flows.abandoned_rate: flow instances ended early (a step needed a variable no earlier reply
 * gave) over instances started, of every flow or one (`{flow=...}`). Their unsent steps run no
 * checks, so no other metric sees them.
 */
function observeAbandonedFlows(record: RunRecord, labels: Record<string, string>): Observation {
  if (!record.flows) return { value: null, note: 'the run has no flows' };
  const flows =
    labels.flow === undefined ? record.flows : record.flows.filter((f) => f.name === labels.flow);
  if (flows.length === 0) return { value: null, note: `no flow named ${labels.flow} in this run` };
  const abandoned = flows.reduce((n, f) => n + f.abandoned, 0);
  const started = flows.reduce((n, f) => n + f.iterations, 0);
  return started > 0
    ? { value: abandoned / started }
    : { value: null, note: 'no flow instance started, abandoned rate undefined' };
}

/** http metrics counted in each timeline entry too, so an aggregate reads them second by second. */
const PER_SECOND_COUNTS = new Set([
  'error_rate',
  'throttle_rate',
  '4xx_rate',
  'status',
  'status_rate',
]);

/**
 * An aggregate of a per-second count or rate (`http.error_rate.max`: the worst second's error
 * rate), from the timeline; a rate's seconds are those that sent something.
 */
function observePerSecond(
  record: RunRecord,
  name: string,
  how: Aggregate,
  labels: Record<string, string>,
): Observation {
  if (labels.request !== undefined)
    return { value: null, note: `per-second http.${name} is recorded for all requests only` };
  const code = name === '4xx_rate' ? '4xx' : labels.code;
  if ((name === 'status' || name === 'status_rate') && code === undefined)
    return { value: null, note: `http.${name} needs {code=...}` };
  const values = record.timeline.flatMap((e) => {
    const n =
      name === 'error_rate'
        ? e.errors
        : name === 'throttle_rate'
          ? e.throttled
          : statusCount(e, code ?? '');
    if (name === 'status') return [n];
    return e.sent > 0 ? [n / e.sent] : [];
  });
  const value = aggregate(values, how);
  return value === null ? { value: null, note: 'no second sent a request' } : { value };
}

/** Achieved rate: completed requests per second; avg over the run, or an aggregate of seconds. */
function observeRps(
  record: RunRecord,
  how: Aggregate | undefined,
  labels: Record<string, string>,
): Observation {
  if (how === undefined || how === 'avg') {
    const durationSec = runDurationSec(record);
    const totals = totalsFor(record, labels);
    if (durationSec === 0 || totals === null) return { value: null, note: 'no timeline' };
    return { value: totals.completed / durationSec };
  }
  if (labels.request !== undefined)
    return { value: null, note: 'per-second rates are recorded for all requests only' };
  const value = aggregate(
    record.timeline.map((e) => e.completed),
    how,
  );
  return value === null ? { value: null, note: 'no timeline' } : { value };
}

function observeGenerator(
  record: RunRecord,
  name: string,
  how: Aggregate | undefined,
  labels: Record<string, string>,
): Observation {
  if (name === 'dropped' && how !== undefined) {
    if (labels.request !== undefined)
      return { value: null, note: 'per-second drops are recorded for all requests only' };
    const value = aggregate(
      record.timeline.map((e) => e.dropped),
      how,
    );
    return value === null ? { value: null, note: 'no timeline' } : { value };
  }
  if (name === 'dropped') {
    const totals = totalsFor(record, labels);
    return totals
      ? { value: totals.dropped }
      : { value: null, note: `no request named ${labels.request}` };
  }
  const lateness = /^lateness_(p50|p90|p99|p999|max|mean)$/.exec(name);
  if (lateness && how !== undefined) {
    // Each second records its lateness p99 only.
    if (lateness[1] !== 'p99') return { value: null, note: `generator.${name} is a run total` };
    const perSecond = record.timeline.flatMap((e) =>
      e.latenessP99Ms === null ? [] : [e.latenessP99Ms],
    );
    const value = aggregate(perSecond, how);
    return value === null
      ? { value: null, note: 'generator lateness was not recorded' }
      : { value };
  }
  if (lateness) {
    if (record.latenessMs === null)
      return { value: null, note: 'generator lateness was not recorded' };
    const value = record.latenessMs[lateness[1] as keyof LatencySummary];
    return value === undefined ? { value: null, note: 'not recorded' } : { value };
  }
  return { value: null, note: `unknown metric generator.${name}` };
}

/** apigw.5xx_rate = Σ apigw.5xx / Σ apigw.count (or an aggregate of the per-period ratios). */
function observeApigwRate(
  record: RunRecord,
  klass: string,
  how: Aggregate | undefined,
  labels: Record<string, string>,
): Observation {
  const errors = selectSeries(record, `apigw.${klass}`, labels);
  const counts = selectSeries(record, 'apigw.count', labels);
  if (errors.length === 0 || counts.length === 0) {
    return { value: null, note: `apigw.${klass} and apigw.count were not collected` };
  }
  if (how === undefined) return ratio(sumOf(errors), sumOf(counts), `apigw.${klass}_rate`);
  const countAt = new Map<number, number>();
  for (const s of counts) for (const [t, v] of s.points) countAt.set(t, (countAt.get(t) ?? 0) + v);
  const errorAt = new Map<number, number>();
  for (const s of errors) for (const [t, v] of s.points) errorAt.set(t, (errorAt.get(t) ?? 0) + v);
  const ratios = [...countAt].filter(([, c]) => c > 0).map(([t, c]) => (errorAt.get(t) ?? 0) / c);
  const value = aggregate(ratios, how);
  return value === null ? { value: null, note: 'apigw.count has no datapoints' } : { value };
}

function sumOf(series: RunRecord['platform']['series']): number {
  return pointValues(series).reduce((a, b) => a + b, 0);
}
