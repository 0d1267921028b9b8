/**
 * The measured statistics in plain form: what a recorder (a worker's, or the simulator's) hands
 * on, and what buildRunRecord assembles the run record from. Plain data, so it crosses threads;
 * histograms travel encoded (see latency-histogram.ts).
 */
import type { Totals } from './run-record.js';

/** A closed per-second window in plain form (crosses threads). */
export interface WindowData {
  second: number;
  totals: Totals;
  latency: string | null;
  lateness: string | null;
}

/** Per-name or per-phase statistics in plain form. */
export interface SliceData {
  totals: Totals;
  latency: string | null;
}

/** One flow's instances in plain form (src/recorder/flow-tally.ts). */
export interface FlowData {
  started: number;
  completed: number;
  abandoned: number;
  interrupted: number;
  dropped: number;
  /** Instances with a failed check or a failed request. */
  withFailures: number;
  /** Encoded histogram of completed instances' durations (ms as µs), null when none. */
  duration: string | null;
}

/** Of a captured variable: 2xx replies of its capturing request whose path matched, or not. */
export interface CaptureCounts {
  matched: number;
  missed: number;
}

/** Everything a recorder knows at the end, in plain form. */
export interface RecorderData {
  byRequest: SliceData[];
  byPhase: SliceData[];
  lateness: string | null;
  /** Per request index, passed/failed pairs of each check (absent: no checks recorded). */
  checks?: number[][];
  /** Per flow index (absent: the profile has no flows). */
  flows?: FlowData[];
  /** Profile `tenants:` only: per tenant decile (10 slices) and the ranks seen. */
  tenants?: TenantData;
  /** Per request index, the Invoke outcomes (absent: the profile sends no Lambda Invokes). */
  invoke?: InvokeCounts[];
  /** Variable name -> capture counts; absent when nothing was captured from (the simulator). */
  captures?: Record<string, CaptureCounts>;
  /** Durable requests only (src/recorder/durable-recorder.ts). */
  durable?: DurableData;
}

/** One request's durable executions in plain form (keyed by request index). */
export interface DurableRequestData {
  started: number;
  startFailed: number;
  /** Terminal status -> executions that ended with it. */
  byStatus: Record<string, number>;
  /** Executions still RUNNING when following stopped (poll timeout or the run's end). */
  running: number;
  polls: number;
  pollErrors: number;
  /** Encoded histogram of the durations (ms as µs) of the executions that ended; null if none. */
  duration: string | null;
}

/** A recorder's durable statistics in plain form. */
export interface DurableData {
  pollMode: 'status' | 'cloudwatch' | 'mixed';
  /** This recorder's share of GetDurableExecution polls per second. */
  pollBudgetPerSec: number;
  /** Request index (as a string) -> its executions. */
  byRequest: Record<string, DurableRequestData>;
}

/** A recorder's tenant statistics in plain form. */
export interface TenantData {
  count: number;
  distribution: 'zipf' | 'uniform';
  s: number;
  deciles: SliceData[];
  /** Ranks (1-based) that sent at least one request. */
  ranksSeen: number[];
}

/**
 * One request's Lambda Invoke outcomes (src/recorder/invoke-tally.ts): throttles by reason and
 * function errors by kind (Handled/Unhandled) and by the payload's errorType.
 */
export interface InvokeCounts {
  /** Replies 2xx without X-Amz-Function-Error. */
  succeeded: number;
  throttled: number;
  throttleReasons: Record<string, number>;
  functionErrors: number;
  /** Handled / Unhandled -> count. */
  functionErrorKinds: Record<string, number>;
  /** errorType of the payload -> count. */
  errorTypes: Record<string, number>;
}
