/**
 * TenantRecorder: counts and latency by tenant decile (profile `tenants:`), beside a run's
 * RequestRecorder or simulate's VirtualRecorder: one Tally and one HDR histogram per decile
 * (decile 0 = the most popular 10% of tenant ids) and a bitmap of the ranks seen. No allocation
 * per request. Not thread-safe: one per thread; plain forms are merged by src/record/tenant-stats.ts.
 */
import {
  createLatencyHistogram,
  encodeHistogram,
  recordMs,
  type Histogram,
} from '../record/latency-histogram.js';
import type { TenantData } from '../record/measurements.js';
import type { TenantsSpec } from '../profile/types.js';
import { countDropped, countSent, Tally } from './tally.js';

const DECILES = 10;

export class TenantRecorder {
  private readonly tallies = Array.from({ length: DECILES }, () => new Tally());
  private readonly latency: Histogram[] = Array.from({ length: DECILES }, () =>
    createLatencyHistogram(),
  );
  private readonly seen: Uint8Array;

  constructor(private readonly spec: TenantsSpec) {
    this.seen = new Uint8Array(spec.count + 1);
  }

  /**
   * dropped counts an arrival of decile `d` not sent (in-flight cap). Late drops (maxLateness)
   * are counted in bulk without drawing tenants, so they are in no decile.
   */
  dropped(d: number): void {
    countDropped(this.tallies[d]);
  }

  /** sent counts a request of tenant `rank` (decile `d`) with `bytes` of body. */
  sent(d: number, rank: number, bytes: number): void {
    countSent(this.tallies[d], bytes);
    this.seen[rank] = 1;
  }

  /** completed records a reply (status) or a transport error code (string) with its latency. */
  completed(d: number, status: number | string, latencyMs: number, bytes: number): void {
    const t = this.tallies[d];
    if (typeof status === 'number') t.recordStatus(status, bytes);
    else t.recordError(status);
    recordMs(this.latency[d], latencyMs);
  }

  /** functionError turns a 2xx reply of decile `d` just completed into a function error. */
  functionError(d: number, code: string): void {
    this.tallies[d].recordFunctionError(code);
  }

  /** aborted counts a request of decile `d` still in flight when the drain grace ended. */
  aborted(d: number): void {
    this.tallies[d].recordAborted();
  }

  /** toData returns the plain form (destroys nothing; call once at the end). */
  toData(): TenantData {
    const ranksSeen: number[] = [];
    for (let r = 1; r < this.seen.length; r++) if (this.seen[r] === 1) ranksSeen.push(r);
    return {
      count: this.spec.count,
      distribution: this.spec.distribution,
      s: this.spec.s,
      deciles: this.tallies.map((t, d) => ({
        totals: t.toTotals(),
        latency: this.latency[d].totalCount > 0 ? encodeHistogram(this.latency[d]) : null,
      })),
      ranksSeen,
    };
  }
}
