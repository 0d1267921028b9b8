/**
 * Issue 9, worked by hand: Savings Plans apart for EC2 and Lambda (item 9), the monthly figure
 * projected only from runs of an hour or more (item 12), provisioned concurrency for the peak,
 * the free tier per month, and the front door's dated price.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { UsageError } from '../../src/errors.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { functionSeries } from './fixtures/function-series.js';
import { makeRunRecord, T0 } from './fixtures/make-run-record.js';

const prices = builtinPrices['us-east-1'];
const X86 = 0.0000166667;
const assumptions = {
  lambdaMemoryMb: 2048,
  architecture: 'x86_64' as const,
  instanceType: 'm7g.xlarge',
};
const get = (cost: ReturnType<typeof analyzeCost>, name: string) =>
  cost.scenarios.find((s) => s.name.startsWith(name))!;

describe('item 9: Savings Plans', () => {
  const record = makeRunRecord({ withLmi: true });
  const cost = analyzeCost(record, prices, {
    assumptions,
    savingsPlanEc2: 0.3,
    savingsPlanLambda: 0.17,
  });
  it('EC2 discount on instances only; the LMI fee and requests never discounted', () => {
    const lmi = get(cost, 'lmi');
    expect(lmi.breakdown.ec2Usd).toBeCloseTo((30 / 3600) * 0.1632 * 0.7, 12);
    expect(lmi.breakdown.managementFeeUsd).toBeCloseTo(0.15 * (30 / 3600) * 0.1632, 12);
    expect(lmi.breakdown.requestsUsd).toBeCloseTo(970 * 0.2e-6, 12);
    expect(get(cost, 'fixed fleet').breakdown.ec2Usd).toBeCloseTo(
      3 * (10 / 3600) * 0.1632 * 0.7,
      12,
    );
  });
  it('Lambda discount on duration and provisioned concurrency only', () => {
    const lambda = get(cost, 'lambda on-demand');
    expect(lambda.breakdown.durationUsd).toBeCloseTo(98.17 * X86 * 0.83, 12);
    expect(lambda.breakdown.requestsUsd).toBeCloseTo(970 * 0.2e-6, 12);
    const pc = get(cost, 'lambda + provisioned');
    expect(pc.breakdown.provisionedUsd).toBeCloseTo(30 * 2 * 300 * 0.0000041667 * 0.83, 12);
  });
  it('the curve takes the EC2 discount, the fee stays at 15%', () => {
    // 0.000408 at u = 1 (36 vCPU-s on m7g.xlarge) × 0.7, and × (0.7 + 0.15) for LMI
    const one = cost.curve.find((p) => p.utilization === 1)!;
    expect(one.costUsd).toBeCloseTo(0.000408 * 0.7, 12);
    expect(one.lmiUsd!).toBeCloseTo(0.000408 * 0.85, 12);
  });
  it('rejects a Lambda discount above the Compute Savings Plan maximum of 17%', () => {
    expect(() => analyzeCost(record, prices, { savingsPlanLambda: 0.18 })).toThrow(UsageError);
    expect(() => analyzeCost(record, prices, { savingsPlanLambda: 0.18 })).toThrow(
      /--savings-plan-lambda 18% is more than a Compute Savings Plan on Lambda gives \(at most 17%: https:\/\/aws.amazon.com\/savingsplans\/compute-pricing\/\)/,
    );
  });
});

/** A record whose timeline lasts `seconds` at 10 req/s (all 200). */
function longRecord(seconds: number): RunRecord {
  const base = makeRunRecord();
  const entry = {
    ...base.timeline[0],
    throttled: 0,
    errors: 0,
    ok: 10,
    sent: 10,
    planned: 10,
    completed: 10,
    byStatus: { '200': 10 },
  };
  return {
    ...base,
    endedAt: new Date(T0 + seconds * 1000).toISOString(),
    timeline: Array.from({ length: seconds }, (_, second) => ({ ...entry, second })),
  };
}

describe('item 12: monthly projection', () => {
  it.each([
    [3599, 'if this traffic ran all month'],
    [3600, 'projected'],
  ])('a %i s run is labelled %s, and per run and per million are always given', (sec, basis) => {
    const cost = analyzeCost(longRecord(sec), prices, { assumptions });
    for (const s of cost.scenarios) {
      expect(s.monthlyBasis).toBe(basis);
      // provisioned concurrency is priced per second for the month (see its own test)
      if (!s.name.includes('provisioned'))
        expect(s.monthlyUsd).toBeCloseTo((s.totalUsd * 2_592_000) / sec, 9);
      expect(s.perMillionUsd).not.toBeNull();
    }
    expect(cost.notes!.join(' ')).toContain(
      sec >= 3600 ? 'projected from this run' : 'not a forecast',
    );
  });
});

describe('provisioned concurrency sized for the observed peak', () => {
  it('keeps ceil(peak) environments warm per function, 5-minute increments', () => {
    // fn: peak 7.2 -> 8 environments × 2 GiB × 300 s; invoked 100 × 0.1005 s (the 0.5 ms round-up
    // included) × 2 GiB = 20.1 GB-s
    const record = makeRunRecord({
      platform: { series: functionSeries('fn', [60, 40], [100, 100], { concurrency: [7.2, 3] }) },
    });
    const pc = get(analyzeCost(record, prices, { assumptions }), 'lambda + provisioned');
    expect(pc.breakdown.provisionedUsd).toBeCloseTo(8 * 2 * 300 * 0.0000041667, 12);
    expect(pc.breakdown.durationUsd).toBeCloseTo(20.1 * 0.0000097222, 12);
    expect(pc.utilization!).toBeCloseTo(20.1 / (8 * 2 * 300), 12);
    // a month: 8 × 2 GiB warm for 2,592,000 s, plus 259,200 times this run's invocations
    expect(pc.monthlyUsd).toBeCloseTo(
      8 * 2 * 0.0000041667 * 2_592_000 + (20.1 * 0.0000097222 + 100 * 0.2e-6) * 259_200,
      6,
    );
    expect(pc.basis).toBe('estimated');
  });
});

describe('provisioned concurrency without lambda.concurrent_executions', () => {
  // Little's law per function: peak invocations per second × mean billed duration. The run's
  // timeline peaks at 100 req/s; sizing every function from that (the old fallback) gave a 10.
  const record = makeRunRecord({
    platform: {
      series: [
        ...functionSeries('a', [60, 40], [100, 100]), // 12/s × 0.1 s = 1.2 -> 2
        ...functionSeries('b', [500, 100], [19, 19]), // 100/s × 0.019 s = 1.9 -> 2
      ],
    },
  });
  const cost = analyzeCost(record, prices, { assumptions });
  const pc = get(cost, 'lambda + provisioned');

  it("sizes each function by its own peak rate × mean duration (Little's law)", () => {
    expect(pc.breakdown.provisionedUsd).toBeCloseTo((2 + 2) * 2 * 300 * 0.0000041667, 12);
    expect(pc.note).toMatch(
      /^what-if: provisioned concurrency = estimated peak concurrency \(a 2, b 2\)/,
    );
  });
  it('says it is an estimate and how it was made', () => {
    expect(pc.note).toContain(
      "estimated by Little's law, no lambda.concurrent_executions: peak invocations per second × mean billed duration (a 12/s (5 s datapoints) × ",
    );
    expect(pc.note).toMatch(
      /b 100\/s \(5 s datapoints\) × [\d.]+ ms\), the mean concurrency of the busiest period \(its instantaneous peak is higher\)$/,
    );
  });
  it('a function with a concurrency series keeps its observed peak', () => {
    const mixed = makeRunRecord({
      platform: {
        series: [
          ...functionSeries('a', [60, 40], [100, 100], { concurrency: [5, 1] }),
          ...functionSeries('b', [500, 100], [19, 19]),
        ],
      },
    });
    const p = get(analyzeCost(mixed, prices, { assumptions }), 'lambda + provisioned');
    expect(p.note).toMatch(
      /^what-if: provisioned concurrency = peak concurrency, observed or estimated \(a 5, b 2\)/,
    );
  });
  it('no duration to estimate from: no scenario, and a note saying why', () => {
    const blind = makeRunRecord({
      latencyMs: { ...makeRunRecord().latencyMs, overall: null },
      platform: {
        series: functionSeries('a', [60, 40], [100, 100]).filter(
          (s) => s.name === 'lambda.invocations',
        ),
      },
    });
    const c = analyzeCost(blind, prices, { assumptions });
    expect(c.scenarios.map((s) => s.name)).not.toContain(
      'lambda + provisioned concurrency for peak',
    );
    expect(c.notes).toContain(
      "No provisioned-concurrency scenario: the record has no lambda.concurrent_executions for a, and no duration to estimate the peak from (Little's law: peak invocations per second × mean duration).",
    );
  });
});

describe('free tier', () => {
  it('is stated, and --free-tier takes it off the monthly on-demand figure only', () => {
    // 10 s of 970 requests and 98.17 GB-s -> a month: 25,142,400 requests, 2,544,566 GB-s;
    // the free tier takes 1M × $0.20/M + 400,000 × $0.0000166667
    const record = makeRunRecord({ withLmi: true });
    const off = analyzeCost(record, prices, { assumptions });
    const on = analyzeCost(record, prices, { assumptions, freeTier: true });
    expect(off.freeTier).toMatch(/not applied/);
    expect(on.freeTier).toMatch(/applied to on-demand Lambda's monthly figure/);
    const credit = 1e6 * 0.2e-6 + 400_000 * X86;
    expect(get(on, 'lambda on-demand').monthlyUsd).toBeCloseTo(
      get(off, 'lambda on-demand').monthlyUsd - credit,
      6,
    );
    expect(get(on, 'lambda on-demand').totalUsd).toBe(get(off, 'lambda on-demand').totalUsd);
    expect(get(on, 'lmi').monthlyUsd).toBe(get(off, 'lmi').monthlyUsd);
  });
});

describe('front door', () => {
  const record = makeRunRecord({ withLmi: true });
  it.each([
    // 1,000 requests sent
    ['http-api', 1000 * 1e-6],
    ['rest-api', 1000 * 3.5e-6],
    ['function-url', 0],
    // 1 partial hour × $0.0225 + (300,000 bytes / 1e9 GB) / 0.4 GB per LCU-hour × $0.008
    ['alb', 0.0225 + (300_000 / 1e9 / 0.4) * 0.008],
  ] as const)('%s is added to every total, not to compute', (kind, usd) => {
    const cost = analyzeCost(record, prices, { assumptions, frontDoor: kind });
    for (const s of cost.scenarios) {
      expect(s.breakdown.frontDoorUsd).toBeCloseTo(usd, 12);
      expect(s.totalUsd).toBeCloseTo(s.computeUsd! + s.breakdown.requestsUsd + usd, 12);
    }
    expect(cost.frontDoor).toMatch(/read 2026-12-01, https:\/\/aws\.amazon\.com\//);
    // a month of ALB is 720 hours, not 259,200 rounded-up partial hours
    const monthlyDoor =
      kind === 'alb' ? 720 * 0.0225 + (300_000 / 1e9 / 0.4) * 0.008 * 259_200 : usd * 259_200;
    const fleet = cost.scenarios.find((s) => s.name.startsWith('fixed fleet'))!;
    expect(fleet.monthlyUsd).toBeCloseTo((fleet.totalUsd - usd) * 259_200 + monthlyDoor, 6);
  });
});
