/**
 * `run --connections N` against a real loopback server: exactly N connections reach the server
 * (opened before the start, never more, whatever the load), requests beyond them wait for a free
 * one and still complete; without the flag the same load opens more. Bad values exit 2 with
 * nothing sent. Needs `npm run build`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
/** TCP connections the server accepted (run's preflight probe included), and those that carried requests. */
let accepted = 0;
let carrying = new Set<unknown>();
let concurrent = 0;
let mostConcurrent = 0;
beforeEach(async () => {
  const reply = ok(50);
  server = await startTestServer((req, res, n) => {
    carrying.add(req.socket);
    concurrent++;
    mostConcurrent = Math.max(mostConcurrent, concurrent);
    res.on('finish', () => concurrent--);
    reply(req, res, n);
  });
  accepted = concurrent = mostConcurrent = 0;
  carrying = new Set();
  server.server.on('connection', () => accepted++);
});
afterEach(async () => {
  await server.close();
});

// 100 req/s for 1 s, each reply after 50 ms: about 5 in flight, 7 pre-opened by default.
const PROFILE = `
name: connections
load: { phases: [ { duration: 1s, rate: 100 } ] }
requests: [ { name: get, path: /things } ]
`;

const run = (out: string, ...flags: string[]) =>
  runCli(
    ['run', writeProfile(PROFILE), '--target', server.url, '--out', out, '--no-reports', ...flags],
    { timeoutMs: 60_000 },
  );

describe('run --connections', () => {
  it('opens exactly that many connections, never more, and every request completes', async () => {
    const out = tempDir();
    // 2 connections at 50 ms a reply carry 40 req/s: the other arrivals wait their turn.
    const r = await run(out, '--connections', '2', '--workers', '2');
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.totals.sent).toBe(100);
    expect(record.totals.ok).toBe(100);
    expect(record.environment.connections).toBe(2);
    expect(server.received()).toBe(100);
    expect(carrying.size).toBe(2);
    expect(accepted).toBe(3); // the 2, and run's check that the target accepts connections
    expect(mostConcurrent).toBeLessThanOrEqual(2);
    // The wait for a connection counts in the latency (from the planned send time).
    expect(record.latencyMs.overall?.max ?? 0).toBeGreaterThan(1000);
  });

  it('without it, the same load opens more connections', async () => {
    const out = tempDir();
    const r = await run(out, '--workers', '1');
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.totals.ok).toBe(100);
    expect(record.environment.connections).toBeUndefined(); // the pool grew as needed
    expect(carrying.size).toBeGreaterThan(2);
  });

  it('refuses fewer connections than workers, naming the flag, with nothing sent', async () => {
    const r = await run(tempDir(), '--connections', '1', '--workers', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--connections 1 is fewer than the 2 workers/);
    expect(server.received()).toBe(0);
  });

  it('refuses a value that is not a whole number above 0', async () => {
    const r = await run(tempDir(), '--connections', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--connections/);
    expect(server.received()).toBe(0);
  });
});
