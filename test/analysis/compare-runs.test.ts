import { describe, expect, it } from 'vitest';
import { compareRuns, parseMaxRegression } from '../../src/analysis/compare-runs.js';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { UsageError } from '../../src/errors.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

const before = makeRunRecord({ runId: 'before' });
const slower = makeRunRecord({
  runId: 'after',
  latencyMs: { ...before.latencyMs, overall: { ...before.latencyMs.overall!, p99: 207 } },
});

describe('compareRuns', () => {
  it('computes deltas and relative changes', () => {
    const c = compareRuns(before, slower);
    const p99 = c.rows.find((r) => r.key === 'p99')!;
    expect(p99).toMatchObject({ a: 180, b: 207, delta: 27 });
    expect(p99.relative!).toBeCloseTo(0.15, 12);
    expect(c.rows.find((r) => r.key === 'error_rate')).toMatchObject({
      a: 0.02,
      b: 0.02,
      delta: 0,
      relative: 0,
    });
    expect(c.rows.some((r) => r.key === 'throttles')).toBe(false);
  });

  it.each([
    ['p99=10%', 'fail', 0.15],
    ['p99=20%', 'pass', 0.15],
    ['http.p99=0.15', 'pass', 0.15],
    ['error_rate=1%', 'pass', 0],
    ['instances=5%', 'unknown', null],
  ])('--max-regression %s -> %s', (text, verdict, regression) => {
    const [r] = compareRuns(before, slower, [parseMaxRegression(text)]).regressions;
    expect(r.verdict).toBe(verdict);
    if (regression === null) expect(r.regression).toBeNull();
    else expect(r.regression!).toBeCloseTo(regression, 12);
  });

  it('counts a rate that was zero and is not as an infinite regression', () => {
    const a = makeRunRecord({ totals: { ...before.totals, errors: 0 } });
    const [r] = compareRuns(a, before, [parseMaxRegression('error_rate=50%')]).regressions;
    expect(r).toMatchObject({ verdict: 'fail', regression: Infinity });
  });

  it('compares cost per million requests scenario by scenario', () => {
    const prices = builtinPrices['us-east-1'];
    const assumptions = {
      lambdaMemoryMb: 2048,
      architecture: 'x86_64' as const,
      instanceType: 'm7g.xlarge',
    };
    const a = { ...before, cost: analyzeCost(before, prices, { assumptions }) };
    const b = {
      ...before,
      cost: analyzeCost(before, prices, { assumptions: { ...assumptions, lambdaMemoryMb: 4096 } }),
    };
    const c = compareRuns(a, b, [parseMaxRegression('cost=10%')]);
    const lambda = c.rows.find((r) => r.key === 'cost:lambda on-demand')!;
    // duration cost doubles with memory, requests cost stays: (0.000194 + 2 × 0.0016166699) / (0.000194 + 0.0016166699)
    expect(lambda.b! / lambda.a!).toBeCloseTo(
      (0.000194 + 2 * 97 * 0.0000166667) / (0.000194 + 97 * 0.0000166667),
      10,
    );
    expect(c.regressions[0].verdict).toBe('fail');
  });

  it.each([
    ['p99=10%', 'p99', 'relative', 0.1],
    ['p99=0.1', 'p99', 'relative', 0.1],
    ['p99=1', 'p99', 'relative', 1],
    ['throttle_rate=+0.5pp', 'throttle_rate', 'absolute', 0.005],
    ['http.error_rate=+1pp', 'error_rate', 'absolute', 0.01],
    ['p99=+50ms', 'p99', 'absolute', 50],
    ['p99=+0.2s', 'p99', 'absolute', 200],
    ['dropped=+100', 'dropped', 'absolute', 100],
    ['p99{request=getNote}=+50ms', 'p99{request=getNote}', 'absolute', 50],
  ] as const)('parses --max-regression %s', (text, key, mode, limit) => {
    const parsed = parseMaxRegression(text);
    expect(parsed).toMatchObject({ key, mode, text });
    expect(parsed.limit).toBeCloseTo(limit, 12);
  });

  it.each([
    'p99',
    'p99=',
    'latency=10%',
    'p99=ten',
    'p99=+5pp',
    'error_rate=+5ms',
    'error_rate=+0.5',
    'p99=+10%',
    'rps{request=getNote}=10%',
    'p99{request=}=10%',
    'p99=50',
    'dropped=100',
  ])('rejects --max-regression %s', (text) => {
    expect(() => parseMaxRegression(text)).toThrow(UsageError);
  });

  it('says what a bare number above 1 should be written as', () => {
    expect(() => parseMaxRegression('p99=50')).toThrow(
      'a bare number is a fraction of A (0.1 is 10%): write 50% for a relative limit, or +50ms for an absolute one',
    );
    expect(() => parseMaxRegression('dropped=100')).toThrow(
      'write 100% for a relative limit, or +100 for',
    );
    expect(() => parseMaxRegression('error_rate=5')).toThrow('or +5pp for an absolute one');
  });

  describe('a throttle rate going from 0% to 9.6%', () => {
    const quiet = makeRunRecord({ runId: 'quiet', totals: { ...before.totals, throttled: 0 } });
    const throttled = makeRunRecord({
      runId: 'throttled',
      totals: { ...before.totals, throttled: 96 },
    });
    it('is a change from zero, and fails an absolute limit of +0.5pp', () => {
      const c = compareRuns(quiet, throttled, [parseMaxRegression('throttle_rate=+0.5pp')]);
      expect(c.rows.find((r) => r.key === 'throttle_rate')).toMatchObject({
        a: 0,
        b: 0.096,
        relative: null,
        fromZero: true,
      });
      expect(c.regressions[0]).toMatchObject({ verdict: 'fail', mode: 'absolute' });
      expect(c.regressions[0].regression!).toBeCloseTo(0.096, 12);
    });
    it('passes an absolute limit it stays within', () => {
      const c = compareRuns(quiet, throttled, [parseMaxRegression('throttle_rate=+10pp')]);
      expect(c.regressions[0].verdict).toBe('pass');
    });
  });

  it('compares each request name in both runs and judges per-request limits', () => {
    const b = makeRunRecord({
      runId: 'after',
      latencyMs: {
        ...before.latencyMs,
        byRequest: {
          ...before.latencyMs.byRequest,
          getNote: { ...before.latencyMs.byRequest.getNote!, p99: 230 },
        },
      },
    });
    const c = compareRuns(before, b, [
      parseMaxRegression('p99{request=getNote}=+50ms'),
      parseMaxRegression('p99{request=createNote}=+1ms'),
    ]);
    expect(c.rows.find((r) => r.key === 'p99{request=getNote}')).toMatchObject({
      label: 'getNote: latency p99',
      a: 150,
      b: 230,
      delta: 80,
    });
    expect(c.rows.filter((r) => r.key.includes('{request=')).map((r) => r.key)).toEqual([
      'p50{request=createNote}',
      'p99{request=createNote}',
      'error_rate{request=createNote}',
      'throttle_rate{request=createNote}',
      'p50{request=getNote}',
      'p99{request=getNote}',
      'error_rate{request=getNote}',
      'throttle_rate{request=getNote}',
    ]);
    expect(c.regressions.map((r) => r.verdict)).toEqual(['fail', 'pass']);
  });
});
