/**
 * The plan of a run, computed without running it (`flashcrowd plan`, and the numbers `run` and
 * `simulate` announce): durations, request counts, peak rates, per-phase rows and each worker's
 * share. Plain data for the CLI to print. Pure.
 */
import type { Phase, Profile } from '../profile/types.js';
import { shardShare, WHOLE_RUN, type ShardSpec } from './shard-split.js';
import { cumulativeArrivals, uniformArrivalCount } from './expected-arrivals.js';
import { phaseArrivals, phaseRateAt } from './phase-math.js';
import { phaseStartsMs, totalDurationMs } from './phase-timeline.js';
import { peakRate, phasePeak, type PeakNoise } from './rate-at.js';
import { scalePhases, type ScaleOptions } from './scale-phases.js';
import { maxUsers } from './users-at.js';

/** Options of planSchedule: the command-line scaling plus the worker count and seed. */
export interface PlanOptions extends ScaleOptions {
  /** Worker threads sharing the schedule (default 1); with `shard`, this shard's. */
  workers?: number;
  /** `--shard I/N`: the workers share this shard's part of the schedule (default: the whole). */
  shard?: ShardSpec;
  /**
   * Seed of the wave noise (default: the profile's seed, else null). null: the run draws one at
   * random, so the plan counts the noise-free expectation and the highest peak any seed can give.
   */
  seed?: number | null;
}

/** One phase of the plan; times in ms since the schedule start. */
export interface PlanPhaseRow {
  index: number;
  kind: Phase['kind'];
  startMs: number;
  durationMs: number;
  /** Noise-free rate at the phase start and just before its end, requests per second. */
  fromPerSec: number;
  toPerSec: number;
  /** The phase's peak, wave noise included as for SchedulePlan.peakRatePerSec. */
  peakPerSec: number;
  /** Exact noise-free expected requests of the phase (may be fractional). */
  expectedRequests: number;
  /** Its arrivals with the seed's wave noise (the expectation without a seed); fractional. */
  plannedRequests: number;
  /** Closed model: virtual users of the phase (0 for arrival-rate phases). */
  users: number;
}

/** One worker's share of the open-model arrivals. */
export interface PlanWorkerShare {
  workerIndex: number;
  /** Exact number of arrivals (uniform arrivals) or the expected number (poisson). */
  requests: number;
  peakRatePerSec: number;
}

/** Everything about a schedule that can be known before running it. */
export interface SchedulePlan {
  model: 'open' | 'closed';
  arrivals: 'uniform' | 'poisson';
  workers: number;
  /** The wave noise's seed; null when the run will draw one (see PlanOptions.seed). */
  seed: number | null;
  /** The phases after --time-scale, --rate-scale and --duration: what the run will use. */
  phases: Phase[];
  totalDurationMs: number;
  /** Exact noise-free expected requests (the integral of the rate). */
  expectedRequests: number;
  /** Requests the run plans: exact for uniform arrivals (wave noise included), the mean for poisson. */
  plannedRequests: number;
  /**
   * Peak arrival rate, requests per second, wave noise included: exact for a seed, else the
   * highest any seed can give (then peakIsUpperBound). Mean: plannedRequests over the duration.
   */
  peakRatePerSec: number;
  /** True when peakRatePerSec is the bound over every seed, above the noise-free peak. */
  peakIsUpperBound: boolean;
  meanRatePerSec: number;
  /** Closed model: the most virtual users at any time. */
  maxUsers: number;
  phaseRows: PlanPhaseRow[];
  /** `--shard`: this shard (0-based index) and its share of the test; absent for the whole. */
  shard?: ShardSpec & { requests: number; peakRatePerSec: number };
  perWorker: PlanWorkerShare[];
}

/** Computes the plan of `profile` under `options`; throws RangeError for invalid scales/workers. */
export function planSchedule(profile: Profile, options: PlanOptions = {}): SchedulePlan {
  const workers = options.workers ?? 1;
  if (!(Number.isInteger(workers) && workers >= 1)) {
    throw new RangeError(`workers must be an integer >= 1, got ${workers}`);
  }
  const shard = options.shard ?? WHOLE_RUN;
  const seed = options.seed === undefined ? (profile.seed ?? null) : options.seed;
  const phases = scalePhases(profile.load.phases, options);
  const durationMs = totalDurationMs(phases);
  const expectedRequests = cumulativeArrivals(phases, durationMs);
  const noise: PeakNoise = seed === null ? 'any seed' : { noiseSeed: seed };
  const withNoise =
    seed === null ? expectedRequests : cumulativeArrivals(phases, durationMs, { noiseSeed: seed });
  const uniform = profile.load.arrivals === 'uniform';
  const plannedRequests = uniform ? uniformArrivalCount(withNoise) : withNoise;
  const peakRatePerSec = peakRate(phases, noise);
  const startsMs = phaseStartsMs(phases);
  return {
    model: profile.load.model,
    arrivals: profile.load.arrivals,
    workers,
    seed,
    phases,
    totalDurationMs: durationMs,
    expectedRequests,
    plannedRequests,
    peakRatePerSec,
    peakIsUpperBound: seed === null && peakRatePerSec > peakRate(phases),
    meanRatePerSec: durationMs > 0 ? (1000 * plannedRequests) / durationMs : 0,
    maxUsers: maxUsers(phases),
    phaseRows: phases.map((phase, index) => phaseRow(phase, index, startsMs[index], noise)),
    ...(options.shard
      ? {
          shard: {
            ...shard,
            requests: uniform
              ? shardShare(plannedRequests, shard, 0, 1)
              : plannedRequests / shard.count,
            peakRatePerSec: peakRatePerSec / shard.count,
          },
        }
      : {}),
    perWorker: Array.from({ length: workers }, (_, workerIndex) => ({
      workerIndex,
      requests: uniform
        ? shardShare(plannedRequests, shard, workerIndex, workers)
        : plannedRequests / (shard.count * workers),
      peakRatePerSec: peakRatePerSec / (shard.count * workers),
    })),
  };
}

function phaseRow(phase: Phase, index: number, startMs: number, noise: PeakNoise): PlanPhaseRow {
  const durationMs = Math.max(phase.durationMs, 0);
  const endRate =
    phase.kind === 'ramp' ? phase.toPerSec : phaseRateAt(phase, index, durationMs * (1 - 1e-12));
  return {
    index,
    kind: phase.kind,
    startMs,
    durationMs,
    fromPerSec: durationMs > 0 ? phaseRateAt(phase, index, 0) : 0,
    toPerSec: durationMs > 0 ? endRate : 0,
    peakPerSec: phasePeak(phase, index, noise),
    expectedRequests: phaseArrivals(phase, index, durationMs),
    plannedRequests: phaseArrivals(
      phase,
      index,
      durationMs,
      noise === 'any seed' ? undefined : noise.noiseSeed,
    ),
    users: phase.kind === 'users' ? phase.users : 0,
  };
}
