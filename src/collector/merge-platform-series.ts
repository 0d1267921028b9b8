/**
 * mergePlatformSeries: combines series read at different times (a trailing-window re-read during
 * the run, the final sweep, a later `flashcrowd collect`) without losing earlier data: for the
 * same series (name, labels, stat, source), points at the same timestamp take the newer value and
 * every other point is kept. Series only in `older` (e.g. live EC2 instance samples) stay. Pure;
 * returns new arrays, never mutates its inputs.
 */
import type { PlatformSeries } from '../record/run-record.js';
import { seriesKey } from './metric-request.js';

function keyOf(s: PlatformSeries): string {
  return `${s.source}|${seriesKey(s)}`;
}

/** Merges points: `newer` wins at equal timestamps; the result is sorted by time. Pure. */
export function mergePoints(
  older: Array<[number, number]>,
  newer: Array<[number, number]>,
): Array<[number, number]> {
  const byTime = new Map<number, number>();
  for (const [t, v] of older) byTime.set(t, v);
  for (const [t, v] of newer) byTime.set(t, v);
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]);
}

/** See the file comment. Order: older series first (in their order), then series new in `newer`. */
export function mergePlatformSeries(
  older: PlatformSeries[],
  newer: PlatformSeries[],
): PlatformSeries[] {
  const out = new Map<string, PlatformSeries>();
  for (const s of older)
    out.set(keyOf(s), { ...s, labels: { ...s.labels }, points: [...s.points] });
  for (const s of newer) {
    const key = keyOf(s);
    const prev = out.get(key);
    out.set(
      key,
      prev
        ? { ...s, labels: { ...s.labels }, points: mergePoints(prev.points, s.points) }
        : { ...s, labels: { ...s.labels }, points: [...s.points] },
    );
  }
  return [...out.values()];
}
