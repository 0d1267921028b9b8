/**
 * Must hold (issue 9): the LMI what-if priced from an on-demand simulation of a one-function
 * steady profile, an hour long and well above the minimum fleet, is within 25% of the LMI cost
 * `simulate --platform lmi` gives for the same profile and seed. 150 req/s × 80 ms CPU = 12 busy
 * vCPUs, about 8 m7g.xlarge at the 40% target, against a floor of 3 instances (or, with
 * per-function environments, 3 environments): the what-if applies the model's own target and
 * minimums (lmi.targetCpu, lmi.minInstances, lmi.minExecutionEnvironments when present).
 */
import { describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const profile = writeProfile(`
name: one-function-steady
load: { phases: [ { duration: 1h, rate: 150 } ] }
requests: [ { name: list, path: /notes } ]
model:
  routes:
    list: { cpuTime: 80ms, serviceTime: 100ms }
`);

async function lmiCost(platform: 'on-demand' | 'lmi') {
  const out = tempDir();
  const args = ['simulate', profile, '--platform', platform, '--out', out, '--quiet'];
  const r = await runCli([...args, '--seed', '7', '--no-reports']);
  expect(r.code).toBe(0);
  return readValidRecord(out).cost!.scenarios.find((s) => s.name === 'lmi')!;
}

describe('LMI what-if from an on-demand run agrees with a simulated LMI run', () => {
  it('is within 25% for a steady hour on one function', async () => {
    const whatIf = await lmiCost('on-demand');
    const simulated = await lmiCost('lmi');
    expect(whatIf.basis).toBe('estimated');
    expect(simulated.basis).toBe('observed');
    // 12 vCPUs / (0.4 × 4) = 7.5 -> 8 instances for the hour, well above the floor
    expect(whatIf.note).toMatch(/ 8\.000 instance-hours of /);
    expect(Math.abs(whatIf.totalUsd / simulated.totalUsd - 1)).toBeLessThan(0.25);
    expect(Math.abs(whatIf.computeUsd! / simulated.computeUsd! - 1)).toBeLessThan(0.25);
  }, 120_000);
});
