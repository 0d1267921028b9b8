/**
 * FlowRunner: runs flow instances in a worker. An instance sends its steps one after another
 * through the shared RequestSender (same recorder, pools and timeout sweep), each step planned
 * when the previous reply arrived plus that step's think time, so a step's latency counts from
 * when the user meant to send it. A step that needs a variable no earlier reply gave ends the
 * instance (abandoned) without sending. After `stop`, instances send no further step.
 * One per worker; not thread-safe.
 */
import { FlowInstance } from '../mix/flow-instance.js';
import type { PreparedRequest } from '../mix/prepared-request.js';
import type { FlowSpec } from '../profile/types.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { FlowTally, FlowOutcome } from '../recorder/flow-tally.js';
import type { RequestSender } from './request-sender.js';

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

  /** stop: no instance sends a further step; thinking instances end now (interrupted). */
  stop(): void {
    this.stopped = true;
    for (const [timer, instance] of this.thinking) {
      clearTimeout(timer);
      this.end(instance, 'interrupted');
    }
    this.thinking.clear();
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
    const sent = this.o.sender.send(
      planned,
      index,
      phaseIndex,
      () => {
        this.stepsInFlight--;
        const thinkMs = request.flow?.thinkMs ?? 0;
        const next = this.o.now() + thinkMs;
        if (thinkMs <= 0 || instance.nextRequest === undefined)
          return this.step(instance, next, phaseIndex);
        const timer = setTimeout(() => {
          this.thinking.delete(timer);
          this.step(instance, next, phaseIndex);
        }, thinkMs);
        this.thinking.set(timer, instance);
      },
      instance,
    );
    if (!sent) return this.end(instance, 'interrupted');
    this.stepsInFlight++;
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
