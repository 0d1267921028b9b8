/**
 * The open model's arrival schedule as a cursor: each `next()` returns the planned send time of
 * this worker's next arrival. Built for the hot path (one call a request, 1.5 M+ calls in a
 * simulate run): after construction it allocates nothing.
 *
 * Global arrivals. The schedule's cumulative intensity Λ(t) = ∫₀ᵗ rate (phase by phase, exact:
 * see phase-math.ts) is inverted at a sequence of targets:
 *  - uniform: arrival k = 0, 1, 2, … is planned at Λ(t) = k + 0.5, i.e. in the middle of its
 *    unit of area, so a schedule of total Λ yields uniformArrivalCount(Λ) arrivals, Λ rounded
 *    (a 10 s phase at 500 req/s: exactly 5000; a 0 -> 1500 req/s ramp over 30 s: exactly 22500).
 *  - poisson: the targets are the points of a unit-rate Poisson process (sums of seeded Exp(1)
 *    gaps), so by time-rescaling the times form a non-homogeneous Poisson process of intensity
 *    rate(t). The same seed gives the same times.
 * Wave noise (wave-noise.ts) is always part of Λ here, seeded by `seed`.
 *
 * Worker split. Worker w of N takes the global arrivals k with k % N == w: the shares add up
 * exactly to the whole, interleave evenly, and all workers count time from one start instant.
 * (For poisson, every worker draws the whole global gap sequence and keeps its own points.)
 */
import type { Phase } from '../profile/types.js';
import { phaseArrivals } from './phase-math.js';
import { createPhaseInverter, type PhaseInverter } from './phase-inverter.js';
import { phaseStartsMs } from './phase-timeline.js';
import { createRandom, mix32, seedToUint32, type SeededRandom } from '../random/seeded-random.js';

/** How arrivals are spaced and which share of them this cursor returns. */
export interface ArrivalCursorOptions {
  /** `uniform` (default): evenly spaced in Λ; `poisson`: seeded random gaps. */
  arrivals?: 'uniform' | 'poisson';
  /** Seed of the poisson gaps and the wave noise (default 0); equal on every worker of a run. */
  seed?: number;
  /** This worker's index, 0 <= workerIndex < workerCount (default 0). */
  workerIndex?: number;
  /** Number of workers sharing the schedule (default 1). */
  workerCount?: number;
}

/** This worker's planned arrivals, in order. Not thread-safe; one cursor a worker. */
export class ArrivalCursor {
  /** Phase index of the arrival last returned by next(); -1 before the first and after the end. */
  phaseIndex = -1;
  /** Λ of the whole schedule including wave noise: the expected number of global arrivals. */
  readonly totalArrivals: number;
  private readonly inverters: PhaseInverter[];
  private readonly startsMs: number[];
  /** Λ at the end of each phase. */
  private readonly arrivalsAtEnd: number[];
  private readonly random: SeededRandom | undefined;
  private readonly workerIndex: number;
  private readonly workerCount: number;
  private count = 0;
  private target = 0;
  private phase = 0;
  private done = false;

  /** Prepares the cursor (O(phases + wave seconds + trace points)); does not mutate `phases`. */
  constructor(phases: readonly Phase[], options: ArrivalCursorOptions = {}) {
    const seed = options.seed ?? 0;
    this.workerCount = Math.max(1, Math.floor(options.workerCount ?? 1));
    this.workerIndex = Math.floor(options.workerIndex ?? 0);
    if (this.workerIndex < 0 || this.workerIndex >= this.workerCount) {
      throw new RangeError(`workerIndex ${this.workerIndex} is not in [0, ${this.workerCount})`);
    }
    this.random =
      options.arrivals === 'poisson'
        ? createRandom(mix32(seedToUint32(seed) ^ 0x41525256))
        : undefined;
    this.inverters = phases.map((phase, i) => createPhaseInverter(phase, i, seed));
    this.startsMs = phaseStartsMs(phases);
    this.arrivalsAtEnd = [];
    let total = 0;
    phases.forEach((phase, i) => {
      total += phaseArrivals(phase, i, Math.max(phase.durationMs, 0), seed);
      this.arrivalsAtEnd.push(total);
    });
    this.totalArrivals = total;
  }

  /** Planned send time of this worker's next arrival, in ms since the shared start; Infinity when done. */
  next(): number {
    if (this.done) return Infinity;
    const target = this.nextTarget();
    if (!(target < this.totalArrivals)) {
      this.done = true;
      this.phaseIndex = -1;
      return Infinity;
    }
    while (target >= this.arrivalsAtEnd[this.phase]) this.phase++;
    const phaseStart = this.phase === 0 ? 0 : this.arrivalsAtEnd[this.phase - 1];
    this.phaseIndex = this.phase;
    return this.startsMs[this.phase] + this.inverters[this.phase].timeAt(target - phaseStart);
  }

  /** Number of arrivals next() has returned so far. */
  get returned(): number {
    return this.done ? this.count - 1 : this.count;
  }

  private nextTarget(): number {
    const draws = this.count === 0 ? this.workerIndex + 1 : this.workerCount;
    this.count++;
    if (this.random === undefined) {
      return this.workerIndex + (this.count - 1) * this.workerCount + 0.5;
    }
    for (let i = 0; i < draws; i++) this.target += this.random.exponential();
    return this.target;
  }
}

/** Number of global arrivals k < count with k % workerCount == workerIndex (a worker's exact share). */
export function workerShare(count: number, workerIndex: number, workerCount: number): number {
  return count > workerIndex ? Math.floor((count - workerIndex - 1) / workerCount) + 1 : 0;
}
