/**
 * checkPlanCeiling: the sanity bound on a plan, applied by `plan`, `run` and `simulate` before
 * anything else happens. `plan` and `run` refuse a schedule whose peak arrival rate is far beyond
 * what the worker threads of one host can send (PER_WORKER_CEILING_PER_SEC a worker: twice the
 * about 50,000 requests per CPU-second one worker measured in bench/README.md); a generator asked
 * for more only drops arrivals as late. `simulate` has no sockets, so its bound is its own time and
 * memory: SIMULATE_MAX_REQUESTS planned requests (the 1.8 million requests of the 90-minute
 * steady-state profile took 8.8 s, README "Performance"). `--force` skips the check. Throws
 * UsageError (exit 2) with the numbers; pure otherwise.
 */
import { UsageError } from '../errors.js';

/** Requests per second one worker thread is credited with (2x its measured capacity). */
export const PER_WORKER_CEILING_PER_SEC = 100_000;

/** Planned requests past which `simulate` refuses (minutes of CPU and gigabytes of memory). */
export const SIMULATE_MAX_REQUESTS = 100_000_000;

export interface PlanSize {
  command: 'plan' | 'run' | 'simulate';
  peakPerSec: number;
  plannedRequests: number;
  workers: number;
  force: boolean;
  /**
   * `run --shard I/N` (formatted `I/N`): peakPerSec and plannedRequests are this shard's share of
   * the plan, which is what its host sends.
   */
  shard?: string;
}

export function checkPlanCeiling(p: PlanSize): void {
  if (p.force) return;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const asked = `${p.shard ? `shard ${p.shard}'s share of the plan` : 'the plan'} asks for a peak of ${n(p.peakPerSec)} req/s, ${n(p.plannedRequests)} requests in all`;
  if (p.command === 'simulate') {
    if (p.plannedRequests <= SIMULATE_MAX_REQUESTS) return;
    throw new UsageError(
      `${asked}; simulate handles at most ${n(SIMULATE_MAX_REQUESTS)} planned requests ` +
        '(each is computed one by one: this would take hours and gigabytes). ' +
        'Shorten it (--duration, --time-scale), lower the rates (--rate-scale), or pass --force',
    );
  }
  const ceiling = p.workers * PER_WORKER_CEILING_PER_SEC;
  if (p.peakPerSec <= ceiling) return;
  throw new UsageError(
    `${asked}; ${p.workers} worker${p.workers === 1 ? '' : 's'} on one host can send at most about ` +
      `${n(ceiling)} req/s (${n(PER_WORKER_CEILING_PER_SEC)} a worker)${p.command === 'run' ? '; nothing was sent' : ''}. ` +
      `Lower the rates (--rate-scale), add --workers, split the test across ${p.shard ? 'more ' : ''}hosts (run --shard), or pass --force`,
  );
}

/**
 * refuseEmptySchedule: an open-model schedule that plans no arrival (every phase at a rate of 0)
 * would send nothing and test nothing: a usage error, `--force` or not.
 */
export function refuseEmptySchedule(plannedRequests: number): void {
  if (plannedRequests > 0) return;
  throw new UsageError(
    'the schedule plans no request (every phase has a rate of 0): give a phase a rate above 0',
  );
}

/** `--force` skips the open model's bound; with the closed model (no bound) it would do nothing. */
export function refuseIdleForce(force: boolean | undefined, model: 'open' | 'closed'): void {
  if (force && model === 'closed')
    throw new UsageError(
      '--force skips the bound on an open-model plan; a closed-model plan has none (its users wait for replies): drop --force',
    );
}
