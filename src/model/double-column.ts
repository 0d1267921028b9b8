/**
 * DoubleColumn: a growable list of doubles stored as runs of equal values (run-length encoded in
 * two typed arrays: no object per value), for per-second series that run for hours. Most model
 * series hold long runs (throttles and errors stay 0, environment counts change now and then),
 * so a run of any length costs 8 bytes while every value so far is a 32-bit integer (counts,
 * concurrency) and 12 bytes once one is not (the values' array turns from Int32 to Float64 then,
 * for good); a series that changes every second costs that much a value. Values are kept exactly
 * (runs join values that are Object.is-equal: NaN with NaN, never 0 with -0; -0 is not an
 * integer here).
 *
 * Costs: push and fill are amortized O(1) (the arrays grow by half, so at most a third of them is
 * room not yet used); dropFirst is O(runs); at(i) is O(1) when called with consecutive or equal
 * indexes (a cursor remembers the last run), O(log runs) otherwise. Not thread-safe.
 */
export class DoubleColumn {
  /** values[r]: the value of run r (Int32 while every value is one, see isInt32). */
  private values: Int32Array | Float64Array;
  /** ends[r]: one past the index of run r's last value (runs are consecutive from index 0). */
  private ends: Uint32Array;
  private runs = 0;
  /** Run of the last at() lookup. */
  private cursor = 0;

  /** @param capacity runs room is made for up front (grows past it on demand). */
  constructor(capacity = 16) {
    this.values = new Int32Array(Math.max(1, capacity));
    this.ends = new Uint32Array(Math.max(1, capacity));
  }

  /** Values held. */
  get length(): number {
    return this.runs === 0 ? 0 : this.ends[this.runs - 1];
  }

  /** Runs held (the storage used: 8 or 12 bytes each). */
  get runCount(): number {
    return this.runs;
  }

  /** Bytes a run costs now: 8 while every value is a 32-bit integer, else 12. */
  get bytesPerRun(): number {
    return this.values instanceof Int32Array ? 8 : 12;
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
    if (this.values instanceof Int32Array && !isInt32(value)) this.values = toFloat64(this.values);
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
    const capacity = this.values.length + Math.max(8, this.values.length >> 1);
    const values =
      this.values instanceof Int32Array ? new Int32Array(capacity) : new Float64Array(capacity);
    values.set(this.values);
    const ends = new Uint32Array(capacity);
    ends.set(this.ends);
    this.values = values;
    this.ends = ends;
  }
}

/** isInt32: `v` is stored unchanged by an Int32Array (a whole number in range, not -0). */
function isInt32(v: number): boolean {
  return (v | 0) === v && !Object.is(v, -0);
}

function toFloat64(values: Int32Array): Float64Array {
  const out = new Float64Array(values.length);
  out.set(values);
  return out;
}

/** Equal for runs: Object.is (NaN joins NaN; 0 and -0 stay apart). */
function sameValue(a: number, b: number): boolean {
  return Object.is(a, b);
}
