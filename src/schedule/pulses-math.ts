/**
 * Exact arithmetic of a pulses phase: `ratePerSec` for the first `widthMs` of every `everyMs`,
 * `basePerSec` for the rest. Times are phase-local milliseconds; arrivals Λ = ∫ rate dt.
 *
 *   one period holds  L = (R·W + B·(P − W)) / 1000  arrivals
 *   Λ(t) = n·L + λ(t − n·P),  n = ⌊t / P⌋,  λ(u) = R·u/1000 (u < W) or (R·W + B·(u − W))/1000
 *
 * and the inverse walks the same pieces backwards. Pure functions.
 */

/** The pulses variant of the normalized Phase. */
export interface PulsesShape {
  durationMs: number;
  everyMs: number;
  widthMs: number;
  ratePerSec: number;
  basePerSec: number;
}

/** Width of the high part of one period, clamped to [0, everyMs]; 0 when everyMs <= 0. */
function pulseWidthMs(p: PulsesShape): number {
  return p.everyMs > 0 ? Math.min(Math.max(p.widthMs, 0), p.everyMs) : 0;
}

/** Rate at phase-local time `tMs`, in requests per second. everyMs <= 0 means "base only". */
export function pulsesRateAt(p: PulsesShape, tMs: number): number {
  if (p.everyMs <= 0) return p.basePerSec;
  const u = tMs - Math.floor(tMs / p.everyMs) * p.everyMs;
  return u < pulseWidthMs(p) ? p.ratePerSec : p.basePerSec;
}

/** Λ within one period, from its start to offset `uMs` (0 <= uMs <= everyMs). */
function periodArrivals(p: PulsesShape, uMs: number): number {
  const widthMs = pulseWidthMs(p);
  if (uMs <= widthMs) return (p.ratePerSec * uMs) / 1000;
  return (p.ratePerSec * widthMs + p.basePerSec * (uMs - widthMs)) / 1000;
}

/** Λ(tMs): arrivals from the phase start to phase-local time `tMs` (clamped to the phase). */
export function pulsesArrivals(p: PulsesShape, tMs: number): number {
  const t = Math.min(Math.max(tMs, 0), p.durationMs);
  if (p.everyMs <= 0) return (p.basePerSec * t) / 1000;
  const n = Math.floor(t / p.everyMs);
  return n * periodArrivals(p, p.everyMs) + periodArrivals(p, t - n * p.everyMs);
}

/**
 * The phase-local time (ms) at which Λ reaches `arrivals` (0 <= arrivals <= Λ(durationMs));
 * clamped to [0, durationMs].
 */
export function invertPulses(p: PulsesShape, arrivals: number): number {
  if (arrivals <= 0) return 0;
  if (p.everyMs <= 0) {
    return p.basePerSec > 0
      ? Math.min((1000 * arrivals) / p.basePerSec, p.durationMs)
      : p.durationMs;
  }
  const perPeriod = periodArrivals(p, p.everyMs);
  if (perPeriod <= 0) return p.durationMs;
  const n = Math.floor(arrivals / perPeriod);
  const rest = arrivals - n * perPeriod;
  const widthMs = pulseWidthMs(p);
  const highArrivals = (p.ratePerSec * widthMs) / 1000;
  let uMs: number;
  if (rest <= highArrivals && p.ratePerSec > 0) uMs = (1000 * rest) / p.ratePerSec;
  else if (p.basePerSec > 0) uMs = widthMs + (1000 * (rest - highArrivals)) / p.basePerSec;
  else uMs = widthMs;
  return Math.min(n * p.everyMs + Math.min(uMs, p.everyMs), p.durationMs);
}
