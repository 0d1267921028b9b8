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

  it.each(['p99', 'p99=', 'latency=10%', 'p99=ten'])('rejects --max-regression %s', (text) => {
    expect(() => parseMaxRegression(text)).toThrow(UsageError);
  });
});
