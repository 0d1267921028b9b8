import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/profile/types.js';
import {
  cumulativeArrivals,
  expectedArrivals,
  uniformArrivalCount,
} from '../../src/schedule/expected-arrivals.js';
import { rateAt } from '../../src/schedule/rate-at.js';
import { constant, pulses, ramp, simpson, trace, users, wave } from './fixtures.js';

const HOUR_MS = 3_600_000;

describe('expectedArrivals, exact per phase kind', () => {
  it.each<[string, Phase[], number, number, number]>([
    // HAPPY PATH: [name, phases, fromMs, toMs, expected requests worked out by hand]
    // 10 s at 500 req/s
    ['constant', [constant(10_000, 500)], 0, 10_000, 5000],
    // triangle 0 -> 1500 over 30 s: 1500 × 30 / 2
    ['ramp from 0', [ramp(30_000, 0, 1500)], 0, 30_000, 22_500],
    // first 10 s of that ramp: rate reaches 500, area 500 × 10 / 2
    ['ramp window', [ramp(30_000, 0, 1500)], 0, 10_000, 2500],
    // needlepoint: 2 × 30 + (2 + 1500) / 2 × 30 + 1500 × 60
    [
      'needlepoint',
      [constant(30_000, 2), ramp(30_000, 2, 1500), constant(60_000, 1500)],
      0,
      120_000,
      112_590,
    ],
    // falling ramp 100 -> 0 over 10 s: 500
    ['falling ramp', [ramp(10_000, 100, 0)], 0, 10_000, 500],
    // 4 periods of (1 s × 1000 + 4 s × 20)
    ['pulses', [pulses(20_000, 5000, 1000, 1000, 20)], 0, 20_000, 4 * 1080],
    // [5.5 s, 7.5 s): 0.5 s high + 1.5 s base
    ['pulses window', [pulses(20_000, 5000, 1000, 1000, 20)], 5500, 7500, 500 + 30],
    // 17 s: 3 periods + 1 s high + 1 s base
    ['pulses cut period', [pulses(17_000, 5000, 1000, 1000, 20)], 0, 17_000, 3 * 1080 + 1020],
    // 0 for 2 s, 5 for 4 s, 9 for 4 s
    [
      'trace',
      [
        trace(10_000, [
          [2000, 5],
          [6000, 9],
        ]),
      ],
      0,
      10_000,
      20 + 36,
    ],
    [
      'trace window',
      [
        trace(10_000, [
          [2000, 5],
          [6000, 9],
        ]),
      ],
      5000,
      7000,
      5 + 9,
    ],
    // full periods of the sine integrate to mean × duration
    ['wave full periods', [wave(5_400_000, 300, 2, 1_800_000)], 0, 5_400_000, 300 * 5400],
    // SAD PATH
    ['empty window', [constant(10_000, 500)], 5000, 5000, 0],
    ['reversed window', [constant(10_000, 500)], 6000, 5000, 0],
    // windows are clamped to the schedule
    ['window beyond both ends', [constant(10_000, 500)], -5000, 20_000, 5000],
    ['closed model', [users(10_000, 100)], 0, 10_000, 0],
    ['zero rate', [constant(10_000, 0)], 0, 10_000, 0],
    ['no phases', [], 0, 10_000, 0],
  ])('%s', (_name, phases, fromMs, toMs, expected) => {
    expect(expectedArrivals(phases, fromMs, toMs)).toBeCloseTo(expected, 6);
  });

  it('integrates a trending wave over whole periods in closed form', () => {
    // ∫₀ᵀ m(1 + kt)(1 + A sin ωt) dt over whole periods = m (T + kT²/2 − A k T / ω)
    const [m, a, periodMs, trendPerHour, durationMs] = [300, 1, 1_800_000, 0.2, 5_400_000];
    const k = trendPerHour / HOUR_MS;
    const omega = (2 * Math.PI) / periodMs;
    const byHand =
      (m * (durationMs + (k * durationMs ** 2) / 2 - (a * k * durationMs) / omega)) / 1000;
    const phases = [wave(durationMs, m, 1 + a, periodMs, trendPerHour)];
    expect(expectedArrivals(phases, 0, durationMs)).toBeCloseTo(byHand, 6);
  });

  it.each<[string, Phase, number, number]>([
    // the wave formula against Simpson's rule on rateAt, over windows that cut periods
    ['wave with trend', wave(5_400_000, 300, 2, 1_800_000, 0.2), 123_456, 4_000_000],
    ['wave falling trend', wave(5_400_000, 300, 1.5, 1_800_000, -0.3), 1000, 5_399_000],
    // peakToMean 3: the troughs are clamped to 0
    ['wave clamped troughs', wave(200_000, 50, 3, 60_000, 0.5), 7_000, 190_000],
    // trend −100%/h stops the wave after 1 h
    ['wave stopped by trend', wave(2 * HOUR_MS, 100, 1.2, 600_000, -1), 0, 2 * HOUR_MS],
    ['short period', wave(100_000, 10, 1.8, 1000, 0), 333, 99_001],
  ])('%s matches a numerical integral', (_name, phase, fromMs, toMs) => {
    const oracle = simpson((t) => rateAt([phase], t), fromMs, toMs, 400_000) / 1000;
    expect(Math.abs(expectedArrivals([phase], fromMs, toMs) - oracle)).toBeLessThan(
      1e-6 * oracle + 1e-6,
    );
  });

  it('includes the seeded wave noise only when asked, second by second', () => {
    const phases = [wave(60_500, 300, 2, 20_000, 0, 0.2)];
    const noisy = { noiseSeed: 7 };
    let oracle = 0;
    // per second the noise is constant: integrate each second (and the last half second) apart
    for (let s = 0; s < 60_500; s += 1000) {
      oracle +=
        simpson((t) => rateAt(phases, t, noisy), s, Math.min(s + 1000, 60_500) - 1e-9, 200) / 1000;
    }
    expect(cumulativeArrivals(phases, 60_500, noisy)).toBeCloseTo(oracle, 4);
    expect(cumulativeArrivals(phases, 60_500)).toBeCloseTo(
      300 * 60.5 +
        simpson((t) => 300 * Math.sin((2 * Math.PI * t) / 20_000), 60_000, 60_500) / 1000,
      6,
    );
    expect(cumulativeArrivals(phases, 60_500, noisy)).not.toBeCloseTo(
      cumulativeArrivals(phases, 60_500),
      0,
    );
  });
});

describe('uniformArrivalCount', () => {
  it.each([
    // Λ rounded, halves down: arrival k sits at Λ = k + 0.5 and must fall before the end
    [5000, 5000],
    [22_500, 22_500],
    [22_500.5, 22_500],
    [22_500.51, 22_501],
    [0.49, 0],
    // SAD PATH
    [0.5, 0],
    [0, 0],
    [-3, 0],
  ])('Λ = %d gives %d arrivals', (arrivals, count) => {
    expect(uniformArrivalCount(arrivals)).toBe(count);
  });
});
