/**
 * LMI environments per function, end to end: the shipped steady-state profile starts with at least
 * 3 execution environments for each of its 8 functions (AWS's MinExecutionEnvironments default),
 * so at least 6 instances; `lmi.functions` overrides one function's minimum.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/run-record.js';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { repoRoot, runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

function firstPoints(rec: RunRecord, name: string): Record<string, number> {
  return Object.fromEntries(
    rec.platform.series
      .filter((s) => s.name === name)
      .map((s) => [s.labels.function ?? s.labels.capacityProvider, s.points[0][1]]),
  );
}

describe('LMI environments per function', () => {
  it('steady-state starts with >= 3 environments for each of its 8 functions (>= 6 instances)', async () => {
    const out = tempDir();
    const r = await runCli([
      'simulate',
      join(repoRoot, 'profiles/steady-state.yaml'),
      '--duration',
      '20s',
      '--seed',
      '1',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    const envs = firstPoints(rec, 'lmi.execution_environments');
    expect(Object.keys(envs)).toHaveLength(8);
    for (const n of Object.values(envs)) expect(n).toBeGreaterThanOrEqual(3);
    expect(firstPoints(rec, 'lmi.instances')['notes-lmi']).toBeGreaterThanOrEqual(6);
    const model = rec.platform.model as Record<string, { value: unknown }>;
    expect(model['lmi.minExecutionEnvironments'].value).toBe(3);
    expect(model['lmi.maxExecutionEnvironments'].value).toBe(15_000);
  });

  it('takes per-function min/max from lmi.functions, and rejects an unknown function (exit 2)', async () => {
    const profile = (fn: string) => `
name: one
platform: lmi
load: { phases: [ { duration: 3s, rate: 5 } ] }
requests: [ { name: list, method: GET, path: /notes } ]
model: { lmi: { functions: { ${fn}: { minExecutionEnvironments: 10, maxExecutionEnvironments: 12 } } } }
`;
    const out = tempDir();
    const r = await runCli([
      'simulate',
      writeProfile(profile('notes-list')),
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(firstPoints(readValidRecord(out), 'lmi.execution_environments')['notes-list']).toBe(10);
    const bad = await runCli(['simulate', writeProfile(profile('notes-lst')), '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('model.lmi.functions.notes-lst');
  });
});
