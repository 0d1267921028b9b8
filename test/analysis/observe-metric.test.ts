import { describe, expect, it } from 'vitest';
import { observeMetric } from '../../src/analysis/observe-metric.js';
import type { PlatformSeries } from '../../src/record/run-record.js';
import { makeRunRecord, T0 } from './fixtures/make-run-record.js';

function series(
  name: string,
  unit: string,
  values: number[],
  labels: Record<string, string>,
): PlatformSeries {
  return {
    name,
    labels,
    source: 'model',
    periodSec: 1,
    stat: 'Maximum',
    unit,
    points: values.map((v, i) => [T0 + i * 1000, v]),
  };
}

// Two functions and two capacity providers, hand-summed a second:
//   concurrency  a: 12 30 5   b: 25 20 1   -> account 37 50 6
//   throttles    a:  0  5 0   b:  3  4 0   -> account  3  9 0, total 12
//   cpu (%)      p: 20 40     q: 60 80     -> average 0.4 0.6
const record = makeRunRecord({
  platform: {
    series: [
      series('lambda.concurrent_executions', 'Count', [12, 30, 5], { function: 'a' }),
      series('lambda.concurrent_executions', 'Count', [25, 20, 1], { function: 'b' }),
      series('lambda.throttles', 'Count', [0, 5, 0], { function: 'a' }),
      series('lambda.throttles', 'Count', [3, 4, 0], { function: 'b' }),
      series('lmi.cpu_utilization', 'Percent', [20, 40], { capacityProvider: 'p' }),
      series('lmi.cpu_utilization', 'Percent', [60, 80], { capacityProvider: 'q' }),
    ],
  },
});

describe('observeMetric over several platform series', () => {
  it.each([
    ['lambda.concurrent_executions', undefined, {}, 50],
    ['lambda.concurrent_executions', 'max', {}, 50],
    ['lambda.concurrent_executions', 'avg', {}, 31],
    ['lambda.concurrent_executions', 'min', {}, 6],
    ['lambda.concurrent_executions', undefined, { function: 'b' }, 25],
    ['lambda.throttles', undefined, {}, 12],
    ['lambda.throttles', 'max', {}, 9],
    ['lambda.throttles', 'p99', {}, 9],
    ['lambda.throttles', 'max', { function: 'a' }, 5],
    ['lmi.cpu_utilization', 'max', {}, 0.6],
    ['lmi.cpu_utilization', undefined, {}, 0.5],
    ['lmi.cpu_utilization', 'max', { capacityProvider: 'q' }, 0.8],
  ] as const)('%s.%s %o = %d', (metric, how, labels, expected) => {
    const observed = observeMetric(record, metric, how, labels);
    expect(observed.value).toBeCloseTo(expected, 12);
  });
});

describe('observeMetric and labels its metric does not read', () => {
  // Only a gate read back from a record can name one (parsing refuses it): it is unknown, never
  // judged on the whole run as if the label were not there.
  it.each([
    ['http.error_rate', { code: '500' }, 'http.error_rate takes {request=...}, not code'],
    ['lambda.throttles', { request: 'getNote' }, 'takes {function=...} or {resource=...}'],
    ['generator.lateness_p99', { request: 'getNote' }, 'takes no labels, not request'],
    ['invoke.throttles', { function: 'a' }, 'invoke.throttles takes {request=...}, not function'],
  ] as const)('%s %o is unknown', (metric, labels, note) => {
    const observed = observeMetric(record, metric, undefined, labels);
    expect(observed.value).toBeNull();
    expect(observed.note).toContain(note);
  });
  it('checks.failure_rate with both request and flow is unknown, not judged on the request', () => {
    const checked = makeRunRecord({
      checks: { passed: 9, failed: 1, byRequest: { a: { passed: 4, failed: 1, checks: [] } } },
    });
    expect(observeMetric(checked, 'checks.failure_rate', undefined, { request: 'a' }).value).toBe(
      0.2,
    );
    const both = observeMetric(checked, 'checks.failure_rate', undefined, {
      request: 'a',
      flow: 'b',
    });
    expect(both.value).toBeNull();
    expect(both.note).toContain('not both');
  });
  it('the labels it reads still select', () => {
    expect(observeMetric(record, 'lambda.throttles', undefined, { function: 'b' }).value).toBe(7);
  });
});

describe('observeMetric: aggregates of per-second counts and rates', () => {
  // Three seconds: errors 0/10, 5/10, 1/20; 5xx the same; nothing sent in the last.
  const entry = (second: number, sent: number, errors: number, dropped: number) => ({
    second,
    planned: sent,
    sent,
    completed: sent,
    ok: sent - errors,
    throttled: 0,
    errors,
    dropped,
    byStatus: { '200': sent - errors, ...(errors > 0 ? { '500': errors } : {}) },
    byError: {},
    latencyMs: null,
    latenessP99Ms: sent > 0 ? second + 1 : null,
  });
  const seconds = makeRunRecord({
    timeline: [entry(0, 10, 0, 0), entry(1, 10, 5, 2), entry(2, 20, 1, 0), entry(3, 0, 0, 1)],
  });
  it.each([
    ['http.error_rate', 'max', {}, 0.5],
    ['http.error_rate', 'min', {}, 0],
    ['http.status_rate', 'max', { code: '5xx' }, 0.5],
    ['http.status', 'sum', { code: '500' }, 6],
    ['http.status', 'max', { code: '500' }, 5],
    ['generator.dropped', 'max', {}, 2],
    ['generator.lateness_p99', 'max', {}, 3],
  ] as const)('%s.%s %o = %d', (metric, how, labels, expected) => {
    expect(observeMetric(seconds, metric, how, labels).value).toBeCloseTo(expected, 12);
  });
  it('a run total has no aggregate, and a request no per-second rate', () => {
    expect(observeMetric(seconds, 'invoke.throttles', 'max', {}).note).toContain('run total');
    expect(observeMetric(seconds, 'checks.failure_rate', 'max', {}).note).toContain('run total');
    expect(observeMetric(seconds, 'http.error_rate', 'max', { request: 'a' }).value).toBeNull();
  });
});

describe('observeMetric: flows.abandoned_rate', () => {
  const flow = (name: string, iterations: number, abandoned: number) => ({
    name,
    steps: [`${name}.a`],
    iterations,
    completed: iterations - abandoned,
    abandoned,
    interrupted: 0,
    dropped: 0,
    failed: 0,
    durationMs: null,
    checks: { passed: 0, failed: 0 },
  });

  it('is abandoned over started, of every flow or of one', () => {
    const record = makeRunRecord();
    record.flows = [flow('life', 30, 30), flow('browse', 70, 0)];
    expect(observeMetric(record, 'flows.abandoned_rate', undefined, {})).toEqual({ value: 0.3 });
    expect(observeMetric(record, 'flows.abandoned_rate', undefined, { flow: 'life' })).toEqual({
      value: 1,
    });
    expect(observeMetric(record, 'flows.abandoned_rate', undefined, { flow: 'nope' }).value).toBe(
      null,
    );
    expect(observeMetric(makeRunRecord(), 'flows.abandoned_rate', undefined, {})).toEqual({
      value: null,
      note: 'the run has no flows',
    });
  });
});

describe('observeMetric: lmi.* on a model run of the on-demand platform', () => {
  // The profile may be meant for either platform: unknown, saying why and how to get the series.
  const onDemand = makeRunRecord();
  it.each(['lmi.cpu_utilization', 'lmi.instances'])('%s is unknown, saying why', (metric) => {
    const observed = observeMetric(onDemand, metric, 'max', {});
    expect(observed).toEqual({
      value: null,
      note: `the run is on-demand, so it has no LMI series such as ${metric} (simulate or run with --platform lmi for them)`,
    });
  });
  it('a real target says only that it was not collected', () => {
    const external = makeRunRecord({ target: { url: 'https://api.example', kind: 'external' } });
    expect(observeMetric(external, 'lmi.instances', undefined, {}).note).toBe(
      'lmi.instances was not collected',
    );
  });
});
