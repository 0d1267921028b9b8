/**
 * DoubleColumn: a growable list of doubles stored as runs of equal values (run-length encoded in
 * typed arrays: no object per value), for per-second series that run for hours. Most model
 * series hold long runs (throttles and errors stay 0, environment counts change now and then),
 * so a run of any length costs 8 bytes while every value so far is a 32-bit integer (counts,
 * concurrency) and 12 bytes once one is not (the values turn from Int32 to Float64 then, for
 * good); a series that changes every second costs that much a value. Values are kept exactly
 * (runs join values that are Object.is-equal: NaN with NaN, never 0 with -0; -0 is not an
 * integer here).
 *
 * Storage: runs sit in chunks of CHUNK runs; the first chunk grows by half from `capacity` up to
 * CHUNK (a series of a few runs stays small), later ones are made full-size and never copied, so
 * at most one chunk is room not yet used and a long series leaves no freed blocks behind it.
 *
 * Costs: push and fill are amortized O(1); dropFirst is O(runs); at(i) is O(1) when called with
 * consecutive or equal indexes (a cursor remembers the last run), O(log runs) otherwise.
 * Not thread-safe.
 */

/** Runs a chunk (a power of two). */
const CHUNK_BITS = 11;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

export class DoubleColumn {
  /** Run r's value is values[r >> CHUNK_BITS][r & MASK] (Int32 chunks until `float`). */
  private values: Array<Int32Array | Float64Array>;
  /** Run r's end (one past its last value's index; runs are consecutive from index 0). */
  private readonly ends: Uint32Array[];
  /** True once a value is not a 32-bit integer (see isInt32): every chunk is Float64 then. */
  private float = false;
  private runs = 0;
  /** Run of the last at() lookup. */
  private cursor = 0;

  /** @param capacity runs room is made for up front (grows past it on demand). */
  constructor(capacity = 16) {
    const first = Math.min(CHUNK, Math.max(1, capacity));
    this.values = [new Int32Array(first)];
    this.ends = [new Uint32Array(first)];
  }

  /** Values held. */
  get length(): number {
    return this.runs === 0 ? 0 : this.endAt(this.runs - 1);
  }

  /** Runs held (the storage used: bytesPerRun each). */
  get runCount(): number {
    return this.runs;
  }

  /** Bytes a run costs now: 8 while every value is a 32-bit integer, else 12. */
  get bytesPerRun(): number {
    return this.float ? 12 : 8;
  }

  /** push appends one value. */
  push(value: number): void {
    this.fill(value, 1);
  }

  /** fill appends `count` copies of `value` (nothing for count <= 0). */
  fill(value: number, count: number): void {
    if (count <= 0) return;
    const last = this.runs - 1;
    if (last >= 0 && sameValue(this.valueAt(last), value)) {
      this.ends[last >> CHUNK_BITS][last & MASK] += count;
      return;
    }
    if (!this.float && !isInt32(value)) this.toFloat();
    this.setRun(this.runs, value, this.length + count);
    this.runs++;
  }

  /** at returns value `i` (0 <= i < length; undefined behaviour outside). */
  at(i: number): number {
    let r = this.cursor < this.runs ? this.cursor : 0;
    if (i >= this.endAt(r) || (r > 0 && i < this.endAt(r - 1))) {
      // Next run (sequential reads), else a binary search.
      if (r + 1 < this.runs && i >= this.endAt(r) && i < this.endAt(r + 1)) r++;
      else {
        let lo = 0;
        let hi = this.runs - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (this.endAt(mid) > i) hi = mid;
          else lo = mid + 1;
        }
        r = lo;
      }
      this.cursor = r;
    }
    return this.valueAt(r);
  }

  /** hasNumber tells whether any of the first `count` values is not NaN (O(runs)). */
  hasNumber(count: number): boolean {
    if (count <= 0) return false;
    for (let r = 0; r < this.runs; r++) {
      if (!Number.isNaN(this.valueAt(r))) return true;
      if (this.endAt(r) >= count) break;
    }
    return false;
  }

  /** dropFirst forgets the first `count` values (all of them when count >= length). */
  dropFirst(count: number): void {
    const n = Math.min(Math.max(0, count), this.length);
    if (n === 0) return;
    let first = 0;
    while (first < this.runs && this.endAt(first) <= n) first++;
    for (let r = first; r < this.runs; r++)
      this.setRun(r - first, this.valueAt(r), this.endAt(r) - n);
    this.runs -= first;
    // Chunks past the last run are dropped (the first one is always kept).
    const chunks = Math.max(1, Math.ceil(this.runs / CHUNK));
    this.values.length = chunks;
    this.ends.length = chunks;
    this.cursor = 0;
  }

  private valueAt(r: number): number {
    return this.values[r >> CHUNK_BITS][r & MASK];
  }

  private endAt(r: number): number {
    return this.ends[r >> CHUNK_BITS][r & MASK];
  }

  /** setRun stores run r (r <= runs: at most one past the last), making room for it. */
  private setRun(r: number, value: number, end: number): void {
    const c = r >> CHUNK_BITS;
    if (c === this.values.length) {
      this.values.push(this.float ? new Float64Array(CHUNK) : new Int32Array(CHUNK));
      this.ends.push(new Uint32Array(CHUNK));
    } else if (c === 0 && r === this.values[0].length) this.growFirst();
    this.values[c][r & MASK] = value;
    this.ends[c][r & MASK] = end;
  }

  /** growFirst makes the first chunk half as large again, up to CHUNK. */
  private growFirst(): void {
    const old = this.values[0];
    const size = Math.min(CHUNK, old.length + Math.max(8, old.length >> 1));
    const values = this.float ? new Float64Array(size) : new Int32Array(size);
    values.set(old);
    const ends = new Uint32Array(size);
    ends.set(this.ends[0]);
    this.values[0] = values;
    this.ends[0] = ends;
  }

  private toFloat(): void {
    this.values = this.values.map((chunk) => {
      const out = new Float64Array(chunk.length);
      out.set(chunk);
      return out;
    });
    this.float = true;
  }
}

/** isInt32: `v` is stored unchanged by an Int32Array (a whole number in range, not -0). */
function isInt32(v: number): boolean {
  return (v | 0) === v && !Object.is(v, -0);
}

/** Equal for runs: Object.is (NaN joins NaN; 0 and -0 stay apart). */
function sameValue(a: number, b: number): boolean {
  return Object.is(a, b);
}
