/**
 * Tenant-isolated on-demand functions in the model: environments keyed by (function, tenant) and
 * never shared, a cold start per new tenant environment, idle reclaim per tenant, and the quota of
 * 2,500 environments (active or idle) per 1,000 concurrency, beyond which requests are throttled.
 */
import { describe, expect, it } from 'vitest';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createPlatformModel, type Admitted } from '../../src/model/platform-model.js';
import { createRandom } from '../../src/random/seeded-random.js';

const START_MS = Date.UTC(2026, 0, 1);

function tenantModel(block: Record<string, unknown> = {}, count = 100) {
  const params = parseModelParams(
    { platform: 'on-demand', routes: { read: { serviceTime: '10ms' } }, ...block },
    {},
    'test',
  );
  const rng = createRandom(1);
  return createPlatformModel(params, {
    startMs: START_MS,
    random: () => rng.next(),
    tenants: { count },
  });
}

function coldStartMs(d: ReturnType<ReturnType<typeof tenantModel>['admit']>): number {
  expect(d.admitted).toBe(true);
  return (d as Admitted).coldStartMs;
}

describe('tenant-isolated environments', () => {
  it('never reuses one tenant’s warm environment for another tenant', () => {
    const model = tenantModel();
    expect(coldStartMs(model.admit('read', START_MS, 'tenant-1'))).toBeGreaterThan(0);
    // tenant-1's environment is idle and warm from 1 s on; tenant-2 still gets a new one.
    expect(coldStartMs(model.admit('read', START_MS + 1000, 'tenant-2'))).toBeGreaterThan(0);
    expect(coldStartMs(model.admit('read', START_MS + 2000, 'tenant-1'))).toBe(0);
    expect(coldStartMs(model.admit('read', START_MS + 3000, 'tenant-2'))).toBe(0);
    const od = model.state(START_MS + 4000).onDemand as {
      tenantIsolation: { environmentsCreated: number };
    };
    expect(od.tenantIsolation.environmentsCreated).toBe(2);
  });

  it('without a tenant the same sequence shares one environment', () => {
    const model = tenantModel();
    expect(coldStartMs(model.admit('read', START_MS))).toBeGreaterThan(0);
    expect(coldStartMs(model.admit('read', START_MS + 1000))).toBe(0);
  });

  it('reclaims an idle tenant environment after the idle timeout: the next request is cold again', () => {
    const model = tenantModel({ onDemand: { idleTimeout: '1m' } });
    coldStartMs(model.admit('read', START_MS, 'tenant-7'));
    expect(coldStartMs(model.admit('read', START_MS + 30_000, 'tenant-7'))).toBe(0);
    expect(coldStartMs(model.admit('read', START_MS + 120_000, 'tenant-7'))).toBeGreaterThan(0);
  });

  it('throttles with tenant-environments past 2,500 environments per 1,000 concurrency (active or idle)', () => {
    // Account concurrency 100 -> at most 250 tenant environments, even when all are idle.
    const model = tenantModel({ onDemand: { accountConcurrency: 100 } }, 1000);
    for (let i = 1; i <= 250; i++)
      coldStartMs(model.admit('read', START_MS + i * 20, `tenant-${i}`));
    const next = model.admit('read', START_MS + 10_000, 'tenant-251');
    expect(next).toMatchObject({ admitted: false, status: 429, reason: 'tenant-environments' });
    // A tenant that has an idle environment is still served, warm.
    expect(coldStartMs(model.admit('read', START_MS + 10_100, 'tenant-3'))).toBe(0);
  });

  it('counts environments created and cold starts by tenant decile in its series', () => {
    const model = tenantModel({}, 20);
    // Ranks 1 and 2 are decile 1; 20 is decile 10.
    model.admit('read', START_MS, 'tenant-1');
    model.admit('read', START_MS + 100, 'tenant-2');
    model.admit('read', START_MS + 200, 'tenant-20');
    model.advance(START_MS + 5000);
    const sum = (name: string, label?: [string, string]) =>
      model
        .series()
        .filter((s) => s.name === name && (!label || s.labels[label[0]] === label[1]))
        .reduce((a, s) => a + s.points.reduce((b, p) => b + p[1], 0), 0);
    expect(sum('lambda.tenant_environments_created')).toBe(3);
    expect(sum('lambda.tenant_cold_starts', ['tenantDecile', '1'])).toBe(2);
    expect(sum('lambda.tenant_cold_starts', ['tenantDecile', '10'])).toBe(1);
    expect(sum('lambda.cold_starts')).toBe(3);
  });
});
