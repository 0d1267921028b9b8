import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import {
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  HistogramPool,
  recordMs,
  summarizeHistogram,
  type Histogram,
} from '../../src/record/latency-histogram.js';
import { createRandom } from '../../src/random/seeded-random.js';

/** The summary as hdr-histogram-js's own methods give it (one walk of the counts each). */
function librarySummary(h: Histogram) {
  const ms = (us: number) => Math.round(us) / 1000;
  return {
    count: h.totalCount,
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
    mean: Math.round(h.mean) / 1000,
  };
}

describe('summarizeHistogram', () => {
  it('is null for an empty histogram', () => {
    expect(summarizeHistogram(createLatencyHistogram())).toBeNull();
  });

  it("equals hdr-histogram-js's percentiles and mean exactly, across scales and counts", () => {
    const random = createRandom(7);
    // 0.01 ms to 700 s: the last scale is past the highest trackable value (the array resizes).
    const scales = [0.01, 1, 50, 3_000, 700_000];
    let compared = 0;
    for (let t = 0; t < 400; t++) {
      const h = createLatencyHistogram();
      const n = 1 + Math.floor(random.next() * (t % 7 === 0 ? 3 : 3_000));
      for (let i = 0; i < n; i++) recordMs(h, random.next() ** 3 * scales[t % scales.length]);
      expect(summarizeHistogram(h)).toEqual(librarySummary(h));
      compared++;
    }
    expect(compared).toBe(400);
  });

  it('finds every percentile in a histogram of one value', () => {
    const h = createLatencyHistogram();
    recordMs(h, 12);
    expect(summarizeHistogram(h)).toEqual({
      count: 1,
      p50: 12.007,
      p90: 12.007,
      p95: 12.007,
      p99: 12.007,
      p999: 12.007,
      max: 12,
      mean: 12.004,
    });
  });
});

describe('encodeHistogram and decodeHistogram (hdr-histogram-js files loaded one by one)', () => {
  it("encode as the library's index does, and decode what it encodes", () => {
    const random = createRandom(7);
    for (let round = 0; round < 20; round++) {
      const ours = createLatencyHistogram();
      const library = hdr.build({
        bitBucketSize: 32,
        lowestDiscernibleValue: 1,
        highestTrackableValue: 600_000_000,
        numberOfSignificantValueDigits: 3,
        autoResize: true,
      });
      for (let i = 0; i < 500 * round; i++) {
        // Mostly milliseconds, now and then minutes past the highest trackable value (a resize).
        const ms = random.next() < 0.002 ? 700_000 * random.next() : 50 * random.next() ** 3;
        recordMs(ours, ms);
        library.recordValue(Math.max(1, Math.round(ms * 1000)));
      }
      const encoded = encodeHistogram(ours);
      expect(encoded).toBe(hdr.encodeIntoCompressedBase64(library));
      const back = decodeHistogram(encoded);
      const theirs = hdr.decodeFromCompressedBase64(encoded, 32, false);
      expect(librarySummary(back)).toEqual(librarySummary(theirs));
      expect(back.highestTrackableValue).toBe(theirs.highestTrackableValue);
    }
  });
});

describe('recordMs (integer index arithmetic)', () => {
  /** Every field recordValue changes: counts, total, min and max, highest trackable value. */
  function state(h: Histogram) {
    const j = h as hdr.Histogram & {
      countsArrayLength: number;
      getCountAtIndex(i: number): number;
      minNonZeroValue: number;
    };
    const counts: number[] = [];
    for (let i = 0; i < j.countsArrayLength; i++) counts.push(j.getCountAtIndex(i));
    return {
      counts,
      total: h.totalCount,
      min: j.minNonZeroValue,
      max: h.maxValue,
      highest: h.highestTrackableValue,
    };
  }

  /** The values: each power of two from 2^0 to 2^33 and its neighbours, then random ones. */
  function values(): number[] {
    const us: number[] = [];
    for (let p = 0; p <= 33; p++)
      for (const d of [-1, 0, 1]) if (2 ** p + d >= 1) us.push(2 ** p + d);
    const random = createRandom(11);
    for (let i = 0; i < 20_000; i++) us.push(1 + Math.floor(random.next() ** 4 * 2 ** 31));
    return us;
  }

  it('books every value as recordValue does, including past the highest trackable value', () => {
    const ours = createLatencyHistogram();
    const theirs = createLatencyHistogram();
    const recorded = values();
    for (const us of recorded) {
      recordMs(ours, us / 1000);
      theirs.recordValue(us);
    }
    expect(ours.totalCount).toBe(recorded.length);
    expect(ours.highestTrackableValue).toBeGreaterThan(600_000_000); // it resized
    expect(state(ours)).toEqual(state(theirs));
  });

  it('books into a decoded histogram as recordValue does, and rounds to whole µs, at least 1', () => {
    const base = createLatencyHistogram();
    for (const us of [3, 900, 70_000]) base.recordValue(us);
    const ours = decodeHistogram(encodeHistogram(base));
    const theirs = decodeHistogram(encodeHistogram(base));
    for (const ms of [0, 0.0004, 0.0005, 0.0015, 1.2344, 1.2346, 2047.5, 599_000]) {
      recordMs(ours, ms);
      theirs.recordValue(Math.max(1, Math.round(ms * 1000)));
    }
    expect(state(ours)).toEqual(state(theirs));
  });
});

describe('HistogramPool', () => {
  it('gives back a used histogram reset: it encodes as a new one does, for the same values', () => {
    const pool = new HistogramPool();
    const used = pool.take();
    for (const ms of [0.2, 3, 45.5, 900, 700_000]) recordMs(used, ms); // 700 s: past the initial range
    pool.give(used);
    const reused = pool.take();
    expect(reused).toBe(used);
    expect(reused.totalCount).toBe(0);
    expect(reused.maxValue).toBe(0);
    const fresh = createLatencyHistogram();
    for (const ms of [1.5, 20, 20, 310]) {
      recordMs(reused, ms);
      recordMs(fresh, ms);
    }
    expect(summarizeHistogram(reused)).toEqual(summarizeHistogram(fresh));
    expect(reused.minNonZeroValue).toBe(fresh.minNonZeroValue);
    expect(decodeHistogram(encodeHistogram(reused)).totalCount).toBe(4);
    expect(summarizeHistogram(decodeHistogram(encodeHistogram(reused)))).toEqual(
      summarizeHistogram(decodeHistogram(encodeHistogram(fresh))),
    );
  });

  it('makes a new histogram when none is free and keeps at most eight', () => {
    const pool = new HistogramPool();
    const taken = Array.from({ length: 10 }, () => pool.take());
    expect(new Set(taken).size).toBe(10);
    for (const h of taken) pool.give(h);
    const again = Array.from({ length: 10 }, () => pool.take());
    expect(again.filter((h) => taken.includes(h))).toHaveLength(8);
  });
});
