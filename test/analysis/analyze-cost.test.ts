import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { parseFleetSpec } from '../../src/analysis/fleet-spec.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { UsageError } from '../../src/errors.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

// Prices used below (built-in us-east-1 table, 2026-07-20):
//   m7g.xlarge 4 vCPU $0.1632/h, m7g.large 2 vCPU $0.0816/h, Lambda x86 $0.0000166667/GB-s,
//   requests $0.20/M, LMI fee 15%.
const prices = builtinPrices['us-east-1'];
const assumptions = {
  lambdaMemoryGiB: 2,
  architecture: 'x86_64' as const,
  instanceType: 'm7g.xlarge',
};

function byName(cost: ReturnType<typeof analyzeCost>, name: string) {
  const found = cost.scenarios.find((s) => s.name === name);
  if (!found)
    throw new Error(`no scenario ${name}: ${cost.scenarios.map((s) => s.name).join(', ')}`);
  return found;
}

describe('analyzeCost on a run with LMI series (hand-worked)', () => {
  const record = makeRunRecord({ withLmi: true });
  const cost = analyzeCost(record, prices, {
    assumptions,
    fleets: [parseFleetSpec('m7g.large=2')],
    targetUtilization: 0.4,
  });

  it('derives the work done from the record', () => {
    // requests = 480 + 490; GB-s = (480 × 0.040 s + 490 × 0.060 s) × 2 GiB = 48.6 × 2
    // vCPU-s = 30 instance-s × 4 vCPU × avg(0.20, 0.40); peak = max(12 × 0.2, 12 × 0.4)
    expect(cost.work).toMatchObject({ durationSec: 10, requests: 970 });
    expect(cost.work!.gbSeconds).toBeCloseTo(97.2, 10);
    expect(cost.work!.vcpuSeconds).toBeCloseTo(36, 10);
    expect(cost.work!.peakVcpus).toBeCloseTo(4.8, 10);
  });

  it.each([
    // name, breakdown by hand, total, utilization
    [
      'lambda on-demand',
      { requestsUsd: 970 * 0.2e-6, durationUsd: 97.2 * 0.0000166667 },
      0.000194 + 0.00162000324,
      null,
    ],
    [
      'lmi',
      {
        ec2Usd: (30 / 3600) * 0.1632,
        managementFeeUsd: 0.15 * (30 / 3600) * 0.1632,
        requestsUsd: 970 * 0.2e-6,
      },
      0.00136 + 0.000204 + 0.000194,
      0.3,
    ],
    // n = ceil(4.8 peak vCPU / (0.4 × 4)) = 3 instances × 10 s
    [
      'fixed fleet for peak at 40%',
      { ec2Usd: 3 * (10 / 3600) * 0.1632 },
      0.00136,
      36 / (3 * 4 * 10),
    ],
    [
      'fleet m7g.large x 2',
      { ec2Usd: 2 * (10 / 3600) * 0.0816 },
      0.000453333333,
      36 / (2 * 2 * 10),
    ],
  ])('%s', (name, breakdown, totalUsd, utilization) => {
    const s = byName(cost, name);
    for (const [key, usd] of Object.entries(breakdown))
      expect(s.breakdown[key]).toBeCloseTo(usd, 12);
    expect(Object.keys(s.breakdown).sort()).toEqual(Object.keys(breakdown).sort());
    expect(s.totalUsd).toBeCloseTo(totalUsd, 11);
    expect(s.perMillionUsd!).toBeCloseTo((totalUsd / 970) * 1e6, 6);
    expect(s.monthlyUsd).toBeCloseTo(totalUsd * (2_592_000 / 10), 6);
    if (utilization === null) expect(s.utilization).toBeNull();
    else expect(s.utilization!).toBeCloseTo(utilization, 10);
  });

  it('prices the compute work at each utilization for the curve', () => {
    // 36 vCPU-s / (u × 4 vCPU) / 3600 × 0.1632 × (1 + 0.15)
    expect(cost.curve.map((p) => p.utilization)).toEqual([
      0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
    ]);
    expect(cost.curve.find((p) => p.utilization === 0.5)!.costUsd).toBeCloseTo(0.0009384, 12);
    expect(cost.curve.find((p) => p.utilization === 1)!.costUsd).toBeCloseTo(0.0004692, 12);
  });

  it('states the prices used', () => {
    expect(cost.prices).toEqual({ date: '2026-07-20', source: prices.source, region: 'us-east-1' });
  });

  it('never discounts the LMI fee or requests under a Savings Plan', () => {
    const discounted = analyzeCost(record, prices, { assumptions, savingsPlanDiscount: 0.2 });
    const lmi = byName(discounted, 'lmi');
    expect(lmi.breakdown.ec2Usd).toBeCloseTo(0.00136 * 0.8, 12);
    expect(lmi.breakdown.managementFeeUsd).toBeCloseTo(0.000204, 12);
    expect(lmi.breakdown.requestsUsd).toBeCloseTo(0.000194, 12);
    const lambda = byName(discounted, 'lambda on-demand');
    expect(lambda.breakdown.durationUsd).toBeCloseTo(0.00162000324 * 0.8, 12);
    // curve: 0.1632 × (0.8 + 0.15) instead of × 1.15
    expect(discounted.curve.find((p) => p.utilization === 0.5)!.costUsd).toBeCloseTo(
      0.005 * 0.1632 * 0.95,
      12,
    );
  });
});

describe('analyzeCost on a run without platform series', () => {
  const record = makeRunRecord();
  const cost = analyzeCost(record, prices, { assumptions });

  it('counts non-429 responses and prices duration from client latency', () => {
    // 950 ok + 20 errors; 970 × 0.050 s × 2 GiB
    expect(cost.work!.requests).toBe(970);
    expect(cost.work!.gbSeconds).toBeCloseTo(97, 10);
    expect(byName(cost, 'lambda on-demand').totalUsd).toBeCloseTo(
      970 * 0.2e-6 + 97 * 0.0000166667,
      12,
    );
  });

  it('estimates LMI from the CPU work, with at least three instances', () => {
    // vCPU-s = 48.5 s × 2048/1769 vCPU = 56.150...; instance-s = max(56.15 / (0.4 × 4), 3 × 10)
    const vcpuSeconds = 48.5 * (2048 / 1769);
    expect(cost.work!.vcpuSeconds).toBeCloseTo(vcpuSeconds, 10);
    const instanceSeconds = Math.max(vcpuSeconds / 1.6, 30);
    expect(instanceSeconds).toBeGreaterThan(30);
    const lmi = byName(cost, 'lmi');
    expect(lmi.breakdown.ec2Usd).toBeCloseTo((instanceSeconds / 3600) * 0.1632, 12);
    expect(lmi.utilization!).toBeCloseTo(0.4, 10);
    expect(lmi.note).toMatch(/estimated/);
  });

  it('holds the three-instance floor when the work is small', () => {
    const small = analyzeCost(record, prices, {
      assumptions: { ...assumptions, cpuSecondsPerRequest: 0.001 },
    });
    // 970 × 0.001 = 0.97 vCPU-s -> 0.6 instance-s at 40%, floor 3 × 10 s = 30 instance-s
    expect(byName(small, 'lmi').breakdown.ec2Usd).toBeCloseTo((30 / 3600) * 0.1632, 12);
    expect(byName(small, 'lmi').utilization!).toBeCloseTo(0.97 / 120, 12);
  });
});

describe('analyzeCost errors', () => {
  it('rejects an instance type the table lacks, naming the table', () => {
    expect(() =>
      analyzeCost(makeRunRecord(), prices, { fleets: [parseFleetSpec('x9z.huge=2')] }),
    ).toThrow(/no price for instance type x9z.huge in the us-east-1 table of 2026-07-20/);
  });
  it.each([-0.1, 1.5, Number.NaN])('rejects a discount of %s', (d) => {
    expect(() => analyzeCost(makeRunRecord(), prices, { savingsPlanDiscount: d })).toThrow(
      UsageError,
    );
  });
  it.each(['m7g.xlarge', 'm7g.xlarge=0', '=3', 'm7g.xlarge=two'])('rejects --fleet %s', (text) => {
    expect(() => parseFleetSpec(text)).toThrow(UsageError);
  });
});
