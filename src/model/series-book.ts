/**
 * SeriesBook: per-second model metrics on one shared time axis, turned into run-record
 * PlatformSeries (source "model", period 1 s). Owned by one PlatformModel; not thread-safe.
 *
 * Memory: datapoints are kept as runs of equal values (DoubleColumn: 12 bytes a run; most
 * series stay 0 or change now and then), and the `[time, value]` pairs of a series are made only
 * when its `points` is read (see series()), so hours of seconds cost bytes a run per series, not
 * an array a point.
 */
import type { PlatformSeries } from '../record/run-record.js';
import { DoubleColumn } from './double-column.js';

/** How a slot folds the values of one second into one datapoint. */
export type SlotKind = 'sum' | 'max' | 'avg';

/** One series being accumulated. Callers update it through SeriesBook's methods only. */
export interface SeriesSlot {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly stat: string;
  readonly unit: string;
  readonly kind: SlotKind;
  acc: number;
  n: number;
  /** Closed seconds' datapoints (NaN: an avg second without samples). */
  readonly values: DoubleColumn;
}

/** What one series() call saw of a slot: its first second, closed datapoints and open value. */
interface PointsView {
  first: number;
  count: number;
  open: number | undefined;
}

const STAT: Record<SlotKind, string> = { sum: 'Sum', max: 'Maximum', avg: 'Average' };

/** Per-second accumulation of every model series. */
export class SeriesBook {
  private readonly slots: SeriesSlot[] = [];
  /** Index (seconds since start) of values[0] in every slot. */
  private firstSecond = 0;
  /** Seconds closed so far. */
  private closed = 0;

  /**
   * @param startMs epoch ms of second 0.
   * @param retentionSec seconds of history kept (older datapoints are dropped; bounded memory).
   */
  constructor(
    private readonly startMs: number,
    private readonly retentionSec = Number.POSITIVE_INFINITY,
  ) {}

  /** slot creates a series; seconds already closed read as 0 (sum/max) or no datapoint (avg). */
  slot(name: string, labels: Record<string, string>, unit: string, kind: SlotKind): SeriesSlot {
    const fill = kind === 'avg' ? Number.NaN : 0;
    const values = new DoubleColumn();
    values.fill(fill, this.closed - this.firstSecond);
    const s: SeriesSlot = { name, labels, stat: STAT[kind], unit, kind, acc: 0, n: 0, values };
    this.slots.push(s);
    return s;
  }

  /** add adds `value` to a sum or avg slot for the current second. */
  add(s: SeriesSlot, value: number): void {
    s.acc += value;
    s.n++;
  }

  /** max raises a max slot's current-second value to at least `value`. */
  max(s: SeriesSlot, value: number): void {
    if (value > s.acc) s.acc = value;
  }

  /** closeSecond ends the current second: every slot gets one datapoint and starts afresh. */
  closeSecond(): void {
    for (const s of this.slots) {
      s.values.push(s.kind === 'avg' ? (s.n > 0 ? s.acc / s.n : Number.NaN) : s.acc);
      s.acc = 0;
      s.n = 0;
    }
    this.closed++;
    const excess = this.closed - this.firstSecond - this.retentionSec;
    if (excess >= 600) {
      for (const s of this.slots) s.values.dropFirst(excess);
      this.firstSecond += excess;
    }
  }

  /** Seconds closed so far. */
  get closedSeconds(): number {
    return this.closed;
  }

  /**
   * series returns the closed datapoints of every slot that has at least one (avg seconds
   * without samples are omitted, and a series without any point is left out); with
   * `includeOpen`, the second still in progress is added as a last (partial) point, so a final
   * sweep at the end of a run misses no event of its last second.
   *
   * Each series' `points` is an enumerable getter (JSON.stringify, structured clone and spreads
   * see a plain property): every read builds a fresh array of the datapoints as of the call to
   * series() (seconds closed later are not in it; seconds the retention drops later are left
   * out). Read it, use it, drop it: keeping it keeps the pairs alive, and changing it changes
   * nothing.
   */
  series(includeOpen = false): PlatformSeries[] {
    const first = this.firstSecond;
    const out: PlatformSeries[] = [];
    for (const s of this.slots) {
      const view: PointsView = {
        first,
        count: s.values.length,
        open: includeOpen ? openValue(s) : undefined,
      };
      const hasPoint =
        s.values.hasNumber(view.count) || (view.open !== undefined && !Number.isNaN(view.open));
      if (hasPoint) out.push(this.seriesOf(s, view));
    }
    return out;
  }

  /** seriesOf: one slot as a PlatformSeries whose points are built on read (see series()). */
  private seriesOf(s: SeriesSlot, view: PointsView): PlatformSeries {
    const out = {
      name: s.name,
      labels: { ...s.labels },
      source: 'model' as const,
      periodSec: 1,
      stat: s.stat,
      unit: s.unit,
    } as PlatformSeries;
    Object.defineProperty(out, 'points', {
      enumerable: true,
      configurable: true,
      get: () => this.points(s, view),
    });
    return out;
  }

  /** points of one slot as `view` saw it, without the seconds that have no datapoint (NaN). */
  private points(s: SeriesSlot, view: PointsView): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const n = view.count;
    const shift = this.firstSecond - view.first;
    for (let i = Math.max(0, shift); i <= n; i++) {
      if (i === n && view.open === undefined) break;
      const v = i < n ? s.values.at(i - shift) : (view.open as number);
      if (Number.isNaN(v)) continue;
      out.push([Math.round(this.startMs + (view.first + i) * 1000), round6(v)]);
    }
    return out;
  }
}

function openValue(s: { kind: string; acc: number; n: number }): number {
  return s.kind === 'avg' ? (s.n > 0 ? s.acc / s.n : Number.NaN) : s.acc;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
