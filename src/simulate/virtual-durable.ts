/**
 * VirtualDurable: durable requests in `simulate`. A start runs the execution in the model
 * (startDurable at the planned time: its segments are admitted as invocations in virtual time,
 * in order with every other request) and answers 202 after START_LATENCY_MS with the execution's
 * ARN in `X-Amz-Durable-Execution-Arn`. At the end, `finish`
 * follows every execution in virtual time until it ends or its poll.timeout passes (simulate has
 * no drain grace), and books what `run` would have seen: the terminal status and its duration
 * (StartTimestamp to EndTimestamp), or running; and the polls, counted as `run` sends them
 * (every `poll.every` after the start reply until one sees the end: ceil(d / every), at most
 * timeout / every). Simulate does not pace polls under the 30/s budget: the plan's warning says
 * when the budget is short (and `run` would see executions end later). Executions started by a
 * flow's durable step are booked here alike (VirtualFlows waits on them in virtual time with the
 * same poll times, see durableWaitEnd). Not thread-safe.
 */
import type { PlatformModel } from '../model/platform-model.js';
import type { PreparedRequest } from '../mix/prepared-request.js';
import type { BuiltRequest } from '../mix/prepared-request.js';
import { DurableRecorder } from '../recorder/durable-recorder.js';
import { GET_DURABLE_EXECUTION_PER_SEC } from '../mix/durable-poll-pacer.js';
import { DURABLE_ARN_HEADER } from '../mix/durable-step-end.js';

/** Time of an asynchronous Invoke that starts an execution: assumed (AWS publishes none). */
export const START_LATENCY_MS = 10;

interface Started {
  request: number;
  arn: string;
  /** Virtual epoch ms of the start reply (polling begins from it). */
  replyMs: number;
  everyMs: number;
  timeoutMs: number;
  plannedEpochMs: number;
}

export class VirtualDurable {
  readonly recorder: DurableRecorder;
  private readonly started: Started[] = [];

  constructor(
    private readonly model: PlatformModel,
    requests: readonly PreparedRequest[],
  ) {
    const modes = new Set(requests.flatMap((r) => (r.durable ? [r.durable.poll.mode] : [])));
    this.recorder = new DurableRecorder(
      modes.size > 1 ? 'mixed' : modes.has('cloudwatch') ? 'cloudwatch' : 'status',
      GET_DURABLE_EXECUTION_PER_SEC,
    );
  }

  /** start: the reply (status, latency) of a durable request's start at `nowMs` (epoch ms). */
  start(
    req: PreparedRequest,
    built: BuiltRequest,
    nowMs: number,
  ): { status: number; latencyMs: number; headers?: Record<string, string> } {
    const spec = req.durable;
    if (!spec) throw new Error('VirtualDurable.start: not a durable request');
    const name = headerValue(built, 'x-amz-durable-execution-name') ?? `exec-${nowMs}`;
    const r = this.model.startDurable(spec.function, name, built.bodyBytes, nowMs);
    if (r.kind === 'unknown-function') {
      this.recorder.startFailed(req.index);
      return { status: 404, latencyMs: START_LATENCY_MS };
    }
    this.recorder.started(req.index);
    if (spec.poll.mode === 'status')
      this.started.push({
        request: req.index,
        arn: r.execution.arn,
        replyMs: nowMs + START_LATENCY_MS,
        everyMs: spec.poll.everyMs,
        timeoutMs: spec.poll.timeoutMs,
        plannedEpochMs: nowMs,
      });
    // The ARN header as the Invoke API sends it (captures and flow steps read it).
    return {
      status: 202,
      latencyMs: START_LATENCY_MS,
      headers: { [DURABLE_ARN_HEADER]: r.execution.arn },
    };
  }

  /**
   * finish follows every execution to its end or poll timeout, from virtual epoch ms `fromMs`;
   * returns the virtual epoch ms it followed them to (the model has been advanced that far).
   */
  finish(fromMs: number): number {
    let open = this.started.slice();
    let t = fromMs;
    const horizon = Math.max(fromMs, ...open.map((s) => s.plannedEpochMs + s.timeoutMs));
    for (;;) {
      open = open.filter((s) => !this.settle(s, t));
      if (open.length === 0 || t >= horizon) break;
      t = Math.min(horizon, t + 1000);
    }
    for (const s of open) this.settle(s, Number.POSITIVE_INFINITY);
    return t;
  }

  /** settle books `s` if it ended, or its poll timeout passed, by `t`; true when booked. */
  private settle(s: Started, t: number): boolean {
    const deadline = s.plannedEpochMs + s.timeoutMs;
    const e = this.model.durableExecution(s.arn, Math.min(t, deadline));
    if (!e) return false;
    const maxPolls = Math.floor((deadline - s.replyMs) / s.everyMs);
    if (e.status !== 'RUNNING' && e.endMs !== undefined) {
      const polls = Math.max(1, Math.ceil((e.endMs - s.replyMs) / s.everyMs));
      if (polls <= maxPolls) {
        for (let i = 0; i < polls; i++) this.recorder.polled(s.request, false);
        this.recorder.ended(s.request, e.status, e.endMs - e.startMs);
        return true;
      }
    }
    if (t < deadline) return false;
    for (let i = 0; i < Math.max(0, maxPolls); i++) this.recorder.polled(s.request, false);
    this.recorder.stillRunning(s.request);
    return true;
  }
}

function headerValue(built: BuiltRequest, name: string): string | undefined {
  const h = built.options.headers;
  if (!Array.isArray(h)) return undefined;
  for (let i = 0; i + 1 < h.length; i += 2)
    if (String(h[i]).toLowerCase() === name) return String(h[i + 1]);
  return undefined;
}
