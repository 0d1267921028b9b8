import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/profile/types.js';
import {
  ArrivalCursor,
  workerShare,
  type ArrivalCursorOptions,
} from '../../src/schedule/arrival-cursor.js';
import { cumulativeArrivals, uniformArrivalCount } from '../../src/schedule/expected-arrivals.js';
import { totalDurationMs } from '../../src/schedule/phase-timeline.js';
import { constant, pulses, ramp, trace, users, wave } from './fixtures.js';

/** Every planned time of a cursor, with the phase of each. */
function drain(
  phases: Phase[],
  options: ArrivalCursorOptions = {},
): { times: number[]; phaseOf: number[] } {
  const cursor = new ArrivalCursor(phases, options);
  const times: number[] = [];
  const phaseOf: number[] = [];
  for (let t = cursor.next(); t !== Infinity; t = cursor.next()) {
    times.push(t);
    phaseOf.push(cursor.phaseIndex);
  }
  return { times, phaseOf };
}

const needlepoint: Phase[] = [constant(30_000, 2), ramp(30_000, 2, 1500), constant(60_000, 1500)];

const shapes: Array<[string, Phase[], number]> = [
  // [name, phases, exact uniform count: Λ rounded, worked out by hand]
  // 10 s at 500 req/s
  ['constant', [constant(10_000, 500)], 5000],
  // 1500 × 30 / 2
  ['ramp 0 -> 1500 over 30 s', [ramp(30_000, 0, 1500)], 22_500],
  // 60 + 22 530 + 90 000
  ['needlepoint', needlepoint, 112_590],
  // 4 × (1000 + 4 × 20)
  ['pulses', [pulses(20_000, 5000, 1000, 1000, 20)], 4320],
  // 1000 req/s for one second, nothing else
  ['one-second spike', [pulses(1000, 5000, 1000, 1000, 0)], 1000],
  // 5 × 4 + 9 × 4
  [
    'trace',
    [
      trace(10_000, [
        [2000, 5],
        [6000, 9],
      ]),
    ],
    56,
  ],
  // whole periods: mean × duration
  ['wave', [wave(120_000, 50, 2, 30_000)], 6000],
  // 0.3 req/s for 5 s: Λ = 1.5 -> 1 (halves round down)
  ['fractional total', [constant(5000, 0.3)], 1],
  // SAD PATH
  // every trace point at or past the end: nothing to send
  ['trace points past the end', [trace(10_000, [[10_000, 50]])], 0],
  ['zero rate', [constant(10_000, 0)], 0],
  ['closed-model phase', [users(10_000, 50)], 0],
  ['no phases', [], 0],
];

describe('ArrivalCursor, uniform arrivals', () => {
  it.each(shapes)('%s yields exactly the rounded integral', (_name, phases, count) => {
    const { times } = drain(phases);
    expect(times.length).toBe(count);
    expect(times.length).toBe(
      uniformArrivalCount(cumulativeArrivals(phases, totalDurationMs(phases))),
    );
    expect(times.filter((t, i) => i > 0 && t < times[i - 1])).toEqual([]);
    if (times.length > 0) {
      expect(times[0]).toBeGreaterThanOrEqual(0);
      expect(times[times.length - 1]).toBeLessThan(totalDurationMs(phases));
    }
  });

  it('plans arrival k of a constant rate in the middle of its interval', () => {
    // 500 req/s: one arrival each 2 ms, the k-th at (k + 0.5) × 2 ms
    const { times } = drain([constant(10_000, 500)]);
    expect(times.slice(0, 3)).toEqual([1, 3, 5]);
    expect(times[4999]).toBeCloseTo(9999, 9);
  });

  it('plans ramp arrivals where the trapezoid area reaches k + 0.5', () => {
    // ramp 0 -> 1500 over 30 s: Λ(t) = 25 t² (t in s), so arrival k is at √((k + 0.5) / 25) s
    const { times } = drain([ramp(30_000, 0, 1500)]);
    for (const k of [0, 1, 99, 12_345, 22_499]) {
      expect(times[k]).toBeCloseTo(1000 * Math.sqrt((k + 0.5) / 25), 6);
    }
  });

  it('reports the phase of each arrival and counts them phase by phase', () => {
    const { phaseOf } = drain(needlepoint);
    const perPhase = [0, 1, 2].map((p) => phaseOf.filter((x) => x === p).length);
    expect(perPhase).toEqual([60, 22_530, 90_000]);
  });

  it('keeps returning Infinity after the end, with phaseIndex -1', () => {
    const cursor = new ArrivalCursor([constant(1000, 2)]);
    expect([cursor.next(), cursor.next()]).toEqual([250, 750]);
    expect(cursor.phaseIndex).toBe(0);
    expect([cursor.next(), cursor.next()]).toEqual([Infinity, Infinity]);
    expect(cursor.phaseIndex).toBe(-1);
    expect(cursor.returned).toBe(2);
  });

  it('applies the seeded wave noise and still matches its own integral exactly', () => {
    const phases = [wave(60_000, 300, 2, 20_000, 0, 0.3)];
    const a = drain(phases, { seed: 1 }).times;
    const b = drain(phases, { seed: 2 }).times;
    expect(a.length).toBe(
      uniformArrivalCount(cumulativeArrivals(phases, 60_000, { noiseSeed: 1 })),
    );
    expect(b.length).toBe(
      uniformArrivalCount(cumulativeArrivals(phases, 60_000, { noiseSeed: 2 })),
    );
    expect(a).not.toEqual(b);
    expect(drain(phases, { seed: 1 }).times).toEqual(a);
  });

  it('survives noise above 100% (seconds with a zero factor send nothing)', () => {
    const phases = [wave(40_000, 100, 1, 10_000, 0, 1.5)];
    const { times } = drain(phases, { seed: 4 });
    expect(times.length).toBe(
      uniformArrivalCount(cumulativeArrivals(phases, 40_000, { noiseSeed: 4 })),
    );
    expect(times.every((t, i) => Number.isFinite(t) && (i === 0 || t >= times[i - 1]))).toBe(true);
    const silentSeconds = [...Array(40).keys()].filter(
      (s) => !times.some((t) => t >= s * 1000 && t < s * 1000 + 1000),
    );
    // with factors uniform in [−0.5, 2.5] clamped at 0, about a sixth of the seconds are silent
    expect(silentSeconds.length).toBeGreaterThan(0);
  });
});

describe('ArrivalCursor, worker split', () => {
  it.each<[string, Phase[], ArrivalCursorOptions['arrivals']]>([
    ['needlepoint, uniform', needlepoint, 'uniform'],
    ['pulses, poisson', [pulses(20_000, 5000, 1000, 1000, 20)], 'poisson'],
    ['noisy wave, uniform', [wave(30_000, 100, 2, 10_000, 0.5, 0.2)], 'uniform'],
    [
      'trace, poisson',
      [
        trace(10_000, [
          [0, 50],
          [3000, 400],
          [7000, 0],
        ]),
      ],
      'poisson',
    ],
  ])('%s: the shares of N workers add up exactly to the whole', (_name, phases, arrivals) => {
    const whole = drain(phases, { arrivals, seed: 3 }).times;
    for (const workerCount of [2, 3, 7]) {
      const shares = Array.from(
        { length: workerCount },
        (_, workerIndex) => drain(phases, { arrivals, seed: 3, workerIndex, workerCount }).times,
      );
      // worker w holds exactly the global arrivals k ≡ w (mod N)
      shares.forEach((share, w) => {
        expect(share).toEqual(whole.filter((_t, k) => k % workerCount === w));
        expect(share.length).toBe(workerShare(whole.length, w, workerCount));
      });
    }
  });

  it.each([
    // SAD PATH: a worker index outside [0, workerCount)
    [{ workerIndex: 2, workerCount: 2 }],
    [{ workerIndex: -1, workerCount: 2 }],
  ])('refuses %o', (options) => {
    expect(() => new ArrivalCursor(needlepoint, options)).toThrow(RangeError);
  });

  it.each([
    // [count, workerIndex, workerCount, share]
    [10, 0, 3, 4],
    [10, 1, 3, 3],
    [10, 2, 3, 3],
    [2, 2, 3, 0],
    [0, 0, 1, 0],
  ])('workerShare(%d, %d, %d) is %d', (count, w, n, share) => {
    expect(workerShare(count, w, n)).toBe(share);
  });
});

describe('ArrivalCursor, poisson arrivals', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const phases = [ramp(10_000, 0, 300)];
    const a = drain(phases, { arrivals: 'poisson', seed: 5 }).times;
    expect(drain(phases, { arrivals: 'poisson', seed: 5 }).times).toEqual(a);
    expect(drain(phases, { arrivals: 'poisson', seed: 6 }).times).not.toEqual(a);
  });

  it.each(shapes.filter(([, , count]) => count >= 1000))(
    '%s: the count over 20 seeds has the integral as mean',
    (_name, phases) => {
      const expected = cumulativeArrivals(phases, totalDurationMs(phases));
      const counts = Array.from(
        { length: 20 },
        (_, seed) => drain(phases, { arrivals: 'poisson', seed }).times.length,
      );
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      // each count is Poisson(Λ): the mean of 20 has sd √(Λ / 20); allow 5 sd
      expect(Math.abs(mean - expected)).toBeLessThan(5 * Math.sqrt(expected / 20));
    },
  );

  it('has exponential gaps on a constant rate (mean and spread)', () => {
    // 1000 req/s: gaps of mean 1 ms; an exponential has sd equal to its mean
    const { times } = drain([constant(200_000, 1000)], { arrivals: 'poisson', seed: 9 });
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });
});
