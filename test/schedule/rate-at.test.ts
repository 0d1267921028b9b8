import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/profile/types.js';
import { phaseAt, phaseStartsMs, totalDurationMs } from '../../src/schedule/phase-timeline.js';
import { peakRate, rateAt } from '../../src/schedule/rate-at.js';
import { maxUsers, usersAt } from '../../src/schedule/users-at.js';
import { constant, pulses, ramp, trace, users, wave } from './fixtures.js';

const needlepoint: Phase[] = [constant(30_000, 2), ramp(30_000, 2, 1500), constant(60_000, 1500)];

describe('rateAt', () => {
  it.each<[string, Phase[], number, number]>([
    // HAPPY PATH
    // constant phase: its rate everywhere inside
    ['constant', needlepoint, 10_000, 2],
    // half way up the ramp 2 -> 1500: (2 + 1500) / 2
    ['ramp middle', needlepoint, 45_000, 751],
    // a boundary belongs to the phase that starts there: ramp start = 2
    ['ramp start', needlepoint, 30_000, 2],
    ['after ramp', needlepoint, 60_000, 1500],
    // pulses every 5 s, 1 s wide: 2.5 s into the period is base
    ['pulse high', [pulses(20_000, 5000, 1000, 1000, 20)], 5_500, 1000],
    ['pulse base', [pulses(20_000, 5000, 1000, 1000, 20)], 7_500, 20],
    // trace: held constant between points, 0 before the first point
    [
      'trace before first point',
      [
        trace(10_000, [
          [2000, 5],
          [6000, 9],
        ]),
      ],
      1000,
      0,
    ],
    [
      'trace held',
      [
        trace(10_000, [
          [2000, 5],
          [6000, 9],
        ]),
      ],
      5999,
      5,
    ],
    [
      'trace last point held to the end',
      [
        trace(10_000, [
          [2000, 5],
          [6000, 9],
        ]),
      ],
      9999,
      9,
    ],
    // wave at a quarter period: mean × peakToMean (no trend)
    ['wave peak', [wave(60_000, 300, 2, 60_000)], 15_000, 600],
    // wave trough a three quarters: mean × (2 − peakToMean)
    ['wave trough', [wave(60_000, 300, 1.5, 60_000)], 45_000, 150],
    // trend 20%/h after 1 h at a zero crossing of the sine: mean × 1.2
    ['wave trend', [wave(7_200_000, 300, 2, 1_800_000, 0.2)], 3_600_000, 360],
    // SAD PATH
    // peakToMean 3 would go negative in the trough: clamped to 0
    ['wave clamped', [wave(60_000, 300, 3, 60_000)], 45_000, 0],
    // trend −100%/h: the rate is 0 after one hour
    ['wave trend below zero', [wave(7_200_000, 300, 1, 1_800_000, -1)], 5_000_000, 0],
    ['before the start', needlepoint, -1, 0],
    ['at the end', needlepoint, 120_000, 0],
    ['closed-model phase', [users(10_000, 50)], 5_000, 0],
    ['no phases', [], 0, 0],
  ])('%s', (_name, phases, tMs, expected) => {
    expect(rateAt(phases, tMs)).toBeCloseTo(expected, 9);
  });

  it('includes wave noise only with a seed, within ±noise and the same for equal seeds', () => {
    const phases = [wave(60_000, 300, 1, 60_000, 0, 0.1)];
    const noisy = (seed: number) =>
      [500, 1500, 2500].map((t) => rateAt(phases, t, { noiseSeed: seed }));
    expect(rateAt(phases, 500)).toBe(300);
    expect(noisy(1)).toEqual(noisy(1));
    expect(noisy(1)).not.toEqual(noisy(2));
    for (const rate of noisy(1)) expect(Math.abs(rate - 300)).toBeLessThanOrEqual(30);
    // piecewise constant per second
    expect(rateAt(phases, 100, { noiseSeed: 1 })).toBe(rateAt(phases, 900, { noiseSeed: 1 }));
  });
});

describe('phase timeline', () => {
  it.each<[number, number]>([
    // HAPPY PATH: [tMs, phase index]
    [0, 0],
    [29_999, 0],
    [30_000, 1],
    [119_999, 2],
    // SAD PATH: outside the schedule
    [120_000, -1],
    [-0.001, -1],
    [NaN, -1],
  ])('phaseAt(%d) is %d', (tMs, index) => {
    expect(phaseAt(needlepoint, tMs)).toBe(index);
  });

  it('skips zero-length phases and sums durations', () => {
    const phases = [constant(1000, 1), constant(0, 5), constant(1000, 2)];
    expect(phaseAt(phases, 1000)).toBe(2);
    expect(totalDurationMs(phases)).toBe(2000);
    expect(phaseStartsMs(phases)).toEqual([0, 1000, 1000]);
    expect(totalDurationMs([])).toBe(0);
  });
});

describe('peakRate', () => {
  it.each<[string, Phase[], number]>([
    ['needlepoint', needlepoint, 1500],
    // a falling ramp peaks at its start
    ['falling ramp', [ramp(10_000, 800, 5)], 800],
    ['pulses', [pulses(20_000, 5000, 1000, 1000, 20)], 1000],
    // pulses as wide as the period never show the base rate
    ['pulses without base', [pulses(20_000, 5000, 5000, 10, 99)], 10],
    [
      'trace',
      [
        trace(10_000, [
          [0, 3],
          [5000, 7],
          [20_000, 99],
        ]),
      ],
      7,
    ],
    ['wave', [wave(1_800_000, 300, 2, 1_800_000)], 600],
    ['closed model', [users(1000, 10)], 0],
    ['empty', [], 0],
  ])('%s', (_name, phases, expected) => {
    expect(peakRate(phases)).toBeCloseTo(expected, 6);
  });

  it('finds a trending wave peak no lower than any sampled rate', () => {
    const phases = [wave(5_400_000, 300, 2, 1_800_000, 0.2)];
    let sampled = 0;
    for (let t = 0; t < 5_400_000; t += 100) sampled = Math.max(sampled, rateAt(phases, t));
    expect(peakRate(phases)).toBeGreaterThanOrEqual(sampled);
    expect(peakRate(phases)).toBeLessThan(sampled + 1e-3);
  });
});

describe('peakRate with wave noise', () => {
  // 10 min of a trending wave with noise 0.3, then a constant phase
  const phases = [wave(600_000, 300, 2, 120_000, 0.5, 0.3), constant(10_000, 50)];
  const sampledPeak = (seed: number) => {
    let peak = 0;
    for (let t = 0; t < 610_000; t += 25)
      peak = Math.max(peak, rateAt(phases, t, { noiseSeed: seed }));
    return peak;
  };

  it.each([1, 17, 90_210])(
    'seed %i: the peak the cursor applies, no lower than any sample',
    (seed) => {
      const peak = peakRate(phases, { noiseSeed: seed });
      const sampled = sampledPeak(seed);
      expect(peak).toBeGreaterThanOrEqual(sampled - 1e-9);
      expect(peak).toBeLessThan(sampled + 0.05);
      expect(peak).toBeGreaterThan(peakRate(phases)); // the noise lifts some second above it
    },
  );

  it("'any seed' bounds every seed's peak by the noise-free peak × (1 + noise)", () => {
    const bound = peakRate(phases, 'any seed');
    expect(bound).toBeCloseTo(peakRate(phases) * 1.3, 9);
    for (const seed of [1, 2, 3, 17, 90_210])
      expect(peakRate(phases, { noiseSeed: seed })).toBeLessThan(bound);
  });

  it('leaves a wave without noise, and every other kind, as they are', () => {
    const quiet = [wave(600_000, 300, 2, 120_000, 0.5), ramp(10_000, 5, 800)];
    expect(peakRate(quiet, { noiseSeed: 4 })).toBe(peakRate(quiet));
    expect(peakRate(quiet, 'any seed')).toBe(peakRate(quiet));
  });
});

describe('usersAt', () => {
  it.each<[number, number]>([
    [0, 10],
    [999, 10],
    [1000, 50],
    // open-model phase and outside: 0
    [2500, 0],
    [5000, 0],
  ])('usersAt(%d) is %d', (tMs, expected) => {
    const phases = [users(1000, 10), users(1000, 50), constant(1000, 5)];
    expect(usersAt(phases, tMs)).toBe(expected);
    expect(maxUsers(phases)).toBe(50);
  });
});
