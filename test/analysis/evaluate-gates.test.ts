import { describe, expect, it } from 'vitest';
import { evaluateGates, gatesPassed, gateToAbortOn } from '../../src/analysis/evaluate-gates.js';
import type { GateSpec } from '../../src/profile/types.js';
import { makeRunRecord, T0 } from './fixtures/make-run-record.js';

function gate(
  expr: string,
  spec: Partial<GateSpec> & Pick<GateSpec, 'metric' | 'op' | 'threshold'>,
): GateSpec {
  return { expr, labels: {}, abortOnFail: false, delayMs: 0, ...spec };
}

const lmiRecord = makeRunRecord({
  withLmi: true,
  platform: {
    series: [
      ...makeRunRecord({ withLmi: true }).platform.series,
      {
        name: 'apigw.count',
        labels: {},
        source: 'aws',
        periodSec: 60,
        stat: 'Sum',
        unit: 'Count',
        points: [
          [T0, 600],
          [T0 + 60_000, 400],
        ],
      },
      {
        name: 'apigw.5xx',
        labels: {},
        source: 'aws',
        periodSec: 60,
        stat: 'Sum',
        unit: 'Count',
        points: [
          [T0, 3],
          [T0 + 60_000, 0],
        ],
      },
    ],
  },
});

describe('evaluateGates', () => {
  // The fixture: 1,000 sent, 30 throttled, 20 errors; p99 180 ms overall, 150 ms for getNote;
  // LMI CPU 20% and 40%; concurrency 12 and 30; API Gateway 3 5xx of 1,000.
  it.each([
    ['http.error_rate < 1%', { metric: 'http.error_rate', op: '<', threshold: 0.01 }, 'fail', 0.02],
    [
      'http.error_rate < 2.5%',
      { metric: 'http.error_rate', op: '<', threshold: 0.025 },
      'pass',
      0.02,
    ],
    [
      'http.throttle_rate <= 3%',
      { metric: 'http.throttle_rate', op: '<=', threshold: 0.03 },
      'pass',
      0.03,
    ],
    ['http.p99 < 800ms', { metric: 'http.p99', op: '<', threshold: 800 }, 'pass', 180],
    [
      'http.p99{request=getNote} < 100ms',
      { metric: 'http.p99', op: '<', threshold: 100, labels: { request: 'getNote' } },
      'fail',
      150,
    ],
    [
      'http.throttle_rate{request=createNote} < 3%',
      { metric: 'http.throttle_rate', op: '<', threshold: 0.03, labels: { request: 'createNote' } },
      'pass',
      0.025,
    ],
    ['http.rps >= 100', { metric: 'http.rps', op: '>=', threshold: 100 }, 'pass', 100],
    [
      'http.p99.max < 200ms',
      { metric: 'http.p99', aggregate: 'max', op: '<', threshold: 200 },
      'pass',
      190,
    ],
    ['generator.dropped == 0', { metric: 'generator.dropped', op: '==', threshold: 0 }, 'pass', 0],
    [
      'generator.lateness_p99 < 5ms',
      { metric: 'generator.lateness_p99', op: '<', threshold: 5 },
      'pass',
      1.5,
    ],
    ['lambda.throttles == 0', { metric: 'lambda.throttles', op: '==', threshold: 0 }, 'pass', 0],
    [
      'lambda.concurrent_executions < 25',
      { metric: 'lambda.concurrent_executions', op: '<', threshold: 25 },
      'fail',
      30,
    ],
    [
      'lambda.concurrent_executions.avg < 25',
      { metric: 'lambda.concurrent_executions', aggregate: 'avg', op: '<', threshold: 25 },
      'pass',
      21,
    ],
    [
      'lmi.cpu_utilization.avg > 20%',
      { metric: 'lmi.cpu_utilization', aggregate: 'avg', op: '>', threshold: 0.2 },
      'pass',
      0.3,
    ],
    [
      'lmi.cpu_utilization.max != 40%',
      { metric: 'lmi.cpu_utilization', aggregate: 'max', op: '!=', threshold: 0.4 },
      'fail',
      0.4,
    ],
    ['lmi.instances <= 3', { metric: 'lmi.instances', op: '<=', threshold: 3 }, 'pass', 3],
    [
      'apigw.5xx_rate < 0.5%',
      { metric: 'apigw.5xx_rate', op: '<', threshold: 0.005 },
      'pass',
      0.003,
    ],
    [
      'apigw.5xx_rate.max < 0.5%',
      { metric: 'apigw.5xx_rate', aggregate: 'max', op: '<', threshold: 0.005 },
      'fail',
      0.005,
    ],
  ] as const)('%s -> %s', (expr, spec, verdict, observed) => {
    const [result] = evaluateGates([gate(expr, spec)], lmiRecord);
    expect(result.verdict).toBe(verdict);
    expect(result.observed!).toBeCloseTo(observed, 12);
    expect(result).toMatchObject({ expr, threshold: spec.threshold });
  });

  it('keeps declaration order and reports a metric that was not collected as unknown', () => {
    const gates = [
      gate('lambda.throttles == 0', { metric: 'lambda.throttles', op: '==', threshold: 0 }),
      gate('http.error_rate < 5%', { metric: 'http.error_rate', op: '<', threshold: 0.05 }),
    ];
    const results = evaluateGates(gates, makeRunRecord());
    expect(results.map((r) => [r.expr, r.verdict])).toEqual([
      ['lambda.throttles == 0', 'unknown'],
      ['http.error_rate < 5%', 'pass'],
    ]);
    expect(results[0].note).toMatch(/lambda.throttles was not collected; counts as a failure/);
    expect(gatesPassed(results)).toBe(false);
    expect(gatesPassed(results, { allowUnknown: true })).toBe(true);
    expect(evaluateGates(gates, makeRunRecord(), { allowUnknown: true })[0].note).toMatch(
      /allowed by --allow-unknown/,
    );
  });

  it('is unknown for a request name the run does not have', () => {
    const [r] = evaluateGates(
      [gate('x', { metric: 'http.p99', op: '<', threshold: 1, labels: { request: 'nope' } })],
      lmiRecord,
    );
    expect(r.verdict).toBe('unknown');
  });

  it('fails the run when any gate fails', () => {
    const results = evaluateGates(
      [gate('http.p99 < 100ms', { metric: 'http.p99', op: '<', threshold: 100 })],
      lmiRecord,
    );
    expect(gatesPassed(results, { allowUnknown: true })).toBe(false);
  });
});

describe('evaluateGates on a run that tested nothing', () => {
  const gates = [
    gate('http.error_rate < 1%', { metric: 'http.error_rate', op: '<', threshold: 0.01 }),
    gate('http.p99 < 800ms', { metric: 'http.p99', op: '<', threshold: 800 }),
    gate('lambda.throttles == 0', { metric: 'lambda.throttles', op: '==', threshold: 0 }),
  ];

  it('fails every gate when no request got a reply, even with allowUnknown', () => {
    // 60 sent to a target that never answered: no error, no latency, every request aborted.
    const hung = makeRunRecord();
    hung.totals = { ...hung.totals, completed: 0, ok: 0, throttled: 0, errors: 0, aborted: 60 };
    hung.totals.sent = 60;
    hung.totals.byStatus = {};
    const results = evaluateGates(gates, hung, { allowUnknown: true });
    expect(results.map((r) => r.verdict)).toEqual(['fail', 'fail', 'fail']);
    expect(results[0].note).toBe(
      'none of the 60 requests sent got a reply, so the run tested nothing',
    );
    expect(gatesPassed(results, { allowUnknown: true })).toBe(false);
  });

  it('fails every gate of a run that sent nothing (all dropped, or a rate of 0)', () => {
    const empty = makeRunRecord();
    empty.totals = { ...empty.totals, sent: 0, completed: 0, ok: 0, throttled: 0, errors: 0 };
    const results = evaluateGates(gates, empty, { allowUnknown: true });
    expect(results.every((r) => r.verdict === 'fail')).toBe(true);
    expect(results[2].note).toBe('the run sent no request, so it tested nothing');
  });

  it('judges as before once one request was answered', () => {
    const one = makeRunRecord();
    one.totals = { ...one.totals, completed: 1 };
    // The fixture's p99 is 180 ms.
    expect(evaluateGates(gates, one, { allowUnknown: true })[1].verdict).toBe('pass');
  });
});

describe('gateToAbortOn', () => {
  const failing = gate('http.error_rate < 1%', {
    metric: 'http.error_rate',
    op: '<',
    threshold: 0.01,
    abortOnFail: true,
    delayMs: 5000,
  });
  it('waits for the delay, then returns the failing gate', () => {
    expect(gateToAbortOn([failing], lmiRecord, 4999)).toBeNull();
    expect(gateToAbortOn([failing], lmiRecord, 5000)).toMatchObject({
      expr: failing.expr,
      verdict: 'fail',
    });
  });
  it('ignores gates without abortOnFail and unknown verdicts', () => {
    expect(gateToAbortOn([{ ...failing, abortOnFail: false }], lmiRecord, 10_000)).toBeNull();
    const unknown = gate('lambda.errors == 0', {
      metric: 'lambda.errors',
      op: '==',
      threshold: 0,
      abortOnFail: true,
    });
    expect(gateToAbortOn([unknown], makeRunRecord(), 10_000)).toBeNull();
  });
});
