/**
 * The arrival rate of a whole schedule: rate at a time and the peak. Pure functions over the
 * normalized phases (ms since the schedule start, requests per second).
 */
import type { Phase } from '../profile/types.js';
import { phasePeakRate, phaseRateAt } from './phase-math.js';
import { phaseAt, phaseStartMs } from './phase-timeline.js';
import { waveCellPeaks, wavePeakRate } from './wave-math.js';
import { waveNoiseFactor, WAVE_NOISE_CELL_MS } from './wave-noise.js';

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
 * How wave noise enters a peak: undefined leaves it out (the noise-free peak); `{ noiseSeed }`
 * includes it exactly as a run with that seed applies it; `'any seed'` gives the highest rate any
 * seed can reach (the noise-free peak × (1 + noise) of each noisy wave), for a run whose seed is
 * drawn at random.
 */
export type PeakNoise = NoiseOptions | 'any seed';

/**
 * Highest arrival rate anywhere in the schedule, requests per second (0 for an empty or
 * closed-model schedule); wave noise as `noise` says (left out by default).
 */
export function peakRate(phases: readonly Phase[], noise: PeakNoise = {}): number {
  let peak = 0;
  for (let i = 0; i < phases.length; i++) peak = Math.max(peak, phasePeak(phases[i], i, noise));
  return peak;
}

/** The peak of phase `index`; a noisy wave's seeded peak is the highest of its one-second cells. */
export function phasePeak(phase: Phase, index: number, noise: PeakNoise = {}): number {
  if (phase.kind !== 'wave' || phase.noise === 0) return phasePeakRate(phase);
  if (noise === 'any seed') return wavePeakRate(phase) * (1 + phase.noise);
  if (noise.noiseSeed === undefined) return phasePeakRate(phase);
  const cellPeaks = waveCellPeaks(phase, WAVE_NOISE_CELL_MS);
  let peak = 0;
  for (let cell = 0; cell < cellPeaks.length; cell++)
    peak = Math.max(
      peak,
      waveNoiseFactor(noise.noiseSeed, index, cell, phase.noise) * cellPeaks[cell],
    );
  return peak;
}
