/**
 * PlatformBackend: what differs between on-demand Lambda and LMI, behind one interface that
 * platform-model.ts drives in time order. Internal to src/model; every time is epoch ms and never
 * goes backwards between calls.
 */
import type { Range } from './model-params.js';

/** Why a request was throttled (429). LMI reasons mirror the CPU/Concurrency/MemoryThrottles metrics. */
export type ThrottleReason =
  | 'account-concurrency'
  | 'reserved-concurrency'
  | 'scaling-rate'
  | 'request-rate'
  | 'cpu'
  | 'concurrency'
  | 'memory'
  | 'tenant-environments';

/** One platform's admission and scaling rules. */
export interface PlatformBackend {
  /**
   * start tries to begin one execution of function `fn` that will use `cpuRateVcpu` vCPUs while it
   * runs, `cpuMs` of CPU time in all. Returns the cold-start time in ms (0 when warm), or the
   * throttle reason. `tenant`, on a tenant-isolated on-demand function, keys the environment
   * (see tenant-environments.ts).
   */
  start(
    fn: number,
    cpuRateVcpu: number,
    cpuMs: number,
    nowMs: number,
    tenant?: string,
  ): number | ThrottleReason;
  /** finish ends an execution begun by start (same fn, cpu rate and tenant). */
  finish(fn: number, cpuRateVcpu: number, nowMs: number, tenant?: string): void;
  /** nextEventMs is the time of the backend's next own event (scaler tick, launch, reclaim). */
  nextEventMs(): number;
  /** runEvent handles the backend's events due at `nowMs` (= nextEventMs()). */
  runEvent(nowMs: number): void;
  /** closeSecond records the backend's per-second series for the second ending at `endMs`. */
  closeSecond(endMs: number): void;
  /** state is a plain-data view of the platform for the state endpoint. */
  state(nowMs: number): Record<string, unknown>;
}

/** uniform draws from a range with `random()` in [0, 1). */
export function uniform(range: Range, random: () => number): number {
  return range.min === range.max ? range.min : range.min + (range.max - range.min) * random();
}
