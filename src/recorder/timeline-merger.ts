/**
 * TimelineMerger: merges the closed per-second windows of N workers into one timeline entry a
 * second. A second is complete when every worker has sent its window for it (workers send
 * windows in order with no gaps); complete seconds leave in order through the callback, by the
 * same SecondWindows rule as the workers' own windows (second-windows.ts).
 * Runs on the coordinator's thread only.
 */
import {
  addEncoded,
  createLatencyHistogram,
  HistogramPool,
  summarizeHistogram,
  type Histogram,
} from '../record/latency-histogram.js';
import type { WindowData } from '../record/measurements.js';
import type { TimelineEntry } from '../record/run-record.js';
import { addTotals, emptyTotals } from '../record/totals.js';
import { SecondWindows } from './second-windows.js';

interface Pending {
  parts: number;
  totals: ReturnType<typeof emptyTotals>;
  latency: Histogram;
  lateness: Histogram;
}

export class TimelineMerger {
  /** The pending seconds' histograms, reused once their second is emitted. */
  private readonly histograms = new HistogramPool();
  /** A second is complete once all workers' parts are in; a second no worker sent is not. */
  private readonly pending = new SecondWindows<Pending>(
    () => ({
      parts: 0,
      totals: emptyTotals(),
      latency: this.histograms.take(),
      lateness: this.histograms.take(),
    }),
    (p) => p !== undefined && p.parts >= this.workerCount,
  );
  /** The merged histogram of every latency so far (overall, for the run record). */
  readonly overallLatency = createLatencyHistogram();

  constructor(
    private readonly workerCount: number,
    private readonly onEntry: (entry: TimelineEntry) => void,
  ) {}

  /** add takes one worker's closed windows (in order) and emits every second now complete. */
  add(windows: WindowData[]): void {
    for (const w of windows) {
      const p = this.pending.at(w.second);
      p.parts++;
      addTotals(p.totals, w.totals);
      addEncoded(p.latency, w.latency);
      addEncoded(p.lateness, w.lateness);
    }
    this.pending.closeBefore(this.pending.highestOpened + 1, this.emit);
  }

  /**
   * flush emits every second still pending, complete or not (end of run or abort); a second that
   * no worker sent is skipped.
   */
  flush(): void {
    this.pending.closeBefore(this.pending.highestOpened + 1, this.emit, true);
  }

  private readonly emit = (second: number, p: Pending | undefined): void => {
    if (p === undefined) return;
    this.overallLatency.add(p.latency);
    this.onEntry(toEntry(second, p));
    // The entry holds summaries only; a Pending of a second already emitted is never reused (a
    // late part opens a new one, never emitted), so the histograms can go back to the pool.
    this.histograms.give(p.latency);
    this.histograms.give(p.lateness);
  };
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
    ...(t.droppedBy ? { droppedBy: t.droppedBy } : {}),
    byStatus: t.byStatus,
    byError: t.byError,
    ...(t.aborted !== undefined ? { aborted: t.aborted } : {}),
    latencyMs: summarizeHistogram(p.latency),
    latenessP99Ms: lateness ? lateness.p99 : null,
  };
}
