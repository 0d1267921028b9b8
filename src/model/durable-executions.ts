/**
 * DurableExecutions: the model's durable executions (GetDurableExecution's view of them), driven
 * by the PlatformModel in time order. A start runs segment 0 at once; each segment is admitted as
 * an invocation of its route (`durable:<fn>#<i>`), so replays take concurrency, cold starts and
 * duration like any invocation; after a segment ends, the wait that follows it passes, then the
 * next segment is admitted. A throttled or failed invocation ends the execution FAILED; one that
 * would pass DurableConfig.ExecutionTimeout ends it TIMED_OUT at the timeout. Starts are
 * idempotent by (function, name): the same name returns the same execution.
 * Statuses: https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecution.html
 * Not thread-safe: owned by one PlatformModel; every time is epoch ms, never decreasing.
 */
import type { Admitted, Throttled } from './platform-model.js';
import { MinHeap } from './min-heap.js';
import type { SeriesBook, SeriesSlot } from './series-book.js';
import {
  durableRoute,
  segmentsOf,
  type DurableSegment,
  type DurableWorkflowParams,
} from './durable-workflow.js';

/** GetDurableExecution Status values. https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecution.html */
export type DurableStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'STOPPED';

/** What GetDurableExecution / ListDurableExecutionsByFunction show of one execution. */
export interface DurableExecutionView {
  arn: string;
  name: string;
  functionName: string;
  status: DurableStatus;
  startMs: number;
  /** Set once the status is terminal. */
  endMs?: number;
  error?: { type: string; message: string };
}

/** The result of a start: the execution, and whether this call created it. */
export type DurableStart =
  { kind: 'started' | 'existing'; execution: DurableExecutionView } | { kind: 'unknown-function' };

interface Execution extends DurableExecutionView {
  segments: DurableSegment[];
  next: number;
  /** When the next event is due (segment admission, or the end). */
  dueMs: number;
  deadlineMs: number;
  willFail: boolean;
  /** Set when the last segment was admitted: the execution ends at dueMs with this status. */
  ending: DurableStatus | null;
}

interface FunctionSlots {
  started: SeriesSlot;
  succeeded: SeriesSlot;
  failed: SeriesSlot;
  timedOut: SeriesSlot;
  running: SeriesSlot;
  duration: SeriesSlot;
  operations: SeriesSlot;
  written: SeriesSlot;
  runningNow: number;
}

/** Account id in the model's ARNs (no account exists; a fixed placeholder). */
const ACCOUNT = '123456789012';

export class DurableExecutions {
  private readonly byArn = new Map<string, Execution>();
  private readonly byName = new Map<string, string>();
  private readonly due = new MinHeap<Execution>((e) => e.dueMs);
  private readonly slots = new Map<string, FunctionSlots>();
  private readonly segments = new Map<string, DurableSegment[]>();
  private counter = 0;

  constructor(
    private readonly workflows: Record<string, DurableWorkflowParams>,
    private readonly book: SeriesBook,
    private readonly random: () => number,
    /** Admits one invocation of `route` now (the model's own clock, already advanced). */
    private readonly admit: (route: string) => Admitted | Throttled,
    private readonly region = 'us-east-1',
  ) {
    for (const [fn, w] of Object.entries(workflows)) this.segments.set(fn, segmentsOf(w.steps));
  }

  /** The functions this model runs durably. */
  get functionNames(): string[] {
    return Object.keys(this.workflows);
  }

  /** start begins (or finds, by name) an execution of `fn` at `nowMs`; payloadBytes are written. */
  start(fn: string, name: string, payloadBytes: number, nowMs: number): DurableStart {
    const w = this.workflows[fn];
    const segments = this.segments.get(fn);
    if (!w || !segments) return { kind: 'unknown-function' };
    const key = `${fn}\u0000${name}`;
    const known = this.byName.get(key);
    const existing = known === undefined ? undefined : this.byArn.get(known);
    if (existing) return { kind: 'existing', execution: view(existing) };
    const arn = `${functionArn(this.region, fn)}:$LATEST/durable-execution/${name}/${(++this.counter).toString(16).padStart(8, '0')}`;
    const e: Execution = {
      arn,
      name,
      functionName: fn,
      status: 'RUNNING',
      startMs: nowMs,
      segments,
      next: 0,
      dueMs: nowMs,
      deadlineMs: nowMs + w.executionTimeoutMs,
      willFail: w.failRate > 0 && this.random() < w.failRate,
      ending: null,
    };
    this.byArn.set(arn, e);
    this.byName.set(key, arn);
    this.due.push(e);
    const s = this.slotsOf(fn);
    this.book.add(s.started, 1);
    this.book.add(s.written, payloadBytes);
    s.runningNow++;
    this.book.max(s.running, s.runningNow);
    return { kind: 'started', execution: view(e) };
  }

  /** nextEventMs: when the next execution event is due (+Infinity when none). */
  nextEventMs(): number {
    return this.due.peekKey();
  }

  /** runEvent handles the one execution event due at `nowMs` (= nextEventMs()). */
  runEvent(nowMs: number): void {
    const e = this.due.pop();
    if (!e) return;
    if (e.ending) return this.finish(e, e.ending, nowMs);
    if (nowMs >= e.deadlineMs) return this.finish(e, 'TIMED_OUT', e.deadlineMs);
    const seg = e.segments[e.next];
    const w = this.workflows[e.functionName];
    const s = this.slotsOf(e.functionName);
    const decision = this.admit(durableRoute(e.functionName, e.next));
    if (!decision.admitted) {
      e.error = { type: 'TooManyRequestsException', message: 'Rate exceeded' };
      return this.finish(e, 'FAILED', nowMs);
    }
    this.book.add(s.operations, seg.steps + seg.waitsAfter);
    this.book.add(s.written, seg.steps * w.checkpointBytes);
    const endMs = decision.endMs;
    const last = e.next === e.segments.length - 1;
    const failed = decision.failed || (last && e.willFail);
    if (failed || last) {
      if (failed)
        e.error = { type: 'Error', message: 'the workflow failed (model.durable failRate)' };
      e.ending = failed ? 'FAILED' : 'SUCCEEDED';
      e.dueMs = failed ? endMs : endMs + seg.waitAfterMs;
    } else {
      e.next++;
      e.dueMs = endMs + seg.waitAfterMs;
    }
    if (e.dueMs > e.deadlineMs) {
      e.ending = 'TIMED_OUT';
      e.dueMs = e.deadlineMs;
    }
    this.due.push(e);
  }

  /** closeSecond books the running gauge of the second about to close. */
  closeSecond(): void {
    for (const s of this.slots.values()) this.book.max(s.running, s.runningNow);
  }

  /** get: the execution with this ARN, or undefined. */
  get(arn: string): DurableExecutionView | undefined {
    const e = this.byArn.get(arn);
    return e && view(e);
  }

  /** list: executions of `fn` (oldest first), optionally by name and statuses. */
  list(fn: string, filter: { name?: string; statuses?: string[] } = {}): DurableExecutionView[] {
    const out: DurableExecutionView[] = [];
    for (const e of this.byArn.values()) {
      if (e.functionName !== fn) continue;
      if (filter.name !== undefined && e.name !== filter.name) continue;
      if (filter.statuses?.length && !filter.statuses.includes(e.status)) continue;
      out.push(view(e));
    }
    return out;
  }

  private finish(e: Execution, status: DurableStatus, atMs: number): void {
    e.status = status;
    e.endMs = atMs;
    if (status === 'TIMED_OUT')
      e.error = { type: 'TimedOut', message: 'the execution passed its ExecutionTimeout' };
    const s = this.slotsOf(e.functionName);
    s.runningNow--;
    const slot = status === 'SUCCEEDED' ? s.succeeded : status === 'FAILED' ? s.failed : s.timedOut;
    this.book.add(slot, 1);
    this.book.add(s.duration, atMs - e.startMs);
  }

  private slotsOf(fn: string): FunctionSlots {
    let s = this.slots.get(fn);
    if (!s) {
      const labels = { function: fn };
      const b = this.book;
      s = {
        started: b.slot('lambda.durable_executions_started', labels, 'Count', 'sum'),
        succeeded: b.slot('lambda.durable_executions_succeeded', labels, 'Count', 'sum'),
        failed: b.slot('lambda.durable_executions_failed', labels, 'Count', 'sum'),
        timedOut: b.slot('lambda.durable_executions_timed_out', labels, 'Count', 'sum'),
        running: b.slot('lambda.durable_executions_running', labels, 'Count', 'max'),
        duration: b.slot('lambda.durable_execution_duration_ms', labels, 'Milliseconds', 'avg'),
        operations: b.slot('lambda.durable_operations', labels, 'Count', 'sum'),
        written: b.slot('lambda.durable_storage_written_bytes', labels, 'Bytes', 'sum'),
        runningNow: 0,
      };
      this.slots.set(fn, s);
    }
    return s;
  }
}

/** The model's function ARN of `fn`. */
export function functionArn(region: string, fn: string): string {
  return `arn:aws:lambda:${region}:${ACCOUNT}:function:${fn}`;
}

function view(e: Execution): DurableExecutionView {
  const v: DurableExecutionView = {
    arn: e.arn,
    name: e.name,
    functionName: e.functionName,
    status: e.status,
    startMs: e.startMs,
  };
  if (e.endMs !== undefined) v.endMs = e.endMs;
  if (e.error) v.error = { ...e.error };
  return v;
}
