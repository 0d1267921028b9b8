/**
 * Exact arithmetic of a linear ramp of the arrival rate (a constant phase is a ramp with
 * `fromPerSec === toPerSec`). Times are phase-local milliseconds, rates requests per second,
 * arrivals Λ = ∫ rate dt (dimensionless request counts).
 *
 *   rate(t) = a + s·t                      a = fromPerSec, s = (toPerSec − fromPerSec) / durationMs
 *   Λ(t)    = (a·t + s·t²/2) / 1000        (the area of the trapezoid under the rate)
 *
 * Inverting Λ(t) = x means solving  s/2·t² + a·t − 1000·x = 0.  The root is written as
 *
 *   t = 2000·x / (a + √(a² + 2000·s·x))
 *
 * which equals (−a + √(a² + 2000·s·x)) / s but has no cancellation when s → 0 (it becomes
 * 1000·x / a) nor when a = 0 (it becomes √(2000·x / s)). Pure functions.
 */

/** Rate of the ramp at phase-local time `tMs` (clamped to the phase), in requests per second. */
export function rampRateAt(
  fromPerSec: number,
  toPerSec: number,
  durationMs: number,
  tMs: number,
): number {
  if (durationMs <= 0) return fromPerSec;
  const u = Math.min(Math.max(tMs, 0), durationMs) / durationMs;
  return fromPerSec + (toPerSec - fromPerSec) * u;
}

/** Λ(tMs): expected arrivals of the ramp from its start to phase-local time `tMs` (clamped). */
export function rampArrivals(
  fromPerSec: number,
  toPerSec: number,
  durationMs: number,
  tMs: number,
): number {
  if (durationMs <= 0) return 0;
  const t = Math.min(Math.max(tMs, 0), durationMs);
  const slope = (toPerSec - fromPerSec) / durationMs;
  return (fromPerSec * t + (slope * t * t) / 2) / 1000;
}

/**
 * The phase-local time (ms) at which Λ reaches `arrivals`, for 0 <= arrivals <= Λ(durationMs);
 * the result is clamped to [0, durationMs]. A zero-rate ramp returns durationMs.
 */
export function invertRamp(
  fromPerSec: number,
  toPerSec: number,
  durationMs: number,
  arrivals: number,
): number {
  if (durationMs <= 0 || arrivals <= 0) return 0;
  const slope = (toPerSec - fromPerSec) / durationMs;
  const discriminant = Math.max(0, fromPerSec * fromPerSec + 2000 * slope * arrivals);
  const denominator = fromPerSec + Math.sqrt(discriminant);
  if (denominator <= 0) return durationMs;
  return Math.min((2000 * arrivals) / denominator, durationMs);
}
