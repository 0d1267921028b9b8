/**
 * workDone's observed LMI counts only the run's window: a simulated run's series go on through the
 * drain after the schedule (and a collector samples once more at the end), so points past the
 * run's end are left out and a period straddling it counts pro rata.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { costAssumptions } from '../../src/analysis/cost-assumptions.js';
import { workDone } from '../../src/analysis/work-done.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import type { PlatformSeries, RunRecord } from '../../src/record/run-record.js';
import { makeRunRecord, T0 } from './fixtures/make-run-record.js';

const prices = builtinPrices['us-east-1'];

function perSecond(name: string, stat: string, unit: string, values: number[]): PlatformSeries {
  return {
    name,
    labels: { capacityProvider: 'notes-lmi', instanceType: 'm7g.xlarge' },
    source: 'model',
    periodSec: 1,
    stat,
    unit,
    points: values.map((v, i) => [T0 + i * 1000, v]),
  };
}

/** A 20 s LMI run (timeline of 20 seconds) whose series have 24 one-second points. */
function drainedRun(): RunRecord {
  const base = makeRunRecord({ withLmi: true });
  const timeline = Array.from({ length: 20 }, (_, second) => ({
    ...base.timeline[0],
    second,
  }));
  return {
    ...base,
    endedAt: new Date(T0 + 23_400).toISOString(),
    timeline,
    platform: {
      series: [
        perSecond('lmi.instances', 'Average', 'Count', Array(24).fill(3)),
        perSecond('lmi.cpu_utilization', 'Average', 'Fraction', Array(24).fill(0.25)),
        perSecond('lmi.cpu_vcpu_seconds', 'Sum', 'Seconds', Array(24).fill(3)),
      ],
    },
  };
}

describe('observed LMI over the run window', () => {
  const record = drainedRun();
  const work = workDone(record, prices, costAssumptions(record));

  it('instance-seconds: 20 s × 3, not 24 points × 3', () => {
    expect(work.durationSec).toBe(20);
    expect(work.instanceSeconds).toEqual({ 'm7g.xlarge': 60 });
  });

  it('CPU work and utilization over the same window', () => {
    expect(work.vcpuSeconds).toBeCloseTo(60, 9);
    // 60 vCPU-s over 60 instance-seconds × 4 vCPUs
    expect(work.lmiCpuUtilization).toBeCloseTo(0.25, 9);
  });

  it('a 5 s period straddling the end counts its share', () => {
    const five: RunRecord = {
      ...record,
      platform: {
        series: [
          {
            ...perSecond('lmi.instances', 'Average', 'Count', []),
            periodSec: 5,
            // 0, 5, 10, 15 s inside; 18 s straddles the end (2 of 5 s); 23 s after it
            points: [0, 5, 10, 15, 18, 23].map((s) => [T0 + s * 1000, 4]),
          },
        ],
      },
    };
    const w = workDone(five, prices, costAssumptions(five));
    expect(w.instanceSeconds['m7g.xlarge']).toBeCloseTo(4 * (5 * 4 + 2), 9);
  });

  it('the LMI scenario prices the clipped instance-hours', () => {
    const cost = analyzeCost(record, prices, { assumptions: { instanceType: 'm7g.xlarge' } });
    const lmi = cost.scenarios.find((s) => s.name === 'lmi')!;
    expect(lmi.breakdown.ec2Usd).toBeCloseTo((60 / 3600) * 0.1632, 12);
    expect(lmi.note).toBe(
      "observed lmi.instances over the run's 20 s: 0.017 instance-hours of m7g.xlarge",
    );
  });
});
