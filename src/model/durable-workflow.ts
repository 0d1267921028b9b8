/**
 * DurableWorkflow: how the model runs one durable function (the profile's `model.durable.<fn>`):
 * an ordered list of steps, each either work (`cpu` time on the function's vCPU plus `service` time
 * spent waiting on other services, both billed as duration) or a `wait` (the execution is
 * suspended: no environment is held, nothing is billed but the wait operation).
 *
 * Consecutive work steps form one *segment*, run by one invocation. The first segment is the
 * invocation that Invoke starts; every segment after a wait is a *replay*: Lambda invokes the
 * function again, the SDK skips the steps already checkpointed, and the new steps run. So each
 * replay counts as an invocation (requests, duration, concurrency, cold starts) as AWS bills it.
 * https://docs.aws.amazon.com/lambda/latest/dg/durable-functions.html; replays are counted as
 * invocations: https://docs.aws.amazon.com/lambda/latest/dg/durable-monitoring.html
 *
 * Durable operations: one per step and one per wait (AWS counts every checkpointed operation;
 * that the start itself is not one more is assumed). Bytes written: `checkpointBytes` per step
 * plus the start payload. Pure data and functions.
 */

/** One step as the model keeps it: work, or a wait (ms). */
export type DurableStep =
  { kind: 'work'; cpuMs: number; serviceMs: number } | { kind: 'wait'; waitMs: number };

/** The parameters of one modelled durable function. */
export interface DurableWorkflowParams {
  steps: DurableStep[];
  /** Fraction of executions that end FAILED (their last segment fails). */
  failRate: number;
  /** DurableConfig.ExecutionTimeout: past it the execution ends TIMED_OUT (ms). */
  executionTimeoutMs: number;
  /** DurableConfig.RetentionPeriodInDays: how long its checkpoint data is kept (priced per GB-month). */
  retentionDays: number;
  /** Bytes checkpointed per work step (its result). */
  checkpointBytes: number;
}

/** One invocation of a workflow: its work steps, and the wait that follows it (0: the end). */
export interface DurableSegment {
  cpuMs: number;
  /** cpu + service of its steps (the invocation's handler time, ms). */
  durationMs: number;
  /** Work steps in it (durable operations). */
  steps: number;
  /** Wait after this segment before the next replay (ms); 0 after the last segment. */
  waitAfterMs: number;
  /** Wait steps after it (0 or more; several waits in a row add up). */
  waitsAfter: number;
}

/** DurableConfig defaults and limits. https://docs.aws.amazon.com/lambda/latest/dg/durable-configuration.html */
export const DURABLE_DEFAULT_RETENTION_DAYS = 14;
/** ExecutionTimeout upper bound, 366 days in seconds (31,622,400 s). https://docs.aws.amazon.com/lambda/latest/api/API_DurableConfig.html */
export const DURABLE_MAX_EXECUTION_TIMEOUT_MS = 31_622_400_000;
/** Bytes checkpointed per step when the profile names none: assumed (AWS publishes no typical size). */
export const DURABLE_DEFAULT_CHECKPOINT_BYTES = 1024;

/**
 * segmentsOf groups a workflow's steps into invocations: a wait ends a segment; leading waits
 * give an empty first segment (an invocation that only schedules the wait). Pure.
 */
export function segmentsOf(steps: readonly DurableStep[]): DurableSegment[] {
  const out: DurableSegment[] = [];
  let current: DurableSegment = {
    cpuMs: 0,
    durationMs: 0,
    steps: 0,
    waitAfterMs: 0,
    waitsAfter: 0,
  };
  for (const step of steps) {
    if (step.kind === 'work') {
      if (current.waitsAfter > 0) {
        out.push(current);
        current = { cpuMs: 0, durationMs: 0, steps: 0, waitAfterMs: 0, waitsAfter: 0 };
      }
      current.cpuMs += step.cpuMs;
      current.durationMs += step.cpuMs + step.serviceMs;
      current.steps++;
    } else {
      current.waitAfterMs += step.waitMs;
      current.waitsAfter++;
    }
  }
  out.push(current);
  return out;
}

/** The model route that runs segment `index` of durable function `functionName`. */
export function durableRoute(functionName: string, index: number): string {
  return `durable:${functionName}#${index}`;
}

/** operationsOf: durable operations of one whole execution (steps + waits). Pure. */
export function operationsOf(steps: readonly DurableStep[]): number {
  return steps.length;
}

/** Nominal duration of an execution with no queueing or cold starts (ms). Pure. */
export function nominalDurationMs(steps: readonly DurableStep[]): number {
  return steps.reduce((t, s) => t + (s.kind === 'work' ? s.cpuMs + s.serviceMs : s.waitMs), 0);
}
