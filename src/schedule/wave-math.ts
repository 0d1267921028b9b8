/**
 * Exact arithmetic of a wave phase (noise-free; see wave-noise.ts for the noise). Phase-local
 * milliseconds, rates in requests per second, arrivals Λ = ∫ rate dt.
 *
 *   rate(t) = m · max(0, 1 + k·t) · max(0, 1 + A·sin(ω·t))
 *   m = meanPerSec, k = trendPerHour / 3 600 000 (per ms), A = peakToMean − 1, ω = 2π / periodMs
 *
 * Each factor is clamped at 0 on its own (a trend that falls below zero stops the wave; with
 * peakToMean > 2 the troughs are cut at 0); peakToMean below 0 is treated as 0. Where both factors
 * are positive the rate has the closed-form antiderivative (integration by parts)
 *
 *   G(t) = m/1000 · [ t + k·t²/2 + A·( −(1 + k·t)·cos(ω·t)/ω + k·sin(ω·t)/ω² ) ]
 *
 * so Λ over [a, b] is a sum of G(end) − G(start) over the positive pieces of [a, b]: the trend
 * factor is positive before t = −1/k (k < 0), the sine factor (A > 1) is negative exactly on
 * (π + α, 2π − α)/ω within each period, α = asin(1/A). Pure functions.
 */

/** The wave variant of the normalized Phase. */
export interface WaveShape {
  durationMs: number;
  meanPerSec: number;
  peakToMean: number;
  periodMs: number;
  trendPerHour: number;
}

const MS_PER_HOUR = 3_600_000;
/** Arrivals error accepted by the inverse: 1e-8 of a request is below 1e-5 ms at 1 req/s. */
const INVERSE_TOLERANCE = 1e-8;

function amplitude(w: WaveShape): number {
  return w.periodMs > 0 ? Math.max(w.peakToMean, 0) - 1 : 0;
}

/** Where the trend factor reaches 0 (phase-local ms); Infinity when it never does. */
function trendEndMs(w: WaveShape): number {
  return w.trendPerHour < 0 ? -MS_PER_HOUR / w.trendPerHour : Infinity;
}

/** Noise-free rate at phase-local time `tMs` (not clamped to the phase), requests per second. */
export function waveRateAt(w: WaveShape, tMs: number): number {
  return rateWith(w, amplitude(w), tMs);
}

/** waveRateAt with the wave's amplitude `a` given (computed once a range). */
function rateWith(w: WaveShape, a: number, tMs: number): number {
  const trend = Math.max(0, 1 + (w.trendPerHour * tMs) / MS_PER_HOUR);
  const sine = a === 0 ? 1 : Math.max(0, 1 + a * Math.sin((2 * Math.PI * tMs) / w.periodMs));
  return w.meanPerSec * trend * sine;
}

/** The antiderivative G(t) of the unclamped rate, in arrivals. */
function antiderivative(w: WaveShape, tMs: number): number {
  return antiderivativeWith(w, w.trendPerHour / MS_PER_HOUR, amplitude(w), omegaOf(w), tMs);
}

/** ω = 2π / periodMs (read only when the amplitude is not 0). */
function omegaOf(w: WaveShape): number {
  return (2 * Math.PI) / w.periodMs;
}

/**
 * antiderivative with the wave's constants given (computed once a range, the same values):
 * k = trendPerHour / 3 600 000, the amplitude `a` and ω (read only when a ≠ 0).
 */
function antiderivativeWith(
  w: WaveShape,
  k: number,
  a: number,
  omega: number,
  tMs: number,
): number {
  let value = tMs + (k * tMs * tMs) / 2;
  if (a !== 0) {
    const phase = omega * tMs;
    value +=
      a * ((-(1 + k * tMs) * Math.cos(phase)) / omega + (k * Math.sin(phase)) / (omega * omega));
  }
  return (w.meanPerSec * value) / 1000;
}

/** Exact noise-free Λ over [fromMs, toMs] (phase-local; empty or reversed ranges give 0). */
export function waveArrivalsBetween(w: WaveShape, fromMs: number, toMs: number): number {
  const end = Math.min(toMs, trendEndMs(w));
  if (!(end > fromMs)) return 0;
  const a = amplitude(w);
  if (a <= 1) return antiderivative(w, end) - antiderivative(w, fromMs);
  const period = w.periodMs;
  const alpha = Math.asin(1 / a);
  const cutStart = ((Math.PI + alpha) / (2 * Math.PI)) * period;
  const cutEnd = ((2 * Math.PI - alpha) / (2 * Math.PI)) * period;
  let total = 0;
  for (let j = Math.floor(fromMs / period); j * period < end; j++) {
    const base = j * period;
    total += positivePiece(w, fromMs, end, base, base + cutStart);
    total += positivePiece(w, fromMs, end, base + cutEnd, base + period);
  }
  return total;
}

function positivePiece(w: WaveShape, lo: number, hi: number, start: number, end: number): number {
  const a = Math.max(lo, start);
  const b = Math.min(hi, end);
  return b > a ? antiderivative(w, b) - antiderivative(w, a) : 0;
}

/**
 * The part of inverting Λ on [fromMs, toMs] that does not depend on the arrivals asked for (the
 * range's own integral): made once for a range (simulate: one noise cell, some thousands of
 * arrivals) and read by invertWaveRange. Plain data; never mutated once made.
 */
export interface WaveRange {
  w: WaveShape;
  fromMs: number;
  toMs: number;
  /** min(toMs, where the trend ends). */
  end: number;
  /** True when G(end) − G(start) is Λ (no sine cut: amplitude <= 1). */
  closedForm: boolean;
  /** G(fromMs) when closedForm, else 0. */
  atFrom: number;
  /** Λ over [fromMs, toMs]. */
  whole: number;
  /** The wave's trend per ms, trendPerHour / 3 600 000. */
  k: number;
  /** The wave's amplitude, peakToMean − 1 (0 without a period). */
  a: number;
  /** 2π / periodMs. */
  omega: number;
}

/** waveRange prepares the inversion of Λ on [fromMs, toMs] (see WaveRange). */
export function waveRange(w: WaveShape, fromMs: number, toMs: number): WaveRange {
  const end = Math.min(toMs, trendEndMs(w));
  const closedForm = amplitude(w) <= 1;
  const atFrom = closedForm ? antiderivative(w, fromMs) : 0;
  const k = w.trendPerHour / MS_PER_HOUR;
  const r: WaveRange = {
    w,
    fromMs,
    toMs,
    end,
    closedForm,
    atFrom,
    whole: 0,
    k,
    a: amplitude(w),
    omega: omegaOf(w),
  };
  r.whole = integralFrom(r, toMs);
  return r;
}

/**
 * The time u in [fromMs, toMs] at which Λ over [fromMs, u] equals `arrivals` (scaled by 1/`factor`
 * for noise), found by Newton steps on the exact integral, safeguarded by bisection (at most ~60
 * iterations, typically 2-4; accurate to 1e-8 arrivals). Requires 0 <= arrivals <= factor · Λ over [fromMs, toMs].
 */
export function invertWaveWithin(
  w: WaveShape,
  fromMs: number,
  toMs: number,
  arrivals: number,
  factor = 1,
): number {
  if (!(factor > 0) || !(arrivals > 0)) return fromMs;
  return invertWaveRange(waveRange(w, fromMs, toMs), arrivals, factor);
}

/**
 * invertWaveRange is invertWaveWithin(r.w, r.fromMs, r.toMs, arrivals, factor) on a prepared
 * range: the same arithmetic in the same order, so the same time to the last bit.
 */
export function invertWaveRange(r: WaveRange, arrivals: number, factor = 1): number {
  const { w, fromMs, toMs, whole, a } = r;
  if (!(factor > 0) || !(arrivals > 0)) return fromMs;
  const target = arrivals / factor;
  if (!(whole > 0)) return fromMs;
  let lo = fromMs;
  let hi = toMs;
  let u = fromMs + (toMs - fromMs) * Math.min(1, target / whole);
  for (let i = 0; i < 100 && hi - lo > 1e-7; i++) {
    const error = integralFrom(r, u) - target;
    if (Math.abs(error) <= INVERSE_TOLERANCE) return u;
    if (error > 0) hi = u;
    else lo = u;
    const slope = rateWith(w, a, u) / 1000;
    const newton = slope > 0 ? u - error / slope : NaN;
    u = newton > lo && newton < hi ? newton : (lo + hi) / 2;
  }
  return u;
}

/** Λ over [r.fromMs, u]; a plain function (no closure) so the hot path allocates nothing. */
function integralFrom(r: WaveRange, u: number): number {
  if (!r.closedForm) return waveArrivalsBetween(r.w, r.fromMs, u);
  const t = Math.max(r.fromMs, Math.min(u, r.end));
  return antiderivativeWith(r.w, r.k, r.a, r.omega, t) - r.atFrom;
}

/** The noise-free peak rate of the wave within [0, durationMs], requests per second. */
export function wavePeakRate(w: WaveShape): number {
  const end = Math.min(Math.max(w.durationMs, 0), trendEndMs(w));
  let peak = Math.max(waveRateAt(w, 0), waveRateAt(w, end));
  for (const t of waveCrests(w, end)) peak = Math.max(peak, waveRateAt(w, t));
  return peak;
}

/**
 * The noise-free peak rate of each `cellMs` cell of the wave (the last one may be shorter): the
 * rate at the cell's ends, or at a crest inside it. One pass over the cells and the crests.
 */
export function waveCellPeaks(w: WaveShape, cellMs: number): Float64Array {
  const duration = Math.max(w.durationMs, 0);
  const end = Math.min(duration, trendEndMs(w));
  const peaks = new Float64Array(Math.ceil(duration / cellMs));
  let atStart = waveRateAt(w, 0);
  for (let c = 0; c < peaks.length; c++) {
    const atEnd = waveRateAt(w, Math.min((c + 1) * cellMs, end));
    peaks[c] = c * cellMs < end ? Math.max(atStart, atEnd) : 0;
    atStart = atEnd;
  }
  for (const t of waveCrests(w, end)) {
    const c = Math.min(Math.floor(t / cellMs), peaks.length - 1);
    peaks[c] = Math.max(peaks[c], waveRateAt(w, t));
  }
  return peaks;
}

/**
 * Where the wave's rate has its local maxima within [0, end]: one a half-wave where A·sin >= 0,
 * where the rate is log-concave, hence unimodal (golden-section search). Elsewhere (the troughs,
 * where the sine factor is below 1 and convex) the rate has no interior maximum, so the highest
 * rate of any interval is at its ends or at one of these crests.
 */
function waveCrests(w: WaveShape, end: number): number[] {
  const a = amplitude(w);
  if (a === 0 || !(end > 0)) return [];
  const half = w.periodMs / 2;
  const offset = a > 0 ? 0 : half;
  const crests: number[] = [];
  for (let j = 0; j * w.periodMs < end; j++) {
    const lo = j * w.periodMs + offset;
    const hi = Math.min(lo + half, end);
    if (hi > lo) crests.push(goldenArgMax(w, lo, hi));
  }
  return crests;
}

/** The time of the highest rate in [lo, hi], for a rate unimodal there. */
function goldenArgMax(w: WaveShape, lo: number, hi: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let i = 0; i < 80 && b - a > 1e-6; i++) {
    const c = b - ratio * (b - a);
    const d = a + ratio * (b - a);
    if (waveRateAt(w, c) < waveRateAt(w, d)) a = c;
    else b = d;
  }
  const mid = (a + b) / 2;
  const best = Math.max(waveRateAt(w, mid), waveRateAt(w, lo), waveRateAt(w, hi));
  return best === waveRateAt(w, mid) ? mid : best === waveRateAt(w, lo) ? lo : hi;
}
