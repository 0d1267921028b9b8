/**
 * Seeded multiplicative noise of a wave phase. The phase is cut into cells of one second of
 * phase-local time (the last one may be shorter); in cell c the noise-free rate is multiplied by
 *
 *   f_c = max(0, 1 + noise · (2·u_c − 1)),   u_c = hash(seed, phaseIndex, c) uniform in [0, 1)
 *
 * so f_c is uniform in [1 − noise, 1 + noise] with mean 1. The factor is a pure hash of its
 * coordinates, not a draw from a stream: every worker, `rateAt` with a seed, and every cursor see
 * the same factor for the same second whatever they computed before. Λ within a cell is f_c times
 * the exact noise-free integral (wave-math.ts), so noisy arrivals stay exact too.
 */
import { mix32, seedToUint32 } from '../random/seeded-random.js';
import { waveArrivalsBetween, type WaveShape } from './wave-math.js';

/** Width of one noise cell, in ms of phase-local time. */
export const WAVE_NOISE_CELL_MS = 1000;

/** The wave fields the noise needs. */
export interface NoisyWaveShape extends WaveShape {
  /** Relative size of the noise (0 = none). */
  noise: number;
}

/** Noise factor of cell `cellIndex` of phase `phaseIndex` for `seed`; exactly 1 when noise is 0. */
export function waveNoiseFactor(
  seed: number,
  phaseIndex: number,
  cellIndex: number,
  noise: number,
): number {
  if (noise === 0) return 1;
  const hash = mix32((mix32((mix32(seedToUint32(seed)) + phaseIndex) >>> 0) + cellIndex) >>> 0);
  return Math.max(0, 1 + noise * (2 * (hash / 4294967296) - 1));
}

/** Number of noise cells of a wave phase. */
export function waveCellCount(w: WaveShape): number {
  return Math.max(0, Math.ceil(w.durationMs / WAVE_NOISE_CELL_MS));
}

/**
 * Λ at each cell boundary with noise: entry c is Λ from the phase start to c seconds, the last
 * entry Λ of the whole phase. Allocates one Float64Array of cellCount + 1 entries.
 */
export function waveCellArrivals(
  w: NoisyWaveShape,
  phaseIndex: number,
  seed: number,
): Float64Array {
  const cells = waveCellCount(w);
  const cumulative = new Float64Array(cells + 1);
  for (let c = 0; c < cells; c++) {
    const startMs = c * WAVE_NOISE_CELL_MS;
    const endMs = Math.min(startMs + WAVE_NOISE_CELL_MS, w.durationMs);
    const factor = waveNoiseFactor(seed, phaseIndex, c, w.noise);
    cumulative[c + 1] = cumulative[c] + factor * waveArrivalsBetween(w, startMs, endMs);
  }
  return cumulative;
}

/** Λ with noise from the phase start to phase-local `tMs` (clamped to the phase). O(cells). */
export function noisyWaveArrivals(
  w: NoisyWaveShape,
  phaseIndex: number,
  seed: number,
  tMs: number,
): number {
  const t = Math.min(Math.max(tMs, 0), Math.max(w.durationMs, 0));
  const full = Math.floor(t / WAVE_NOISE_CELL_MS);
  const cumulative = waveCellArrivals(
    { ...w, durationMs: full * WAVE_NOISE_CELL_MS },
    phaseIndex,
    seed,
  );
  const partial = waveArrivalsBetween(w, full * WAVE_NOISE_CELL_MS, t);
  const factor = partial > 0 ? waveNoiseFactor(seed, phaseIndex, full, w.noise) : 0;
  return cumulative[full] + factor * partial;
}
