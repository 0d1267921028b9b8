/**
 * RequestRecorder: what one worker (or the simulator) knows about its requests, kept as
 * per-second windows (by planned send second), per request name, and per phase, each a Tally plus
 * an HDR latency histogram, and one generator-lateness histogram.
 *
 * Windows open and close through SecondWindows (second-windows.ts), the rule every timeline shares:
 * a window is *closed* once its second has passed and every request planned in it has completed;
 * closed windows leave the recorder in order, with no gaps, through `takeClosedWindows`.
 * Not thread-safe: one recorder per thread; the coordinator merges their plain forms.
 */
import {
  createLatencyHistogram,
  encodeHistogram,
  HistogramPool,
  recordMs,
  type Histogram,
} from '../record/latency-histogram.js';
import { CheckTally } from './check-tally.js';
import { InvokeTally } from './invoke-tally.js';
import { FlowTally } from './flow-tally.js';
import { countDropped, countDroppedLate, countSent, Tally } from './tally.js';
import type { CaptureCounts, RecorderData, SliceData, WindowData } from '../record/measurements.js';
import { allCompleted, SecondWindows, secondOf } from './second-windows.js';

/** The windows' histograms, reused from second to second (one pool a thread). */
const windowHistograms = new HistogramPool();

class Window {
  readonly tally = new Tally();
  latency: Histogram | null = null;
  lateness: Histogram | null = null;
  constructor(readonly second: number) {}

  /**
   * toData encodes the window and gives its histograms back to the pool. A reply that completes
   * after a forced close (the end of a run) finds them null and records into a histogram of its
   * own, which is never emitted, as before.
   */
  toData(): WindowData {
    const data = {
      second: this.second,
      totals: this.tally.toTotals(),
      latency: this.latency ? encodeHistogram(this.latency) : null,
      lateness: this.lateness ? encodeHistogram(this.lateness) : null,
    };
    if (this.latency) windowHistograms.give(this.latency);
    if (this.lateness) windowHistograms.give(this.lateness);
    this.latency = null;
    this.lateness = null;
    return data;
  }
}

class Slice {
  readonly tally = new Tally();
  readonly latency = createLatencyHistogram();
  toData(): SliceData {
    return {
      totals: this.tally.toTotals(),
      latency: this.latency.totalCount > 0 ? encodeHistogram(this.latency) : null,
    };
  }
}

export class RequestRecorder {
  private readonly windows = new SecondWindows((second) => new Window(second), allCompleted);
  /** Every arrival planned before this instant has been sent or dropped (-1: not tracked). */
  private scheduledUpToMs = -1;
  private readonly byRequest: Slice[];
  private readonly captures = new Map<string, CaptureCounts>();
  private readonly byPhase: Slice[];
  private readonly lateness = createLatencyHistogram();
  /** Everything recorded, all windows together (for live totals). */
  readonly total = new Tally();
  /** Outcomes of the response checks (`expect:`), per request and check. */
  readonly checks = new CheckTally();
  /** Flow instances, per flow (sized by `flowCount`). */
  readonly flows: FlowTally;
  /** Lambda Invoke outcomes per request (`invokes` set: the profile sends Invokes). */
  readonly invokes: InvokeTally | null;

  constructor(
    private readonly requestCount: number,
    phaseCount: number,
    private readonly flowCount = 0,
    invokes = false,
  ) {
    this.invokes = invokes ? new InvokeTally(requestCount) : null;
    this.flows = new FlowTally(flowCount);
    this.byRequest = Array.from({ length: requestCount }, () => new Slice());
    this.byPhase = Array.from({ length: Math.max(phaseCount, 1) }, () => new Slice());
  }

  private window(plannedMs: number): Window {
    return this.windows.at(secondOf(plannedMs));
  }

  /** dropped counts an arrival that was planned but not sent (in-flight cap reached). */
  dropped(plannedMs: number, requestIndex: number, phaseIndex: number): void {
    const w = this.window(plannedMs);
    countDropped(w.tally);
    countDropped(this.byRequest[requestIndex].tally);
    countDropped(this.byPhase[phaseIndex].tally);
    countDropped(this.total);
  }

  /**
   * droppedLate counts `n` arrivals planned in the second of `plannedMs`, of one request and one
   * phase, that were dropped for being later than maxLateness.
   */
  droppedLate(plannedMs: number, requestIndex: number, phaseIndex: number, n: number): void {
    countDroppedLate(this.window(plannedMs).tally, n);
    countDroppedLate(this.byRequest[requestIndex].tally, n);
    countDroppedLate(this.byPhase[phaseIndex].tally, n);
    countDroppedLate(this.total, n);
  }

  /**
   * sent counts an arrival sent at `actualMs` (lateness = actual - planned) and returns the window
   * handle to pass to `completed*`.
   */
  sent(
    plannedMs: number,
    actualMs: number,
    requestIndex: number,
    phaseIndex: number,
    bytes: number,
  ): Window {
    const w = this.window(plannedMs);
    countSent(w.tally, bytes);
    countSent(this.byRequest[requestIndex].tally, bytes);
    countSent(this.byPhase[phaseIndex].tally, bytes);
    countSent(this.total, bytes);
    const latenessMs = actualMs - plannedMs;
    recordMs(this.lateness, latenessMs);
    w.lateness ??= windowHistograms.take();
    recordMs(w.lateness, latenessMs);
    return w;
  }

  /** completedWithStatus records a reply; latency counts from the planned send time. */
  completedWithStatus(
    window: unknown,
    requestIndex: number,
    phaseIndex: number,
    status: number,
    latencyMs: number,
    bytes: number,
  ): void {
    const w = window as Window;
    w.tally.recordStatus(status, bytes);
    this.byRequest[requestIndex].tally.recordStatus(status, bytes);
    this.byPhase[phaseIndex].tally.recordStatus(status, bytes);
    this.total.recordStatus(status, bytes);
    this.recordLatency(w, requestIndex, phaseIndex, latencyMs);
  }

  /** completedWithError records a transport failure (code such as ECONNREFUSED). */
  completedWithError(
    window: unknown,
    requestIndex: number,
    phaseIndex: number,
    code: string,
    latencyMs: number,
  ): void {
    const w = window as Window;
    w.tally.recordError(code);
    this.byRequest[requestIndex].tally.recordError(code);
    this.byPhase[phaseIndex].tally.recordError(code);
    this.total.recordError(code);
    this.recordLatency(w, requestIndex, phaseIndex, latencyMs);
  }

  /**
   * functionError turns a 2xx reply just recorded by completedWithStatus into an error counted
   * under `code` (a Lambda function error, see Tally.recordFunctionError).
   */
  functionError(window: unknown, requestIndex: number, phaseIndex: number, code: string): void {
    (window as Window).tally.recordFunctionError(code);
    this.byRequest[requestIndex].tally.recordFunctionError(code);
    this.byPhase[phaseIndex].tally.recordFunctionError(code);
    this.total.recordFunctionError(code);
  }

  /** aborted records a request abandoned when the drain grace ended (no status, no latency). */
  aborted(window: unknown, requestIndex: number, phaseIndex: number): void {
    (window as Window).tally.recordAborted();
    this.byRequest[requestIndex].tally.recordAborted();
    this.byPhase[phaseIndex].tally.recordAborted();
    this.total.recordAborted();
  }

  private recordLatency(
    w: Window,
    requestIndex: number,
    phaseIndex: number,
    latencyMs: number,
  ): void {
    w.latency ??= windowHistograms.take();
    recordMs(w.latency, latencyMs);
    recordMs(this.byRequest[requestIndex].latency, latencyMs);
    recordMs(this.byPhase[phaseIndex].latency, latencyMs);
  }

  /**
   * markScheduledUpTo tells the recorder that every arrival planned before `plannedMs` has been
   * sent or dropped (the open loop calls it with its next planned time; Infinity at the schedule's
   * end). Once called, a window closes only when its whole second is below this mark, so a
   * generator running more than a second late cannot close a window whose arrivals are still to
   * come (their counts would otherwise be lost from the timeline). Without it (closed model),
   * windows close on the wall clock alone.
   */
  markScheduledUpTo(plannedMs: number): void {
    this.scheduledUpToMs = plannedMs;
  }

  /**
   * takeClosedWindows removes and returns, in order, the windows of every second before
   * `nowMs` (and below the scheduled-up-to mark) whose requests have all completed; `force`
   * closes every second up to `untilSecond` or the last one opened, whichever is later, pending
   * or not. Seconds without a window come out as empty windows.
   */
  takeClosedWindows(nowMs: number, force = false, untilSecond = -1): WindowData[] {
    const out: WindowData[] = [];
    const scheduledSeconds =
      this.scheduledUpToMs < 0 ? Infinity : Math.floor(this.scheduledUpToMs / 1000);
    const limit = force
      ? Math.max(untilSecond, this.windows.highestOpened) + 1
      : Math.min(Math.floor(nowMs / 1000), scheduledSeconds);
    this.windows.closeBefore(
      limit,
      (second, w) => out.push(w ? w.toData() : emptyWindow(second)),
      force,
    );
    return out;
  }

  /**
   * recordCapture counts one 2xx reply of a capturing request: did `name`'s path match in it?
   * Returns the counts so far (the caller warns when a path keeps missing).
   */
  recordCapture(name: string, matched: boolean): CaptureCounts {
    let counts = this.captures.get(name);
    if (!counts) {
      counts = { matched: 0, missed: 0 };
      this.captures.set(name, counts);
    }
    if (matched) counts.matched++;
    else counts.missed++;
    return counts;
  }

  /** toData returns the per-request, per-phase, lateness and capture statistics in plain form. */
  toData(): RecorderData {
    return {
      byRequest: this.byRequest.map((s) => s.toData()),
      byPhase: this.byPhase.map((s) => s.toData()),
      lateness: this.lateness.totalCount > 0 ? encodeHistogram(this.lateness) : null,
      checks: this.checks.toData(this.requestCount),
      ...(this.flowCount > 0 ? { flows: this.flows.toData() } : {}),
      ...(this.invokes ? { invoke: this.invokes.toData() } : {}),
      ...(this.captures.size > 0
        ? { captures: Object.fromEntries([...this.captures].map(([k, c]) => [k, { ...c }])) }
        : {}),
    };
  }
}

function emptyWindow(second: number): WindowData {
  return { second, totals: new Tally().toTotals(), latency: null, lateness: null };
}
