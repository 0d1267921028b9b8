/**
 * TenantPicker: draws the tenant of each arrival from a profile's `tenants:` block. Tenants are
 * ranked 1..count by popularity (rank 1 = the most popular) and named `tenant-<rank>`.
 *
 * zipf: P(rank = r) = r^-s / H(count, s), with H(count, s) = sum over k = 1..count of k^-s.
 * uniform: P(rank = r) = 1 / count.
 * The cumulative distribution is computed once (a Float64Array of `count` entries); each draw is
 * one uniform number and a binary search over it: O(log count), no allocation after construction
 * (the ids are built once too). The picker has its own seeded stream, so turning tenants on does
 * not change which requests the mix picks for the same seed. Not thread-safe: one per thread.
 */
import type { TenantsSpec } from '../profile/types.js';
import { createRandom, type SeededRandom } from '../random/seeded-random.js';
import type { BuiltRequest } from './prepared-request.js';

/** Number of tenant deciles in the record (decile 1 = the most popular 10% of tenant ids). */
export const TENANT_DECILES = 10;

/** Salt of the picker's own random stream (kept apart from the mix's stream of the same seed). */
const STREAM_SALT = 0x7e4a_1d;

export class TenantPicker {
  private readonly cdf: Float64Array;
  private readonly ids: string[];
  private readonly random: SeededRandom;

  constructor(
    readonly spec: TenantsSpec,
    seed: number,
  ) {
    this.random = createRandom((seed ^ STREAM_SALT) >>> 0);
    this.cdf = new Float64Array(spec.count);
    let sum = 0;
    for (let r = 1; r <= spec.count; r++) {
      sum += spec.distribution === 'zipf' ? Math.pow(r, -spec.s) : 1;
      this.cdf[r - 1] = sum;
    }
    for (let i = 0; i < spec.count; i++) this.cdf[i] /= sum;
    this.cdf[spec.count - 1] = 1;
    this.ids = Array.from({ length: spec.count }, (_, i) => tenantId(i + 1));
  }

  /** draw returns the next tenant's rank (1..count). */
  draw(): number {
    return rankAt(this.cdf, this.random.next());
  }

  /** id is the tenant id of `rank` (`tenant-<rank>`), built once. */
  id(rank: number): string {
    return this.ids[rank - 1];
  }

  /** decile is the 0-based decile of `rank` (0 = the most popular 10% of tenant ids). */
  decile(rank: number): number {
    return tenantDecile(rank, this.spec.count);
  }

  /**
   * apply returns `built` carrying tenant `rank` (header appended, or query parameter added);
   * never mutates `built` (a literal request's BuiltRequest is cached and shared).
   */
  apply(built: BuiltRequest, rank: number): BuiltRequest {
    const id = this.ids[rank - 1];
    const o = built.options;
    const carrier = this.spec.carrier;
    if (carrier.kind === 'header') {
      // prepareRequests always builds the flat [name, value, ...] array form.
      const headers = Array.isArray(o.headers)
        ? [...o.headers, carrier.name, id]
        : [carrier.name, id];
      return { ...built, options: { ...o, headers } };
    }
    const sep = o.path.includes('?') ? '&' : '?';
    const path = `${o.path}${sep}${encodeURIComponent(carrier.name)}=${id}`;
    return { ...built, options: { ...o, path } };
  }
}

/** tenantId names the tenant of `rank`. */
export function tenantId(rank: number): string {
  return `tenant-${rank}`;
}

/** tenantDecile: 0-based decile of `rank` among `count` tenants, floor((rank - 1) * 10 / count). */
export function tenantDecile(rank: number, count: number): number {
  return Math.min(TENANT_DECILES - 1, Math.floor(((rank - 1) * TENANT_DECILES) / count));
}

/** rankAt: the smallest rank whose cumulative probability exceeds `u` (binary search). */
export function rankAt(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}
