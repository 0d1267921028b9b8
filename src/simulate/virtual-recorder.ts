/**
 * VirtualRecorder: simulate's recorder. Shared with a real run's RequestRecorder by construction:
 * the per-second windows and their closing rule (SecondWindows with allCompleted: a second closes
 * once it has passed and every request planned in it has completed, in order, without gaps), the
 * counting (Tally: ok, throttled, errors by the DESIGN.md rules), the per-request and per-phase
 * HDR histograms, and the plain outputs (timeline entries and RecorderData for buildRunRecord).
 * Different on purpose: a second's latencies are kept as a plain list and summarized exactly
 * (nearest rank) instead of an HDR histogram encoded to cross threads (one thread, no merge), and
 * there is no generator lateness (virtual time has none; the timeline's is null here and the
 * simulate command records it as 0). Closed seconds are kept in a CompactTimeline (numbers, not
 * objects: a run of hours holds one a second), or as objects when a caller reads them while the
 * run goes (`liveTimeline`: fail-fast gates). Not thread-safe.
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
import { CheckTally } from '../recorder/check-tally.js';
import { FlowTally } from '../recorder/flow-tally.js';
import { InvokeTally } from '../recorder/invoke-tally.js';
import { allCompleted, SecondWindows, secondOf } from '../recorder/second-windows.js';
import { countDropped, countSent, Tally } from '../recorder/tally.js';
import { CompactTimeline } from './compact-timeline.js';

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
  private readonly seconds = new SecondWindows<Second>(
    () => ({ tally: new Tally(), latenciesMs: [] }),
    allCompleted,
  );
  private readonly byRequest: Slice[];
  private readonly byPhase: Slice[];
  /**
   * Latencies by phase, then request: each reply is recorded once, and the per-request and
   * per-phase histograms are their sums (HDR addition is exact), built in toData.
   */
  private readonly latency: Array<Array<Histogram | undefined>>;
  /** Closed seconds, unless kept as objects (liveTimeline). */
  private readonly compact: CompactTimeline | null;
  /**
   * Closed seconds as objects, in order, appended as they close: only with `liveTimeline` set at
   * construction (null otherwise). Read-only for callers.
   */
  readonly liveTimeline: TimelineEntry[] | null;
  /** Outcomes of the response checks (`expect:`), per request and check. */
  readonly checks = new CheckTally();
  /** Flow instances, per flow. */
  readonly flows: FlowTally;
  /** Lambda Invoke outcomes per request (`invokes` set: the profile sends Invokes). */
  readonly invokes: InvokeTally | null;

  constructor(
    private readonly requestCount: number,
    phaseCount: number,
    private readonly flowCount = 0,
    invokes = false,
    liveTimeline = false,
  ) {
    this.liveTimeline = liveTimeline ? [] : null;
    this.compact = liveTimeline ? null : new CompactTimeline();
    this.invokes = invokes ? new InvokeTally(requestCount) : null;
    this.flows = new FlowTally(flowCount);
    const slice = () => ({ tally: new Tally() });
    this.byRequest = Array.from({ length: requestCount }, slice);
    this.byPhase = Array.from({ length: Math.max(1, phaseCount) }, slice);
    this.latency = this.byPhase.map(() => new Array<Histogram | undefined>(requestCount));
  }

  /** second returns the open second of `plannedMs` (ms since start). */
  second(plannedMs: number): Second {
    return this.seconds.at(secondOf(plannedMs));
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

  /** functionError turns a 2xx reply just recorded by completed into a function error. */
  functionError(w: Second, requestIndex: number, phaseIndex: number, code: string): void {
    w.tally.recordFunctionError(code);
    this.byRequest[requestIndex].tally.recordFunctionError(code);
    this.byPhase[phaseIndex].tally.recordFunctionError(code);
  }

  /**
   * closeCompleted turns every second before virtual time `tMs` (finite) whose replies are all in
   * into a timeline entry, in order, stopping at the first one still waiting for a reply.
   */
  closeCompleted(tMs: number): void {
    this.seconds.closeBefore(Math.floor(tMs / 1000), this.toEntry);
  }

  /** closeAllBefore turns every second before `second` into a timeline entry, replies in or not. */
  closeAllBefore(second: number): void {
    this.seconds.closeBefore(second, this.toEntry, true);
  }

  /** Seconds closed so far (timeline entries made). */
  get closedCount(): number {
    return this.liveTimeline ? this.liveTimeline.length : (this.compact as CompactTimeline).length;
  }

  /**
   * timelineEntries returns every closed second as a timeline entry, in order: new objects each
   * call without liveTimeline (call it once, at the end), the live array itself with it.
   */
  timelineEntries(): TimelineEntry[] {
    return this.liveTimeline ?? (this.compact as CompactTimeline).entries();
  }

  private readonly toEntry = (second: number, w: Second | undefined): void => {
    const t = (w?.tally ?? new Tally()).toTotals();
    const { planned, sent, completed, ok, throttled, errors, dropped, byStatus, byError } = t;
    const latencyMs = w && w.latenciesMs.length > 0 ? summarize(w.latenciesMs) : null;
    const entry: TimelineEntry = {
      second,
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
    };
    if (this.liveTimeline) this.liveTimeline.push(entry);
    else (this.compact as CompactTimeline).push(entry);
  };

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
      checks: this.checks.toData(this.requestCount),
      ...(this.flowCount > 0 ? { flows: this.flows.toData() } : {}),
      ...(this.invokes ? { invoke: this.invokes.toData() } : {}),
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
  // The array constructor copies a plain array directly (Float64Array.from goes through its iterator).
  const sorted = new Float64Array(values).sort();
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  let sum = 0;
  for (const v of sorted) sum += v;
  const ms = (v: number) => Math.round(v * 1000) / 1000;
  return {
    count: sorted.length,
    p50: ms(at(50)),
    p90: ms(at(90)),
    p95: ms(at(95)),
    p99: ms(at(99)),
    p999: ms(at(99.9)),
    max: ms(sorted[sorted.length - 1]),
    mean: ms(sum / sorted.length),
  };
}
