/**
 * The built CLI with its lazily loaded parts: `run --help` (nothing of the command body loads),
 * `run` with and without an `aws` block (the AWS SDK loads only for signing or AWS collection),
 * against a loopback server and the embedded target, and FLASHCROWD_STARTUP_PROBE's report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(1));
});
afterAll(async () => {
  await server.close();
});

const profile = (extra = '') => `
name: lazy
load: { phases: [ { duration: 1s, rate: 40 } ] }
requests: [ { name: get, path: /things } ]
${extra}
`;

interface Probe {
  marks: { name: string; wallMs: number; cpuMs: number }[];
  firstArrival: { cpuMs: number; targetCpuMs: number; totalCpuMs: number };
  traffic: unknown[];
}

describe('run with lazily loaded parts', () => {
  it('run --help prints the options and exits 0', async () => {
    const r = await runCli(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--target <url>');
    expect(r.stdout).toContain('--no-reports');
  });

  it('runs a profile without an aws block and writes the reports (loaded after the traffic)', async () => {
    const out = tempDir();
    const r = await runCli(['run', writeProfile(profile()), '--target', server.url, '--out', out]);
    expect(r.code).toBe(0);
    expect(readValidRecord(out).totals.sent).toBe(40);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('lazy');
    expect(r.stdout).toContain('Sent 40 requests');
  });

  it('runs a profile with an aws block and --collect none (no AWS call, no SDK needed)', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(profile('aws: { region: us-east-1, functions: { get: notes-get } }')),
      '--target',
      server.url,
      '--collect',
      'none',
      '--no-reports',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.totals.sent).toBe(40);
    expect(record.profile.aws).toEqual({ region: 'us-east-1', functions: { get: 'notes-get' } });
  });

  it('FLASHCROWD_STARTUP_PROBE writes the marks and the CPU at the first arrival (loopback)', async () => {
    const out = tempDir();
    const file = join(tempDir(), 'probe.json');
    const r = await runCli(
      ['run', writeProfile(profile()), '--target', server.url, '--quiet', '--out', out],
      { env: { FLASHCROWD_STARTUP_PROBE: file } },
    );
    expect(r.code).toBe(0);
    const probe = JSON.parse(readFileSync(file, 'utf8')) as Probe;
    expect(probe.marks.map((m) => m.name)).toEqual([
      'command-loaded',
      'setup-resolved',
      'signing-resolved',
      'preflight-done',
      'workers-ready',
    ]);
    expect(probe.firstArrival.targetCpuMs).toBe(0);
    expect(probe.firstArrival.cpuMs).toBeGreaterThan(0);
    expect(probe.firstArrival.totalCpuMs).toBe(probe.firstArrival.cpuMs);
    expect(readValidRecord(out).totals.sent).toBe(40);
  });

  it('FLASHCROWD_STARTUP_PROBE counts the embedded target child when there is no --target', async () => {
    const out = tempDir();
    const file = join(tempDir(), 'probe.json');
    const r = await runCli(
      ['run', writeProfile(profile()), '--collect', 'none', '--no-reports', '--out', out],
      { env: { FLASHCROWD_STARTUP_PROBE: file } },
    );
    expect(r.code).toBe(0);
    const probe = JSON.parse(readFileSync(file, 'utf8')) as Probe;
    expect(probe.marks.map((m) => m.name)).toContain('target-started');
    expect(probe.firstArrival.targetCpuMs).toBeGreaterThan(0);
    expect(probe.firstArrival.totalCpuMs).toBeCloseTo(
      probe.firstArrival.cpuMs + probe.firstArrival.targetCpuMs,
      0,
    );
    expect(readValidRecord(out).target.kind).toBe('embedded');
  });

  it('bad model parameters for the embedded target still exit 2 naming model.* (checked in the host)', async () => {
    const r = await runCli([
      'run',
      writeProfile(profile('model: { lmi: { targetCpu: 7 } }')),
      '--platform',
      'lmi',
      '--out',
      tempDir(),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('model.lmi.targetCpu');
  });
});
