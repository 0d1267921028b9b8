/**
 * The model flags end to end: `--architecture` reaches the model (run.json `platform.model`), a bad
 * value or an instance type of the other architecture exits 2, and `run` against a real target
 * refuses every flag of the embedded target's model (accepted and ignored before, bad values too),
 * as it refuses `--collect` modes it cannot serve and a `--settle` it would not use: exit 2 before
 * anything is sent or written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

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

describe('run against a real target', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());

  it.each([
    [['--platform', 'lmi'], '--platform sets'],
    [['--model', 'nosuch.yaml'], '--model sets'],
    [['--instance-type', 'm7g.xlarge'], '--instance-type sets'],
    [['--target-cpu', '7'], '--target-cpu sets'],
    [['--account-concurrency', '10'], '--account-concurrency sets'],
    [['--min-instances', '2', '--max-instances', '3'], '--min-instances, --max-instances set'],
    [['--collect', 'model'], '--collect model reads the embedded target'],
    [['--collect', 'aws'], '--collect aws: the profile names no AWS resources'],
    [
      ['--settle', '30s'],
      '--settle waits for late CloudWatch data, but this run collects none (the profile names no AWS resources)',
    ],
    [['--settle', '30s', '--collect', 'none'], 'collects none (--collect none)'],
  ])('%j exits 2, sends nothing and claims no folder', async (flags, message) => {
    const out = join(tempDir(), 'run');
    const r = await runCli([
      'run',
      writeProfile(profile),
      '--target',
      server.url,
      '--out',
      out,
      '--quiet',
      ...flags,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(server.received()).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('--settle on the embedded target exits 2 before it starts', async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['run', writeProfile(profile), '--settle', '1m', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the embedded target is read from its model): drop --settle');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--collect', 'aws'], 'but the run uses the embedded target'],
    [['--collect', 'aws', '--function', 'list=notes-list'], 'but the run uses the embedded target'],
    [['--function', 'list=notes-list'], '--function maps requests to Lambda functions'],
  ])('%j on the embedded target exits 2 before it starts', async (flags, message) => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['run', writeProfile(profile), '--out', out, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it("warns that the profile's model block is not used against a real target", async () => {
    const out = tempDir();
    const withModel = `${profile}model: { architecture: arm64 }\n`;
    const r = await runCli(['run', writeProfile(withModel), '--target', server.url, '--out', out]);
    expect(r.code).toBe(0);
    const warning = `the profile's model: block sets the embedded target and simulate; against ${server.url} it is not used`;
    expect(r.stderr).toContain(warning);
    expect(readValidRecord(out).warnings.join('\n')).toContain(warning);
  });

  it('--function with --collect none exits 2; with AWS collection it is kept in the record for collect', async () => {
    const none = await runCli([
      'run',
      writeProfile(profile),
      '--target',
      server.url,
      '--collect',
      'none',
      '--function',
      'list=notes-list',
      '--out',
      join(tempDir(), 'run'),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'collects nothing from AWS (--collect none): drop --function list=notes-list',
    );
    // auto: AWS is unreachable here, so collection is skipped with a warning; the run goes on
    const out = tempDir();
    const r = await runCli(
      [
        'run',
        writeProfile(profile),
        '--target',
        server.url,
        '--function',
        'list=notes-list',
        '--out',
        out,
        '--quiet',
      ],
      {
        env: {
          AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'y',
        },
      },
    );
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect((record.profile.aws as { functions: Record<string, string> }).functions).toEqual({
      list: 'notes-list',
    });
  });
});
