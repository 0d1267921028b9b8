/**
 * DurableRecorder: what one worker (or simulate) saw of the durable executions its requests
 * started, per request index: starts accepted (a 2xx with an execution ARN), starts that failed,
 * the terminal status of each execution followed to its end, those still running when following
 * stopped (poll.timeout, or the run's end), status polls sent and polls that failed, and an HDR
 * histogram of the end-to-end duration (the execution's StartTimestamp to EndTimestamp) of the
 * executions that ended. started = sum of terminal counts + running, once `finish` is called.
 * Not thread-safe: one per thread; plain forms are merged by src/record/durable-stats.ts.
 */
import {
  createLatencyHistogram,
  encodeHistogram,
  recordMs,
  type Histogram,
} from '../record/latency-histogram.js';
import type { DurableData, DurableRequestData } from '../record/measurements.js';

/** The terminal statuses of GetDurableExecution. https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecution.html */
export const TERMINAL_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'STOPPED'] as const;

interface Slice {
  started: number;
  startFailed: number;
  byStatus: Record<string, number>;
  running: number;
  polls: number;
  pollErrors: number;
  duration: Histogram;
}

export class DurableRecorder {
  private readonly slices = new Map<number, Slice>();

  constructor(
    private readonly pollMode: 'status' | 'cloudwatch' | 'mixed',
    private readonly pollBudgetPerSec: number,
  ) {}

  /** started counts an execution whose start was accepted. */
  started(request: number): void {
    this.slice(request).started++;
  }

  /** startFailed counts a start without an execution (an error reply or no ARN). */
  startFailed(request: number): void {
    this.slice(request).startFailed++;
  }

  /** ended records a terminal `status` and the execution's duration (ms). */
  ended(request: number, status: string, durationMs: number): void {
    const s = this.slice(request);
    s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
    recordMs(s.duration, Math.max(0, durationMs));
  }

  /** stillRunning counts an execution no longer followed while RUNNING. */
  stillRunning(request: number, count = 1): void {
    this.slice(request).running += count;
  }

  /** polled counts one status poll (failed: no usable reply). */
  polled(request: number, failed: boolean): void {
    const s = this.slice(request);
    s.polls++;
    if (failed) s.pollErrors++;
  }

  /** toData returns the plain form (call once, at the end). */
  toData(): DurableData {
    const byRequest: Record<string, DurableRequestData> = {};
    for (const [i, s] of this.slices) {
      byRequest[String(i)] = {
        started: s.started,
        startFailed: s.startFailed,
        byStatus: { ...s.byStatus },
        running: s.running,
        polls: s.polls,
        pollErrors: s.pollErrors,
        duration: s.duration.totalCount > 0 ? encodeHistogram(s.duration) : null,
      };
      s.duration.destroy();
    }
    return { pollMode: this.pollMode, pollBudgetPerSec: this.pollBudgetPerSec, byRequest };
  }

  private slice(request: number): Slice {
    let s = this.slices.get(request);
    if (!s) {
      s = {
        started: 0,
        startFailed: 0,
        byStatus: {},
        running: 0,
        polls: 0,
        pollErrors: 0,
        duration: createLatencyHistogram(),
      };
      this.slices.set(request, s);
    }
    return s;
  }
}
