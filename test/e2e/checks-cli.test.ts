/**
 * Response checks end to end: a storm of 403s no longer passes. The built CLI against a real
 * loopback server that answers 403 to every GET; the profile expects 200 and gates on
 * checks.failure_rate, so the run exits 1 and run.json names the failed check and its count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.method === 'GET') res.writeHead(403, { 'content-type': 'application/json' }).end('{}');
    else res.writeHead(201, { location: '/notes/n7' }).end('{"id":"n7"}');
  });
});
afterAll(async () => {
  await server.close();
});

describe('response checks', () => {
  it('a 403 to every GET with expect status 200 fails checks.failure_rate < 1%: exit 1, the check named with its count', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(`
name: forbidden
load: { phases: [ { duration: 2s, rate: 20 } ] }
requests: [ { name: getNote, path: /notes/1, expect: { status: 200 } } ]
gates: [ "checks.failure_rate < 1%", "http.status{code=403} == 40", "http.4xx_rate == 1" ]
`),
      '--target',
      server.url,
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    const record = readValidRecord(out);
    expect(record.totals.sent).toBe(40);
    expect(record.totals.errors).toBe(0); // 403 is not an error: only the check catches it
    expect(record.checks).toEqual({
      passed: 0,
      failed: 40,
      byRequest: {
        getNote: { passed: 0, failed: 40, checks: [{ name: 'status 200', passed: 0, failed: 40 }] },
      },
    });
    expect(record.gates.map((g) => [g.verdict, g.observed])).toEqual([
      ['fail', 1],
      ['pass', 40],
      ['pass', 1],
    ]);
    expect(r.stdout).toContain('status 200');
  });

  it('passing checks of every kind pass the gate: exit 0', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(`
name: created
load: { phases: [ { duration: 1s, rate: 10 } ] }
requests:
  - name: create
    method: POST
    path: /notes
    json: { title: x }
    expect:
      status: [200, 201]
      header: { location: "/^\\\\/notes\\\\/n\\\\d+$/" }
      json: { "$.id": n7 }
      bodyContains: '"id"'
      within: 5s
gates: [ "checks.failure_rate == 0", "checks.failure_rate{request=create} == 0" ]
`),
      '--target',
      server.url,
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.checks?.byRequest.create.checks.map((c) => [c.name, c.passed, c.failed])).toEqual(
      [
        ['status 200|201', 10, 0],
        ['header location ~ /^\\/notes\\/n\\d+$/', 10, 0],
        ['json $.id == "n7"', 10, 0],
        ['body contains "\\"id\\""', 10, 0],
        ['within 5000ms', 10, 0],
      ],
    );
  });
});
