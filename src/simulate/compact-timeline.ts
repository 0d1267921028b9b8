/**
 * CompactTimeline: simulate's closed seconds kept as numbers in typed arrays instead of one
 * object graph a second (an entry, its latency summary, its byStatus and byError objects: about
 * 650 bytes each on V8's heap), so hours of virtual seconds cost about 130 bytes a second:
 * 8 counts (Uint32), 8 latency numbers (Float64), and the byStatus/byError counts in a shared
 * pool, their keys interned once per distinct key list.
 *
 * The contract: `entries()` returns, entry for entry, objects equal to the ones pushed (same
 * keys in the same order, so the same JSON), for entries of the shape VirtualRecorder makes: no
 * `droppedBy`, `aborted` or `inFlight`, counts whole numbers from 0 to 2^32 - 1 (a second's
 * counts; push throws RangeError otherwise, never stores a wrong value), `latenessP99Ms` null.
 * byStatus objects are made by `sparseCounts`, as Tally.toTotals makes them (small dictionaries).
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
/** Per entry in `ints`: the counts, then byStatus's key list, byError's, and the pool offset. */
const INT_STRIDE = COUNTS.length + 3;
const LAT_STRIDE = LATENCY.length;
const MAX_U32 = 0xffff_ffff;

export class CompactTimeline {
  private ints = new Uint32Array(INT_STRIDE * 64);
  /** Latency numbers; count < 0 marks a null latencyMs. */
  private lat = new Float64Array(LAT_STRIDE * 64);
  /** byStatus then byError values of every entry, in key order. */
  private pool = new Uint32Array(512);
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
    this.reserve(statusKeys.length + errorKeys.length);
    const i = this.count * INT_STRIDE;
    for (let f = 0; f < COUNTS.length; f++) this.ints[i + f] = e[COUNTS[f]];
    this.ints[i + COUNTS.length] = this.keyListId(statusKeys);
    this.ints[i + COUNTS.length + 1] = this.keyListId(errorKeys);
    this.ints[i + COUNTS.length + 2] = this.poolLength;
    for (const k of statusKeys) this.pool[this.poolLength++] = e.byStatus[k];
    for (const k of errorKeys) this.pool[this.poolLength++] = e.byError[k];
    const l = this.count * LAT_STRIDE;
    const summary = e.latencyMs;
    if (summary === null) this.lat[l] = -1;
    else for (let f = 0; f < LAT_STRIDE; f++) this.lat[l + f] = latencyField(summary, f);
    this.count++;
  }

  /** entries returns every entry pushed, as new objects (see the file comment). */
  entries(): TimelineEntry[] {
    const out: TimelineEntry[] = new Array<TimelineEntry>(this.count);
    for (let n = 0; n < this.count; n++) out[n] = this.entry(n);
    return out;
  }

  private entry(n: number): TimelineEntry {
    const i = n * INT_STRIDE;
    const ints = this.ints;
    let at = ints[i + COUNTS.length + 2];
    const byStatus = sparseCounts();
    for (const k of this.keyLists[ints[i + COUNTS.length]]) byStatus[k] = this.pool[at++];
    const byError: Record<string, number> = {};
    for (const k of this.keyLists[ints[i + COUNTS.length + 1]]) byError[k] = this.pool[at++];
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
    const l = n * LAT_STRIDE;
    const v = this.lat;
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

  /** reserve makes room for one more entry and `poolValues` more pool values. */
  private reserve(poolValues: number): void {
    // Growing by half: at most a third of each array is room not yet used.
    if ((this.count + 1) * INT_STRIDE > this.ints.length) {
      const entries = Math.ceil((this.ints.length / INT_STRIDE) * 1.5);
      this.ints = grown(this.ints, entries * INT_STRIDE);
      this.lat = grown(this.lat, entries * LAT_STRIDE);
    }
    if (this.poolLength + poolValues > this.pool.length)
      this.pool = grown(this.pool, Math.ceil((this.poolLength + poolValues) * 1.5));
  }
}

/** latencyField: field `f` of LATENCY; a missing p95 (older summaries) cannot occur here. */
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

function grown<T extends Uint32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
