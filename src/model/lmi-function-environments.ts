/**
 * The execution environments of LMI functions: their shape (vCPUs, concurrency, how many fit an
 * instance), each function's environment and load state, and placing wanted environments on the
 * running instances. Internal to lmi-platform.ts; plain data, mutated in place by its owner.
 */
import { instanceTypes } from './instance-types.js';
import { nextEnvironments } from './lmi-environment-scaler.js';
import { environmentLimits, type LmiParams, type ModelParams } from './model-params.js';
import type { SeriesSlot } from './series-book.js';

/** What one environment takes and serves, and how many fit one instance. */
export interface EnvironmentShape {
  /** functionMemoryGiB / memoryGiBPerVCpu. */
  vCpuPerEnv: number;
  /** floor(vCpuPerEnv x perVCpuMaxConcurrency): requests one environment serves at once. */
  envConcurrency: number;
  /** min(floor(instance vCPUs / vCpuPerEnv), floor(instance memory / functionMemoryGiB)). */
  envsPerInstance: number;
  /** True when memory, not vCPUs, limits envsPerInstance. */
  memoryBound: boolean;
}

/** environmentShape computes the shape for params (lmi.instanceType must be known). Pure. */
export function environmentShape(params: ModelParams): EnvironmentShape {
  const l = params.lmi;
  const size = instanceTypes[l.instanceType];
  const vCpuPerEnv = l.functionMemoryGiB / l.memoryGiBPerVCpu;
  const envsByCpu = Math.floor(size.vCpus / vCpuPerEnv + 1e-9);
  const envsByMemory = Math.floor(size.memoryGiB / l.functionMemoryGiB + 1e-9);
  return {
    vCpuPerEnv,
    envConcurrency: Math.floor(vCpuPerEnv * l.perVCpuMaxConcurrency),
    envsPerInstance: Math.min(envsByCpu, envsByMemory),
    memoryBound: envsByMemory < envsByCpu,
  };
}

/** One function's environments and load. */
export interface FunctionEnvironments {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Running environments. */
  envs: number;
  /** Environments the scaler wants (envs < wanted while instances launch). */
  wanted: number;
  inFlight: number;
  loadVcpu: number;
  /** loadVcpu averaged over the throttle window (exponential average). */
  cpuAvgVcpu: number;
  /** Epoch ms up to which winCpu and envMs are integrated. */
  lastMs: number;
  /** vCPU-ms of demand in the current evaluation window: admitted load plus throttled requests' CPU. */
  winCpu: number;
  winPeakInFlight: number;
  winThrottles: number;
  lastScaleOutMs: number;
  lastScaleInMs: number;
  /** Environment-ms in the current second. */
  envMs: number;
  readonly envSlot: SeriesSlot;
}

/**
 * functionEnvironments creates each function's state with no environment running yet and its
 * minimum wanted. A function never wants more than `capacity` (environments on the most instances
 * the provider may run) minus the other functions' minimums.
 */
export function functionEnvironments(
  params: ModelParams,
  functionNames: string[],
  capacity: number,
  startMs: number,
  slotFor: (functionName: string) => SeriesSlot,
): FunctionEnvironments[] {
  const minimums = functionNames.map((name) => environmentLimits(params, name).min);
  const minimumSum = minimums.reduce((a, b) => a + b, 0);
  return functionNames.map((name, i) => {
    const { min, max } = environmentLimits(params, name);
    return {
      name,
      min,
      max: Math.max(min, Math.min(max, capacity - (minimumSum - minimums[i]))),
      envs: 0,
      wanted: min,
      inFlight: 0,
      loadVcpu: 0,
      cpuAvgVcpu: 0,
      lastMs: startMs,
      winCpu: 0,
      winPeakInFlight: 0,
      winThrottles: 0,
      lastScaleOutMs: startMs,
      lastScaleInMs: startMs,
      envMs: 0,
      envSlot: slotFor(name),
    };
  });
}

/**
 * integrateFunction brings f's window demand, averaged CPU (time constant throttleWindowMs) and
 * environment-ms up to nowMs; call it before f's load or environments change.
 */
export function integrateFunction(
  f: FunctionEnvironments,
  nowMs: number,
  throttleWindowMs: number,
): void {
  const dt = nowMs - f.lastMs;
  if (dt <= 0) return;
  f.winCpu += f.loadVcpu * dt;
  f.cpuAvgVcpu += (f.loadVcpu - f.cpuAvgVcpu) * (1 - Math.exp(-dt / throttleWindowMs));
  f.envMs += f.envs * dt;
  f.lastMs = nowMs;
}

/**
 * placeEnvironments stops environments above `wanted`, then starts wanted ones while the running
 * instances' `slots` have room, one function at a time in turn (deterministic).
 */
export function placeEnvironments(
  fns: FunctionEnvironments[],
  slots: number,
  nowMs: number,
  throttleWindowMs: number,
): void {
  let used = 0;
  for (const f of fns) {
    integrateFunction(f, nowMs, throttleWindowMs);
    if (f.envs > f.wanted) f.envs = f.wanted;
    used += f.envs;
  }
  let free = slots - used;
  while (free > 0) {
    let placed = false;
    for (const f of fns) {
      if (free > 0 && f.envs < f.wanted) {
        f.envs++;
        free--;
        placed = true;
      }
    }
    if (!placed) break;
  }
}

/** describeFunctions is the per-function part of the state endpoint. */
export function describeFunctions(
  fns: FunctionEnvironments[],
  envConcurrency: number,
): Record<string, unknown> {
  return Object.fromEntries(
    fns.map((f) => [
      f.name,
      {
        environments: f.envs,
        wantedEnvironments: f.wanted,
        minEnvironments: f.min,
        maxEnvironments: f.max,
        inFlight: f.inFlight,
        requestSlots: f.envs * envConcurrency,
      },
    ]),
  );
}

/**
 * rescaleFunction applies the scaler's decision (lmi-environment-scaler.ts) to f's wanted
 * environments at an evaluation, from its demand over the last `winMs`, and starts f's next window.
 * Scale-out is at once; scale-in waits `cooldownMs` after f's last scale-out and last scale-in. A
 * function with no environment that saw throttles wants at least one.
 */
export function rescaleFunction(
  f: FunctionEnvironments,
  shape: EnvironmentShape,
  l: LmiParams,
  winMs: number,
  nowMs: number,
  cooldownMs: number,
): void {
  const decision = nextEnvironments(
    {
      avgLoadVcpu: winMs > 0 ? f.winCpu / winMs : 0,
      peakInFlight: f.winPeakInFlight,
      vCpuPerEnv: shape.vCpuPerEnv,
      envConcurrency: shape.envConcurrency,
      targetCpu: l.targetCpu,
      tolerance: l.scalingTolerance,
      minEnvironments: f.min,
      maxEnvironments: f.max,
    },
    f.wanted,
  );
  if (f.wanted === 0 && f.winThrottles > 0 && f.max > 0) {
    f.wanted = Math.max(1, decision.environments);
    f.lastScaleOutMs = nowMs;
  } else if (decision.action === 'out') {
    f.wanted = decision.environments;
    f.lastScaleOutMs = nowMs;
  } else if (
    decision.action === 'in' &&
    nowMs - f.lastScaleOutMs >= cooldownMs &&
    nowMs - f.lastScaleInMs >= cooldownMs
  ) {
    f.wanted = decision.environments;
    f.lastScaleInMs = nowMs;
  }
  f.winCpu = 0;
  f.winPeakInFlight = f.inFlight;
  f.winThrottles = 0;
}
