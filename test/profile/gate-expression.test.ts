import { describe, expect, test } from 'vitest';
import { ProfileError } from '../../src/errors.js';
import {
  GATE_METRIC_UNITS,
  KNOWN_GATE_METRICS,
  parseGateExpression,
  tryParseGateExpression,
} from '../../src/profile/gate-expression.js';
import type { GateSpec } from '../../src/profile/types.js';

describe('parseGateExpression: accepted', () => {
  // [expression, the fields it parses to]
  const cases: Array<[string, Partial<GateSpec>]> = [
    ['http.error_rate < 0.1%', { metric: 'http.error_rate', op: '<', threshold: 0.001 }], // % divides by 100
    ['http.error_rate < 0.001', { metric: 'http.error_rate', threshold: 0.001 }], // a bare fraction
    ['http.p99 < 800ms', { metric: 'http.p99', threshold: 800 }],
    ['http.p99 < 1.5s', { metric: 'http.p99', threshold: 1500 }], // s -> ms
    ['http.p99 < 800', { metric: 'http.p99', threshold: 800 }], // times default to ms
    ['http.p99<800ms', { metric: 'http.p99', threshold: 800 }], // no blanks
    ['http.p99 < 800 ms', { metric: 'http.p99', threshold: 800 }], // blank before the unit
    ['lambda.throttles == 0', { metric: 'lambda.throttles', op: '==', threshold: 0 }],
    ['generator.dropped != 1', { op: '!=' }],
    ['http.rps >= 45', { metric: 'http.rps', op: '>=', threshold: 45 }],
    ['lmi.instances <= 10', { op: '<=' }],
    ['lmi.cpu_utilization > 1e-2', { op: '>', threshold: 0.01 }], // exponent
    [
      'lambda.concurrent_executions.max < 900',
      { metric: 'lambda.concurrent_executions', aggregate: 'max' },
    ],
    ['lmi.cpu_utilization.avg < 60%', { aggregate: 'avg', threshold: 0.6 }],
    ['http.p99{request=getNote} < 300ms', { labels: { request: 'getNote' }, threshold: 300 }],
    [
      'lambda.throttles.sum{function=notes-get, resource="notes-get:live"} == 0',
      { aggregate: 'sum', labels: { function: 'notes-get', resource: 'notes-get:live' } }, // quoted value
    ],
    ['  http.max < 2s  ', { expr: 'http.max < 2s', threshold: 2000 }], // trimmed
  ];
  test.each(cases)('%j', (expr, fields) => {
    const gate = parseGateExpression(expr);
    expect(gate).toMatchObject({ labels: {}, abortOnFail: false, delayMs: 0, ...fields });
  });

  test('carries abortOnFail and delay from the object form', () => {
    const gate = parseGateExpression('http.error_rate < 5%', {
      abortOnFail: true,
      delayMs: 10_000,
    });
    expect(gate).toMatchObject({ abortOnFail: true, delayMs: 10_000 });
  });

  test('knows every metric of DESIGN.md "Gate language"', () => {
    expect(KNOWN_GATE_METRICS).toHaveLength(32); // plus captures.unfilled (issue 11), invoke.* and durable.* (issue 14), http.aborted*, flows.abandoned_rate
    for (const metric of KNOWN_GATE_METRICS) {
      const labels = metric.startsWith('http.status') ? '{code=403}' : '';
      expect(tryParseGateExpression(`${metric}${labels} >= 0`).ok).toBe(true);
      expect(GATE_METRIC_UNITS[metric]).toBeDefined();
    }
  });
});

describe('parseGateExpression: rejected', () => {
  // [expression, message fragment, hint fragment]
  const cases: Array<[string, string, string]> = [
    ['http.pp99 < 800ms', 'unknown metric "http.pp99"', 'did you mean `http.p99`?'],
    ['http.eror_rate < 1%', 'unknown metric "http.eror_rate"', 'did you mean `http.error_rate`?'],
    ['cpu > 3', 'unknown metric "cpu"', 'metrics: http.error_rate'], // nothing close: list them
    ['lmi.instances.median < 3', 'unknown aggregate "median"', 'aggregates: avg'],
    ['lmi.instances.mx < 3', 'unknown aggregate "mx"', 'did you mean `max`?'],
    ['http.p99 = 800ms', '"=" in gate', 'use "=="'],
    ['http.p99 800ms', 'cannot read gate', 'e.g. http.p99 < 800ms'], // no operator
    ['http.p99 <', 'cannot read gate', '<metric>'], // no threshold
    ['http.p99 < fast', 'bad threshold "fast"', '%, ms or s'],
    ['http.p99 < 80%', 'unit "%" does not fit', 'ms or s'], // a time is not a fraction
    ['http.error_rate < 5ms', 'unit "ms" does not fit', '% or a fraction'],
    ['lambda.throttles < 1s', 'unit "s" does not fit', 'no unit'],
    ['http.p99{request} < 1', 'bad label "request"', ''],
    ['http.p99{} < 1', 'empty label filter', ''],
    // A label the metric does not read would be ignored, or make the gate unknown forever.
    ['http.p99{reqest=getNote} < 1', 'http.p99 has no label "reqest"', 'did you mean `request`?'],
    ['http.error_rate{flow=checkout} < 1%', 'no label "flow"', 'its labels: request'],
    // A bare number above 1 of a fraction (500%) would make a gate that cannot fail.
    ['http.error_rate < 5', 'threshold 5 of a fraction', 'write 5%, or 0.05 as a fraction 0..1'],
    ['lmi.cpu_utilization.max < 90', 'means 9000%', 'write 90%'],
    ['http.p99 < 1e999', 'threshold "1e999" is not a finite number', ''],
    // Given twice, the last label would win unseen.
    ['http.status{code=404,code=4xx} == 0', 'label "code" given twice', ''],
    ['http.p99{request=a, request=b} < 1', 'label "request" given twice', ''],
    // Aggregates of seconds the timeline has no values for: always unknown, a typo --allow-unknown hides.
    [
      'http.error_rate.max{request=getNote} < 1%',
      'per-second http.error_rate is recorded for all requests together',
      'http.error_rate{request=getNote} < 1%',
    ],
    ['http.p99.max{request=getNote} < 1s', 'not {request=getNote}', ''],
    ['generator.dropped.max{request=getNote} == 0', 'per-second generator.dropped', ''],
    [
      'http.p99.9.max < 1ms',
      'stores p50, p90, p95, p99, p999, max and mean, not p99.9',
      'write http.p999.max',
    ],
    ['http.p100.max < 1ms', 'not p100', 'the stored fields'],
    ['http.p99{code=500} < 1s', 'no label "code"', 'its labels: request'],
    ['lambda.throttles{fn=notes} == 0', 'no label "fn"', 'its labels: function, resource'],
    ['lmi.instances{function=notes} < 3', 'no label "function"', 'capacityProvider'],
    ['generator.lateness_p99{request=getNote} < 5ms', 'no label "request"', 'takes no labels'],
    ['durable.running{flow=x} == 0', 'no label "flow"', 'its labels: request'],
    ['http.p0 < 1ms', 'unknown metric "http.p0"', ''], // percentiles are in (0, 100]
    ['lambda.concurrent_executions.p0 <= 5', 'unknown aggregate "p0"', ''],
  ];
  test.each(cases)('%j', (expr, message, hint) => {
    const result = tryParseGateExpression(expr);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(message);
    expect(result.hint ?? '').toContain(hint);
  });

  test('reads back gates of earlier records as written, so they are judged, not dropped', () => {
    for (const expr of [
      'http.p0 < 1ms',
      'http.p99{flow=x} < 1s',
      'lmi.instances.p0 < 3',
      'checks.failure_rate{request=a,flow=b} == 0',
    ]) {
      expect(tryParseGateExpression(expr).ok).toBe(false);
      expect(tryParseGateExpression(expr, { fromRecord: true }).ok).toBe(true);
    }
  });

  test('parseGateExpression throws a ProfileError labelled with its source', () => {
    let error: unknown;
    try {
      parseGateExpression('http.pp99 < 1', {}, '--gate');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProfileError);
    expect((error as ProfileError).source).toBe('--gate');
    expect((error as ProfileError).issues[0].hint).toBe('did you mean `http.p99`?');
  });
});

describe('parseGateExpression: checks, statuses and any percentile', () => {
  test.each([
    ['http.p95 < 300ms', 'http.p95', undefined, 300],
    ['http.p99.9 < 1s', 'http.p99.9', undefined, 1000],
    ['http.p75{request=getNote} < 50', 'http.p75', undefined, 50],
    ['http.rps.p99.9 > 10', 'http.rps', 'p99.9', 10],
    ['lmi.instances.p95 <= 4', 'lmi.instances', 'p95', 4],
    ['checks.failure_rate < 1%', 'checks.failure_rate', undefined, 0.01],
    ['checks.failure_rate{request=getNote} == 0', 'checks.failure_rate', undefined, 0],
    ['http.4xx_rate < 0.5%', 'http.4xx_rate', undefined, 0.005],
    ['http.status_rate{code=403} < 1%', 'http.status_rate', undefined, 0.01],
    ['http.status{code=4xx} == 0', 'http.status', undefined, 0],
  ])('%s', (expr, metric, aggregate, threshold) => {
    const gate = parseGateExpression(expr);
    expect(gate.metric).toBe(metric);
    expect(gate.aggregate).toBe(aggregate);
    expect(gate.threshold).toBeCloseTo(threshold, 10);
  });

  test.each([
    ['http.status == 0', 'http.status needs a status label'],
    ['http.status_rate{code=abc} < 1%', 'http.status_rate needs a status label'],
    ['checks.failure_rate < 5ms', 'unit "ms" does not fit'],
    ['http.p99.9 < 5%', 'unit "%" does not fit'],
    ['checks.failure_rate{request=a,flow=b} == 0', '{request=...} or {flow=...}, not both'],
    ['invoke.throttles.max == 0', 'invoke.throttles is a run total'],
    ['durable.success_rate.min > 99%', 'durable.success_rate is a run total'],
  ])('rejects %s', (expr, message) => {
    const result = tryParseGateExpression(expr);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
