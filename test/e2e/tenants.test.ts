/**
 * Tenants end to end (issue 14, item 2): `simulate profiles/tenants.yaml` creates at least one
 * environment per distinct tenant and several times the cold starts of the same traffic with
 * tenants off; pushing distinct active tenants past 2,500 per 1,000 concurrency throttles; the
 * profile passes its gates on the embedded target (real time, shortened, under 500 req/s) with the
 * tenant id read from the header; a tenants block without a count is exit 2 with its path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/run-record.js';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { repoRoot, runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const shipped = join(repoRoot, 'profiles/tenants.yaml');
const TENANTS_LINE = /^tenants: .*$/m;

function seriesSum(rec: RunRecord, name: string): number {
  return rec.platform.series
    .filter((s) => s.name === name)
    .reduce((a, s) => a + s.points.reduce((b, p) => b + p[1], 0), 0);
}

function seriesMax(rec: RunRecord, name: string): number {
  let max = 0;
  for (const s of rec.platform.series)
    if (s.name === name) for (const [, v] of s.points) max = Math.max(max, v);
  return max;
}

async function simulate(
  profilePath: string,
  extra: string[] = [],
): Promise<{ code: number | null; rec: RunRecord }> {
  const out = tempDir();
  const r = await runCli([
    'simulate',
    profilePath,
    '--out',
    out,
    '--quiet',
    '--seed',
    '1',
    ...extra,
  ]);
  return { code: r.code, rec: readValidRecord(out) };
}

describe('tenants', () => {
  it('simulate profiles/tenants.yaml: environments >= distinct tenants; cold starts several times those with tenants off', async () => {
    const on = await simulate(shipped);
    expect(on.code).toBe(0);
    expect(on.rec.gates.every((g) => g.verdict === 'pass')).toBe(true);
    const tenants = on.rec.tenants;
    expect(tenants?.count).toBe(5000);
    expect(tenants?.deciles).toHaveLength(10);
    expect(tenants?.deciles.reduce((a, d) => a + d.totals.sent, 0)).toBe(on.rec.totals.sent);
    // zipf: the most popular decile sends more than all the others together.
    expect(tenants!.deciles[0].totals.sent).toBeGreaterThan(on.rec.totals.sent / 2);
    const created = seriesSum(on.rec, 'lambda.tenant_environments_created');
    expect(created).toBeGreaterThanOrEqual(tenants!.distinctSeen);
    expect(seriesSum(on.rec, 'lambda.tenant_cold_starts')).toBe(created);
    const lambdaCost = on.rec.cost?.scenarios.find((s) => s.name === 'lambda on-demand');
    expect(lambdaCost?.breakdown.tenantEnvironmentsUsd).toBeGreaterThan(0);

    const offText = readFileSync(shipped, 'utf8').replace(TENANTS_LINE, '');
    const off = await simulate(writeProfile(offText));
    expect(off.rec.tenants).toBeUndefined();
    expect(off.rec.totals.sent).toBe(on.rec.totals.sent);
    const coldOn = seriesSum(on.rec, 'lambda.cold_starts');
    const coldOff = seriesSum(off.rec, 'lambda.cold_starts');
    console.log(
      `cold starts: tenants on ${coldOn}, tenants off ${coldOff}; environments created ${created}, distinct tenants ${tenants!.distinctSeen}`,
    );
    expect(coldOn).toBeGreaterThan(3 * coldOff);
  }, 60_000);

  it('throttles ("Rate exceeded") once distinct tenants pass 2,500 environments per 1,000 concurrency', async () => {
    const profile = (tenants: string) => `
name: many-tenants
${tenants}
load: { phases: [ { duration: 30s, rate: 300 } ] }
requests: [ { name: listNotes, method: GET, path: '/notes?limit=5' } ]
`;
    const crowd = await simulate(
      writeProfile(profile('tenants: { count: 50000, distribution: uniform }')),
    );
    expect(crowd.rec.totals.throttled).toBeGreaterThan(0);
    expect(seriesMax(crowd.rec, 'lambda.tenant_environments')).toBe(2500);
    expect(crowd.rec.tenants!.distinctSeen).toBeGreaterThan(2500);
    const shared = await simulate(writeProfile(profile('')));
    expect(shared.rec.totals.throttled).toBe(0);
  }, 60_000);

  it('rejects a distribution without a count: exit 2, path named, nothing simulated', async () => {
    const out = tempDir();
    const text = readFileSync(shipped, 'utf8').replace(
      TENANTS_LINE,
      'tenants: { distribution: zipf, header: x-tenant-id }',
    );
    const r = await runCli(['simulate', writeProfile(text), '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tenants\.count: is required/);
  });

  it('passes its gates on the embedded target, which reads the tenant from the header', async () => {
    const out = tempDir();
    // 7 s in all at up to 200 req/s (time scale 0.1, rate scale 0.5).
    const r = await runCli([
      'run',
      shipped,
      '--out',
      out,
      '--quiet',
      '--seed',
      '2',
      '--time-scale',
      '0.1',
      '--rate-scale',
      '0.5',
    ]);
    const rec = readValidRecord(out);
    expect(rec.gates.map((g) => [g.expr, g.verdict])).toEqual(
      rec.gates.map((g) => [g.expr, 'pass']),
    );
    expect(r.code).toBe(0);
    expect(rec.target.kind).toBe('embedded');
    expect(rec.totals.byStatus['400']).toBeUndefined();
    expect(rec.tenants?.deciles.reduce((a, d) => a + d.totals.sent, 0)).toBe(rec.totals.sent);
    // Every tenant seen got at least one environment of its own in the model.
    expect(seriesSum(rec, 'lambda.tenant_environments_created')).toBeGreaterThanOrEqual(
      rec.tenants!.distinctSeen,
    );
  }, 120_000);
});
