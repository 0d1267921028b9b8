/**
 * VirtualFlows: flow instances in simulate's virtual time, the counterpart of the generator's
 * FlowRunner: an arrival starts an instance; each reply schedules the instance's next step at
 * the reply's time plus the step's think time; steps are sent in time order with the replies
 * (virtualRun asks for the next due step). Same FlowInstance, so variables, captures, cookies and
 * outcomes (completed, abandoned, interrupted) are exactly a real run's. Not thread-safe.
 */
import { MinHeap } from '../model/min-heap.js';
import { FlowInstance } from '../mix/flow-instance.js';
import type { PreparedRequest } from '../mix/prepared-request.js';
import type { ReplyView } from '../mix/reply-view.js';
import type { FlowSpec } from '../profile/types.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { VirtualRecorder } from './virtual-recorder.js';

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
    this.step(d.instance, d.atMs, d.phaseIndex, stopped, send);
  }

  /** replied takes a step's reply arriving at `atMs` and schedules the instance's next step. */
  replied(
    instance: FlowInstance,
    request: PreparedRequest,
    reply: ReplyView,
    failedChecks: number,
    atMs: number,
    phaseIndex: number,
  ): void {
    this.stepsInFlight--;
    instance.onReply(request, reply, failedChecks);
    if (instance.nextRequest === undefined) return this.end(instance, 'completed', atMs);
    this.due.push({ atMs: atMs + (request.flow?.thinkMs ?? 0), instance, phaseIndex });
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
