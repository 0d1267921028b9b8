/**
 * The arrival rate of a whole schedule: rate at a time and the peak. Pure functions over the
 * normalized phases (ms since the schedule start, requests per second).
 */
import type { Phase } from '../profile/types.js';
import { phasePeakRate, phaseRateAt } from './phase-math.js';
import { phaseAt, phaseStartMs } from './phase-timeline.js';

/** Optional wave noise: pass the run's seed to see the rate exactly as ArrivalCursor uses it. */
export interface NoiseOptions {
  /** Seed of the wave noise; without it the noise-free (expected) rate is used. */
  noiseSeed?: number;
}

/**
 * Arrival rate at `tMs` since the schedule start, in requests per second; 0 outside the
 * schedule and in closed-model `users` phases. Wave noise is excluded unless
 * `options.noiseSeed` is given (then included deterministically, as the cursor applies it).
 */
export function rateAt(phases: readonly Phase[], tMs: number, options: NoiseOptions = {}): number {
  const i = phaseAt(phases, tMs);
  if (i < 0) return 0;
  return phaseRateAt(phases[i], i, tMs - phaseStartMs(phases, i), options.noiseSeed);
}

/**
 * Highest noise-free arrival rate anywhere in the schedule, requests per second (0 for an
 * empty or closed-model schedule). A wave with noise can exceed it by up to the factor
 * (1 + noise).
 */
export function peakRate(phases: readonly Phase[]): number {
  let peak = 0;
  for (const phase of phases) peak = Math.max(peak, phasePeakRate(phase));
  return peak;
}
