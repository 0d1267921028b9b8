/**
 * VirtualFlows: flow instances in simulate's virtual time, the counterpart of the generator's
 * FlowRunner: an arrival starts an instance; each reply schedules the instance's next step at
 * the reply's time plus the step's think time; steps are sent in time order with the replies
 * (virtualRun asks for the next due step). Same FlowInstance, so variables, captures, cookies and
 * outcomes (completed, abandoned, interrupted) are exactly a real run's. A durable step waits in
 * virtual time, as `run` does, for its execution's end: it is "polled" every poll.every after its
 * start reply (the times VirtualDurable books its polls at) until the model shows it terminal,
 * or until its poll.timeout (then `running`); the instance goes on from that poll's time plus
 * the think time, failed unless it SUCCEEDED (FlowInstance.durableEnded). A failed start, or
 * `poll: cloudwatch`, goes on with the start reply. Not thread-safe.
 */
import { MinHeap } from '../model/min-heap.js';
import { FlowInstance } from '../mix/flow-instance.js';
import type { PreparedRequest } from '../mix/prepared-request.js';
import type { ReplyView } from '../mix/reply-view.js';
import type { FlowSpec } from '../profile/types.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { VirtualRecorder } from './virtual-recorder.js';
import { durableArnOf, durableStepEnd } from '../mix/durable-step-end.js';

/**
 * The model's status of the durable execution `arn` at virtual ms `atMs` (since the start),
 * advancing the model there; undefined when it has no such execution.
 */
export type DurableStatusAt = (arn: string, atMs: number) => string | undefined;

/** A durable step waiting for its execution's end. */
interface DurableWait {
  arn: string;
  /** When the start reply came (virtual ms): poll k is at replyMs + k x everyMs. */
  replyMs: number;
  everyMs: number;
  /** The planned start + poll.timeout: no poll after it. */
  deadlineMs: number;
  /** The poll this due entry is (1-based); 0 for the timeout itself. */
  poll: number;
  thinkMs: number;
}

/** Sends request `index` planned at `plannedMs` for `instance` (virtualRun's send). */
export type VirtualSend = (
  plannedMs: number,
  index: number,
  phaseIndex: number,
  instance: FlowInstance,
) => void;

interface DueStep {
  atMs: number;
  instance: FlowInstance;
  phaseIndex: number;
  /** Set when this is a poll of the instance's durable step, not a step to send. */
  wait?: DurableWait;
}

export class VirtualFlows {
  /** Instances started and not ended. */
  active = 0;
  /** Step replies not yet delivered. */
  stepsInFlight = 0;
  private readonly due = new MinHeap<DueStep>((d) => d.atMs);

  constructor(
    private readonly flows: readonly FlowSpec[],
    private readonly requests: readonly PreparedRequest[],
    private readonly recorder: VirtualRecorder,
    private readonly random: SeededRandom,
    private readonly env: Record<string, string>,
    /** The model's view of durable executions (profiles with durable flow steps). */
    private readonly durableStatusAt?: DurableStatusAt,
  ) {}

  /**
   * arrive starts an instance of flow `flowIndex` at `plannedMs`, or drops it (`atCap`); every
   * step of the instance carries tenant `tenantRank` (0 without profile `tenants:`).
   */
  arrive(
    plannedMs: number,
    flowIndex: number,
    phaseIndex: number,
    atCap: boolean,
    send: VirtualSend,
    tenantRank = 0,
  ): void {
    const flow = this.flows[flowIndex];
    if (atCap) {
      this.recorder.dropped(this.recorder.second(plannedMs), flow.steps[0], phaseIndex);
      this.recorder.flows.dropped(flowIndex);
      return;
    }
    const instance = new FlowInstance(
      flowIndex,
      flow,
      plannedMs,
      this.random,
      this.env,
      tenantRank,
    );
    this.active++;
    this.recorder.flows.started(flowIndex);
    this.step(instance, plannedMs, phaseIndex, false, send);
  }

  /** nextStepAt: when the earliest scheduled step is due (+Infinity when none). */
  nextStepAt(): number {
    return this.due.peekKey();
  }

  /** sendNextStep sends the earliest due step (after a stop, ends its instance instead). */
  sendNextStep(stopped: boolean, send: VirtualSend): void {
    const d = this.due.pop() as DueStep;
    if (d.wait) return this.polled(d, d.wait, stopped);
    this.step(d.instance, d.atMs, d.phaseIndex, stopped, send);
  }

  /**
   * replied takes the reply of a step planned at `plannedMs` arriving at `atMs` and schedules the
   * instance's next step (after a durable step: its first poll).
   */
  replied(
    instance: FlowInstance,
    request: PreparedRequest,
    reply: ReplyView,
    failedChecks: number,
    atMs: number,
    phaseIndex: number,
    plannedMs: number,
  ): void {
    this.stepsInFlight--;
    instance.onReply(request, reply, failedChecks);
    const thinkMs = request.flow?.thinkMs ?? 0;
    const spec = request.durable;
    if (spec) {
      const arn = durableArnOf(reply);
      if (arn === undefined) instance.durableEnded('start-failed');
      else if (spec.poll.mode !== 'status') instance.durableEnded('unfollowed');
      else if (this.durableStatusAt) {
        const deadlineMs = plannedMs + spec.poll.timeoutMs;
        const wait = {
          arn,
          replyMs: atMs,
          everyMs: spec.poll.everyMs,
          deadlineMs,
          poll: 0,
          thinkMs,
        };
        return this.schedulePoll(instance, wait, phaseIndex, atMs);
      }
    }
    this.goOn(instance, atMs, thinkMs, phaseIndex);
  }

  /** goOn: the instance's next step after the think time, or its completion after its last. */
  private goOn(instance: FlowInstance, atMs: number, thinkMs: number, phaseIndex: number): void {
    if (instance.nextRequest === undefined) return this.end(instance, 'completed', atMs);
    this.due.push({ atMs: atMs + thinkMs, instance, phaseIndex });
  }

  /** schedulePoll: the wait's next poll, or its timeout when that poll would come after it. */
  private schedulePoll(
    instance: FlowInstance,
    wait: DurableWait,
    phaseIndex: number,
    nowMs: number,
  ): void {
    const next = wait.poll + 1;
    const maxPolls = Math.floor((wait.deadlineMs - wait.replyMs) / wait.everyMs);
    wait.poll = next <= maxPolls ? next : 0;
    const atMs =
      wait.poll > 0 ? wait.replyMs + wait.poll * wait.everyMs : Math.max(nowMs, wait.deadlineMs);
    this.due.push({ atMs, instance, phaseIndex, wait });
  }

  /** polled: one poll (or the timeout) of a durable step's execution at `d.atMs`. */
  private polled(d: DueStep, wait: DurableWait, stopped: boolean): void {
    const { instance, atMs, phaseIndex } = d;
    if (stopped) return this.end(instance, 'interrupted', atMs);
    if (wait.poll === 0) {
      instance.durableEnded('running');
      return this.goOn(instance, atMs, wait.thinkMs, phaseIndex);
    }
    const status = (this.durableStatusAt as DurableStatusAt)(wait.arn, atMs);
    const end = status === undefined ? undefined : durableStepEnd(status);
    if (end === undefined) return this.schedulePoll(instance, wait, phaseIndex, atMs);
    instance.durableEnded(end);
    this.goOn(instance, atMs, wait.thinkMs, phaseIndex);
  }

  private step(
    instance: FlowInstance,
    plannedMs: number,
    phaseIndex: number,
    stopped: boolean,
    send: VirtualSend,
  ): void {
    const index = instance.nextRequest;
    if (index === undefined) return this.end(instance, 'completed', plannedMs);
    if (stopped) return this.end(instance, 'interrupted', plannedMs);
    if (!instance.ready(this.requests[index])) return this.end(instance, 'abandoned', plannedMs);
    this.stepsInFlight++;
    send(plannedMs, index, phaseIndex, instance);
  }

  private end(
    instance: FlowInstance,
    outcome: 'completed' | 'abandoned' | 'interrupted',
    atMs: number,
  ): void {
    this.active--;
    this.recorder.flows.ended(
      instance.flowIndex,
      outcome,
      instance.failed,
      atMs - instance.startMs,
    );
  }
}
