/**
 * TimelineMerger: merges the closed per-second windows of N workers into one timeline entry a
 * second. A second is complete when every worker has sent its window for it (workers send
 * windows in order with no gaps); complete seconds leave in order through the callback.
 * Runs on the coordinator's thread only.
 */
import {
  addEncoded,
  createLatencyHistogram,
  summarizeHistogram,
  type Histogram,
} from '../record/latency-histogram.js';
import type { WindowData } from '../record/measurements.js';
import type { TimelineEntry } from '../record/run-record.js';
import { addTotals, emptyTotals } from '../record/totals.js';

interface Pending {
  parts: number;
  totals: ReturnType<typeof emptyTotals>;
  latency: Histogram;
  lateness: Histogram;
}

export class TimelineMerger {
  private readonly pending = new Map<number, Pending>();
  private nextSecond = 0;
  /** The merged histogram of every latency so far (overall, for the run record). */
  readonly overallLatency = createLatencyHistogram();

  constructor(
    private readonly workerCount: number,
    private readonly onEntry: (entry: TimelineEntry) => void,
  ) {}

  /** add takes one worker's closed windows (in order) and emits every second now complete. */
  add(windows: WindowData[]): void {
    for (const w of windows) {
      let p = this.pending.get(w.second);
      if (!p) {
        p = {
          parts: 0,
          totals: emptyTotals(),
          latency: createLatencyHistogram(),
          lateness: createLatencyHistogram(),
        };
        this.pending.set(w.second, p);
      }
      p.parts++;
      addTotals(p.totals, w.totals);
      addEncoded(p.latency, w.latency);
      addEncoded(p.lateness, w.lateness);
    }
    this.emitComplete(false);
  }

  /** flush emits every second still pending, complete or not (end of run or abort). */
  flush(): void {
    this.emitComplete(true);
  }

  private emitComplete(force: boolean): void {
    for (;;) {
      const p = this.pending.get(this.nextSecond);
      if (!p) {
        if (!force || this.pending.size === 0) return;
        this.nextSecond++;
        continue;
      }
      if (!force && p.parts < this.workerCount) return;
      this.pending.delete(this.nextSecond);
      this.overallLatency.add(p.latency);
      this.onEntry(toEntry(this.nextSecond, p));
      p.latency.destroy();
      p.lateness.destroy();
      this.nextSecond++;
    }
  }
}

function toEntry(second: number, p: Pending): TimelineEntry {
  const lateness = summarizeHistogram(p.lateness);
  const t = p.totals;
  return {
    second,
    planned: t.planned,
    sent: t.sent,
    completed: t.completed,
    ok: t.ok,
    throttled: t.throttled,
    errors: t.errors,
    dropped: t.dropped,
    byStatus: t.byStatus,
    byError: t.byError,
    latencyMs: summarizeHistogram(p.latency),
    latenessP99Ms: lateness ? lateness.p99 : null,
  };
}
