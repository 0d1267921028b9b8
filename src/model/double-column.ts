/**
 * DoubleColumn: a growable list of doubles stored as runs of equal values (run-length encoded in
 * two typed arrays: no object per value), for per-second series that run for hours. Most model
 * series hold long runs (throttles and errors stay 0, environment counts change now and then),
 * so a run of any length costs 12 bytes; a series that changes every second costs 12 bytes a
 * value. Values are kept exactly (runs join values that are Object.is-equal: NaN with NaN, never
 * 0 with -0).
 *
 * Costs: push and fill are amortized O(1) (the arrays double as they grow); dropFirst is
 * O(runs); at(i) is O(1) when called with consecutive or equal indexes (a cursor remembers the
 * last run), O(log runs) otherwise. Not thread-safe.
 */
export class DoubleColumn {
  /** values[r]: the value of run r. */
  private values: Float64Array;
  /** ends[r]: one past the index of run r's last value (runs are consecutive from index 0). */
  private ends: Uint32Array;
  private runs = 0;
  /** Run of the last at() lookup. */
  private cursor = 0;

  /** @param capacity runs room is made for up front (grows past it on demand). */
  constructor(capacity = 16) {
    this.values = new Float64Array(Math.max(1, capacity));
    this.ends = new Uint32Array(Math.max(1, capacity));
  }

  /** Values held. */
  get length(): number {
    return this.runs === 0 ? 0 : this.ends[this.runs - 1];
  }

  /** Runs held (the storage used: 12 bytes each). */
  get runCount(): number {
    return this.runs;
  }

  /** push appends one value. */
  push(value: number): void {
    this.fill(value, 1);
  }

  /** fill appends `count` copies of `value` (nothing for count <= 0). */
  fill(value: number, count: number): void {
    if (count <= 0) return;
    const last = this.runs - 1;
    if (last >= 0 && sameValue(this.values[last], value)) {
      this.ends[last] += count;
      return;
    }
    if (this.runs === this.values.length) this.grow();
    this.values[this.runs] = value;
    this.ends[this.runs] = this.length + count;
    this.runs++;
  }

  /** at returns value `i` (0 <= i < length; undefined behaviour outside). */
  at(i: number): number {
    let r = this.cursor < this.runs ? this.cursor : 0;
    if (i >= this.ends[r] || (r > 0 && i < this.ends[r - 1])) {
      // Next run (sequential reads), else a binary search.
      if (r + 1 < this.runs && i >= this.ends[r] && i < this.ends[r + 1]) r++;
      else {
        let lo = 0;
        let hi = this.runs - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (this.ends[mid] > i) hi = mid;
          else lo = mid + 1;
        }
        r = lo;
      }
      this.cursor = r;
    }
    return this.values[r];
  }

  /** hasNumber tells whether any of the first `count` values is not NaN (O(runs)). */
  hasNumber(count: number): boolean {
    if (count <= 0) return false;
    for (let r = 0; r < this.runs; r++) {
      if (!Number.isNaN(this.values[r])) return true;
      if (this.ends[r] >= count) break;
    }
    return false;
  }

  /** dropFirst forgets the first `count` values (all of them when count >= length). */
  dropFirst(count: number): void {
    const n = Math.min(Math.max(0, count), this.length);
    if (n === 0) return;
    let first = 0;
    while (first < this.runs && this.ends[first] <= n) first++;
    this.values.copyWithin(0, first, this.runs);
    this.ends.copyWithin(0, first, this.runs);
    this.runs -= first;
    for (let r = 0; r < this.runs; r++) this.ends[r] -= n;
    this.cursor = 0;
  }

  private grow(): void {
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    const ends = new Uint32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.values = values;
    this.ends = ends;
  }
}

/** Equal for runs: Object.is (NaN joins NaN; 0 and -0 stay apart). */
function sameValue(a: number, b: number): boolean {
  return Object.is(a, b);
}
