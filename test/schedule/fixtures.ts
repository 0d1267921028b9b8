// Phase builders shared by the schedule tests; every duration in ms, every rate in req/s.
import type { Phase } from '../../src/profile/types.js';

export const constant = (durationMs: number, ratePerSec: number): Phase => ({
  kind: 'constant',
  durationMs,
  ratePerSec,
});

export const ramp = (durationMs: number, fromPerSec: number, toPerSec: number): Phase => ({
  kind: 'ramp',
  durationMs,
  fromPerSec,
  toPerSec,
});

export const pulses = (
  durationMs: number,
  everyMs: number,
  widthMs: number,
  ratePerSec: number,
  basePerSec: number,
): Phase => ({ kind: 'pulses', durationMs, everyMs, widthMs, ratePerSec, basePerSec });

export const wave = (
  durationMs: number,
  meanPerSec: number,
  peakToMean: number,
  periodMs: number,
  trendPerHour = 0,
  noise = 0,
): Phase => ({ kind: 'wave', durationMs, meanPerSec, peakToMean, periodMs, trendPerHour, noise });

export const trace = (durationMs: number, points: Array<[number, number]>): Phase => ({
  kind: 'trace',
  durationMs,
  source: 'test.csv',
  points,
});

export const users = (durationMs: number, count: number): Phase => ({
  kind: 'users',
  durationMs,
  users: count,
});

/** Composite Simpson integral of f over [a, b] with n (even) steps: an independent oracle. */
export function simpson(f: (t: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += f(a + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}
