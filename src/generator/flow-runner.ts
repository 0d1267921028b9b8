/**
 * FlowRunner: runs flow instances in a worker. An instance sends its steps one after another
 * through the shared RequestSender (same recorder, pools and timeout sweep), each step planned
 * when the previous reply arrived plus that step's think time, so a step's latency counts from
 * when the user meant to send it. A step that needs a variable no earlier reply gave ends the
 * instance (abandoned) without sending. After `stop`, instances send no further step.
 * A durable step (`durable:`) waits, after its start reply, for the DurableRunner to say how the
 * execution ended (a terminal status, or `running` at its poll.timeout; at once for a failed start
 * and `poll: cloudwatch`) before its think time and next step; a non-succeeded end marks the
 * instance failed (FlowInstance.durableEnded). A stop ends waiting instances (interrupted).
 * One per worker; not thread-safe.
 */
import { FlowInstance } from '../mix/flow-instance.js';
import type { PreparedRequest } from '../mix/prepared-request.js';
import type { FlowSpec } from '../profile/types.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { FlowTally, FlowOutcome } from '../recorder/flow-tally.js';
import type { RequestSender } from './request-sender.js';
import type { ReplyScope } from './reply-handler.js';
import type { DurableEndListener } from './durable-runner.js';
import type { DurableStepEnd } from '../mix/durable-step-end.js';

/** A durable step sent and not resumed yet: its reply and its execution's end, in either order. */
interface DurableWait {
  phaseIndex: number;
  thinkMs: number;
  replied: boolean;
  end: DurableStepEnd | null;
}

export interface FlowRunnerOptions {
  flows: readonly FlowSpec[];
  requests: readonly PreparedRequest[];
  sender: RequestSender;
  tally: FlowTally;
  random: SeededRandom;
  env: Record<string, string>;
  /** Milliseconds since the shared start instant (monotonic). */
  now: () => number;
}

export class FlowRunner {
  /** Instances started and not yet ended (sending, waiting for a reply, or thinking). */
  active = 0;
  /** Step requests in flight (each also counted by the sender). */
  stepsInFlight = 0;
  private stopped = false;
  private readonly thinking = new Map<NodeJS.Timeout, FlowInstance>();
  private readonly onEnds = new Map<FlowInstance, () => void>();
  private readonly durableWaits = new Map<ReplyScope, DurableWait>();

  constructor(private readonly o: FlowRunnerOptions) {}

  /** The tally this runner reports instances to. */
  get tally(): FlowTally {
    return this.o.tally;
  }

  /**
   * start begins an instance of flow `flowIndex` whose first step is planned at `plannedMs`;
   * `onEnd` is called once when it ends, however it ends (the closed model's users wait on it).
   * Every step carries tenant `tenantRank` (1..count; 0 without profile `tenants:`).
   */
  start(
    plannedMs: number,
    flowIndex: number,
    phaseIndex: number,
    onEnd?: () => void,
    tenantRank = 0,
  ): void {
    const o = this.o;
    const flow = o.flows[flowIndex];
    const instance = new FlowInstance(flowIndex, flow, plannedMs, o.random, o.env, tenantRank);
    this.active++;
    o.tally.started(flowIndex);
    if (onEnd) this.onEnds.set(instance, onEnd);
    this.step(instance, plannedMs, phaseIndex);
  }

  /**
   * durableListener: for the start reply of a durable step sent by `scope` (one of this runner's
   * instances), the listener that resumes the instance when its execution ends; undefined for
   * any other scope. Pass it to DurableRunner.onStartReply.
   */
  durableListener(scope: ReplyScope): DurableEndListener | undefined {
    const wait = this.durableWaits.get(scope);
    if (!wait) return undefined;
    return (end) => {
      if (this.durableWaits.get(scope) !== wait || wait.end !== null) return;
      wait.end = end;
      if (wait.replied) this.resume(scope as FlowInstance, wait);
    };
  }

  /**
   * stop: no instance sends a further step; thinking instances, and those waiting for their
   * durable execution's end, end now (interrupted).
   */
  stop(): void {
    this.stopped = true;
    for (const [timer, instance] of this.thinking) {
      clearTimeout(timer);
      this.end(instance, 'interrupted');
    }
    this.thinking.clear();
    for (const [scope, wait] of [...this.durableWaits]) {
      if (!wait.replied) continue; // its reply ends it (nothing more is sent)
      this.durableWaits.delete(scope);
      this.end(scope as FlowInstance, 'interrupted');
    }
  }

  private step(instance: FlowInstance, plannedMs: number, phaseIndex: number): void {
    const index = instance.nextRequest;
    if (index === undefined) return this.end(instance, 'completed');
    if (this.stopped) return this.end(instance, 'interrupted');
    const request = this.o.requests[index];
    if (!instance.ready(request)) return this.end(instance, 'abandoned');
    // A step is planned inside a second the recorder has not closed: if its timer fired past a
    // second boundary, it counts from the start of the current second (at most the timer's lag).
    const nowMs = this.o.now();
    const planned = Math.max(plannedMs, Math.floor(nowMs / 1000) * 1000);
    const thinkMs = request.flow?.thinkMs ?? 0;
    const wait: DurableWait | undefined = request.durable
      ? { phaseIndex, thinkMs, replied: false, end: null }
      : undefined;
    if (wait) this.durableWaits.set(instance, wait);
    const sent = this.o.sender.send(
      planned,
      index,
      phaseIndex,
      () => {
        this.stepsInFlight--;
        if (wait) {
          wait.replied = true;
          if (wait.end === null && !this.stopped) return; // the execution's end resumes it
          this.durableWaits.delete(instance);
          if (wait.end !== null) instance.durableEnded(wait.end);
        }
        this.afterStep(instance, thinkMs, phaseIndex);
      },
      instance,
    );
    if (!sent) {
      this.durableWaits.delete(instance);
      return this.end(instance, 'interrupted');
    }
    this.stepsInFlight++;
  }

  /** resume goes on with an instance whose durable step replied and whose execution ended. */
  private resume(instance: FlowInstance, wait: DurableWait): void {
    this.durableWaits.delete(instance);
    if (wait.end !== null) instance.durableEnded(wait.end);
    this.afterStep(instance, wait.thinkMs, wait.phaseIndex);
  }

  /** afterStep: the next step after the think time (at once without one, or after the last step). */
  private afterStep(instance: FlowInstance, thinkMs: number, phaseIndex: number): void {
    const next = this.o.now() + thinkMs;
    if (thinkMs <= 0 || instance.nextRequest === undefined)
      return this.step(instance, next, phaseIndex);
    const timer = setTimeout(() => {
      this.thinking.delete(timer);
      this.step(instance, next, phaseIndex);
    }, thinkMs);
    this.thinking.set(timer, instance);
  }

  private end(instance: FlowInstance, outcome: FlowOutcome): void {
    this.active--;
    const durationMs = this.o.now() - instance.startMs;
    this.o.tally.ended(instance.flowIndex, outcome, instance.failed, durationMs);
    const onEnd = this.onEnds.get(instance);
    if (onEnd) {
      this.onEnds.delete(instance);
      onEnd();
    }
  }
}
