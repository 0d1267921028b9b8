/**
 * DoubleColumn: a growable list of doubles in one Float64Array (8 bytes a value, no object per
 * value), for per-second series that run for hours. Appends are amortized O(1) (the buffer
 * doubles); dropFirst shifts the kept values down in place. Values are stored exactly (NaN too).
 * Not thread-safe.
 */
export class DoubleColumn {
  private data: Float64Array;
  private size = 0;

  /** @param capacity values room is made for up front (grows past it on demand). */
  constructor(capacity = 64) {
    this.data = new Float64Array(Math.max(1, capacity));
  }

  /** Values held. */
  get length(): number {
    return this.size;
  }

  /** push appends one value. */
  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = value;
  }

  /** fill appends `count` copies of `value`. */
  fill(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.push(value);
  }

  /** at returns value `i` (0 <= i < length; undefined behaviour outside). */
  at(i: number): number {
    return this.data[i];
  }

  /** dropFirst forgets the first `count` values (all of them when count >= length). */
  dropFirst(count: number): void {
    const n = Math.min(Math.max(0, count), this.size);
    if (n === 0) return;
    this.data.copyWithin(0, n, this.size);
    this.size -= n;
  }
}
