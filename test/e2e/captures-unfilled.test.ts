// Issue 11 item 8: a capture path that never matches left its dependent request unsent all run
// with no warning. Now: a warning during the run, one in the summary and record, and the gate
// metric captures.unfilled. Runs the built CLI against a loopback server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(0, '{"id":"n1"}'));
});
afterAll(async () => {
  await server.close();
});

const profile = (path: string) => `
name: captures
load: { phases: [ { duration: 2s, rate: 20 } ] }
requests:
  - { name: create, method: POST, path: /notes, capture: { noteId: "${path}" } }
  - { name: read, weight: 3, path: "/notes/{{noteId}}" }
gates: [ "captures.unfilled == 0" ]
`;

describe('captures.unfilled', () => {
  it('a path that never matches is warned of during the run and in the summary, and fails the gate', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(profile('$.noteId')),
      '--target',
      server.url,
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'warning: capture noteId ($.noteId on create) matched none of 10 2xx replies',
    );
    const record = readValidRecord(out);
    expect(record.byRequest.read.sent).toBe(0);
    expect(record.captures).toEqual({ noteId: { matched: 0, missed: 40 } });
    expect(record.gates).toEqual([expect.objectContaining({ verdict: 'fail', observed: 1 })]);
    expect(record.warnings).toContainEqual(
      expect.stringContaining(
        'capture noteId ($.noteId on create) never matched (40 2xx replies missed)',
      ),
    );
    // The one-screen summary (issue 12) shows the first warning, clipped, and the failing gate.
    expect(r.stdout).toContain('warnings: capture noteId ($.noteId on create)');
    expect(r.stdout).toContain('captures.unfilled == 0');
  });

  it('a path that matches fills: captures.unfilled is 0', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(profile('$.id')),
      '--target',
      server.url,
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.captures?.noteId.missed).toBe(0);
    expect(record.captures?.noteId.matched).toBeGreaterThan(0);
    expect(record.gates[0]).toMatchObject({ verdict: 'pass', observed: 0 });
  });
});
