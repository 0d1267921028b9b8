/**
 * The cost flags of `simulate` end to end (built CLI): Savings Plans apart and checked (exit 2
 * above AWS's maxima, and for the removed --savings-plan), the options recorded so `collect` can
 * recompute, and the needlepoint reproduction of issue 9 item 1: CPU time comes from the model's
 * routes (about 1,200 vCPU-s), not from duration × memory (3,667 vCPU-s).
 */
import { describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { repoRoot, runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const small = writeProfile(`
name: small
load: { phases: [ { duration: 5s, rate: 20 } ] }
requests: [ { name: list, path: /notes } ]
`);

describe('simulate cost flags', () => {
  it.each([
    [['--savings-plan', '0.3'], /--savings-plan was split in two: use --savings-plan-ec2/],
    [
      ['--savings-plan-lambda', '20%'],
      /--savings-plan-lambda 20% is more than a Compute Savings Plan on Lambda gives \(at most 17%/,
    ],
    [['--savings-plan-ec2', '80%'], /at most 72%/],
    [['--front-door', 'cloudfront'], /--front-door/],
    [['--cpu-fraction', '1.5'], /--cpu-fraction must be a fraction/],
  ])('%j exits 2 with a message naming the flag', async (flags, message) => {
    const r = await runCli(['simulate', small, '--out', tempDir(), '--quiet', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('records the options and applies them', async () => {
    const out = tempDir();
    const r = await runCli([
      'simulate',
      small,
      '--out',
      out,
      '--quiet',
      '--seed',
      '1',
      '--savings-plan-ec2',
      '30%',
      '--savings-plan-lambda',
      '17%',
      '--front-door',
      'http-api',
      '--free-tier',
      '--cpu-fraction',
      '0.2',
    ]);
    expect(r.code).toBe(0);
    const cost = readValidRecord(out).cost!;
    expect(cost.options).toEqual({
      fleets: [],
      savingsPlanEc2: 0.3,
      savingsPlanLambda: 0.17,
      targetUtilization: 0.4,
      cpuFraction: 0.2,
      frontDoor: 'http-api',
      freeTier: true,
    });
    // 100 requests through an HTTP API at $1.00 per million
    for (const s of cost.scenarios) expect(s.breakdown.frontDoorUsd).toBeCloseTo(100e-6, 12);
    expect(cost.notes!.join(' ')).toMatch(/--cpu-fraction 0.2 not used/);
  });
});

describe('issue 9 item 1 reproduction: needlepoint on on-demand', () => {
  it("prices the what-ifs from the routes' CPU time, not duration × memory", async () => {
    const out = tempDir();
    const r = await runCli([
      'simulate',
      `${repoRoot}/profiles/needlepoint.yaml`,
      '--platform',
      'on-demand',
      '--out',
      out,
      '--quiet',
      '--seed',
      '1',
      '--no-reports',
    ]);
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    // By hand from the record: Σ invocations(fn) × cpuMs of fn's routes
    const cpuMs: Record<string, number> = {};
    for (const [k, v] of Object.entries(rec.platform.model ?? {}))
      if (k.startsWith('routes.')) {
        const route = (v as { value: { functionName: string; cpuMs: number } }).value;
        cpuMs[route.functionName] = route.cpuMs;
      }
    let byHand = 0;
    for (const s of rec.platform.series.filter((x) => x.name === 'lambda.invocations'))
      byHand += (s.points.reduce((a, [, v]) => a + v, 0) * cpuMs[s.labels.function]) / 1000;
    const cost = rec.cost!;
    expect(cost.work!.vcpuSeconds).toBeCloseTo(byHand, 6);
    expect(byHand).toBeGreaterThan(1100);
    expect(byHand).toBeLessThan(1300); // the issue's ~1,206, vs 3,667 from duration × memory
    const lmi = cost.scenarios.find((s) => s.name === 'lmi')!;
    expect(lmi.basis).toBe('estimated');
    expect(cost.scenarios.find((s) => s.name === 'lambda on-demand')!.basis).toBe('observed');
    expect(cost.scenarios.every((s) => s.monthlyBasis === 'if this traffic ran all month')).toBe(
      true,
    );
  });
});
