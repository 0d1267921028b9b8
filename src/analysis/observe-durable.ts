/**
 * observeDurable: the gate metrics of durable executions (`durable.success_rate`, `durable.p99`,
 * `durable.running`, each optionally `{request=NAME}`), from the record's `durable` section.
 * success_rate = SUCCEEDED / started (executions still running at the end count against it);
 * p99 = the 99th percentile of the end-to-end durations of the executions that ended (HDR, all
 * requests merged); running = executions still RUNNING when following stopped. With
 * `poll: cloudwatch` the record has no statuses: success_rate and running come from the durable
 * platform series (DurableExecutionSucceeded / DurableExecutionStarted, the last
 * ApproximateRunningDurableExecutions), and p99 is unknown. Pure.
 */
import { addEncoded, createLatencyHistogram, percentileMs } from '../record/latency-histogram.js';
import { selectSeries } from '../record/platform-series.js';
import type { DurableRequestStats, RunRecord } from '../record/run-record.js';
import type { Observation } from './observe-metric.js';

export function observeDurable(
  record: RunRecord,
  name: string,
  labels: Record<string, string>,
): Observation {
  const durable = record.durable;
  if (!durable) return { value: null, note: 'the run has no durable requests' };
  const slices = Object.entries(durable.byRequest)
    .filter(([request]) => labels.request === undefined || request === labels.request)
    .map(([, stats]) => stats);
  if (slices.length === 0) return { value: null, note: `no durable request ${labels.request}` };
  if (durable.pollMode === 'cloudwatch') return fromSeries(record, name);
  const started = slices.reduce((t, s) => t + s.started, 0);
  if (name === 'running') return { value: slices.reduce((t, s) => t + s.running, 0) };
  if (name === 'success_rate') {
    if (started === 0) return { value: null, note: 'no durable execution was started' };
    return { value: slices.reduce((t, s) => t + (s.byStatus.SUCCEEDED ?? 0), 0) / started };
  }
  if (name === 'p99') return durationP99(slices);
  return { value: null, note: `unknown metric durable.${name}` };
}

function durationP99(slices: DurableRequestStats[]): Observation {
  const h = createLatencyHistogram();
  for (const s of slices) addEncoded(h, s.encodedDuration);
  const value = h.totalCount > 0 ? percentileMs(h, 99) : null;
  h.destroy();
  return value === null ? { value: null, note: 'no durable execution ended' } : { value };
}

function fromSeries(record: RunRecord, name: string): Observation {
  const sum = (metric: string) =>
    selectSeries(record, metric, {}).reduce(
      (t, s) => t + s.points.reduce((u, [, v]) => u + v, 0),
      0,
    );
  if (name === 'success_rate') {
    const started = sum('lambda.durable_executions_started');
    return started > 0
      ? { value: sum('lambda.durable_executions_succeeded') / started }
      : { value: null, note: 'poll: cloudwatch and no DurableExecutionStarted datapoints' };
  }
  if (name === 'running') {
    const series = selectSeries(record, 'lambda.durable_executions_running', {});
    if (series.length === 0)
      return { value: null, note: 'poll: cloudwatch and no ApproximateRunningDurableExecutions' };
    return {
      value: series.reduce((t, s) => t + (s.points[s.points.length - 1]?.[1] ?? 0), 0),
    };
  }
  return { value: null, note: `durable.${name} needs status polling (poll: cloudwatch has none)` };
}
