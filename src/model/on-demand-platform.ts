/**
 * OnDemandPlatform: on-demand Lambda admission. Per function, idle warm environments are reused
 * (most recently used first); a request that finds none gets a new environment and pays a cold
 * start, if the function's scaling budget allows; every function gains at most
 * `newEnvironmentsPer10s` environments per 10 s, a token bucket refilled continuously whose unused
 * tokens never exceed one window's worth (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html).
 * Concurrency is capped by the account limit shared by all functions without reserved concurrency,
 * and by reserved concurrency where set (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html).
 * Requests per second are capped at `requestsPerSecPerConcurrency` (AWS: 10) x the concurrency
 * limit, per function (reserved concurrency, else the unreserved pool) and per account, as token
 * buckets holding one second's worth (rate-bucket.ts; throttle reason `request-rate`). The rate is
 * not stretched by timeScale (it is a rate, not a delay). A request takes a token only when it is
 * admitted. Idle environments are reclaimed after an idle timeout (assumed; AWS publishes none).
 */
import type { ModelParams } from './model-params.js';
import { uniform, type PlatformBackend, type ThrottleReason } from './platform-backend.js';
import { RateBucket } from './rate-bucket.js';
import type { TenantEnvironments } from './tenant-environments.js';

interface FunctionPool {
  reserved: number | undefined;
  busy: number;
  /** Reclaim times (epoch ms) of idle environments; the last one is reused first. */
  idle: number[];
  tokens: number;
  refilledAtMs: number;
  requestRate: RateBucket;
}

/** How often idle environments are swept for reclaim (model granularity, assumed). */
const RECLAIM_SWEEP_MS = 5_000;

/** On-demand Lambda; owned by one PlatformModel. */
export class OnDemandPlatform implements PlatformBackend {
  private readonly pools: FunctionPool[];
  private readonly unreservedLimit: number;
  private unreservedBusy = 0;
  private readonly tokensPerMs: number;
  private readonly accountRequestRate: RateBucket;
  private nextSweepMs: number;

  constructor(
    private readonly params: ModelParams,
    functionNames: string[],
    startMs: number,
    private readonly random: () => number,
    /** Set when the functions are tenant-isolated: requests with a tenant use its environments. */
    private readonly tenants?: TenantEnvironments,
  ) {
    const od = params.onDemand;
    const reservedSum = Object.values(od.reservedConcurrency).reduce((a, b) => a + b, 0);
    this.unreservedLimit = od.accountConcurrency - reservedSum;
    this.tokensPerMs = od.newEnvironmentsPer10s / (10_000 * params.timeScale);
    const perConcurrency = od.requestsPerSecPerConcurrency;
    this.accountRequestRate = new RateBucket(perConcurrency * od.accountConcurrency, startMs);
    this.pools = functionNames.map((name) => {
      const reserved = od.reservedConcurrency[name];
      return {
        reserved,
        busy: 0,
        idle: [],
        tokens: od.newEnvironmentsPer10s,
        refilledAtMs: startMs,
        requestRate: new RateBucket(perConcurrency * (reserved ?? this.unreservedLimit), startMs),
      };
    });
    this.nextSweepMs = startMs + RECLAIM_SWEEP_MS;
  }

  start(
    fn: number,
    _cpuRateVcpu: number,
    _cpuMs: number,
    nowMs: number,
    tenant?: string,
  ): number | ThrottleReason {
    const pool = this.pools[fn];
    if (pool.reserved !== undefined) {
      if (pool.busy >= pool.reserved) return 'reserved-concurrency';
    } else if (this.unreservedBusy >= this.unreservedLimit) return 'account-concurrency';
    if (!pool.requestRate.has(nowMs) || !this.accountRequestRate.has(nowMs)) return 'request-rate';
    let coldStartMs = 0;
    const isolated = this.tenants !== undefined && tenant !== undefined;
    if (isolated ? this.tenants.reuse(fn, tenant) : pool.idle.length > 0) {
      if (!isolated) pool.idle.pop();
    } else {
      if (isolated && this.tenants.full(fn)) return 'tenant-environments';
      const cap = this.params.onDemand.newEnvironmentsPer10s;
      pool.tokens = Math.min(cap, pool.tokens + (nowMs - pool.refilledAtMs) * this.tokensPerMs);
      pool.refilledAtMs = nowMs;
      if (pool.tokens < 1) return 'scaling-rate';
      pool.tokens -= 1;
      if (isolated) this.tenants.create(fn, tenant);
      coldStartMs = uniform(this.params.onDemand.coldStartMs, this.random) * this.params.timeScale;
    }
    pool.busy++;
    if (pool.reserved === undefined) this.unreservedBusy++;
    pool.requestRate.take();
    this.accountRequestRate.take();
    return coldStartMs;
  }

  finish(fn: number, _cpuRateVcpu: number, nowMs: number, tenant?: string): void {
    const pool = this.pools[fn];
    pool.busy--;
    if (pool.reserved === undefined) this.unreservedBusy--;
    const reclaimAtMs =
      nowMs + uniform(this.params.onDemand.idleTimeoutMs, this.random) * this.params.timeScale;
    if (this.tenants !== undefined && tenant !== undefined)
      this.tenants.release(fn, tenant, reclaimAtMs);
    else pool.idle.push(reclaimAtMs);
  }

  nextEventMs(): number {
    return this.nextSweepMs;
  }

  runEvent(nowMs: number): void {
    for (const pool of this.pools) {
      if (pool.idle.length > 0) pool.idle = pool.idle.filter((reclaimAtMs) => reclaimAtMs > nowMs);
    }
    this.tenants?.reclaim(nowMs);
    this.nextSweepMs = nowMs + RECLAIM_SWEEP_MS;
  }

  closeSecond(): void {
    this.tenants?.closeSecond();
  }

  state(): Record<string, unknown> {
    return {
      accountConcurrency: this.params.onDemand.accountConcurrency,
      unreservedConcurrentExecutions: this.unreservedBusy,
      environments: this.pools.reduce((n, p) => n + p.busy + p.idle.length, 0),
      idleEnvironments: this.pools.reduce((n, p) => n + p.idle.length, 0),
      ...(this.tenants ? { tenantIsolation: this.tenants.state() } : {}),
    };
  }
}
