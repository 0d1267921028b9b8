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
 *
 * Skipping. `skipBefore(t)` passes over this worker's arrivals planned before t without returning
 * them (the open loop drops arrivals later than maxLateness in bulk, so a generator far behind a
 * huge rate does not walk them one by one). Uniform: the first kept arrival is the smallest own
 * k with k + 0.5 >= Λ(t), in O(1), exact. Poisson: gaps are drawn one by one up to
 * POISSON_SKIP_DRAWS skipped arrivals; past that the unit-rate process restarts at Λ(t) (a Poisson
 * process is memoryless, so the times after t keep their law) and the count skipped is the
 * expected one, (Λ(t) - target) / N, rounded.
 */
import type { Phase } from '../profile/types.js';
import { phaseArrivals } from './phase-math.js';

/** Poisson: most arrivals skipBefore draws one by one before it jumps (see the header). */
const POISSON_SKIP_DRAWS = 4096;
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
  private readonly phases: readonly Phase[];
  private readonly seed: number;
  private count = 0;
  private target = 0;
  /** Poisson: a target drawn by skipBefore that next() returns (-1: none). */
  private pendingTarget = -1;
  private phase = 0;
  private done = false;

  /** Prepares the cursor (O(phases + wave seconds + trace points)); does not mutate `phases`. */
  constructor(phases: readonly Phase[], options: ArrivalCursorOptions = {}) {
    const seed = options.seed ?? 0;
    this.phases = phases;
    this.seed = seed;
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

  /** Number of arrivals next() has returned, or skipBefore has skipped, so far. */
  get returned(): number {
    return this.done ? this.count - 1 : this.count;
  }

  /**
   * skipBefore skips this worker's arrivals planned before `tMs` that come after the one next()
   * returned last, but none past the end of that arrival's phase (so every skipped arrival has
   * its phase: `phaseIndex`); returns how many were skipped. Call after next(), with a finite
   * result; the next next() returns the first arrival kept. Allocates nothing.
   */
  skipBefore(tMs: number): number {
    if (this.done || this.phaseIndex < 0) return 0;
    const p = this.phase;
    const startMs = this.startsMs[p];
    const t = Math.min(tMs, startMs + Math.max(this.phases[p].durationMs, 0));
    if (!(t > startMs)) return 0;
    const before = p === 0 ? 0 : this.arrivalsAtEnd[p - 1];
    const lambda = before + phaseArrivals(this.phases[p], p, t - startMs, this.seed);
    const n = this.workerCount;
    if (this.random === undefined) {
      const firstKept = Math.ceil((lambda - 0.5 - this.workerIndex) / n);
      const skipped = Math.max(0, firstKept - this.count);
      this.count += skipped;
      return skipped;
    }
    if ((lambda - this.target) / n > POISSON_SKIP_DRAWS) {
      // A pending target (< this.target < lambda) is skipped too.
      const pending = this.pendingTarget >= 0 ? 1 : 0;
      const skipped = pending + Math.round((lambda - this.target) / n);
      this.pendingTarget = -1;
      this.target = lambda;
      this.count += skipped;
      return skipped;
    }
    let skipped = 0;
    for (;;) {
      const target = this.nextTarget();
      if (target < lambda) {
        skipped++;
        continue;
      }
      this.pendingTarget = target;
      this.count--;
      return skipped;
    }
  }

  private nextTarget(): number {
    if (this.pendingTarget >= 0) {
      const target = this.pendingTarget;
      this.pendingTarget = -1;
      this.count++;
      return target;
    }
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
