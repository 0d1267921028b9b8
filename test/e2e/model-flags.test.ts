/**
 * The model flags end to end: `--architecture` reaches the model (run.json `platform.model`), a bad
 * value or an instance type of the other architecture exits 2, and `run --target` refuses it.
 */
import { describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const profile = `
name: tiny
load: { phases: [ { duration: 2s, rate: 5 } ] }
requests: [ { name: list, method: GET, path: /notes } ]
`;

describe('--architecture', () => {
  it('is recorded in platform.model with the default instance type of that architecture', async () => {
    const out = tempDir();
    const r = await runCli(['simulate', writeProfile(profile), '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const def = readValidRecord(out).platform.model as Record<string, { value: unknown }>;
    expect([def.architecture.value, def['lmi.instanceType'].value]).toEqual([
      'x86_64',
      'm7i.xlarge',
    ]);
    const armOut = tempDir();
    const arm = await runCli([
      'simulate',
      writeProfile(profile),
      '--architecture',
      'arm64',
      '--out',
      armOut,
      '--quiet',
    ]);
    expect(arm.code).toBe(0);
    const m = readValidRecord(armOut).platform.model as Record<
      string,
      { value: unknown; source: string }
    >;
    expect(m.architecture).toEqual({ value: 'arm64', source: 'command line' });
    expect(m['lmi.instanceType'].value).toBe('m7g.xlarge');
  });

  it('exits 2 for a bad value and for an instance type of the other architecture', async () => {
    const bad = await runCli(['simulate', writeProfile(profile), '--architecture', 'sparc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--architecture');
    const mismatch = await runCli([
      'simulate',
      writeProfile(profile),
      '--instance-type',
      'm7g.xlarge',
      '--quiet',
    ]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('m7g.xlarge is arm64');
  });

  it('is refused by run against --target (the collector reads real functions)', async () => {
    const r = await runCli([
      'run',
      writeProfile(profile),
      '--target',
      'http://127.0.0.1:9',
      '--architecture',
      'arm64',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--architecture');
  });
});
