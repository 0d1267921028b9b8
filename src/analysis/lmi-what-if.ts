/**
 * lmiWhatIf: the instances LMI would have run for this run's CPU work, applying the same rules the
 * scaling model applies (src/model/lmi-platform.ts): over each scaler window, instances =
 * ceil(average busy vCPUs / (vCPUs per instance × target)), never below the floor, never above the
 * maximum. The floor is max(minimum instances, ceil(Σ per-function minimum environments /
 * environments per instance)), environments per instance = floor(vCPUs / vCPUs per environment).
 * Scaling is taken as instant (no launch delay, no scale-in cooldown), so a spike costs less here
 * than the model or AWS would charge; a steady load costs about the same. Pure.
 */
import type { LmiSizing } from './cost-assumptions.js';
import type { WorkDone } from './work-done.js';

export interface LmiWhatIf {
  instanceSeconds: number;
  floorInstances: number;
  /** CPU work / capacity provided, 0..1. */
  utilization: number | null;
  /** How the floor was reached, for the scenario note. */
  floorReason: string;
}

/**
 * @param vcpus vCPUs of one instance of `sizing.instanceType` (> 0).
 * @param startMs the run's start (epoch ms); windows are aligned to it.
 */
export function lmiWhatIf(
  work: WorkDone,
  sizing: LmiSizing,
  target: number,
  vcpus: number,
  startMs: number,
): LmiWhatIf {
  const perEnv = sizing.vcpusPerEnvironment.value;
  const envsPerInstance = Math.max(1, Math.floor(vcpus / perEnv + 1e-9));
  const minEnvs = sizing.minEnvironments
    ? work.functions.reduce(
        (n, f) => n + (sizing.minEnvironmentsByFunction[f.name] ?? sizing.minEnvironments!.value),
        0,
      )
    : 0;
  const byEnvs = Math.ceil(minEnvs / envsPerInstance - 1e-9);
  const floorInstances = Math.max(sizing.minInstances.value, byEnvs);
  const floorReason = sizing.minEnvironments
    ? `floor ${floorInstances} = max(${sizing.minInstances.value} instances, ceil(${minEnvs} environments (${work.functions.length} functions) / ${envsPerInstance} per instance))`
    : `floor ${floorInstances} instances (${sizing.minInstances.source})`;
  const windows = windowBusyVcpuSeconds(work, sizing.windowSec, startMs);
  let instanceSeconds = 0;
  for (const { lengthSec, busyVcpuSec } of windows) {
    const avg = lengthSec > 0 ? busyVcpuSec / lengthSec : 0;
    let n = Math.max(floorInstances, Math.ceil(avg / (vcpus * target) - 1e-9));
    if (sizing.maxInstances !== undefined)
      n = Math.min(n, Math.max(floorInstances, sizing.maxInstances));
    instanceSeconds += n * lengthSec;
  }
  return {
    instanceSeconds,
    floorInstances,
    utilization: instanceSeconds > 0 ? work.vcpuSeconds / (instanceSeconds * vcpus) : null,
    floorReason,
  };
}

/** Busy vCPU-seconds in each scaler window of the run; a datapoint is split by overlap. */
function windowBusyVcpuSeconds(
  work: WorkDone,
  windowSec: number,
  startMs: number,
): Array<{ lengthSec: number; busyVcpuSec: number }> {
  const count = Math.max(1, Math.ceil(work.durationSec / windowSec - 1e-9));
  const windows = Array.from({ length: count }, (_, k) => ({
    lengthSec: Math.max(0, Math.min(windowSec, work.durationSec - k * windowSec)),
    busyVcpuSec: 0,
  }));
  for (const [tMs, vcpus, periodSec] of work.demand) {
    const from = (tMs - startMs) / 1000;
    const to = from + periodSec;
    for (let k = Math.max(0, Math.floor(from / windowSec)); k < count && k * windowSec < to; k++) {
      const overlap = Math.min(to, (k + 1) * windowSec) - Math.max(from, k * windowSec);
      if (overlap > 0) windows[k].busyVcpuSec += vcpus * overlap;
    }
  }
  return windows;
}
