/**
 * CompactTimeline: simulate's closed seconds kept as numbers in typed arrays instead of one
 * object graph a second (an entry, its latency summary, its byStatus and byError objects: about
 * 650 bytes each on V8's heap), so hours of virtual seconds cost about 115 bytes a second:
 * 8 counts and 3 indexes (Uint32), 8 latency numbers (Float64), and the byStatus/byError counts
 * in a shared pool, their keys interned once per distinct key list. The arrays are fixed-size
 * chunks, allocated as the timeline grows and never copied or freed while it lives (a growing
 * array copied over and over leaves freed blocks behind in the process's allocator).
 *
 * The contract: `entries()` returns, entry for entry, objects equal to the ones pushed (same
 * keys in the same order, so the same JSON), for entries of the shape VirtualRecorder makes: no
 * `droppedBy`, `aborted` or `inFlight`, counts whole numbers from 0 to 2^32 - 1 (a second's
 * counts; push throws RangeError otherwise and stores nothing), `latenessP99Ms` null. byStatus
 * objects are made by `sparseCounts`, as Tally.toTotals makes them (small dictionaries).
 * Not thread-safe.
 */
import type { LatencySummary, TimelineEntry } from '../record/run-record.js';
import { sparseCounts } from '../recorder/tally.js';

/** Count fields of an entry, in the entry's key order (before byStatus). */
const COUNTS = [
  'second',
  'planned',
  'sent',
  'completed',
  'ok',
  'throttled',
  'errors',
  'dropped',
] as const;
/** LatencySummary fields, in its key order. */
const LATENCY = ['count', 'p50', 'p90', 'p95', 'p99', 'p999', 'max', 'mean'] as const;
/** Per entry in the int chunks: the counts, then byStatus's key list, byError's, the pool offset. */
const INT_STRIDE = COUNTS.length + 3;
const LAT_STRIDE = LATENCY.length;
/** Entries a chunk (a power of two). */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;
/** Pool values a pool chunk (a power of two). */
const POOL_BITS = 13;
const POOL_CHUNK = 1 << POOL_BITS;
const MAX_U32 = 0xffff_ffff;

export class CompactTimeline {
  /** Chunk c holds entries c * CHUNK ...: INT_STRIDE numbers each. */
  private readonly ints: Uint32Array[] = [];
  /** Latency numbers, LAT_STRIDE an entry; count < 0 marks a null latencyMs. */
  private readonly lat: Float64Array[] = [];
  /** byStatus then byError values of every entry, in key order (value v in chunk v >> POOL_BITS). */
  private readonly pool: Uint32Array[] = [];
  private poolLength = 0;
  /** Distinct key lists (index = id) and their ids by joined text. */
  private readonly keyLists: string[][] = [];
  private readonly keyListIds = new Map<string, number>();
  private count = 0;

  /** Entries held. */
  get length(): number {
    return this.count;
  }

  /** push appends one entry (copied: the caller may drop it). */
  push(e: TimelineEntry): void {
    if (e.latenessP99Ms !== null || 'droppedBy' in e || 'aborted' in e || 'inFlight' in e)
      throw new RangeError('CompactTimeline holds VirtualRecorder entries only');
    const statusKeys = Object.keys(e.byStatus);
    const errorKeys = Object.keys(e.byError);
    // Checked before anything is stored, so a refused entry leaves no trace.
    for (const f of COUNTS) u32(e[f]);
    for (const k of statusKeys) u32(e.byStatus[k]);
    for (const k of errorKeys) u32(e.byError[k]);
    if (e.latencyMs !== null) for (let f = 0; f < LAT_STRIDE; f++) latencyField(e.latencyMs, f);
    const n = this.count;
    if ((n & (CHUNK - 1)) === 0) {
      this.ints.push(new Uint32Array(CHUNK * INT_STRIDE));
      this.lat.push(new Float64Array(CHUNK * LAT_STRIDE));
    }
    const ints = this.ints[n >> CHUNK_BITS];
    const i = (n & (CHUNK - 1)) * INT_STRIDE;
    for (let f = 0; f < COUNTS.length; f++) ints[i + f] = e[COUNTS[f]];
    ints[i + COUNTS.length] = this.keyListId(statusKeys);
    ints[i + COUNTS.length + 1] = this.keyListId(errorKeys);
    ints[i + COUNTS.length + 2] = this.poolLength;
    for (const k of statusKeys) this.poolPush(e.byStatus[k]);
    for (const k of errorKeys) this.poolPush(e.byError[k]);
    const lat = this.lat[n >> CHUNK_BITS];
    const l = (n & (CHUNK - 1)) * LAT_STRIDE;
    const summary = e.latencyMs;
    if (summary === null) lat[l] = -1;
    else for (let f = 0; f < LAT_STRIDE; f++) lat[l + f] = latencyField(summary, f);
    this.count++;
  }

  /** entries returns every entry pushed, as new objects (see the file comment). */
  entries(): TimelineEntry[] {
    const out: TimelineEntry[] = new Array<TimelineEntry>(this.count);
    for (let n = 0; n < this.count; n++) out[n] = this.entry(n);
    return out;
  }

  private entry(n: number): TimelineEntry {
    const ints = this.ints[n >> CHUNK_BITS];
    const i = (n & (CHUNK - 1)) * INT_STRIDE;
    let at = ints[i + COUNTS.length + 2];
    const byStatus = sparseCounts();
    for (const k of this.keyLists[ints[i + COUNTS.length]]) byStatus[k] = this.poolAt(at++);
    const byError: Record<string, number> = {};
    for (const k of this.keyLists[ints[i + COUNTS.length + 1]]) byError[k] = this.poolAt(at++);
    return {
      second: ints[i],
      planned: ints[i + 1],
      sent: ints[i + 2],
      completed: ints[i + 3],
      ok: ints[i + 4],
      throttled: ints[i + 5],
      errors: ints[i + 6],
      dropped: ints[i + 7],
      byStatus,
      byError,
      latencyMs: this.latency(n),
      latenessP99Ms: null,
    };
  }

  private latency(n: number): LatencySummary | null {
    const v = this.lat[n >> CHUNK_BITS];
    const l = (n & (CHUNK - 1)) * LAT_STRIDE;
    if (v[l] < 0) return null;
    return {
      count: v[l],
      p50: v[l + 1],
      p90: v[l + 2],
      p95: v[l + 3],
      p99: v[l + 4],
      p999: v[l + 5],
      max: v[l + 6],
      mean: v[l + 7],
    };
  }

  private poolPush(value: number): void {
    const p = this.poolLength++;
    if ((p & (POOL_CHUNK - 1)) === 0) this.pool.push(new Uint32Array(POOL_CHUNK));
    this.pool[p >> POOL_BITS][p & (POOL_CHUNK - 1)] = value;
  }

  private poolAt(p: number): number {
    return this.pool[p >> POOL_BITS][p & (POOL_CHUNK - 1)];
  }

  private keyListId(keys: string[]): number {
    const text = keys.join('\u0000');
    let id = this.keyListIds.get(text);
    if (id === undefined) {
      id = this.keyLists.length;
      this.keyLists.push(keys);
      this.keyListIds.set(text, id);
    }
    return id;
  }
}

/** latencyField: field `f` of LATENCY; a summary without p95 (older records) is refused. */
function latencyField(s: LatencySummary, f: number): number {
  const v = s[LATENCY[f]];
  if (v === undefined) throw new RangeError('CompactTimeline needs latency summaries with p95');
  return v;
}

function u32(v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > MAX_U32)
    throw new RangeError(`CompactTimeline: count ${v} is not a whole number below 2^32`);
  return v;
}
