/**
 * desiredEnvironments: how many execution environments the LMI scaler wants for one function,
 * from what the function did over the last evaluation window. Pure.
 *
 * Rule (target tracking on the environments' CPU and concurrency,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html):
 *   byCpu         = ceil(avgLoadVcpu / (vCpuPerEnv x targetCpu))
 *   byConcurrency = ceil(peakInFlight / (envConcurrency x targetCpu))
 *   wanted        = max(byCpu, byConcurrency), clamped to [min, max] of the function.
 * Scale-out goes straight to `wanted`; scale-in is left to the caller (one environment at a time).
 */

/** What one function did over the window, and its environment shape. */
export interface EnvironmentWindow {
  /** Average CPU load over the window, in vCPUs. */
  avgLoadVcpu: number;
  /** Most requests in flight at once during the window. */
  peakInFlight: number;
  vCpuPerEnv: number;
  envConcurrency: number;
  targetCpu: number;
  minEnvironments: number;
  maxEnvironments: number;
}

/** desiredEnvironments returns the environment count the window asks for (see the rule above). */
export function desiredEnvironments(w: EnvironmentWindow): number {
  const byCpu = Math.ceil(w.avgLoadVcpu / (w.vCpuPerEnv * w.targetCpu) - 1e-9);
  const byConcurrency = Math.ceil(w.peakInFlight / (w.envConcurrency * w.targetCpu) - 1e-9);
  return Math.min(w.maxEnvironments, Math.max(w.minEnvironments, byCpu, byConcurrency));
}
