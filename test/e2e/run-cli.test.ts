/**
 * End-to-end runs of the built CLI (`node bin/flashcrowd.js`) against real loopback servers:
 * exit codes for every failure class, files written, SIGINT handling.
 */
import { existsSync, readFileSync } from 'node:fs';
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

const profile = (rate: number, duration: string, gates = '[]') => `
name: e2e
load: { phases: [ { duration: ${duration}, rate: ${rate} } ] }
requests: [ { name: get, path: /things } ]
gates: ${gates}
`;

/** Resolves once the run has written its first timeline line (the traffic has started). */
async function afterFirstSecond(dir: string): Promise<void> {
  const path = join(dir, 'timeline.ndjson');
  for (let i = 0; i < 600; i++) {
    if (existsSync(path) && readFileSync(path, 'utf8').length > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('flashcrowd run', () => {
  it('runs a profile, writes the record, timeline and reports, and exits 0 when gates pass', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(profile(50, '2s', '["http.error_rate < 1%"]')),
      '--target',
      server.url,
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.status).toBe('completed');
    expect(record.totals.sent).toBe(100);
    expect(record.gates).toEqual([expect.objectContaining({ verdict: 'pass', observed: 0 })]);
    const lines = readFileSync(join(out, 'timeline.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const f of ['report.html', 'report.md', 'junit.xml'])
      expect(existsSync(join(out, f))).toBe(true);
    expect(r.stdout).toContain('get');
  });

  it('exits 1 when a gate fails, with the verdict and observed value in run.json', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(profile(20, '1s')),
      '--target',
      server.url,
      '--out',
      out,
      '--gate',
      'http.p50 < 0.0001ms',
      '--quiet',
    ]);
    expect(r.code).toBe(1);
    const [gate] = readValidRecord(out).gates;
    expect(gate.verdict).toBe('fail');
    expect(gate.observed).toBeGreaterThan(0);
    expect(gate.threshold).toBe(0.0001);
  });

  it('stops at a failing abortOnFail gate after its delay: status aborted, exit 1', async () => {
    const out = tempDir();
    const gates = "[ { expr: 'http.p50 < 0.0001ms', abortOnFail: true, delay: 1s } ]";
    const r = await runCli([
      'run',
      writeProfile(profile(50, '30s', gates)),
      '--target',
      server.url,
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(1);
    const record = readValidRecord(out);
    expect(record.status).toBe('aborted');
    expect(record.statusReason).toMatch(/abortOnFail/);
    expect(record.totals.sent).toBeLessThan(50 * 10);
    expect(record.gates[0].verdict).toBe('fail');
  });

  it('exits 3 with status failed and sends nothing when the target refuses connections', async () => {
    const closed = await startTestServer();
    const url = closed.url;
    await closed.close();
    const out = tempDir();
    const r = await runCli(['run', writeProfile(profile(20, '1s')), '--target', url, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/unreachable \(ECONNREFUSED\)/);
    const record = readValidRecord(out);
    expect(record.status).toBe('failed');
    expect(record.totals.sent).toBe(0);
    // CI reads JUnit files: a failing run-status testcase, not a missing file.
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain('name="run status"');
    expect(junit).toContain('failures="1"');
  });

  it('on SIGINT stops, writes an aborted record with everything so far, and exits 130', async () => {
    const out = tempDir();
    const r = await runCli(
      ['run', writeProfile(profile(50, '30s')), '--target', server.url, '--out', out, '--quiet'],
      {
        onStart: (child) =>
          void afterFirstSecond(out).then(() => setTimeout(() => child.kill('SIGINT'), 1000)),
      },
    );
    expect(r.code).toBe(130);
    const record = readValidRecord(out);
    expect(record.status).toBe('aborted');
    expect(record.totals.sent).toBeGreaterThan(50);
    expect(record.totals.sent).toBeLessThan(1500);
    expect(record.totals.completed).toBe(record.totals.sent);
    const lines = readFileSync(join(out, 'timeline.ndjson'), 'utf8').trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('Ctrl-C in a terminal (SIGINT to the whole process group) also spares the embedded target until the record is written', async () => {
    const out = tempDir();
    const notesProfile = profile(50, '30s').replace('/things', '/notes');
    const r = await runCli(
      ['run', writeProfile(notesProfile), '--out', out, '--quiet', '--no-reports'],
      {
        processGroup: true,
        onStart: (child) =>
          void afterFirstSecond(out).then(() =>
            setTimeout(() => process.kill(-child.pid!, 'SIGINT'), 1000),
          ),
      },
    );
    expect(r.stderr).not.toMatch(/embedded target has stopped/);
    expect(r.code).toBe(130);
    const record = readValidRecord(out);
    expect(record.status).toBe('aborted');
    expect(record.target.kind).toBe('embedded');
    expect(record.platform.series.length).toBeGreaterThan(0);
  });

  it('on SIGTERM behaves like the first Ctrl-C and exits 143', async () => {
    const out = tempDir();
    const r = await runCli(
      ['run', writeProfile(profile(50, '30s')), '--target', server.url, '--out', out, '--quiet'],
      {
        onStart: (child) => void afterFirstSecond(out).then(() => child.kill('SIGTERM')),
      },
    );
    expect(r.code).toBe(143);
    expect(readValidRecord(out).status).toBe('aborted');
  });
});

describe('bad input exits 2 and sends nothing', () => {
  const bad: Array<[string, string, RegExp]> = [
    [
      'YAML syntax error',
      'name: x\nload: { phases: [ { duration: 1s, rate: 5 }\n',
      /line \d+, column \d+/,
    ],
    ['negative rate', profile(-5, '1s'), /load\.phases\[0\]\.rate/],
    [
      'unknown key',
      profile(5, '1s').replace('requests:', 'requets: []\nrequests:'),
      /requets.*did you mean/i,
    ],
    [
      'missing duration',
      'name: x\nload: { phases: [ { rate: 5 } ] }\nrequests: [ { name: a, path: / } ]\n',
      /phases\[0\]/,
    ],
    [
      'empty request list',
      'name: x\nload: { phases: [ { duration: 1s, rate: 5 } ] }\nrequests: []\n',
      /requests/,
    ],
    [
      'bad template',
      profile(5, '1s').replace('/things', '"/things/{{nope 1 2 3}}"'),
      /requests\[0\]\.path/,
    ],
    ['bad gate expression', profile(5, '1s', '["http.p99 <> 3ms"]'), /gates\[0\]/],
    [
      'missing trace file',
      'name: x\nload: { phases: [ { trace: { file: nowhere.csv } } ] }\nrequests: [ { name: a, path: / } ]\n',
      /nowhere\.csv/,
    ],
  ];
  it.each(bad)('%s', async (_name, yaml, message) => {
    const before = server.received();
    const out = tempDir();
    const r = await runCli(['run', writeProfile(yaml), '--target', server.url, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(server.received()).toBe(before);
  });

  it('a bad --gate flag, an unknown option and a missing profile file exit 2', async () => {
    const p = writeProfile(profile(5, '1s'));
    expect(
      (await runCli(['run', p, '--target', server.url, '--gate', 'http.p99 < fast'])).code,
    ).toBe(2);
    expect((await runCli(['run', p, '--target', server.url, '--no-such-flag'])).code).toBe(2);
    const missing = await runCli(['run', join(tempDir(), 'missing.yaml'), '--target', server.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.yaml/);
    expect((await runCli(['run', p, '--target', 'ftp://x', '--workers', '0'])).code).toBe(2);
  });

  it('--function for a request the profile lacks, or a --seed past 2^53, exits 2 before sending', async () => {
    const before = server.received();
    const args = [
      'run',
      writeProfile(profile(5, '1s')),
      '--target',
      server.url,
      '--out',
      tempDir(),
    ];
    const fn = await runCli([...args, '--function', 'gett=notes-read']);
    expect(fn.code).toBe(2);
    expect(fn.stderr).toContain('--function gett=notes-read: no request is named "gett"');
    const seed = await runCli([...args, '--seed', '9007199254740993']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--seed must be a whole number from 0 to 9007199254740991');
    expect(server.received()).toBe(before);
  });

  it('a --gate naming a request the profile lacks exits 2 before sending, --allow-unknown or not', async () => {
    const before = server.received();
    const args = ['run', writeProfile(profile(5, '1s')), '--target', server.url, '--allow-unknown'];
    const r = await runCli([...args, '--gate', 'http.p99{request=gett} < 1s', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no request is named "gett" in "http.p99{request=gett} < 1s"');
    expect(server.received()).toBe(before);
  });
});

describe('flashcrowd plan', () => {
  it('prints the schedule without sending traffic', async () => {
    const before = server.received();
    const r = await runCli(['plan', writeProfile(profile(100, '10s')), '--workers', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1,000 requests/);
    expect(r.stdout).toMatch(/peak 100 req\/s/);
    expect(r.stdout).toMatch(/worker 1: 500 requests/);
    expect(server.received()).toBe(before);
  });
});
