/**
 * Latency histograms: hdr-histogram-js histograms of microseconds, their encoding for crossing
 * threads, and their summary in milliseconds for the run record.
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './run-record.js';

export type { Histogram };

/** Highest value tracked before auto-resize: 10 minutes, in microseconds. */
const HIGHEST_TRACKABLE_US = 600_000_000;

/** createLatencyHistogram returns an empty histogram of microseconds (3 significant digits). */
export function createLatencyHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
}

/** recordMs records one value given in milliseconds (clamped to >= 1 µs). */
export function recordMs(histogram: Histogram, valueMs: number): void {
  const us = Math.round(valueMs * 1000);
  histogram.recordValue(us < 1 ? 1 : us);
}

/** encodeHistogram returns the compressed base64 form (safe to postMessage or store). */
export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** decodeHistogram reverses encodeHistogram. */
export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32, false);
}

/** addEncoded merges an encoded histogram into `into` (mutates `into`). */
export function addEncoded(into: Histogram, encoded: string | null): void {
  if (!encoded) return;
  const other = decodeHistogram(encoded);
  into.add(other);
}

/** percentileMs: the value at `percentile` (0..100) of a histogram of µs, in ms. */
export function percentileMs(histogram: Histogram, percentile: number): number {
  return Math.round(histogram.getValueAtPercentile(percentile)) / 1000;
}

/** summarizeHistogram gives percentiles in ms, or null for an empty histogram. */
export function summarizeHistogram(histogram: Histogram): LatencySummary | null {
  if (histogram.totalCount === 0) return null;
  const ms = (us: number) => Math.round(us) / 1000;
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p95: ms(histogram.getValueAtPercentile(95)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: Math.round(histogram.mean) / 1000,
  };
}
