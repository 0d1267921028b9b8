/**
 * MixRunner: what one arrival (open model) or one loop of a user (closed model) runs in a worker:
 * a request of the `requests:` mix, or an instance of a flow, chosen by weight (mixChoice).
 * It applies the in-flight cap to both: requests in flight plus flow instances running (thinking
 * ones included), so `maxInFlight` counts flow instances. Each arrival draws one tenant (profile
 * `tenants:`): a request in the sender, a flow instance here, for all of its steps. Without flows it
 * sends exactly what the RequestSender alone would. One per worker; not thread-safe.
 */
import { mixChoice, mixWeights, type MixWeights } from '../mix/mix-choice.js';
import type { PreparedRequest } from '../mix/prepared-request.js';
import type { FlowSpec } from '../profile/types.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { FlowRunner } from './flow-runner.js';
import type { RequestSender } from './request-sender.js';

export class MixRunner {
  private readonly weights: MixWeights;
  private readonly hasFlows: boolean;

  constructor(
    private readonly sender: RequestSender,
    private readonly flows: FlowRunner,
    private readonly flowSpecs: readonly FlowSpec[],
    requests: readonly PreparedRequest[],
    private readonly random: SeededRandom,
    private readonly maxInFlight: number,
  ) {
    this.weights = mixWeights(requests, flowSpecs);
    this.hasFlows = flowSpecs.length > 0;
  }

  /** Requests in flight plus flow instances running (what the in-flight cap counts). */
  get inFlight(): number {
    return this.sender.inFlight - this.flows.stepsInFlight + this.flows.active;
  }

  /** pick draws what the next arrival runs: >= 0 a request index, < 0 flow -(value + 1). */
  pick(): number {
    if (!this.hasFlows) return this.sender.pick();
    const choice = mixChoice(this.weights, this.random.next());
    return choice < 0 ? choice : this.sender.pickAt(choice);
  }

  /** send runs the arrival planned at `plannedMs` (open model), or drops it at the cap. */
  send(plannedMs: number, choice: number, phaseIndex: number): void {
    this.iterate(plannedMs, choice, phaseIndex);
  }

  /**
   * iterate runs one choice; `onDone` is called once when it ends (a request's reply, a flow
   * instance's end). Returns false, without calling `onDone`, when the cap dropped it.
   */
  iterate(plannedMs: number, choice: number, phaseIndex: number, onDone?: () => void): boolean {
    if (choice >= 0) {
      if (this.hasFlows && this.inFlight >= this.maxInFlight) {
        this.sender.drop(plannedMs, choice, phaseIndex, this.sender.drawTenant());
        return false;
      }
      return this.sender.send(plannedMs, choice, phaseIndex, onDone ?? null);
    }
    const flowIndex = -choice - 1;
    // The instance's tenant (profile `tenants:`) is drawn once, before the cap, as a request's is.
    const tenantRank = this.sender.drawTenant();
    if (this.inFlight >= this.maxInFlight) {
      this.sender.drop(plannedMs, this.flowSpecs[flowIndex].steps[0], phaseIndex, tenantRank);
      this.flows.tally.dropped(flowIndex);
      return false;
    }
    this.flows.start(plannedMs, flowIndex, phaseIndex, onDone, tenantRank);
    return true;
  }

  /** dropLate counts arrivals the open loop dropped for lateness (see RequestSender.dropLate). */
  dropLate(plannedMs: number, phaseIndex: number, count: number): void {
    this.sender.dropLate(plannedMs, phaseIndex, count);
  }

  /** markScheduledUpTo passes the open loop's schedule mark to the recorder. */
  markScheduledUpTo(plannedMs: number): void {
    this.sender.markScheduledUpTo(plannedMs);
  }
}
