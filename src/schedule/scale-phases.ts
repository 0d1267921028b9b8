/**
 * `--time-scale`, `--rate-scale` and `--duration` applied to a schedule. Pure: returns new phase
 * objects, never mutates its input.
 */
import type { Phase } from '../profile/types.js';
import { rampRateAt } from './ramp-math.js';

/** How to stretch, scale and cut a schedule; every field is optional. */
export interface ScaleOptions {
  /** Multiplies every duration (phase lengths, pulse period and width, wave period, trace times); > 0. */
  timeScale?: number;
  /** Multiplies every rate (and closed-model users, rounded to an integer); >= 0. */
  rateScale?: number;
  /** Cuts the (time-scaled) schedule at this many ms; the phase crossing it is shortened. */
  maxDurationMs?: number;
}

/**
 * Returns `phases` time-scaled, then rate-scaled, then cut at `maxDurationMs`. Time scaling keeps
 * the shape: a wave's `trendPerHour` is divided by the time scale, so the trend over the whole
 * phase is unchanged; rates are kept (a 0.1 time scale sends a tenth of the requests). A ramp cut
 * short ends at the rate it had at the cut; phases starting at or after the cut are dropped.
 * Throws RangeError for a timeScale <= 0, a negative rateScale or a negative maxDurationMs.
 */
export function scalePhases(phases: readonly Phase[], options: ScaleOptions = {}): Phase[] {
  const timeScale = options.timeScale ?? 1;
  const rateScale = options.rateScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  if (!(rateScale >= 0)) throw new RangeError(`rateScale must be >= 0, got ${rateScale}`);
  if (options.maxDurationMs !== undefined && !(options.maxDurationMs >= 0)) {
    throw new RangeError(`maxDurationMs must be >= 0, got ${options.maxDurationMs}`);
  }
  const scaled = phases.map((phase) => scaleRate(scaleTime(phase, timeScale), rateScale));
  return options.maxDurationMs === undefined ? scaled : cutPhases(scaled, options.maxDurationMs);
}

function scaleTime(phase: Phase, f: number): Phase {
  const durationMs = phase.durationMs * f;
  switch (phase.kind) {
    case 'pulses':
      return { ...phase, durationMs, everyMs: phase.everyMs * f, widthMs: phase.widthMs * f };
    case 'wave':
      return {
        ...phase,
        durationMs,
        periodMs: phase.periodMs * f,
        trendPerHour: phase.trendPerHour / f,
      };
    case 'trace':
      return { ...phase, durationMs, points: phase.points.map(([t, rate]) => [t * f, rate]) };
    default:
      return { ...phase, durationMs };
  }
}

function scaleRate(phase: Phase, f: number): Phase {
  switch (phase.kind) {
    case 'constant':
      return { ...phase, ratePerSec: phase.ratePerSec * f };
    case 'ramp':
      return { ...phase, fromPerSec: phase.fromPerSec * f, toPerSec: phase.toPerSec * f };
    case 'pulses':
      return { ...phase, ratePerSec: phase.ratePerSec * f, basePerSec: phase.basePerSec * f };
    case 'wave':
      return { ...phase, meanPerSec: phase.meanPerSec * f };
    case 'trace':
      return { ...phase, points: phase.points.map(([t, rate]) => [t, rate * f]) };
    case 'users':
      return { ...phase, users: Math.round(phase.users * f) };
  }
}

function cutPhases(phases: Phase[], maxDurationMs: number): Phase[] {
  const kept: Phase[] = [];
  let startMs = 0;
  for (const phase of phases) {
    const remainingMs = maxDurationMs - startMs;
    if (remainingMs <= 0) break;
    kept.push(phase.durationMs > remainingMs ? cutPhase(phase, remainingMs) : phase);
    startMs += Math.max(phase.durationMs, 0);
  }
  return kept;
}

function cutPhase(phase: Phase, durationMs: number): Phase {
  switch (phase.kind) {
    case 'ramp': {
      const toPerSec = rampRateAt(phase.fromPerSec, phase.toPerSec, phase.durationMs, durationMs);
      return { ...phase, durationMs, toPerSec };
    }
    case 'trace':
      return { ...phase, durationMs, points: phase.points.filter(([t]) => t < durationMs) };
    default:
      return { ...phase, durationMs };
  }
}
