/**
 * The gate grammar: `<metric>[.<aggregate>][{label=value,...}] <op> <number>[unit]`, e.g.
 * `http.p99{request=getNote} < 300ms` or `lambda.concurrent_executions.max <= 900`.
 * Parsing only; src/analysis evaluates GateSpecs. Pure.
 */
import { ProfileError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import type { GateSpec } from './types.js';

/** How a metric's values are measured, which decides the units a threshold may carry. */
export type GateMetricUnit = 'fraction' | 'ms' | 'count' | 'per-second';

/** Every metric a gate may name, with its base unit (fractions are 0..1; `%` divides by 100). */
export const GATE_METRIC_UNITS = {
  'http.error_rate': 'fraction',
  'http.throttle_rate': 'fraction',
  'http.p50': 'ms',
  'http.p90': 'ms',
  'http.p99': 'ms',
  'http.p999': 'ms',
  'http.max': 'ms',
  'http.4xx_rate': 'fraction',
  'http.aborted': 'count',
  'http.aborted_rate': 'fraction',
  'http.status_rate': 'fraction',
  'http.status': 'count',
  'checks.failure_rate': 'fraction',
  'flows.abandoned_rate': 'fraction',
  'http.rps': 'per-second',
  'generator.dropped': 'count',
  'generator.lateness_p99': 'ms',
  'captures.unfilled': 'count',
  'invoke.throttle_rate': 'fraction',
  'invoke.function_error_rate': 'fraction',
  'invoke.throttles': 'count',
  'invoke.function_errors': 'count',
  'lambda.throttles': 'count',
  'lambda.errors': 'count',
  'lambda.concurrent_executions': 'count',
  'lmi.cpu_utilization': 'fraction',
  'lmi.instances': 'count',
  'apigw.5xx_rate': 'fraction',
  'apigw.4xx_rate': 'fraction',
  'durable.success_rate': 'fraction',
  'durable.p99': 'ms',
  'durable.running': 'count',
} as const satisfies Record<string, GateMetricUnit>;

/** A metric name a gate may use. */
export type GateMetric = keyof typeof GATE_METRIC_UNITS;

/** The metric names a gate may use, in documentation order. */
export const KNOWN_GATE_METRICS = Object.keys(GATE_METRIC_UNITS) as readonly GateMetric[];

/** The aggregates a gate may apply to a metric's per-second series (and any `pNN`). */
export const GATE_AGGREGATES = ['avg', 'max', 'min', 'sum', 'p50', 'p90', 'p95', 'p99'] as const;

/** Metrics that need a `{code=...}` label (a status such as 403, or a class such as 4xx). */
const NEEDS_CODE = new Set(['http.status', 'http.status_rate']);

/**
 * The labels a metric reads (observeMetric and the platform series' labels); a gate naming any
 * other would be judged on everything, or never, so it is refused.
 */
export function gateLabelKeys(metric: string): readonly string[] {
  if (NEEDS_CODE.has(metric)) return ['request', 'code'];
  if (metric === 'checks.failure_rate') return ['request', 'flow'];
  if (metric === 'flows.abandoned_rate') return ['flow'];
  if (metric === 'generator.lateness_p99' || metric === 'captures.unfilled') return [];
  const family = metric.slice(0, metric.indexOf('.'));
  if (family === 'lambda') return ['function', 'resource'];
  if (family === 'lmi') return ['capacityProvider', 'instanceType'];
  if (family === 'apigw') return ['api', 'stage'];
  return ['request'];
}

/** The fields a timeline second stores of its latency (an aggregate reads one of these). */
const PER_SECOND_LATENCY = new Set(['p50', 'p90', 'p95', 'p99', 'p999', 'max', 'mean']);

/**
 * perSecondProblem: why an aggregate of seconds (`.max`) of this metric has no per-second values
 * to read, or undefined when it has: the timeline records http.* and generator.dropped for all
 * requests together, and of the latency only the fields it stores.
 */
function perSecondProblem(metric: string, labels: Record<string, string>): string | undefined {
  const perRequest = metric.startsWith('http.') || metric === 'generator.dropped';
  if (perRequest && labels.request !== undefined)
    return `per-second ${metric} is recorded for all requests together, not {request=${labels.request}}`;
  const percentile = /^http\.(p[\d.]+)$/.exec(metric)?.[1];
  if (percentile !== undefined && !PER_SECOND_LATENCY.has(percentile))
    return `per-second latency stores p50, p90, p95, p99, p999, max and mean, not ${percentile}`;
  return undefined;
}

function perSecondHint(
  metric: string,
  labels: Record<string, string>,
  op: string,
  value: string,
): string {
  if (labels.request !== undefined)
    return `gate the whole run's value of the request (${metric}{request=${labels.request}} ${op} ${value}), or every request's seconds (without the label)`;
  return metric === 'http.p99.9'
    ? 'write http.p999.max'
    : 'gate one of the stored fields, or the whole run (without the aggregate)';
}

/**
 * Metrics known only as a total of the whole run (no per-second series): an aggregate
 * (`.max`, `.p99`) of one would have nothing to aggregate, so it is refused.
 */
export function isRunTotal(metric: string): boolean {
  return (
    metric.startsWith('invoke.') ||
    metric.startsWith('durable.') ||
    [
      'checks.failure_rate',
      'flows.abandoned_rate',
      'captures.unfilled',
      'http.aborted',
      'http.aborted_rate',
    ].includes(metric)
  );
}

type Op = GateSpec['op'];

/** Any latency percentile of the replies: `http.p95`, `http.p99.9` (also p50/p90/p99/p999). */
const HTTP_PERCENTILE = /^http\.p(\d{1,2}(\.\d+)?|100|999)$/;
/** A percentile aggregate: `p95`, `p99.9`. */
const PERCENTILE_AGGREGATE = /^p(\d{1,2}(\.\d+)?|100)$/;

const GATE = /^\s*([A-Za-z0-9_.]+)\s*(\{[^}]*\})?\s*(<=|>=|==|!=|<|>|=)\s*(.+?)\s*$/;
const NUMBER_WITH_UNIT = /^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(%|ms|s)?$/;
const LABEL = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("([^"]*)"|[^\s",]+)\s*$/;
const SYNTAX_HINT =
  'write <metric>[.<aggregate>][{label=value}] <op> <number>[unit], e.g. http.p99 < 800ms';

/** The outcome of tryParseGateExpression: a gate, or a message and hint. */
export type GateResult =
  { ok: true; gate: GateSpec } | { ok: false; message: string; hint?: string };

/** Options of a gate beyond its expression (the object form `{ expr, abortOnFail, delay }`). */
export interface GateOptions {
  abortOnFail?: boolean;
  /** Evaluate an aborting gate only after this long into the run. */
  delayMs?: number;
  /**
   * A gate read back from a run record: the label and percentile rules are not applied, so a
   * record written by an earlier version keeps all its gates (one naming nothing is unknown).
   */
  fromRecord?: boolean;
}

/** Parses a gate expression without throwing. */
export function tryParseGateExpression(expr: string, options: GateOptions = {}): GateResult {
  const match = GATE.exec(expr);
  if (!match) return { ok: false, message: `cannot read gate "${expr}"`, hint: SYNTAX_HINT };
  const [, name, labelText, opText, valueText] = match;
  if (opText === '=') return { ok: false, message: `"=" in gate "${expr}"`, hint: 'use "=="' };
  const metric = splitMetric(name, options.fromRecord ?? false);
  if ('message' in metric) return { ok: false, ...metric };
  const labels = parseLabels(labelText, options.fromRecord ?? false);
  if (typeof labels === 'string') return { ok: false, message: `${labels} in gate "${expr}"` };
  const unreadLabel = Object.keys(labels).find(
    (key) => !gateLabelKeys(metric.metric).includes(key),
  );
  if (unreadLabel !== undefined && !options.fromRecord)
    return labelNotRead(unreadLabel, metric.metric, expr);
  if (metric.aggregate !== undefined && isRunTotal(metric.metric) && !options.fromRecord)
    return {
      ok: false,
      message: `${metric.metric} is a run total, with no per-second series for .${metric.aggregate}, in gate "${expr}"`,
      hint: `write ${metric.metric} ${opText} ${valueText}`,
    };
  const perSecond =
    metric.aggregate === undefined || options.fromRecord
      ? undefined
      : perSecondProblem(metric.metric, labels);
  if (perSecond !== undefined)
    return {
      ok: false,
      message: `${perSecond}, in gate "${expr}"`,
      hint: perSecondHint(metric.metric, labels, opText, valueText),
    };
  if (
    metric.metric === 'checks.failure_rate' &&
    labels.request !== undefined &&
    labels.flow !== undefined &&
    !options.fromRecord
  )
    return {
      ok: false,
      message: `checks.failure_rate takes {request=...} or {flow=...}, not both, in gate "${expr}"`,
      hint: "a flow's checks are its steps' checks: gate on the flow, or on one request",
    };
  if (NEEDS_CODE.has(metric.metric) && !/^([1-5]\d\d|[1-5]xx)$/.test(labels.code ?? ''))
    return {
      ok: false,
      message: `${metric.metric} needs a status label in gate "${expr}"`,
      hint: `write ${metric.metric}{code=403} or ${metric.metric}{code=4xx}`,
    };
  const threshold = parseThreshold(
    valueText,
    metricUnit(metric.metric),
    expr,
    options.fromRecord ?? false,
  );
  if (typeof threshold !== 'number') return { ok: false, ...threshold };
  const gate: GateSpec = {
    expr: expr.trim(),
    metric: metric.metric,
    labels,
    op: opText as Op,
    threshold,
    abortOnFail: options.abortOnFail ?? false,
    delayMs: options.delayMs ?? 0,
  };
  if (metric.aggregate) gate.aggregate = metric.aggregate;
  return { ok: true, gate };
}

/**
 * Parses a gate expression (for example from `--gate`), throwing ProfileError(source, [issue])
 * when it cannot be read, so the CLI maps it to exit 2 like any profile error.
 */
export function parseGateExpression(
  expr: string,
  options: GateOptions = {},
  source = '--gate',
): GateSpec {
  const result = tryParseGateExpression(expr, options);
  if (!result.ok)
    throw new ProfileError(source, [{ path: '', message: result.message, hint: result.hint }]);
  return result.gate;
}

/** The base unit of a metric a gate may name (percentiles of http are in ms). */
export function metricUnit(metric: string): GateMetricUnit {
  if (HTTP_PERCENTILE.test(metric)) return 'ms';
  return GATE_METRIC_UNITS[metric as GateMetric];
}

function splitMetric(
  name: string,
  fromRecord: boolean,
): { metric: string; aggregate?: string } | { message: string; hint?: string } {
  // A record of an earlier version may hold `p0`: read back, it is judged unknown, not refused.
  const known = (metric: string) => isKnownMetric(metric, fromRecord);
  const percentile = (text: string) =>
    PERCENTILE_AGGREGATE.test(text) && (fromRecord || Number(text.slice(1)) > 0);
  if (known(name)) return { metric: name };
  const percentileAggregate = /^(.+)\.(p\d{1,2}(?:\.\d+)?|p100)$/.exec(name);
  if (percentileAggregate && known(percentileAggregate[1]) && percentile(percentileAggregate[2]))
    return { metric: percentileAggregate[1], aggregate: percentileAggregate[2] };
  const dot = name.lastIndexOf('.');
  const last = name.slice(dot + 1);
  const prefix = name.slice(0, dot);
  if (dot > 0 && known(prefix)) {
    if ((GATE_AGGREGATES as readonly string[]).includes(last) || percentile(last)) {
      return { metric: prefix, aggregate: last };
    }
    const hint = didYouMean(last, GATE_AGGREGATES) ?? `aggregates: ${GATE_AGGREGATES.join(', ')}`;
    return { message: `unknown aggregate "${last}" of ${prefix}`, hint };
  }
  const hint = didYouMean(name, KNOWN_GATE_METRICS) ?? `metrics: ${KNOWN_GATE_METRICS.join(', ')}`;
  return { message: `unknown metric "${name}"`, hint };
}

/** A gate metric; an http percentile must be above 0 (`http.p0` is no percentile). */
function isKnownMetric(name: string, fromRecord: boolean): boolean {
  return (
    Object.hasOwn(GATE_METRIC_UNITS, name) ||
    (HTTP_PERCENTILE.test(name) && (fromRecord || Number(name.slice('http.p'.length)) > 0))
  );
}

function labelNotRead(key: string, metric: string, expr: string): GateResult {
  const keys = gateLabelKeys(metric);
  return {
    ok: false,
    message: `${metric} has no label "${key}" in gate "${expr}"`,
    hint:
      keys.length === 0
        ? `${metric} takes no labels`
        : (didYouMean(key, keys) ?? `its labels: ${keys.join(', ')}`),
  };
}

/** The labels of `{a=b,c="d"}`; a key given twice is refused (the last would win unseen). */
function parseLabels(
  text: string | undefined,
  fromRecord: boolean,
): Record<string, string> | string {
  const labels: Record<string, string> = {};
  if (text === undefined) return labels;
  const body = text.slice(1, -1);
  if (body.trim() === '') return 'empty label filter';
  for (const pair of body.split(',')) {
    const match = LABEL.exec(pair);
    if (!match) return `bad label "${pair.trim()}" (write key=value)`;
    if (Object.hasOwn(labels, match[1]) && !fromRecord)
      return `label "${match[1]}" given twice (a gate reads one value a label)`;
    labels[match[1]] = match[3] ?? match[2];
  }
  return labels;
}

/**
 * parseThreshold reads `5%`, `0.05`, `800ms`, `2s`, `10` in the metric's base unit. A bare
 * number above 1 for a fraction (`http.error_rate < 5`: 500%, a gate that cannot fail) and a
 * number too large to be finite are refused, but not in a gate read back from a record.
 */
function parseThreshold(
  text: string,
  unit: GateMetricUnit,
  expr: string,
  fromRecord: boolean,
): number | { message: string; hint?: string } {
  const match = NUMBER_WITH_UNIT.exec(text);
  if (!match) {
    return {
      message: `bad threshold "${text}" in gate "${expr}"`,
      hint: 'write a number with an optional unit: %, ms or s',
    };
  }
  const value = Number(match[1]);
  const suffix = match[2];
  if (!fromRecord && !Number.isFinite(value))
    return { message: `threshold "${text}" is not a finite number in gate "${expr}"` };
  if (!fromRecord && unit === 'fraction' && suffix === undefined && value > 1)
    return {
      message: `threshold ${match[1]} of a fraction in gate "${expr}" means ${value * 100}%, which a rate never reaches`,
      hint: `write ${match[1]}%, or ${value / 100} as a fraction 0..1`,
    };
  if (suffix === '%') {
    if (unit !== 'fraction') return unitMismatch(suffix, unit, expr);
    return value / 100;
  }
  if (suffix === 'ms' || suffix === 's') {
    if (unit !== 'ms') return unitMismatch(suffix, unit, expr);
    return suffix === 's' ? value * 1_000 : value;
  }
  return value;
}

function unitMismatch(suffix: string, unit: GateMetricUnit, expr: string) {
  const allowed = {
    fraction: '% or a fraction 0..1',
    ms: 'ms or s',
    count: 'no unit',
    'per-second': 'no unit',
  };
  return {
    message: `unit "${suffix}" does not fit gate "${expr}"`,
    hint: `this metric takes ${allowed[unit]}`,
  };
}
