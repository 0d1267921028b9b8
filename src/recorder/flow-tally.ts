/**
 * FlowTally: what happened to the flow instances of each flow: started (iterations), completed
 * (every step sent and answered), abandoned (a step needed a variable no earlier reply gave),
 * interrupted (the run stopped first), dropped (the arrival met the in-flight cap), instances with
 * a failed check or a failed request, and a histogram of flow durations (first planned send to
 * last reply, think included). Not thread-safe: one per thread; plain forms merge.
 */
import {
  createLatencyHistogram,
  encodeHistogram,
  recordMs,
  type Histogram,
} from '../record/latency-histogram.js';
import type { FlowData } from '../record/measurements.js';

/** How one flow instance ended. */
export type FlowOutcome = 'completed' | 'abandoned' | 'interrupted';

interface Counts {
  started: number;
  completed: number;
  abandoned: number;
  interrupted: number;
  dropped: number;
  withFailures: number;
  duration: Histogram | null;
}

export class FlowTally {
  private readonly flows: Counts[];

  constructor(flowCount: number) {
    this.flows = Array.from({ length: flowCount }, () => ({
      started: 0,
      completed: 0,
      abandoned: 0,
      interrupted: 0,
      dropped: 0,
      withFailures: 0,
      duration: null,
    }));
  }

  /** started counts one instance that began (one iteration). */
  started(flowIndex: number): void {
    this.flows[flowIndex].started++;
  }

  /** dropped counts an arrival of the flow that was not started (in-flight cap). */
  dropped(flowIndex: number): void {
    this.flows[flowIndex].dropped++;
  }

  /**
   * ended counts how an instance ended; `failed` when any of its checks failed or any of its
   * requests got an error or no reply; `durationMs` from its first planned send to its end.
   */
  ended(flowIndex: number, outcome: FlowOutcome, failed: boolean, durationMs: number): void {
    const f = this.flows[flowIndex];
    f[outcome]++;
    if (failed) f.withFailures++;
    if (outcome === 'completed') recordMs((f.duration ??= createLatencyHistogram()), durationMs);
  }

  /** toData returns the plain form, one entry per flow. */
  toData(): FlowData[] {
    return this.flows.map(({ duration, ...counts }) => ({
      ...counts,
      duration: duration && duration.totalCount > 0 ? encodeHistogram(duration) : null,
    }));
  }
}
