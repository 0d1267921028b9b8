/**
 * lmiWhatIf: the instances LMI would have run for this run's CPU work, applying the rules the
 * scaling model applies (src/model/lmi-platform.ts), over each scaler window (the model's
 * evaluation interval, else 60 s), with t = the CPU target:
 *
 * - per-function environments (AWS; a model with `lmi.minExecutionEnvironments`):
 *     envs_f = clamp(ceil(avg busy vCPUs of f / (vCPUs per environment × t)), min_f, max_f)
 *     instances = max(minInstances, ceil(Σ_f envs_f / environments per instance))
 *   where f runs over every function the record knows, idle ones at their minimum;
 *   environments per instance = min(floor(vCPUs / vCPUs per env), floor(memory / env memory));
 * - pooled environments (a model without per-function minimums):
 *     instances = max(minInstances, ceil(avg busy vCPUs / (vCPUs × t)))
 *
 * capped at the model's maximum instances. Scaling is taken as instant (no launch delay, no
 * scale-in cooldown), so a spike costs less here than the model or AWS would charge; a steady load
 * costs about the same (test/e2e/lmi-what-if.test.ts). Pure.
 */
import type { LmiSizing } from './cost-assumptions.js';
import type { Demand, FunctionWork } from './work-done.js';

export interface LmiWhatIf {
  instanceSeconds: number;
  floorInstances: number;
  /** CPU work / capacity provided, 0..1. */
  utilization: number | null;
  /** How the instances were counted, for the scenario note. */
  rule: string;
}

/** The instance type's size. */
export interface InstanceSize {
  vcpus: number;
  memoryGiB: number;
}

/**
 * @param demand busy vCPUs over time by function (same order as `functions`).
 * @param idleFunctions functions the record knows (the model's routes, the discovered functions)
 *   that did no work: with per-function environments each still keeps its minimum, as in AWS.
 * @param startMs the run's start (epoch ms); windows are aligned to it.
 */
export function lmiWhatIf(
  functions: FunctionWork[],
  demand: Demand[],
  idleFunctions: string[],
  durationSec: number,
  sizing: LmiSizing,
  target: number,
  size: InstanceSize,
  startMs: number,
): LmiWhatIf {
  const perEnv = sizing.vcpusPerEnvironment.value;
  const envsPerInstance = Math.max(
    1,
    Math.min(
      Math.floor(size.vcpus / perEnv + 1e-9),
      Math.floor(size.memoryGiB / sizing.functionMemoryGiB + 1e-9),
    ),
  );
  const perFunction = sizing.minEnvironments !== null;
  const minOf = (f: FunctionWork) =>
    sizing.minEnvironmentsByFunction[f.name] ?? sizing.minEnvironments?.value ?? 0;
  const maxOf = (f: FunctionWork) =>
    sizing.maxEnvironmentsByFunction[f.name] ?? sizing.maxEnvironments ?? Infinity;
  const idleEnvs = perFunction
    ? idleFunctions.reduce(
        (n, name) =>
          n + (sizing.minEnvironmentsByFunction[name] ?? sizing.minEnvironments?.value ?? 0),
        0,
      )
    : 0;
  const minEnvs = perFunction ? functions.reduce((n, f) => n + minOf(f), idleEnvs) : 0;
  const floorInstances = Math.max(
    sizing.minInstances.value,
    Math.ceil(minEnvs / envsPerInstance - 1e-9),
  );
  const cap = (n: number) =>
    sizing.maxInstances !== undefined
      ? Math.min(n, Math.max(floorInstances, sizing.maxInstances))
      : n;
  const windows = demand.map((d) => windowBusy(d, sizing.windowSec, durationSec, startMs));
  const lengths = windowLengths(sizing.windowSec, durationSec);
  let instanceSeconds = 0;
  let busyVcpuSec = 0;
  lengths.forEach((lengthSec, k) => {
    let n: number;
    if (perFunction) {
      const envs = functions.reduce((sum, f, i) => {
        const avg = lengthSec > 0 ? windows[i][k] / lengthSec : 0;
        const wanted = Math.ceil(avg / (perEnv * target) - 1e-9);
        return sum + Math.min(maxOf(f), Math.max(minOf(f), wanted));
      }, idleEnvs);
      n = Math.ceil(envs / envsPerInstance - 1e-9);
    } else {
      const avg = lengthSec > 0 ? windows.reduce((s, w) => s + w[k], 0) / lengthSec : 0;
      n = Math.ceil(avg / (size.vcpus * target) - 1e-9);
    }
    instanceSeconds += cap(Math.max(floorInstances, n)) * lengthSec;
    busyVcpuSec += windows.reduce((s, w) => s + w[k], 0);
  });
  const rule = perFunction
    ? `environments per function at ${envsPerInstance} per instance, at least ${sizing.minEnvironments!.value} each (${sizing.minEnvironments!.source}) for ${functions.length + idleFunctions.length} functions (${idleFunctions.length} idle); floor ${floorInstances} instances`
    : `pooled environments, floor ${floorInstances} instances (${sizing.minInstances.source})`;
  return {
    instanceSeconds,
    floorInstances,
    utilization: instanceSeconds > 0 ? busyVcpuSec / (instanceSeconds * size.vcpus) : null,
    rule,
  };
}

function windowLengths(windowSec: number, durationSec: number): number[] {
  const count = Math.max(1, Math.ceil(durationSec / windowSec - 1e-9));
  return Array.from({ length: count }, (_, k) =>
    Math.max(0, Math.min(windowSec, durationSec - k * windowSec)),
  );
}

/** Busy vCPU-seconds of one demand in each scaler window; a datapoint is split by overlap. */
function windowBusy(
  demand: Demand,
  windowSec: number,
  durationSec: number,
  startMs: number,
): number[] {
  const count = windowLengths(windowSec, durationSec).length;
  const busy = new Array<number>(count).fill(0);
  for (const [tMs, vcpus, periodSec] of demand) {
    const from = (tMs - startMs) / 1000;
    const to = from + periodSec;
    for (let k = Math.max(0, Math.floor(from / windowSec)); k < count && k * windowSec < to; k++) {
      const overlap = Math.min(to, (k + 1) * windowSec) - Math.max(from, k * windowSec);
      if (overlap > 0) busy[k] += vcpus * overlap;
    }
  }
  return busy;
}
