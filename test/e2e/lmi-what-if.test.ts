/**
 * Must hold (issue 9): the LMI what-if priced from an on-demand simulation of a one-function
 * steady profile, an hour long and well above the minimum fleet, is within 25% of the LMI cost
 * `simulate --platform lmi` gives for the same profile and seed. 150 req/s × 80 ms CPU = 12 busy
 * vCPUs, 8 instances at the 40% target against a floor of 3 with the pooled model (main), 13 with
 * per-function environments (i9-model: 30 environments plus 3 for each of the 7 idle functions):
 * the what-if applies the model's own target and minimums (lmi.targetCpu, lmi.minInstances,
 * lmi.minExecutionEnvironments when present), so the test holds with either model.
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
  const record = readValidRecord(out);
  return {
    lmi: record.cost!.scenarios.find((s) => s.name === 'lmi')!,
    model: record.platform.model!,
  };
}

/**
 * The what-if's instances by hand. Pooled model (lmi.minInstances only): ceil(12 / (4 × 0.4)) = 8.
 * Per-function model: notes-list wants ceil(12 / (1 vCPU × 0.4)) = 30 environments, every other
 * function of the model's routes keeps its minimum, 4 one-vCPU environments an instance.
 */
function expectedInstances(model: Record<string, unknown>): number {
  const min = (model['lmi.minExecutionEnvironments'] as { value: number } | undefined)?.value;
  if (min === undefined) return 8;
  const functions = new Set(
    Object.entries(model)
      .filter(([k]) => k.startsWith('routes.'))
      .map(([, v]) => (v as { value: { functionName: string } }).value.functionName),
  );
  return Math.ceil((30 + min * (functions.size - 1)) / 4);
}

describe('LMI what-if from an on-demand run agrees with a simulated LMI run', () => {
  it('is within 25% for a steady hour on one function', async () => {
    const { lmi: whatIf, model } = await lmiCost('on-demand');
    const { lmi: simulated } = await lmiCost('lmi');
    expect(whatIf.basis).toBe('estimated');
    expect(simulated.basis).toBe('observed');
    const instances = expectedInstances(model);
    expect(whatIf.note).toContain(` ${instances}.000 instance-hours of `);
    expect(Math.abs(whatIf.totalUsd / simulated.totalUsd - 1)).toBeLessThan(0.25);
    expect(Math.abs(whatIf.computeUsd! / simulated.computeUsd! - 1)).toBeLessThan(0.25);
  }, 120_000);
});
