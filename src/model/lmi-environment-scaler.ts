/**
 * nextEnvironments: the LMI scaler's decision for one function's execution environments, from
 * what the function did over the last evaluation window. Pure.
 *
 * Target tracking on the environments' CPU and concurrency
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html), with a
 * tolerance band b below the target u so that the count does not flap between N and N+1 when the
 * load sits at a boundary:
 *
 *   need(x)  = max(ceil(avgLoadVcpu / (vCpuPerEnv x x)), ceil(peakInFlight / (envConcurrency x x)))
 *   scale out when need(u) > current: go to need(u), at once;
 *   scale in  when need(u x (1 - b)) < current: one environment fewer (the caller applies the
 *             cooldown: AWS's scale-in is gradual and "conservative");
 *   otherwise hold. After a scale-in to N-1 the load must grow by 1 / (1 - b) before the next
 *   scale-out, so noise smaller than the band never flaps the count.
 * Results are clamped to [minEnvironments, maxEnvironments].
 *
 * Headroom. A function's environments are never below need(u), so they throttle on CPU only past
 * cpuThrottleAt / u of the window's average load (0.9 / 0.4 = 2.25x). New capacity is decided once
 * per window from that window's average and is ready a launch delay later, so within a 5-minute
 * window the load can grow to about twice the previous window's average without throttles, and
 * not much further: AWS's "traffic can double within 5 minutes without throttles; more may
 * throttle". A linear ramp to 3x over 5 minutes passes 2.25x before the scaler reacts.
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
  /** Width of the band below the target, as a fraction of it (0.1 = scale in below 90% of it). */
  tolerance: number;
  minEnvironments: number;
  maxEnvironments: number;
}

/** The decision: the new count, and whether it was a scale-out or a (wanted) scale-in. */
export interface EnvironmentDecision {
  environments: number;
  action: 'out' | 'in' | 'hold';
}

/** nextEnvironments decides from `current` environments (see the rule above). */
export function nextEnvironments(w: EnvironmentWindow, current: number): EnvironmentDecision {
  const need = (utilization: number) =>
    Math.max(
      Math.ceil(w.avgLoadVcpu / (w.vCpuPerEnv * utilization) - 1e-9),
      Math.ceil(w.peakInFlight / (w.envConcurrency * utilization) - 1e-9),
    );
  const clamp = (n: number) => Math.min(w.maxEnvironments, Math.max(w.minEnvironments, n));
  if (current < w.minEnvironments) return { environments: w.minEnvironments, action: 'out' };
  if (clamp(need(w.targetCpu)) > current)
    return { environments: clamp(need(w.targetCpu)), action: 'out' };
  if (clamp(need(w.targetCpu * (1 - w.tolerance))) < current)
    return { environments: current - 1, action: 'in' };
  return { environments: current, action: 'hold' };
}
