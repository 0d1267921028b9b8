import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/profile/types.js';
import { expectedArrivals } from '../../src/schedule/expected-arrivals.js';
import { totalDurationMs } from '../../src/schedule/phase-timeline.js';
import { peakRate, rateAt } from '../../src/schedule/rate-at.js';
import { scalePhases, type ScaleOptions } from '../../src/schedule/scale-phases.js';
import { constant, pulses, ramp, trace, users, wave } from './fixtures.js';

const all: Phase[] = [
  constant(30_000, 2),
  ramp(30_000, 2, 1500),
  pulses(20_000, 5000, 1000, 1000, 20),
  wave(5_400_000, 300, 2, 1_800_000, 0.2, 0.05),
  trace(60_000, [
    [0, 10],
    [30_000, 40],
  ]),
];
const total = (phases: Phase[]) => expectedArrivals(phases, 0, totalDurationMs(phases));

describe('scalePhases', () => {
  it('--time-scale multiplies every duration and keeps the rates and the shape', () => {
    const scaled = scalePhases(all, { timeScale: 0.1 });
    expect(totalDurationMs(scaled)).toBeCloseTo(totalDurationMs(all) / 10, 6);
    expect(peakRate(scaled)).toBeCloseTo(peakRate(all), 6);
    // the same point of the shape has the same rate, and a tenth of the requests
    for (const tMs of [12_345, 45_000, 61_500, 3_000_000, 5_470_000]) {
      expect(rateAt(scaled, tMs / 10)).toBeCloseTo(rateAt(all, tMs), 6);
    }
    expect(total(scaled)).toBeCloseTo(total(all) / 10, 3);
    expect(scaled[2]).toMatchObject({ everyMs: 500, widthMs: 100 });
    expect(scaled[3]).toMatchObject({ periodMs: 180_000, trendPerHour: 2 });
  });

  it('--rate-scale multiplies every rate (and rounds closed-model users)', () => {
    const scaled = scalePhases([...all, users(1000, 15)], { rateScale: 2 });
    for (const tMs of [12_345, 45_000, 61_500, 3_000_000, 5_470_000]) {
      expect(rateAt(scaled, tMs)).toBeCloseTo(2 * rateAt(all, tMs), 6);
    }
    expect(total(scaled)).toBeCloseTo(2 * total(all), 3);
    expect(scaled[5]).toMatchObject({ users: 30 });
  });

  it.each<[string, number, Phase[]]>([
    // --duration cuts inside the ramp: it ends at the rate it had then (2 + 1498 / 3)
    ['inside a ramp', 40_000, [constant(30_000, 2), ramp(10_000, 2, 2 + 1498 / 3)]],
    // at a boundary: the next phases are dropped
    ['at a boundary', 30_000, [constant(30_000, 2)]],
    // inside a trace: points past the cut go
    ['inside a trace', 5_400_000 + 80_000 + 20_000, [...all.slice(0, 4), trace(20_000, [[0, 10]])]],
    ['past the end', 1e12, all],
    ['at zero', 0, []],
  ])('--duration %s', (_name, maxDurationMs, expected) => {
    const cut = scalePhases(all, { maxDurationMs });
    expect(cut).toHaveLength(expected.length);
    cut.forEach((phase, i) => expect(phase).toMatchObject(expected[i]));
  });

  it('never mutates its input', () => {
    const before = JSON.stringify(all);
    scalePhases(all, { timeScale: 3, rateScale: 0.5, maxDurationMs: 45_000 });
    expect(JSON.stringify(all)).toBe(before);
  });

  it.each<[ScaleOptions]>([
    // SAD PATH
    [{ timeScale: 0 }],
    [{ timeScale: -1 }],
    [{ rateScale: -0.5 }],
    [{ rateScale: NaN }],
    [{ maxDurationMs: -1 }],
  ])('refuses %o', (options) => {
    expect(() => scalePhases(all, options)).toThrow(RangeError);
  });
});
