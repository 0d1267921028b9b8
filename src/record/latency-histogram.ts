/**
 * Latency histograms: hdr-histogram-js histograms of microseconds, their encoding for crossing
 * threads, and their summary in milliseconds for the run record.
 */
import type { Histogram, JsHistogram } from 'hdr-histogram-js';
// hdr-histogram-js's index also loads its WebAssembly build, which flashcrowd never uses (about
// 35 ms of CPU in every thread that records or merges latencies). So the pure-JS histogram and its
// V2 encoding (JsHistogram.encoding adds encodeIntoCompressedBase64 and JsHistogram.decode) come
// from their own files; the encoded text is the same as the index's encodeIntoCompressedBase64
// gives. scripts/bundle.mjs bundles them without pako, which the encoding requires only for
// browsers (in Node it deflates with node:zlib): one chunk instead of 29 files, about half the
// CPU to load in each thread (bench/README.md, "Start-up"). They are CommonJS, so only named
// imports: Node and Vite give a CommonJS default export differently.
import { constructorFromBucketSize } from 'hdr-histogram-js/dist/JsHistogramFactory.js';
import { decompress } from 'hdr-histogram-js/dist/JsHistogram.encoding.js';
import { JsHistogram as JsHistogramClass } from 'hdr-histogram-js/dist/JsHistogram.js';
import type { LatencySummary } from './run-record.js';

export type { Histogram };

/** hdr's Int32Histogram: 32-bit counts. */
const Int32Histogram = constructorFromBucketSize(32);

/** Highest value tracked before auto-resize: 10 minutes, in microseconds. */
const HIGHEST_TRACKABLE_US = 600_000_000;

/** createLatencyHistogram returns an empty histogram of microseconds (3 significant digits). */
export function createLatencyHistogram(): Histogram {
  // What hdr's build({ bitBucketSize: 32, lowestDiscernibleValue: 1, highestTrackableValue,
  // numberOfSignificantValueDigits: 3, autoResize: true }) makes.
  const histogram = new Int32Histogram(1, HIGHEST_TRACKABLE_US, 3);
  histogram.autoResize = true;
  return histogram;
}

/** Histograms a pool keeps for reuse at most (more given back are left to the GC). */
const POOL_MAX = 8;

/**
 * HistogramPool: empty latency histograms to reuse, for code that makes two a second for hours
 * (a worker's per-second windows, the coordinator's merged seconds). Each is about 86 KB of
 * counts, outside the JavaScript heap: made and dropped every second, they left glibc's heap
 * fragmented, and a 2,000 req/s run's RSS grew about 2 MB a minute for 25 minutes (flat with a
 * fixed `MALLOC_MMAP_THRESHOLD_`: bench/README.md, "Memory: `bench/memory.sh`").
 * Not thread-safe: one pool a thread.
 */
export class HistogramPool {
  private readonly free: Histogram[] = [];

  /** take returns an empty histogram, as createLatencyHistogram makes (reused when one is free). */
  take(): Histogram {
    return this.free.pop() ?? createLatencyHistogram();
  }

  /**
   * give hands a histogram back once its owner is done with it (encoded or summarized): it is
   * reset and given out again by take, so the caller must drop every reference it holds.
   */
  give(histogram: Histogram): void {
    if (this.free.length >= POOL_MAX) return;
    histogram.reset();
    this.free.push(histogram);
  }
}

/**
 * recordMs records one value given in milliseconds (clamped to >= 1 µs) into a histogram made by
 * createLatencyHistogram or decodeHistogram: the same counts, total, minimum and maximum as
 * `histogram.recordValue(us)`. Mutates `histogram`.
 */
export function recordMs(histogram: Histogram, valueMs: number): void {
  const rounded = Math.round(valueMs * 1000);
  const us = rounded < 1 ? 1 : rounded;
  const h = histogram as JsHistogram;
  const index = us < 2 ** 31 ? countsIndex(h, us) : h.countsArrayLength;
  if (index >= h.countsArrayLength) {
    h.recordValue(us); // past the counts array: hdr's own path grows it (autoResize)
    return;
  }
  h.incrementCountAtIndex(index);
  h.updateMinAndMax(us);
  h.incrementTotalCount();
}

/**
 * countsIndex: the counts-array index hdr's countsArrayIndex gives `us` (a whole number in
 * [1, 2^31)), in integer arithmetic. hdr computes it with Math.log2 and three Math.pow calls, a
 * few C calls a value (about 3% of a worker's CPU at 5,000 req/s, five values a request). With
 * m = unitMagnitude and k = subBucketHalfCountMagnitude (0 and 10 here):
 *   bucket    = max(floor(log2 us) - k - m, 0), and floor(log2 us) = 31 - clz32(us);
 *   subBucket = floor(us / 2^(bucket + m))      = us >>> (bucket + m);
 *   index     = (bucket + 1) * 2^k + subBucket - subBucketHalfCount.
 */
function countsIndex(h: JsHistogram, us: number): number {
  const m = h.unitMagnitude;
  const k = h.subBucketHalfCountMagnitude;
  const bucket = Math.max(31 - Math.clz32(us) - k - m, 0);
  return ((bucket + 1) << k) + (us >>> (bucket + m)) - h.subBucketHalfCount;
}

/** encodeHistogram returns the compressed base64 form (safe to postMessage or store). */
export function encodeHistogram(histogram: Histogram): string {
  return (histogram as JsHistogram).encodeIntoCompressedBase64();
}

/** decodeHistogram reverses encodeHistogram (as hdr's decodeFromCompressedBase64(encoded, 32)). */
export function decodeHistogram(encoded: string): Histogram {
  return JsHistogramClass.decode(decompress(Buffer.from(encoded.trim(), 'base64')), 32, 0);
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

/** The percentiles of a LatencySummary, ascending (the order summarizeHistogram finds them in). */
const SUMMARY_PERCENTILES = [50, 90, 95, 99, 99.9] as const;

/**
 * summarizeHistogram gives percentiles in ms, or null for an empty histogram. One pass over the
 * counts (up to the highest recorded value) finds every percentile and the mean; the values are
 * exactly hdr-histogram-js's `getValueAtPercentile` and `mean` (same bucket arithmetic, same
 * summation order), which each walk the counts again, with an allocating iterator for the mean.
 */
export function summarizeHistogram(histogram: Histogram): LatencySummary | null {
  const total = histogram.totalCount;
  if (total === 0) return null;
  const h = histogram as JsHistogram;
  const ms = (us: number) => Math.round(us) / 1000;
  const at = new Array<number>(SUMMARY_PERCENTILES.length);
  let next = 0;
  let wanted = countAtPercentile(SUMMARY_PERCENTILES[0], total);
  let cumulative = 0;
  let sum = 0;
  const lastIndex = Math.min(h.countsArrayIndex(h.maxValue), h.countsArrayLength - 1);
  for (let i = 0; i <= lastIndex; i++) {
    const count = h.getCountAtIndex(i);
    if (count === 0) continue;
    const value = h.valueFromIndex(i);
    sum += h.medianEquivalentValue(value) * count;
    cumulative += count;
    while (next < at.length && cumulative >= wanted) {
      at[next++] = h.highestEquivalentValue(value);
      if (next < at.length) wanted = countAtPercentile(SUMMARY_PERCENTILES[next], total);
    }
  }
  return {
    count: total,
    p50: ms(at[0]),
    p90: ms(at[1]),
    p95: ms(at[2]),
    p99: ms(at[3]),
    p999: ms(at[4]),
    max: ms(h.maxValue),
    mean: Math.round(sum / total) / 1000,
  };
}

/**
 * The count a percentile must reach, rounded up (as hdr-histogram-js rounds it: the float product
 * can be 1 ulp above the exact integer, which must not skip a count); at least 1.
 */
function countAtPercentile(percentile: number, total: number): number {
  const fp = (Math.min(percentile, 100) / 100) * total;
  return Math.max(Math.ceil(fp - Math.pow(2, Math.floor(Math.log2(fp)) - 52)), 1);
}
