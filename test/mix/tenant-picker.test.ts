/**
 * TenantPicker: zipf and uniform draws over ranked tenants, deterministic per seed, deciles by
 * rank, and the id carried as a header or a query parameter without touching the shared request.
 */
import { describe, expect, it } from 'vitest';
import { rankAt, tenantDecile, TenantPicker } from '../../src/mix/tenant-picker.js';
import type { BuiltRequest } from '../../src/mix/prepared-request.js';
import type { TenantsSpec } from '../../src/profile/types.js';

const header = { kind: 'header', name: 'x-tenant-id' } as const;

function spec(over: Partial<TenantsSpec> = {}): TenantsSpec {
  return { count: 1000, distribution: 'zipf', s: 1.1, carrier: header, ...over };
}

function draws(p: TenantPicker, n: number): number[] {
  return Array.from({ length: n }, () => p.draw());
}

describe('TenantPicker', () => {
  it('finds the first rank whose cumulative probability exceeds u', () => {
    const cdf = Float64Array.from([0.5, 0.75, 1]);
    expect([0, 0.49, 0.5, 0.74, 0.75, 0.999].map((u) => rankAt(cdf, u))).toEqual([
      1, 1, 2, 2, 3, 3,
    ]);
  });

  it('is deterministic per seed and differs across seeds', () => {
    expect(draws(new TenantPicker(spec(), 7), 50)).toEqual(draws(new TenantPicker(spec(), 7), 50));
    expect(draws(new TenantPicker(spec(), 7), 50)).not.toEqual(
      draws(new TenantPicker(spec(), 8), 50),
    );
  });

  it('draws zipf ranks in proportion to r^-s', () => {
    const p = new TenantPicker(spec({ count: 100, s: 1.1 }), 1);
    const n = 200_000;
    const seen = new Array<number>(101).fill(0);
    for (const r of draws(p, n)) seen[r]++;
    let h = 0;
    for (let r = 1; r <= 100; r++) h += Math.pow(r, -1.1);
    for (const r of [1, 2, 10]) {
      const expected = (n * Math.pow(r, -1.1)) / h;
      expect(Math.abs(seen[r] - expected)).toBeLessThan(5 * Math.sqrt(expected));
    }
    expect(seen[0]).toBe(0);
  });

  it('draws uniform ranks evenly over 1..count', () => {
    const p = new TenantPicker(spec({ count: 10, distribution: 'uniform' }), 1);
    const seen = new Array<number>(11).fill(0);
    for (const r of draws(p, 100_000)) seen[r]++;
    for (let r = 1; r <= 10; r++) expect(Math.abs(seen[r] - 10_000)).toBeLessThan(500);
  });

  it('puts ranks in deciles by rank: decile 0 is the most popular 10% of tenant ids', () => {
    expect([1, 500, 501, 4500, 4501, 5000].map((r) => tenantDecile(r, 5000))).toEqual([
      0, 0, 1, 8, 9, 9,
    ]);
    expect([1, 2, 3].map((r) => tenantDecile(r, 3))).toEqual([0, 3, 6]);
  });

  it('adds the id as a header or query parameter, leaving the built request as it was', () => {
    const built: BuiltRequest = {
      origin: 'http://x',
      bodyBytes: 0,
      options: { origin: 'http://x', path: '/notes?limit=2', method: 'GET', headers: ['a', 'b'] },
    };
    const h = new TenantPicker(spec(), 1).apply(built, 42);
    expect(h.options.headers).toEqual(['a', 'b', 'x-tenant-id', 'tenant-42']);
    const q = new TenantPicker(spec({ carrier: { kind: 'query', name: 'tenant' } }), 1).apply(
      built,
      3,
    );
    expect(q.options.path).toBe('/notes?limit=2&tenant=tenant-3');
    expect(built.options).toMatchObject({ path: '/notes?limit=2', headers: ['a', 'b'] });
  });
});
