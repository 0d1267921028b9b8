// Oracle test (after k6's TestCompareCalImplementation): the cursor's arrivals in many windows
// against a naive midpoint Riemann sum of rateAt with a tiny step. A uniform cursor plans
// arrival k at Λ = k + 0.5, so in any window its count is within ±1 of the integral (within
// ±1 of the integral / N for one worker of N).
import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/profile/types.js';
import { ArrivalCursor } from '../../src/schedule/arrival-cursor.js';
import { totalDurationMs } from '../../src/schedule/phase-timeline.js';
import { rateAt } from '../../src/schedule/rate-at.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { constant, pulses, ramp, trace, wave } from './fixtures.js';

const STEP_MS = 0.25;
const SEED = 21;

/** Naive cumulative integral of rateAt on a grid of STEP_MS (entry i = Λ at i × STEP_MS). */
function riemann(phases: Phase[]): Float64Array {
  const steps = Math.ceil(totalDurationMs(phases) / STEP_MS);
  const sums = new Float64Array(steps + 1);
  for (let i = 0; i < steps; i++) {
    sums[i + 1] =
      sums[i] + (rateAt(phases, (i + 0.5) * STEP_MS, { noiseSeed: SEED }) * STEP_MS) / 1000;
  }
  return sums;
}

function countBefore(sorted: number[], tMs: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function plannedTimes(phases: Phase[], workerIndex: number, workerCount: number): number[] {
  const cursor = new ArrivalCursor(phases, { seed: SEED, workerIndex, workerCount });
  const times: number[] = [];
  for (let t = cursor.next(); t !== Infinity; t = cursor.next()) times.push(t);
  return times;
}

const cases: Array<[string, Phase[]]> = [
  ['constant', [constant(20_000, 333.3)]],
  ['ramp up', [ramp(30_000, 0, 1500)]],
  ['ramp down', [ramp(20_000, 900, 3)]],
  ['pulses', [pulses(23_000, 5000, 1000, 1000, 20)]],
  ['pulses, uneven period', [pulses(10_000, 1750, 250, 800, 7.5)]],
  [
    'trace',
    [
      trace(15_000, [
        [0, 10],
        [1234.5, 250],
        [4000, 0],
        [9000.25, 600],
        [12_000, 40],
      ]),
    ],
  ],
  ['wave', [wave(60_000, 200, 1.8, 25_000, 0.4)]],
  ['wave, clamped troughs', [wave(40_000, 150, 3.5, 9000, 0)]],
  ['wave, noise', [wave(30_500, 300, 2, 12_000, 0.2, 0.25)]],
  [
    'every kind in a row',
    [
      constant(3000, 2),
      ramp(7000, 2, 700),
      pulses(6000, 2000, 500, 900, 50),
      trace(5000, [
        [0, 100],
        [2500, 300],
      ]),
      wave(9000, 200, 2, 4000, -0.5, 0.1),
    ],
  ],
];

describe('ArrivalCursor against a numerical integral of rateAt', () => {
  it.each(cases)('%s: every window within ±1', (_name, phases) => {
    const sums = riemann(phases);
    const durationMs = totalDurationMs(phases);
    const random = createRandom(7);
    const windows: Array<[number, number]> = [];
    for (let s = 0; s < durationMs; s += 1000) windows.push([s, Math.min(s + 1000, durationMs)]);
    for (let i = 0; i < 300; i++) {
      const a = random.int(0, sums.length - 1);
      const b = random.int(0, sums.length - 1);
      windows.push([Math.min(a, b) * STEP_MS, Math.max(a, b) * STEP_MS]);
    }
    for (const workerCount of [1, 3]) {
      for (let w = 0; w < workerCount; w++) {
        const times = plannedTimes(phases, w, workerCount);
        for (const [fromMs, toMs] of windows) {
          const counted = countBefore(times, toMs) - countBefore(times, fromMs);
          const integral =
            (sums[Math.round(toMs / STEP_MS)] - sums[Math.round(fromMs / STEP_MS)]) / workerCount;
          expect(
            Math.abs(counted - integral),
            `[${fromMs}, ${toMs}) worker ${w}/${workerCount}`,
          ).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
