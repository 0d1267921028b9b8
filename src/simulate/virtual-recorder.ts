/**
 * VirtualRecorder: simulate's light recorder. Same counting as the real RequestRecorder (Tally:
 * ok, throttled, errors by the DESIGN.md rules) and the same plain outputs (timeline entries and
 * RecorderData for buildRunRecord), but a plain list of latencies per open second instead of encoded
 * histogram windows crossing threads (exact per-second percentiles), and no generator lateness (virtual time has none: reported as null).
 * Seconds must close in order; not thread-safe.
 */
import {
  createLatencyHistogram,
  encodeHistogram,
  recordMs,
  summarizeHistogram,
  type Histogram,
} from '../record/latency-histogram.js';
import type { RecorderData } from '../record/measurements.js';
import type { LatencySummary, TimelineEntry } from '../record/run-record.js';
import { countDropped, countSent, Tally } from '../recorder/tally.js';

interface Slice {
  tally: Tally;
}

interface Second {
  tally: Tally;
  /** Latencies of the second's replies (exact percentiles are cheaper than a histogram here). */
  latenciesMs: number[];
}

/** Per-second, per-request and per-phase statistics of a virtual run. */
export class VirtualRecorder {
  private readonly seconds = new Map<number, Second>();
  private readonly byRequest: Slice[];
  private readonly byPhase: Slice[];
  /**
   * Latencies by phase, then request: each reply is recorded once, and the per-request and
   * per-phase histograms are their sums (HDR addition is exact), built in toData.
   */
  private readonly latency: Array<Array<Histogram | undefined>>;
  private nextToClose = 0;
  /** The second asked for last (most calls ask for the same one again). */
  private lastSecond = -1;
  private lastWindow: Second | undefined;
  readonly timeline: TimelineEntry[] = [];

  constructor(requestCount: number, phaseCount: number) {
    const slice = () => ({ tally: new Tally() });
    this.byRequest = Array.from({ length: requestCount }, slice);
    this.byPhase = Array.from({ length: Math.max(1, phaseCount) }, slice);
    this.latency = this.byPhase.map(() => new Array<Histogram | undefined>(requestCount));
  }

  /** second returns the open second of `plannedMs` (ms since start). */
  second(plannedMs: number): Second {
    const s = Math.floor(plannedMs / 1000);
    if (s === this.lastSecond && this.lastWindow !== undefined) return this.lastWindow;
    let w = this.seconds.get(s);
    if (!w) {
      w = { tally: new Tally(), latenciesMs: [] };
      this.seconds.set(s, w);
    }
    this.lastSecond = s;
    this.lastWindow = w;
    return w;
  }

  /** dropped counts an arrival not sent (in-flight cap). */
  dropped(w: Second, requestIndex: number, phaseIndex: number): void {
    countDropped(w.tally);
    countDropped(this.byRequest[requestIndex].tally);
    countDropped(this.byPhase[phaseIndex].tally);
  }

  /** sent counts an arrival sent with `bytes` of body. */
  sent(w: Second, requestIndex: number, phaseIndex: number, bytes: number): void {
    countSent(w.tally, bytes);
    countSent(this.byRequest[requestIndex].tally, bytes);
    countSent(this.byPhase[phaseIndex].tally, bytes);
  }

  /** completed records a reply (status > 0) or a transport error code, with its latency. */
  completed(
    w: Second,
    requestIndex: number,
    phaseIndex: number,
    status: number | string,
    latencyMs: number,
    bytes: number,
  ): void {
    const r = this.byRequest[requestIndex];
    const p = this.byPhase[phaseIndex];
    if (typeof status === 'number') {
      w.tally.recordStatus(status, bytes);
      r.tally.recordStatus(status, bytes);
      p.tally.recordStatus(status, bytes);
    } else {
      w.tally.recordError(status);
      r.tally.recordError(status);
      p.tally.recordError(status);
    }
    w.latenciesMs.push(latencyMs);
    const byRequest = this.latency[phaseIndex];
    recordMs((byRequest[requestIndex] ??= createLatencyHistogram()), latencyMs);
  }

  /** closeBefore turns every second before `second` into a timeline entry (all replies must be in). */
  closeBefore(second: number): void {
    for (; this.nextToClose < second; this.nextToClose++) {
      const w = this.seconds.get(this.nextToClose);
      this.seconds.delete(this.nextToClose);
      if (this.lastSecond === this.nextToClose) this.lastWindow = undefined;
      const t = (w?.tally ?? new Tally()).toTotals();
      const { planned, sent, completed, ok, throttled, errors, dropped, byStatus, byError } = t;
      const latencyMs = w && w.latenciesMs.length > 0 ? summarize(w.latenciesMs) : null;
      this.timeline.push({
        second: this.nextToClose,
        planned,
        sent,
        completed,
        ok,
        throttled,
        errors,
        dropped,
        byStatus,
        byError,
        latencyMs,
        latenessP99Ms: null,
      });
    }
  }

  /**
   * overallLatency: percentiles of every reply so far (for fail-fast gates during a simulation).
   * Sums every request's histogram: call about once a virtual second, not per request.
   */
  overallLatency(): LatencySummary | null {
    const sum = createLatencyHistogram();
    for (const byRequest of this.latency) for (const h of byRequest) if (h) sum.add(h);
    return summarizeHistogram(sum);
  }

  /** toData returns per-request and per-phase statistics for buildRunRecord. */
  toData(): RecorderData {
    const data = (s: Slice, parts: Array<Histogram | undefined>) => ({
      totals: s.tally.toTotals(),
      latency: encodeSum(parts),
    });
    return {
      byRequest: this.byRequest.map((s, r) =>
        data(
          s,
          this.latency.map((byReq) => byReq[r]),
        ),
      ),
      byPhase: this.byPhase.map((s, p) => data(s, [...this.latency[p]])),
      lateness: null,
    };
  }
}

/** encodeSum encodes the sum of the non-empty histograms; null when there is none. */
function encodeSum(parts: Array<Histogram | undefined>): string | null {
  const sum = createLatencyHistogram();
  for (const h of parts) if (h !== undefined && h.totalCount > 0) sum.add(h);
  return sum.totalCount > 0 ? encodeHistogram(sum) : null;
}

/** summarize: exact percentiles (nearest rank, as HDR reports them) of one second's latencies; sorts in place. */
function summarize(values: number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  let sum = 0;
  for (const v of sorted) sum += v;
  const ms = (v: number) => Math.round(v * 1000) / 1000;
  return {
    count: sorted.length,
    p50: ms(at(50)),
    p90: ms(at(90)),
    p99: ms(at(99)),
    p999: ms(at(99.9)),
    max: ms(sorted[sorted.length - 1]),
    mean: ms(sum / sorted.length),
  };
}
