import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { parseFleetSpec } from '../../src/analysis/fleet-spec.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { UsageError } from '../../src/errors.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

// Prices used below (built-in us-east-1 table, 2026-07-20):
//   m7g.xlarge 4 vCPU $0.1632/h, m7g.large 2 vCPU $0.0816/h, Lambda x86 $0.0000166667/GB-s,
//   PC x86 $0.0000041667/GB-s kept warm + $0.0000097222/GB-s invoked, requests $0.20/M, LMI fee 15%.
const prices = builtinPrices['us-east-1'];
const assumptions = {
  lambdaMemoryMb: 2048,
  architecture: 'x86_64' as const,
  instanceType: 'm7g.xlarge',
};

function byName(cost: ReturnType<typeof analyzeCost>, name: string) {
  const found = cost.scenarios.find((s) => s.name === name);
  if (!found)
    throw new Error(`no scenario ${name}: ${cost.scenarios.map((s) => s.name).join(', ')}`);
  return found;
}

/** The LMI fixture's GB-s at 2 GiB: (480 × 40.5 ms + 490 × 60.5 ms) × 2 (the round-up included). */
const GB_SECONDS = 98.17;

describe('analyzeCost on a run with LMI series (hand-worked)', () => {
  const record = makeRunRecord({ withLmi: true });
  const cost = analyzeCost(record, prices, {
    assumptions,
    fleets: [parseFleetSpec('m7g.large=2')],
    targetUtilization: 0.4,
  });

  it('derives the work done from the record', () => {
    // requests = 480 + 490; GB-s = (480 × 0.0405 s + 490 × 0.0605 s) × 2 GiB = 49.085 × 2: the
    // Duration averages plus 0.5 ms an invocation for Lambda's 1 ms round-up
    // vCPU-s = Σ 3 instances × 4 vCPU × u × 5 s = 12 × 0.2 × 5 + 12 × 0.4 × 5; peak = 12 × 0.4
    expect(cost.work).toMatchObject({ durationSec: 10, requests: 970 });
    expect(cost.work!.gbSeconds).toBeCloseTo(GB_SECONDS, 10);
    expect(cost.work!.vcpuSeconds).toBeCloseTo(36, 10);
    expect(cost.work!.peakVcpus).toBeCloseTo(4.8, 10);
  });

  it.each([
    // name, basis, compute by hand, requests, utilization
    [
      'lambda on-demand',
      'estimated', // the run was on LMI: on-demand is a what-if
      { durationUsd: GB_SECONDS * 0.0000166667 },
      970 * 0.2e-6,
      null,
    ],
    // PC = peak concurrency 30 × 2 GiB × 300 s (10 s rounded up to 5 minutes)
    [
      'lambda + provisioned concurrency for peak',
      'estimated',
      { provisionedUsd: 30 * 2 * 300 * 0.0000041667, durationUsd: GB_SECONDS * 0.0000097222 },
      970 * 0.2e-6,
      GB_SECONDS / (30 * 2 * 300),
    ],
    [
      'lmi',
      'observed',
      { ec2Usd: (30 / 3600) * 0.1632, managementFeeUsd: 0.15 * (30 / 3600) * 0.1632 },
      970 * 0.2e-6,
      0.3,
    ],
    // n = ceil(4.8 peak vCPU / (0.4 × 4)) = 3 instances × 10 s
    [
      'fixed fleet for peak at 40%',
      'estimated',
      { ec2Usd: 3 * (10 / 3600) * 0.1632 },
      0,
      36 / (3 * 4 * 10),
    ],
    [
      'fleet m7g.large x 2',
      'estimated',
      { ec2Usd: 2 * (10 / 3600) * 0.0816 },
      0,
      36 / (2 * 2 * 10),
    ],
  ])('%s', (name, basis, compute, requestsUsd, utilization) => {
    const s = byName(cost, name);
    expect(s.basis).toBe(basis);
    for (const [key, usd] of Object.entries(compute)) expect(s.breakdown[key]).toBeCloseTo(usd, 12);
    expect(s.breakdown.requestsUsd).toBeCloseTo(requestsUsd, 12);
    const computeUsd = Object.values(compute).reduce((a, b) => a + b, 0);
    expect(s.computeUsd!).toBeCloseTo(computeUsd, 12);
    const totalUsd = computeUsd + requestsUsd;
    expect(s.totalUsd).toBeCloseTo(totalUsd, 12);
    expect(s.perMillionUsd!).toBeCloseTo((totalUsd / 970) * 1e6, 6);
    // a 10 s run is never projected, only scaled: "if this traffic ran all month"; provisioned
    // capacity is kept warm for the month per second, not as one 5-minute increment × 259,200
    const monthly =
      name === 'lambda + provisioned concurrency for peak'
        ? 30 * 2 * 0.0000041667 * 2_592_000 +
          (totalUsd - (compute as Record<string, number>).provisionedUsd) * 259_200
        : totalUsd * 259_200;
    expect(s.monthlyUsd).toBeCloseTo(monthly, 6);
    expect(s.monthlyBasis).toBe('if this traffic ran all month');
    if (utilization === null) expect(s.utilization).toBeNull();
    else expect(s.utilization!).toBeCloseTo(utilization, 10);
  });

  it('prices the compute work at each utilization, with on-demand as the reference', () => {
    // fleet(u) = 36 vCPU-s / (u × 4 vCPU) / 3600 × 0.1632; LMI(u) = fleet(u) × 1.15
    expect(cost.curve.map((p) => p.utilization)).toEqual([
      0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
    ]);
    const half = cost.curve.find((p) => p.utilization === 0.5)!;
    expect(half.costUsd).toBeCloseTo(0.000816, 12);
    expect(half.lmiUsd!).toBeCloseTo(0.0009384, 12);
    // break-even: 0.000408 / (98.17 × 0.0000166667) for a fleet, × 1.15 for LMI
    const onDemand = GB_SECONDS * 0.0000166667;
    expect(cost.reference!.onDemandComputeUsd).toBeCloseTo(onDemand, 12);
    expect(cost.reference!.fleetBreakEvenUtilization!).toBeCloseTo(0.000408 / onDemand, 10);
    expect(cost.reference!.lmiBreakEvenUtilization!).toBeCloseTo(0.0004692 / onDemand, 10);
  });

  it('states the prices, the architecture priced and the free tier', () => {
    expect(cost.prices).toEqual({ date: '2026-07-20', source: prices.source, region: 'us-east-1' });
    expect(cost.architecture).toMatch(/^Lambda priced as x86_64/);
    expect(cost.freeTier).toMatch(/1,000,000 requests and 400,000 GB-s per month.*not applied/);
  });
});

describe('analyzeCost on a run without platform series', () => {
  const record = makeRunRecord();
  const cost = analyzeCost(record, prices, { assumptions });

  it('counts non-429 responses and prices duration from client latency as an upper bound', () => {
    // 950 ok + 20 errors; 970 × 0.050 s × 2 GiB
    expect(cost.work!.requests).toBe(970);
    expect(cost.work!.gbSeconds).toBeCloseTo(97, 10);
    const lambda = byName(cost, 'lambda on-demand');
    expect(lambda.totalUsd).toBeCloseTo(970 * 0.2e-6 + 97 * 0.0000166667, 12);
    expect(lambda.basis).toBe('upper bound');
  });

  it('sizes the LMI what-if from CPU time taken as the whole vCPU share, labelled upper bound', () => {
    // vCPU-s = 48.5 s × 2048/1769; one 60 s window holds the 10 s run: average 5.615 vCPUs
    // -> ceil(5.615 / (0.4 × 4)) = 4 instances (above the floor of 3) × 10 s
    const vcpuSeconds = 48.5 * (2048 / 1769);
    expect(cost.work!.vcpuSeconds).toBeCloseTo(vcpuSeconds, 10);
    const lmi = byName(cost, 'lmi');
    expect(lmi.basis).toBe('upper bound');
    expect(lmi.breakdown.ec2Usd).toBeCloseTo((40 / 3600) * 0.1632, 12);
    expect(lmi.utilization!).toBeCloseTo(vcpuSeconds / (40 * 4), 10);
    expect(lmi.inputs!.cpuTime).toMatch(/upper bound/);
    expect(cost.notes!.join(' ')).toMatch(/upper bound.*--cpu-fraction/);
  });

  it('takes --cpu-fraction for the CPU share of the duration', () => {
    // 48.5 s × 0.25 = 12.125 vCPU-s -> 1.2 vCPU average -> 1 instance, floor 3 -> 30 instance-s
    const given = analyzeCost(record, prices, { assumptions, cpuFraction: 0.25 });
    expect(given.work!.vcpuSeconds).toBeCloseTo(12.125, 10);
    const lmi = byName(given, 'lmi');
    expect(lmi.basis).toBe('estimated');
    expect(lmi.breakdown.ec2Usd).toBeCloseTo((30 / 3600) * 0.1632, 12);
    expect(lmi.utilization!).toBeCloseTo(12.125 / 120, 12);
    // peak second: 100 requests × 12.125 / 970 vCPU-s = 1.25 vCPU -> 1 instance
    expect(byName(given, 'fixed fleet for peak at 40%').breakdown.ec2Usd).toBeCloseTo(
      (10 / 3600) * 0.1632,
      12,
    );
  });
});

describe('analyzeCost errors', () => {
  it('rejects an instance type the table lacks, naming the table', () => {
    expect(() =>
      analyzeCost(makeRunRecord(), prices, { fleets: [parseFleetSpec('x9z.huge=2')] }),
    ).toThrow(/no price for instance type x9z.huge in the us-east-1 table of 2026-07-20/);
  });
  it.each([-0.1, 1.5, Number.NaN])('rejects an EC2 discount of %s', (d) => {
    expect(() => analyzeCost(makeRunRecord(), prices, { savingsPlanEc2: d })).toThrow(UsageError);
  });
  it.each([0, 1.5])('rejects --cpu-fraction %s', (f) => {
    expect(() => analyzeCost(makeRunRecord(), prices, { cpuFraction: f })).toThrow(
      /--cpu-fraction must be above 0/,
    );
  });
  it.each(['m7g.xlarge', 'm7g.xlarge=0', '=3', 'm7g.xlarge=two'])('rejects --fleet %s', (text) => {
    expect(() => parseFleetSpec(text)).toThrow(UsageError);
  });
});

describe("analyzeCost prefers the model's lmi.cpu_vcpu_seconds on an LMI run", () => {
  it('sums the CPU work instead of weighting utilization by capacity', () => {
    const record = makeRunRecord({ withLmi: true });
    const [instances] = record.platform.series;
    record.platform.series.push({
      ...instances,
      name: 'lmi.cpu_vcpu_seconds',
      stat: 'Sum',
      unit: 'Seconds',
      points: [
        [instances.points[0][0], 10],
        [instances.points[1][0], 20],
      ],
    });
    const cost = analyzeCost(record, prices, { assumptions });
    // 10 + 20 vCPU-s over 30 instance-s × 4 vCPU
    expect(cost.work!.vcpuSeconds).toBeCloseTo(30, 12);
    expect(byName(cost, 'lmi').utilization!).toBeCloseTo(30 / 120, 12);
  });
});

describe('tenant isolation and provisioned concurrency', () => {
  // AWS does not allow provisioned concurrency with tenant isolation; the PC scenario priced it
  // anyway, without the tenant-environment charge, and looked several times cheaper.
  it('prices no provisioned-concurrency scenario for a tenant-isolated function, and says why', () => {
    const record = makeRunRecord({ withLmi: true });
    record.platform.series.push({
      name: 'lambda.tenant_environments_created',
      labels: { function: 'notes-get' },
      source: 'model',
      periodSec: 5,
      stat: 'Sum',
      unit: 'Count',
      points: [[Date.parse(record.startedAt), 40]],
    });
    const cost = analyzeCost(record, prices);
    expect(cost.scenarios.map((s) => s.name)).not.toContain(
      'lambda + provisioned concurrency for peak',
    );
    expect(cost.notes).toContain(
      'No provisioned-concurrency scenario: notes-get runs in tenant isolation mode, which AWS does not allow with provisioned concurrency (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html).',
    );
  });
  it('still prices it for a function without tenant isolation', () => {
    const cost = analyzeCost(makeRunRecord({ withLmi: true }), prices);
    expect(cost.scenarios.map((s) => s.name)).toContain(
      'lambda + provisioned concurrency for peak',
    );
  });
});
