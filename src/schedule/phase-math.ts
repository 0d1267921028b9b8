/**
 * One entry point per question about a single phase, dispatching on its kind to the exact
 * arithmetic in ramp-math.ts, pulses-math.ts, trace-math.ts, wave-math.ts and wave-noise.ts.
 * Times are phase-local milliseconds; `users` (closed-model) phases have no arrival rate.
 * Pure functions.
 */
import type { Phase } from '../profile/types.js';
import { pulsesArrivals, pulsesRateAt } from './pulses-math.js';
import { rampArrivals, rampRateAt } from './ramp-math.js';
import { traceArrivals, traceRateAt, traceTable } from './trace-math.js';
import { noisyWaveArrivals, waveNoiseFactor, WAVE_NOISE_CELL_MS } from './wave-noise.js';
import { waveArrivalsBetween, wavePeakRate, waveRateAt } from './wave-math.js';

/**
 * Rate of `phase` at phase-local `tMs` in requests per second (0 outside [0, durationMs)).
 * Wave noise is included only when `noiseSeed` is given (then exactly as ArrivalCursor applies
 * it); otherwise the noise-free rate is returned.
 */
export function phaseRateAt(
  phase: Phase,
  phaseIndex: number,
  tMs: number,
  noiseSeed?: number,
): number {
  if (tMs < 0 || tMs >= phase.durationMs) return 0;
  switch (phase.kind) {
    case 'constant':
      return phase.ratePerSec;
    case 'ramp':
      return rampRateAt(phase.fromPerSec, phase.toPerSec, phase.durationMs, tMs);
    case 'pulses':
      return pulsesRateAt(phase, tMs);
    case 'trace':
      return traceRateAt(phase, tMs);
    case 'wave': {
      const rate = waveRateAt(phase, tMs);
      if (noiseSeed === undefined || phase.noise === 0) return rate;
      const cell = Math.floor(tMs / WAVE_NOISE_CELL_MS);
      return rate * waveNoiseFactor(noiseSeed, phaseIndex, cell, phase.noise);
    }
    case 'users':
      return 0;
  }
}

/**
 * Λ: arrivals of `phase` from its start to phase-local `tMs` (clamped to the phase), exact.
 * Wave noise as in phaseRateAt (only with `noiseSeed`).
 */
export function phaseArrivals(
  phase: Phase,
  phaseIndex: number,
  tMs: number,
  noiseSeed?: number,
): number {
  switch (phase.kind) {
    case 'constant':
      return rampArrivals(phase.ratePerSec, phase.ratePerSec, phase.durationMs, tMs);
    case 'ramp':
      return rampArrivals(phase.fromPerSec, phase.toPerSec, phase.durationMs, tMs);
    case 'pulses':
      return pulsesArrivals(phase, tMs);
    case 'trace':
      return traceArrivals(phase, tMs);
    case 'wave': {
      if (noiseSeed !== undefined && phase.noise !== 0) {
        return noisyWaveArrivals(phase, phaseIndex, noiseSeed, tMs);
      }
      const t = Math.min(Math.max(tMs, 0), Math.max(phase.durationMs, 0));
      return waveArrivalsBetween(phase, 0, t);
    }
    case 'users':
      return 0;
  }
}

/** Noise-free peak rate of `phase` over [0, durationMs), requests per second. */
export function phasePeakRate(phase: Phase): number {
  if (phase.durationMs <= 0) return 0;
  switch (phase.kind) {
    case 'constant':
      return phase.ratePerSec;
    case 'ramp':
      return Math.max(phase.fromPerSec, phase.toPerSec);
    case 'pulses': {
      const hasPulse = phase.everyMs > 0 && phase.widthMs > 0;
      const hasBase =
        phase.everyMs <= 0 || phase.widthMs < Math.min(phase.everyMs, phase.durationMs);
      return Math.max(hasPulse ? phase.ratePerSec : 0, hasBase ? phase.basePerSec : 0);
    }
    case 'trace':
      return traceTable(phase).ratePerSec.reduce((max, rate) => Math.max(max, rate), 0);
    case 'wave':
      return wavePeakRate(phase);
    case 'users':
      return 0;
  }
}
