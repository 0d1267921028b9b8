/**
 * minMaxDownsample: reduces aligned series (one x array, several y arrays) to at most about
 * 2 × `buckets` points for drawing: x is cut into `buckets` equal time buckets, and each series
 * keeps its minimum and maximum of each bucket, in the order they occurred, placed at the
 * bucket's first and last x. A one-second spike in a 90-minute run therefore survives at its full
 * height. Nulls (gaps) are skipped; a bucket with no value stays a gap. Short input is returned
 * unchanged. Pure; never mutates its input.
 */

export interface AlignedSeries {
  x: number[];
  ys: Array<Array<number | null>>;
}

/** minMaxDownsample expects `x` ascending. */
export function minMaxDownsample(data: AlignedSeries, buckets: number): AlignedSeries {
  const n = data.x.length;
  if (n <= 2 * buckets || n < 2) return data;
  const x0 = data.x[0];
  const span = data.x[n - 1] - x0 || 1;
  const x: number[] = [];
  const ys: Array<Array<number | null>> = data.ys.map(() => []);
  let start = 0;
  while (start < n) {
    const bucket = Math.min(buckets - 1, Math.floor(((data.x[start] - x0) / span) * buckets));
    let end = start;
    while (
      end + 1 < n &&
      Math.min(buckets - 1, Math.floor(((data.x[end + 1] - x0) / span) * buckets)) === bucket
    )
      end++;
    const single = end === start;
    x.push(data.x[start]);
    if (!single) x.push(data.x[end]);
    data.ys.forEach((values, s) => {
      let min: number | null = null;
      let max: number | null = null;
      let minAt = 0;
      let maxAt = 0;
      for (let i = start; i <= end; i++) {
        const v = values[i];
        if (v === null || v === undefined || !Number.isFinite(v)) continue;
        if (min === null || v < min) [min, minAt] = [v, i];
        if (max === null || v > max) [max, maxAt] = [v, i];
      }
      if (single) ys[s].push(min);
      else if (minAt <= maxAt) ys[s].push(min, max);
      else ys[s].push(max, min);
    });
    start = end + 1;
  }
  return { x, ys };
}
