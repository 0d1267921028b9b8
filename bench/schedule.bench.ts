// Micro-benchmark of the arrival cursor (run: npx vitest bench --run bench/schedule.bench.ts).
// The headline case is the steady-state wave of DESIGN.md: 90 minutes around 300 req/s with a
// 20%/h trend and 5% noise, about 1.84 M arrivals; arrivals/s = that count / the mean time.
import { bench, describe } from 'vitest';
import type { Phase } from '../src/profile/types.js';
import { ArrivalCursor, type ArrivalCursorOptions } from '../src/schedule/arrival-cursor.js';

const steadyWave: Phase[] = [
  {
    kind: 'wave',
    durationMs: 90 * 60_000,
    meanPerSec: 300,
    peakToMean: 2,
    periodMs: 30 * 60_000,
    trendPerHour: 0.2,
    noise: 0.05,
  },
];
const needlepoint: Phase[] = [
  { kind: 'constant', durationMs: 30_000, ratePerSec: 2 },
  { kind: 'ramp', durationMs: 30_000, fromPerSec: 2, toPerSec: 1500 },
  { kind: 'constant', durationMs: 60_000, ratePerSec: 1500 },
  {
    kind: 'pulses',
    durationMs: 20_000,
    everyMs: 5000,
    widthMs: 1000,
    ratePerSec: 1000,
    basePerSec: 20,
  },
];

function drain(phases: Phase[], options: ArrivalCursorOptions): number {
  const cursor = new ArrivalCursor(phases, options);
  let count = 0;
  while (cursor.next() !== Infinity) count++;
  return count;
}

const options = { iterations: 5, warmupIterations: 1, time: 0 };

describe('ArrivalCursor', () => {
  bench(
    '90-minute wave, uniform, 1 worker (1.84 M arrivals)',
    () => {
      drain(steadyWave, { seed: 1 });
    },
    options,
  );
  bench(
    '90-minute wave, poisson, 1 worker (≈1.84 M arrivals)',
    () => {
      drain(steadyWave, { arrivals: 'poisson', seed: 1 });
    },
    options,
  );
  bench(
    '90-minute wave, uniform, worker 0 of 4 (0.46 M arrivals)',
    () => {
      drain(steadyWave, { seed: 1, workerIndex: 0, workerCount: 4 });
    },
    options,
  );
  bench(
    'needlepoint + pulses, uniform (116 910 arrivals)',
    () => {
      drain(needlepoint, { seed: 1 });
    },
    options,
  );
});
