/**
 * integrateSeries over a window: each point holds for its period [t, t + periodSec); only the part
 * inside the window counts, a period straddling the end pro rata, points after it not at all.
 */
import { describe, expect, it } from 'vitest';
import { integrateSeries, overlapSec, runWindow } from '../../src/record/platform-series.js';
import type { PlatformSeries } from '../../src/record/run-record.js';
import { makeRunRecord, T0 } from '../analysis/fixtures/make-run-record.js';

function instances(periodSec: number, values: number[]): PlatformSeries {
  return {
    name: 'lmi.instances',
    labels: {},
    source: 'model',
    periodSec,
    stat: 'Average',
    unit: 'Count',
    points: values.map((v, i) => [T0 + i * periodSec * 1000, v]),
  };
}

describe('integrateSeries', () => {
  const window = { fromMs: T0, toMs: T0 + 20_000 };

  it.each([
    // 24 one-second points of 3 instances, 4 past a 20 s run: 20 × 3, not 24 × 3
    ['1 s points past the end', instances(1, Array(24).fill(3)), 60],
    // 15 s points at 0, 15, 30 s: the second straddles the end (5 of its 15 s), the third is after it
    ['a period straddling the end', instances(15, [2, 4, 8]), 2 * 15 + 4 * 5],
    ['all inside', instances(5, [1, 2, 3, 4]), 5 * (1 + 2 + 3 + 4)],
  ])('%s', (_, series, expected) => {
    expect(integrateSeries([series], window)).toBeCloseTo(expected, 9);
  });

  it('a point before the start counts only its part after the start', () => {
    const early: PlatformSeries = { ...instances(10, [6]), points: [[T0 - 4000, 6]] };
    expect(integrateSeries([early], window)).toBeCloseTo(6 * 6, 9);
  });

  it('without a window every period counts whole', () => {
    expect(integrateSeries([instances(1, Array(24).fill(3))])).toBe(72);
  });

  it('overlapSec', () => {
    expect(overlapSec(T0 + 19_500, 1, window)).toBeCloseTo(0.5, 9);
    expect(overlapSec(T0 + 20_000, 1, window)).toBe(0);
    expect(overlapSec(T0 + 3000, 1)).toBe(1);
  });
});

describe('runWindow', () => {
  it("is the run's start for the timeline's length, not its drained end", () => {
    const record = makeRunRecord({ endedAt: new Date(T0 + 12_700).toISOString() });
    expect(runWindow(record)).toEqual({ fromMs: T0, toMs: T0 + 10_000 });
  });
});
