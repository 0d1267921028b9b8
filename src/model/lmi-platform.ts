/**
 * LmiPlatform: a Lambda Managed Instances capacity provider shared by all functions
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html).
 *
 * Capacity. Each instance of `instanceType` hosts min(vCPUs / vCpuPerEnv, memory / functionMemory)
 * execution environments, where vCpuPerEnv = functionMemoryGiB / memoryGiBPerVCpu; each environment
 * serves up to floor(vCpuPerEnv x perVCpuMaxConcurrency) requests at once. Environments are pooled across the
 * provider's functions (simplification, assumed). No cold starts per request.
 *
 * Admission. A request uses cpuMs / serviceMs vCPUs for its whole service time. It is throttled
 * (429) when all request slots are taken (reason `memory` when memory limits the environments per
 * instance, else `concurrency`), or when it would push CPU load above cpuThrottleAt of the running
 * vCPUs (reason `cpu`: the agent rejects invokes to protect those in flight).
 *
 * Scaler. Every evaluationInterval: desired = ceil(avgLoadVcpu / (vCPUs × targetCpu)), and also
 * enough slots for the window's peak concurrency at the same target; clamped to
 * [minInstances, min(maxInstances, maxVCpuCount / vCPUs)]. Scale-out launches the difference, each
 * ready after launchDelay. With targetCpu 0.4 and throttling at 0.9, load may double before any
 * throttle: the "traffic can double within 5 minutes" headroom AWS documents. Scale-in removes one
 * instance at a time, at most once per scaleInCooldown and only that long after the last scale-out.
 *
 * Utilization is exact arithmetic: load (vCPUs) integrated over time, divided by running vCPU time.
 */
import { instanceTypes } from './instance-types.js';
import type { ModelParams } from './model-params.js';
import { uniform, type PlatformBackend, type ThrottleReason } from './platform-backend.js';
import type { SeriesBook, SeriesSlot } from './series-book.js';

/** LMI capacity provider; owned by one PlatformModel. */
export class LmiPlatform implements PlatformBackend {
  private readonly vCpus: number;
  private readonly slotsPerInstance: number;
  private readonly memoryBound: boolean;
  private readonly maxInstances: number;
  private running: number;
  private pendingReadyMs: number[] = [];
  private loadVcpu = 0;
  private inFlight = 0;
  private lastMs: number;
  private secCpu = 0;
  private secCap = 0;
  private winCpu = 0;
  private winMs = 0;
  private winPeakInFlight = 0;
  private nextEvalMs: number;
  private lastScaleOutMs: number;
  private lastScaleInMs: number;
  private lastUtilization = 0;
  private readonly cpuSlot: SeriesSlot;
  private readonly instancesSlot: SeriesSlot;

  constructor(
    private readonly params: ModelParams,
    startMs: number,
    private readonly random: () => number,
    book: SeriesBook,
  ) {
    const l = params.lmi;
    const size = instanceTypes[l.instanceType];
    const vCpuPerEnv = l.functionMemoryGiB / l.memoryGiBPerVCpu;
    const envsByCpu = Math.floor(size.vCpus / vCpuPerEnv);
    const envsByMemory = Math.floor(size.memoryGiB / l.functionMemoryGiB);
    this.vCpus = size.vCpus;
    this.memoryBound = envsByMemory < envsByCpu;
    const envConcurrency = Math.floor(vCpuPerEnv * l.perVCpuMaxConcurrency);
    this.slotsPerInstance = Math.min(envsByCpu, envsByMemory) * envConcurrency;
    this.maxInstances = Math.min(l.maxInstances, Math.floor(l.maxVCpuCount / size.vCpus));
    this.running = Math.min(l.initialInstances, this.maxInstances);
    this.lastMs = startMs;
    this.nextEvalMs = startMs + l.evaluationIntervalMs * params.timeScale;
    this.lastScaleOutMs = startMs;
    this.lastScaleInMs = startMs;
    const labels = { capacityProvider: l.capacityProvider };
    this.cpuSlot = book.slot('lmi.cpu_utilization', labels, 'Fraction', 'avg');
    this.instancesSlot = book.slot('lmi.instances', labels, 'Count', 'avg');
  }

  start(_fn: number, cpuRateVcpu: number, nowMs: number): number | ThrottleReason {
    this.integrate(nowMs);
    if (this.inFlight >= this.running * this.slotsPerInstance)
      return this.memoryBound ? 'memory' : 'concurrency';
    if (this.loadVcpu + cpuRateVcpu > this.running * this.vCpus * this.params.lmi.cpuThrottleAt)
      return 'cpu';
    this.loadVcpu += cpuRateVcpu;
    this.inFlight++;
    if (this.inFlight > this.winPeakInFlight) this.winPeakInFlight = this.inFlight;
    return 0;
  }

  finish(_fn: number, cpuRateVcpu: number, nowMs: number): void {
    this.integrate(nowMs);
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
    this.running += this.pendingReadyMs.length - stillPending.length;
    this.pendingReadyMs = stillPending;
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
    this.instancesSlot.acc = this.secCap / (this.vCpus * 1000);
    this.instancesSlot.n = 1;
    this.secCpu = 0;
    this.secCap = 0;
  }

  state(): Record<string, unknown> {
    return {
      capacityProvider: this.params.lmi.capacityProvider,
      instanceType: this.params.lmi.instanceType,
      instances: this.running,
      pendingInstances: this.pendingReadyMs.length,
      inFlight: this.inFlight,
      requestSlots: this.running * this.slotsPerInstance,
      cpuLoadVcpu: Math.round(this.loadVcpu * 1000) / 1000,
      cpuUtilization: Math.round(this.lastUtilization * 1e4) / 1e4,
    };
  }

  private integrate(nowMs: number): void {
    const dt = nowMs - this.lastMs;
    if (dt <= 0) return;
    const cpu = this.loadVcpu * dt;
    this.secCpu += cpu;
    this.secCap += this.running * this.vCpus * dt;
    this.winCpu += cpu;
    this.winMs += dt;
    this.lastMs = nowMs;
  }

  private evaluate(nowMs: number): void {
    const l = this.params.lmi;
    const avgLoadVcpu = this.winMs > 0 ? this.winCpu / this.winMs : 0;
    const byCpu = Math.ceil(avgLoadVcpu / (this.vCpus * l.targetCpu) - 1e-9);
    const byConcurrency = Math.ceil(
      this.winPeakInFlight / (this.slotsPerInstance * l.targetCpu) - 1e-9,
    );
    const desired = Math.min(this.maxInstances, Math.max(l.minInstances, byCpu, byConcurrency));
    const current = this.running + this.pendingReadyMs.length;
    const cooldownMs = l.scaleInCooldownMs * this.params.timeScale;
    if (desired > current) {
      for (let i = current; i < desired; i++) {
        this.pendingReadyMs.push(
          nowMs + uniform(l.launchDelayMs, this.random) * this.params.timeScale,
        );
      }
      this.lastScaleOutMs = nowMs;
    } else if (
      desired < this.running &&
      this.pendingReadyMs.length === 0 &&
      nowMs - this.lastScaleOutMs >= cooldownMs &&
      nowMs - this.lastScaleInMs >= cooldownMs
    ) {
      this.running--;
      this.lastScaleInMs = nowMs;
    }
    this.winCpu = 0;
    this.winMs = 0;
    this.winPeakInFlight = this.inFlight;
  }
}
