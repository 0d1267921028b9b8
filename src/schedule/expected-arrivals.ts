/**
 * Exact expected numbers of arrivals: the integral Λ of the rate, per phase kind in closed form
 * (ramps as trapezoids, pulses and traces piecewise, waves by their antiderivative). Pure.
 */
import type { Phase } from '../profile/types.js';
import { phaseArrivals } from './phase-math.js';
import type { NoiseOptions } from './rate-at.js';

/**
 * Λ(tMs): expected arrivals from the schedule start to `tMs` (clamped to the schedule). Wave
 * noise is excluded unless `options.noiseSeed` is given.
 */
export function cumulativeArrivals(
  phases: readonly Phase[],
  tMs: number,
  options: NoiseOptions = {},
): number {
  let total = 0;
  let startMs = 0;
  for (let i = 0; i < phases.length && tMs > startMs; i++) {
    const durationMs = Math.max(phases[i].durationMs, 0);
    total += phaseArrivals(phases[i], i, Math.min(tMs - startMs, durationMs), options.noiseSeed);
    startMs += durationMs;
  }
  return total;
}

/**
 * Expected arrivals in [fromMs, toMs) (ms since the schedule start), i.e. the exact integral of
 * rateAt over that window; 0 when toMs <= fromMs. Noise as in cumulativeArrivals.
 */
export function expectedArrivals(
  phases: readonly Phase[],
  fromMs: number,
  toMs: number,
  options: NoiseOptions = {},
): number {
  if (!(toMs > fromMs)) return 0;
  return cumulativeArrivals(phases, toMs, options) - cumulativeArrivals(phases, fromMs, options);
}

/**
 * How many arrivals the uniform cursor produces for a schedule of `arrivals` = Λ: arrival k is
 * planned where Λ = k + 0.5, so the count is the number of k >= 0 with k + 0.5 < Λ, i.e. Λ
 * rounded to the nearest integer with halves rounded down (5000 -> 5000, 22500.5 -> 22500).
 */
export function uniformArrivalCount(arrivals: number): number {
  return arrivals > 0.5 ? Math.ceil(arrivals - 0.5) : 0;
}
