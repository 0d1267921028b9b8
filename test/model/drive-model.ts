/**
 * Test helper: drives a PlatformModel in virtual time with evenly spaced arrivals following a rate
 * function, and tallies outcomes per second. Deterministic; no clock, no sockets.
 */
import type { PlatformModel } from '../../src/model/platform-model.js';

export interface DriveResult {
  admitted: number;
  throttled: number;
  failed: number;
  throttlesBySecond: number[];
  arrivalsBySecond: number[];
  reasons: Record<string, number>;
}

/** A weighted route mix expanded into a repeating sequence (e.g. {read: 3, create: 1}). */
export function mixSequence(mix: Record<string, number>): string[] {
  const seq: string[] = [];
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  const acc: Record<string, number> = Object.fromEntries(Object.keys(mix).map((k) => [k, 0]));
  for (let i = 0; i < total; i++) {
    for (const k of Object.keys(mix)) acc[k] += mix[k] / total;
    const pick = Object.keys(mix).reduce((a, b) => (acc[a] >= acc[b] ? a : b));
    acc[pick] -= 1;
    seq.push(pick);
  }
  return seq;
}

/** driveModel sends rate(t) req/s (t in seconds) for `durationSec` seconds, starting at startMs. */
export function driveModel(
  model: PlatformModel,
  startMs: number,
  durationSec: number,
  ratePerSec: (tSec: number) => number,
  routes: string[],
  onSample?: (nowMs: number) => void,
): DriveResult {
  const r: DriveResult = {
    admitted: 0,
    throttled: 0,
    failed: 0,
    throttlesBySecond: [],
    arrivalsBySecond: [],
    reasons: {},
  };
  let owed = 0;
  let k = 0;
  for (let s = 0; s < durationSec; s++) {
    owed += ratePerSec(s + 0.5);
    const n = Math.floor(owed);
    owed -= n;
    let throttles = 0;
    for (let i = 0; i < n; i++) {
      const atMs = startMs + s * 1000 + (i * 1000) / n;
      if (onSample && i % 100 === 0) onSample(atMs);
      const a = model.admit(routes[k++ % routes.length], atMs);
      if (a.admitted) {
        r.admitted++;
        if (a.failed) r.failed++;
      } else {
        r.throttled++;
        throttles++;
        r.reasons[a.reason] = (r.reasons[a.reason] ?? 0) + 1;
      }
    }
    r.throttlesBySecond.push(throttles);
    r.arrivalsBySecond.push(n);
  }
  model.advance(startMs + durationSec * 1000);
  return r;
}

/** values of the series named `name` (summed over labels), one per second. */
export function seriesValues(model: PlatformModel, name: string): number[] {
  const out: number[] = [];
  for (const s of model.series().filter((x) => x.name === name)) {
    s.points.forEach(([, v], i) => (out[i] = (out[i] ?? 0) + v));
  }
  return out;
}
