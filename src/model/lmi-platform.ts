/**
 * LmiPlatform: a Lambda Managed Instances capacity provider whose instances host the execution
 * environments of every function, each function with its own environments
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html).
 *
 * Environments. An environment takes vCpuPerEnv = functionMemoryGiB / memoryGiBPerVCpu vCPUs and
 * functionMemoryGiB of memory, so an instance of `instanceType` holds
 * envsPerInstance = min(floor(vCPUs / vCpuPerEnv), floor(memory / functionMemoryGiB)) of them; each
 * serves up to envConcurrency = floor(vCpuPerEnv x perVCpuMaxConcurrency) requests at once. Every
 * function keeps between its minExecutionEnvironments (AWS default 3, for AZ resiliency) and
 * maxExecutionEnvironments (`lmi.functions` overrides both per function), and never wants more
 * than the provider's largest size holds beside the other functions' minimums. Environments of
 * different functions are never shared. An environment starts as soon as an instance has room
 * (its own init time is assumed negligible next to the instance launch delay); no cold starts per
 * request.
 *
 * Admission. A request of function f uses cpuMs / serviceMs vCPUs for its whole service time. It
 * is throttled (429) when f's environments have no free request slot (reason `memory` when memory
 * limits the environments per instance, else `concurrency`), or when f's CPU utilization is at
 * or above cpuThrottleAt of its environments' vCPUs (reason `cpu`: the agent rejects invokes to
 * protect those in flight). That utilization is the load averaged over the last
 * cpuThrottleWindow (an exponential average with that time constant, exact for the piecewise
 * constant load), as an agent measuring CPU would see it, not the instantaneous sum of the
 * requests in flight: one request of a small function may take most of a vCPU for a few ms
 * without making its environment reject the next.
 *
 * Scaler, every evaluationInterval (default 5 minutes), on the trailing window since the previous
 * evaluation: each function's wanted environments follow lmi-environment-scaler.ts (target
 * tracking with a tolerance band, so the count holds between N and N+1 at a boundary; that file
 * states the headroom this gives: traffic may double within 5 minutes without throttles, more
 * may throttle), fed with the window's CPU demand (the admitted load plus the CPU time
 * of the requests it throttled, so a saturated function does not hide its demand) (scale-out at once; scale-in one environment at a time, at most once
 * per scaleInCooldown and only that long after the function's last scale-out: gradual, as AWS
 * documents, so capacity kept after a peak costs instance-time until it drains); a function with no
 * environment that saw throttles wants one. Instances follow the environments:
 * needed = max(minInstances, ceil(Σ wanted / envsPerInstance)), at most
 * min(maxInstances, maxVCpuCount / vCPUs). Scale-out launches the difference, each instance ready
 * after launchDelay; scale-in stops one instance at a time, at most once per scaleInCooldown and
 * only that long after the last launch. At the start the provider runs
 * max(initialInstances, instances for every function's minimum) instances.
 *
 * Series, per second, labelled with the capacity provider and instance type:
 * - `lmi.instances` (Average): instances launched and not stopped, counted from launch, not from
 *   ready, because EC2 bills an instance from launch; its integral is the billed instance-seconds.
 * - `lmi.cpu_vcpu_seconds` (Sum, Seconds): CPU time the executions used in that second, in
 *   vCPU-seconds: the capacity-weighted CPU work (its sum over a run is the run's vCPU-seconds;
 *   the unweighted mean of per-second utilizations is not).
 * - `lmi.cpu_utilization` (Average): that CPU time over the running (ready) instances' vCPU time,
 *   exact arithmetic, not a sample.
 * - `lmi.execution_environments` (Average, per function): running environments.
 */
import { instanceTypes } from './instance-types.js';
import {
  describeFunctions,
  environmentShape,
  functionEnvironments,
  integrateFunction,
  placeEnvironments,
  rescaleFunction,
  type EnvironmentShape,
  type FunctionEnvironments,
} from './lmi-function-environments.js';
import type { ModelParams } from './model-params.js';
import { uniform, type PlatformBackend, type ThrottleReason } from './platform-backend.js';
import type { SeriesBook, SeriesSlot } from './series-book.js';

/** LMI capacity provider; owned by one PlatformModel. */
export class LmiPlatform implements PlatformBackend {
  private readonly vCpus: number;
  private readonly shape: EnvironmentShape;
  private readonly maxInstances: number;
  private readonly throttleWindowMs: number;
  private readonly fns: FunctionEnvironments[];
  private running: number;
  private pendingReadyMs: number[] = [];
  private loadVcpu = 0;
  private inFlight = 0;
  private lastMs: number;
  private secCpu = 0;
  private secCap = 0;
  /** Launched (pending or running) instance-ms in the current second. */
  private secLaunched = 0;
  private winMs = 0;
  private nextEvalMs: number;
  private lastLaunchMs: number;
  private lastStopMs: number;
  private lastUtilization = 0;
  private readonly cpuSlot: SeriesSlot;
  private readonly instancesSlot: SeriesSlot;
  private readonly cpuSecondsSlot: SeriesSlot;

  constructor(
    private readonly params: ModelParams,
    functionNames: string[],
    startMs: number,
    private readonly random: () => number,
    book: SeriesBook,
  ) {
    const l = params.lmi;
    const size = instanceTypes[l.instanceType];
    this.shape = environmentShape(params);
    this.vCpus = size.vCpus;
    this.maxInstances = Math.min(l.maxInstances, Math.floor(l.maxVCpuCount / size.vCpus));
    this.throttleWindowMs = l.cpuThrottleWindowMs * params.timeScale;
    const provider = { capacityProvider: l.capacityProvider };
    this.fns = functionEnvironments(
      params,
      functionNames,
      this.maxInstances * this.shape.envsPerInstance,
      startMs,
      (name) =>
        book.slot('lmi.execution_environments', { ...provider, function: name }, 'Count', 'avg'),
    );
    this.running = Math.min(
      this.maxInstances,
      Math.max(l.initialInstances, l.minInstances, this.instancesFor(this.totalWanted())),
    );
    this.lastMs = startMs;
    this.nextEvalMs = startMs + l.evaluationIntervalMs * params.timeScale;
    this.lastLaunchMs = startMs;
    this.lastStopMs = startMs;
    this.place(startMs);
    const typed = { ...provider, instanceType: l.instanceType };
    this.cpuSlot = book.slot('lmi.cpu_utilization', typed, 'Fraction', 'avg');
    this.instancesSlot = book.slot('lmi.instances', typed, 'Count', 'avg');
    this.cpuSecondsSlot = book.slot('lmi.cpu_vcpu_seconds', typed, 'Seconds', 'sum');
  }

  start(fn: number, cpuRateVcpu: number, cpuMs: number, nowMs: number): number | ThrottleReason {
    this.integrate(nowMs);
    const f = this.fns[fn];
    this.integrateFunction(f, nowMs);
    let reason: ThrottleReason | undefined;
    if (f.inFlight >= f.envs * this.shape.envConcurrency)
      reason = this.shape.memoryBound ? 'memory' : 'concurrency';
    else if (f.cpuAvgVcpu >= f.envs * this.shape.vCpuPerEnv * this.params.lmi.cpuThrottleAt)
      reason = 'cpu';
    if (reason) {
      f.winThrottles++;
      f.winCpu += cpuMs;
      return reason;
    }
    f.loadVcpu += cpuRateVcpu;
    f.inFlight++;
    if (f.inFlight > f.winPeakInFlight) f.winPeakInFlight = f.inFlight;
    this.loadVcpu += cpuRateVcpu;
    this.inFlight++;
    return 0;
  }

  finish(fn: number, cpuRateVcpu: number, nowMs: number): void {
    this.integrate(nowMs);
    const f = this.fns[fn];
    this.integrateFunction(f, nowMs);
    f.inFlight--;
    f.loadVcpu = f.inFlight === 0 ? 0 : f.loadVcpu - cpuRateVcpu;
    this.inFlight--;
    this.loadVcpu = this.inFlight === 0 ? 0 : this.loadVcpu - cpuRateVcpu;
  }

  nextEventMs(): number {
    let next = this.nextEvalMs;
    for (const readyMs of this.pendingReadyMs) if (readyMs < next) next = readyMs;
    return next;
  }

  runEvent(nowMs: number): void {
    this.integrate(nowMs);
    const stillPending = this.pendingReadyMs.filter((readyMs) => readyMs > nowMs);
    if (stillPending.length < this.pendingReadyMs.length) {
      this.running += this.pendingReadyMs.length - stillPending.length;
      this.pendingReadyMs = stillPending;
      this.place(nowMs);
    }
    if (nowMs >= this.nextEvalMs) {
      this.evaluate(nowMs);
      this.nextEvalMs += this.params.lmi.evaluationIntervalMs * this.params.timeScale;
    }
  }

  closeSecond(endMs: number): void {
    this.integrate(endMs);
    this.lastUtilization = this.secCap > 0 ? this.secCpu / this.secCap : 0;
    this.cpuSlot.acc = this.lastUtilization;
    this.cpuSlot.n = 1;
    this.instancesSlot.acc = this.secLaunched / 1000;
    this.instancesSlot.n = 1;
    this.cpuSecondsSlot.acc = this.secCpu / 1000;
    this.secCpu = 0;
    this.secCap = 0;
    this.secLaunched = 0;
    for (const f of this.fns) {
      this.integrateFunction(f, endMs);
      f.envSlot.acc = f.envMs / 1000;
      f.envSlot.n = 1;
      f.envMs = 0;
    }
  }

  state(): Record<string, unknown> {
    return {
      capacityProvider: this.params.lmi.capacityProvider,
      instanceType: this.params.lmi.instanceType,
      instances: this.running,
      pendingInstances: this.pendingReadyMs.length,
      environmentsPerInstance: this.shape.envsPerInstance,
      environmentConcurrency: this.shape.envConcurrency,
      inFlight: this.inFlight,
      cpuLoadVcpu: Math.round(this.loadVcpu * 1000) / 1000,
      cpuUtilization: Math.round(this.lastUtilization * 1e4) / 1e4,
      functions: describeFunctions(this.fns, this.shape.envConcurrency),
    };
  }

  private instancesFor(environments: number): number {
    return Math.ceil(environments / this.shape.envsPerInstance - 1e-9);
  }

  private totalWanted(): number {
    return this.fns.reduce((n, f) => n + f.wanted, 0);
  }

  /** Integrates the provider's load and capacity up to nowMs (functions integrate lazily). */
  private integrate(nowMs: number): void {
    const dt = nowMs - this.lastMs;
    if (dt <= 0) return;
    this.secCpu += this.loadVcpu * dt;
    this.secCap += this.running * this.vCpus * dt;
    this.secLaunched += (this.running + this.pendingReadyMs.length) * dt;
    this.winMs += dt;
    this.lastMs = nowMs;
  }

  private integrateFunction(f: FunctionEnvironments, nowMs: number): void {
    integrateFunction(f, nowMs, this.throttleWindowMs);
  }

  private place(nowMs: number): void {
    placeEnvironments(
      this.fns,
      this.running * this.shape.envsPerInstance,
      nowMs,
      this.throttleWindowMs,
    );
  }

  private evaluate(nowMs: number): void {
    const l = this.params.lmi;
    const cooldownMs = l.scaleInCooldownMs * this.params.timeScale;
    for (const f of this.fns) {
      integrateFunction(f, nowMs, this.throttleWindowMs);
      rescaleFunction(f, this.shape, l, this.winMs, nowMs, cooldownMs);
    }
    this.winMs = 0;
    this.scaleInstances(nowMs, cooldownMs);
    this.place(nowMs);
  }

  private scaleInstances(nowMs: number, cooldownMs: number): void {
    const l = this.params.lmi;
    const needed = Math.min(
      this.maxInstances,
      Math.max(l.minInstances, this.instancesFor(this.totalWanted())),
    );
    const current = this.running + this.pendingReadyMs.length;
    if (needed > current) {
      for (let i = current; i < needed; i++) {
        this.pendingReadyMs.push(
          nowMs + uniform(l.launchDelayMs, this.random) * this.params.timeScale,
        );
      }
      this.lastLaunchMs = nowMs;
    } else if (
      needed < this.running &&
      this.pendingReadyMs.length === 0 &&
      nowMs - this.lastLaunchMs >= cooldownMs &&
      nowMs - this.lastStopMs >= cooldownMs
    ) {
      this.running--;
      this.lastStopMs = nowMs;
    }
  }
}
