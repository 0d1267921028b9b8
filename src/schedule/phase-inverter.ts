/**
 * Inverse of Λ within one phase, for the arrival cursor's hot path: given the arrivals counted
 * from the phase start, the phase-local time (ms) where they are reached. Each inverter is
 * built once (it may allocate then) and answers without allocating; calls must come with
 * non-decreasing arguments, which lets traces and waves walk their steps forward instead of
 * searching. One inverter per cursor: not shareable.
 */
import type { Phase } from '../profile/types.js';
import { invertPulses } from './pulses-math.js';
import { invertRamp } from './ramp-math.js';
import { invertTraceStep, traceTable } from './trace-math.js';
import { waveCellArrivals, waveNoiseFactor, WAVE_NOISE_CELL_MS } from './wave-noise.js';
import { invertWaveRange, waveRange } from './wave-math.js';

/** Λ⁻¹ of one phase; `timeAt` needs 0 <= arrivals <= Λ(durationMs), non-decreasing across calls. */
export interface PhaseInverter {
  timeAt(arrivals: number): number;
}

const noArrivals: PhaseInverter = { timeAt: () => 0 };

/** Builds the inverter of `phase` (index `phaseIndex`, wave noise seeded by `seed`). */
export function createPhaseInverter(phase: Phase, phaseIndex: number, seed: number): PhaseInverter {
  switch (phase.kind) {
    case 'constant':
      return { timeAt: (x) => invertRamp(phase.ratePerSec, phase.ratePerSec, phase.durationMs, x) };
    case 'ramp':
      return { timeAt: (x) => invertRamp(phase.fromPerSec, phase.toPerSec, phase.durationMs, x) };
    case 'pulses':
      return { timeAt: (x) => invertPulses(phase, x) };
    case 'trace':
      return traceInverter(phase);
    case 'wave':
      return waveInverter(phase, phaseIndex, seed);
    case 'users':
      return noArrivals;
  }
}

function traceInverter(phase: Extract<Phase, { kind: 'trace' }>): PhaseInverter {
  const table = traceTable(phase);
  const last = table.startMs.length - 1;
  let step = 0;
  return {
    timeAt(x) {
      while (step < last && table.arrivalsAtStart[step + 1] <= x) step++;
      return Math.min(invertTraceStep(table, step, x), phase.durationMs);
    },
  };
}

function waveInverter(
  phase: Extract<Phase, { kind: 'wave' }>,
  phaseIndex: number,
  seed: number,
): PhaseInverter {
  const cumulative = waveCellArrivals(phase, phaseIndex, seed);
  const last = cumulative.length - 2;
  if (last < 0) return noArrivals;
  let cell = 0;
  let factor = waveNoiseFactor(seed, phaseIndex, 0, phase.noise);
  // The cell's own integral, shared by every arrival in it (the same arithmetic per arrival).
  const rangeOf = (c: number) =>
    waveRange(
      phase,
      c * WAVE_NOISE_CELL_MS,
      Math.min(c * WAVE_NOISE_CELL_MS + WAVE_NOISE_CELL_MS, phase.durationMs),
    );
  let range = rangeOf(0);
  return {
    timeAt(x) {
      while (cell < last && cumulative[cell + 1] <= x) {
        cell++;
        factor = waveNoiseFactor(seed, phaseIndex, cell, phase.noise);
        range = rangeOf(cell);
      }
      const inCell = Math.min(x - cumulative[cell], cumulative[cell + 1] - cumulative[cell]);
      return invertWaveRange(range, inCell, factor);
    },
  };
}
