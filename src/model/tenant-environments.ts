/**
 * TenantEnvironments: the execution environments of tenant-isolated functions
 * (`TenancyConfig.TenantIsolationMode: PER_TENANT`), keyed by (function, tenant id) and never
 * shared across tenants: a request finds an idle environment of its own tenant or gets a new one
 * (a cold start), and an environment, once idle, is reclaimed after the idle timeout on its own
 * (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html).
 *
 * Quota: a function may hold at most 2,500 tenant-isolated environments (active or idle) for every
 * 1,000 of its concurrency; past it Invoke fails with TooManyRequestsException "Rate exceeded"
 * (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation-troubleshooting.html). The
 * function's concurrency is its reserved concurrency, else the account limit.
 *
 * Series: lambda.tenant_environments{function} (active + idle, max a second),
 * lambda.tenant_environments_created{function} (sum), and lambda.tenant_cold_starts{tenantDecile}
 * (sum; decile 1 = the most popular 10% of tenant ids, by rank in `tenant-<rank>`; other ids count
 * in no decile). Owned by one OnDemandPlatform; not thread-safe.
 */
import type { SeriesBook, SeriesSlot } from './series-book.js';

/** Tenant-isolated environments (active or idle) allowed per 1,000 concurrency (see header). */
export const TENANT_ENVIRONMENTS_PER_1000_CONCURRENCY = 2_500;

/** What the model needs to know of the profile's tenants. */
export interface TenantIsolation {
  /** Number of tenants (`tenant-1` .. `tenant-<count>`), for the deciles. */
  count: number;
}

const DECILES = 10;

interface TenantFunction {
  /** Tenant id -> reclaim times (epoch ms) of its idle environments; the last is reused first. */
  idle: Map<string, number[]>;
  /** Environments of all tenants, active and idle. */
  environments: number;
  quota: number;
  created: number;
  envSlot: SeriesSlot;
  createdSlot: SeriesSlot;
}

export class TenantEnvironments {
  private readonly fns: TenantFunction[];
  private readonly decileSlots: SeriesSlot[];
  private readonly coldByDecile = new Array<number>(DECILES).fill(0);

  /**
   * @param concurrency each function's concurrency limit (reserved, else the account's), by index.
   */
  constructor(
    private readonly isolation: TenantIsolation,
    names: string[],
    concurrency: number[],
    private readonly book: SeriesBook,
  ) {
    this.fns = names.map((name, i) => ({
      idle: new Map(),
      environments: 0,
      quota: Math.floor((concurrency[i] * TENANT_ENVIRONMENTS_PER_1000_CONCURRENCY) / 1000),
      created: 0,
      envSlot: book.slot('lambda.tenant_environments', { function: name }, 'Count', 'max'),
      createdSlot: book.slot(
        'lambda.tenant_environments_created',
        { function: name },
        'Count',
        'sum',
      ),
    }));
    this.decileSlots = Array.from({ length: DECILES }, (_, d) =>
      book.slot('lambda.tenant_cold_starts', { tenantDecile: String(d + 1) }, 'Count', 'sum'),
    );
  }

  /** reuse takes an idle environment of (fn, tenant); false when it has none. */
  reuse(fn: number, tenant: string): boolean {
    const idle = this.fns[fn].idle.get(tenant);
    if (idle === undefined || idle.length === 0) return false;
    idle.pop();
    return true;
  }

  /** full: true when fn holds its quota of tenant-isolated environments. */
  full(fn: number): boolean {
    const f = this.fns[fn];
    return f.environments >= f.quota;
  }

  /** create counts a new (cold) environment of (fn, tenant), now busy. */
  create(fn: number, tenant: string): void {
    const f = this.fns[fn];
    f.environments++;
    f.created++;
    this.book.add(f.createdSlot, 1);
    this.book.max(f.envSlot, f.environments);
    const d = this.decileOf(tenant);
    if (d >= 0) {
      this.coldByDecile[d]++;
      this.book.add(this.decileSlots[d], 1);
    }
  }

  /** release makes a busy environment of (fn, tenant) idle until `reclaimAtMs`. */
  release(fn: number, tenant: string, reclaimAtMs: number): void {
    const idle = this.fns[fn].idle;
    const list = idle.get(tenant);
    if (list === undefined) idle.set(tenant, [reclaimAtMs]);
    else list.push(reclaimAtMs);
  }

  /** reclaim drops idle environments whose reclaim time is at or before `nowMs`. */
  reclaim(nowMs: number): void {
    for (const f of this.fns) {
      for (const [tenant, list] of f.idle) {
        const kept = list.filter((at) => at > nowMs);
        f.environments -= list.length - kept.length;
        if (kept.length === 0) f.idle.delete(tenant);
        else if (kept.length < list.length) f.idle.set(tenant, kept);
      }
    }
  }

  /** closeSecond carries each function's environment count into the closing second's maximum. */
  closeSecond(): void {
    for (const f of this.fns) this.book.max(f.envSlot, f.environments);
  }

  /** state: environments now, created so far, cold starts by decile (1-based keys). */
  state(): Record<string, unknown> {
    return {
      environments: this.fns.reduce((n, f) => n + f.environments, 0),
      environmentsCreated: this.fns.reduce((n, f) => n + f.created, 0),
      quotaPerFunction: this.fns[0]?.quota ?? 0,
      coldStartsByDecile: [...this.coldByDecile],
    };
  }

  private decileOf(tenant: string): number {
    if (!tenant.startsWith('tenant-')) return -1;
    const rank = Number(tenant.slice(7));
    if (!Number.isInteger(rank) || rank < 1 || rank > this.isolation.count) return -1;
    return Math.min(DECILES - 1, Math.floor(((rank - 1) * DECILES) / this.isolation.count));
  }
}
