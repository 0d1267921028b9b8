/**
 * The LMI what-if applies the model's rules, worked by hand: per-function environments when the
 * record's model has lmi.minExecutionEnvironments (the per-function model), pooled environments
 * with a 3-instance floor when it has only lmi.minInstances (the pooled model).
 */
import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { functionSeries } from './fixtures/function-series.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

const v = (value: unknown) => ({ value, source: 'assumed' });
const lmiModel = {
  'lmi.instanceType': v('m7g.xlarge'),
  'lmi.targetCpu': v(0.4),
  'lmi.functionMemoryGiB': v(4),
  'lmi.memoryGiBPerVCpu': v(4),
  'lmi.evaluationIntervalMs': v(10_000), // one window for the 10 s fixture
  'routes.a': v({ functionName: 'fn-a', cpuMs: 40 }),
  'routes.b': v({ functionName: 'fn-b', cpuMs: 10 }),
};
// fn-a: 500 invocations × 40 ms per 5 s = 4 busy vCPUs; fn-b: 50 × 10 ms per 5 s = 0.1 vCPU
const series = [
  ...functionSeries('fn-a', [500, 500], [50, 50]),
  ...functionSeries('fn-b', [50, 50], [20, 20]),
];

function lmiOf(model: Record<string, unknown>) {
  const record = makeRunRecord({ platform: { series, model } });
  return analyzeCost(record, builtinPrices['us-east-1']).scenarios.find((s) => s.name === 'lmi')!;
}

describe('lmi what-if', () => {
  it('per-function environments: Σ clamp(ceil(load / (1 vCPU × 40%)), 3) / 4 per instance', () => {
    // fn-a ceil(4 / 0.4) = 10, fn-b max(3, ceil(0.25)) = 3 -> 13 environments -> 4 instances × 10 s
    const lmi = lmiOf({ ...lmiModel, 'lmi.minExecutionEnvironments': v(3) });
    expect(lmi.breakdown.ec2Usd).toBeCloseTo((40 / 3600) * 0.1632, 12);
    expect(lmi.utilization!).toBeCloseTo(41 / (40 * 4), 12);
    expect(lmi.note).toMatch(/environments per function at 4 per instance, at least 3 each/);
  });
  it('per-function minimums and overrides set the floor', () => {
    // fn-b keeps 9 environments: 10 + 9 = 19 -> 5 instances
    const lmi = lmiOf({
      ...lmiModel,
      'lmi.minExecutionEnvironments': v(3),
      'lmi.functions': v({ 'fn-b': { minExecutionEnvironments: 9 } }),
    });
    expect(lmi.breakdown.ec2Usd).toBeCloseTo((50 / 3600) * 0.1632, 12);
  });
  it('pooled environments: ceil(4.1 / (4 × 40%)) = 3 instances, floor 3', () => {
    const lmi = lmiOf({ ...lmiModel, 'lmi.minInstances': v(3) });
    expect(lmi.breakdown.ec2Usd).toBeCloseTo((30 / 3600) * 0.1632, 12);
    expect(lmi.note).toMatch(/pooled environments, floor 3 instances/);
  });
});
