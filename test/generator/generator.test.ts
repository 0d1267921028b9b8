/**
 * The generator against real node:http servers on loopback: exact counts, latency from the planned
 * send time, drops at the in-flight cap, and every kind of failure counted as a result.
 * Needs `npm run build` first (worker threads run dist/generator/worker.js).
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runRecordSchema } from '../../src/record/run-record.js';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { profileFrom } from '../helpers/run-profile.js';
import { runGenerator } from './run-generator.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const constant = (rate: number, duration: string, extra = '') =>
  profileFrom(`
name: t
load:
  phases: [{ duration: ${duration}, rate: ${rate} }]
  ${extra}
requests: [{ name: ping, path: /ping }]
`);

describe('generator against a real server', () => {
  it('sends exactly 5,000 requests for 10 s at 500 req/s, in 10 timeline entries adding up to the totals', async () => {
    server = await startTestServer(ok(2));
    const { record, streamed } = await runGenerator(constant(500, '10s'), server.url);
    expect(Math.abs(record.totals.sent - 5000)).toBeLessThanOrEqual(1);
    expect(record.totals.ok).toBe(record.totals.sent);
    expect(record.totals.dropped).toBe(0);
    expect(server.received()).toBe(record.totals.sent);
    expect(record.timeline).toHaveLength(10);
    expect(streamed).toHaveLength(10);
    const sum = (k: 'sent' | 'ok' | 'completed') => record.timeline.reduce((s, e) => s + e[k], 0);
    expect(sum('sent')).toBe(record.totals.sent);
    expect(sum('ok')).toBe(record.totals.ok);
    expect(sum('completed')).toBe(record.totals.completed);
    for (const e of record.timeline) expect(Math.abs(e.sent - 500)).toBeLessThanOrEqual(1);
    expect(() => runRecordSchema.parse(record)).not.toThrow();
  });

  it('shows a 2 s server stall in p99, because latency counts from the planned send time', async () => {
    // The stall starts 1.5 s after the first request (not after the test's start, so a slow
    // generator start-up on a busy machine cannot shift it out of the schedule).
    let stallFrom = Infinity;
    server = await startTestServer((_req, res) => {
      const now = Date.now();
      if (stallFrom === Infinity) stallFrom = now + 1500;
      // Everything that arrives during [stallFrom, stallFrom + 2 s) waits until the stall ends.
      const wait = now >= stallFrom && now < stallFrom + 2000 ? stallFrom + 2000 - now : 0;
      setTimeout(() => res.end('ok'), wait);
    });
    const { record } = await runGenerator(constant(100, '5s'), server.url);
    expect(record.totals.ok).toBe(500);
    expect(record.latencyMs.overall!.p99).toBeGreaterThanOrEqual(1500);
    expect(record.latencyMs.overall!.max).toBeGreaterThanOrEqual(1800);
  });

  it('drops and counts arrivals past maxInFlight, and later arrivals still go out on schedule', async () => {
    server = await startTestServer((_req, res, n) =>
      setTimeout(() => res.end('ok'), n <= 20 ? 1500 : 1),
    );
    const profile = constant(100, '3s', 'maxInFlight: 20');
    const { record, warnings } = await runGenerator(profile, server.url, { workers: 1 });
    expect(record.totals.planned).toBe(300);
    expect(record.totals.dropped).toBeGreaterThan(100);
    expect(record.totals.sent + record.totals.dropped).toBe(300);
    expect(warnings.some((w) => w.includes('maxInFlight'))).toBe(true);
    // The last second, after the slow replies, is sent in full and on time.
    const last = record.timeline[2];
    expect(last.dropped).toBe(0);
    expect(last.sent).toBe(100);
    expect(record.latenessMs!.p99).toBeLessThan(50);
  });
});

describe('failures are results, and the run completes with a whole record', () => {
  it('counts connection refused', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const { record } = await runGenerator(constant(50, '1s'), `http://127.0.0.1:${port}`);
    expect(record.totals.sent).toBe(50);
    expect(record.totals.byError.ECONNREFUSED).toBe(50);
    expect(record.totals.errors).toBe(50);
  });

  it('counts connection resets', async () => {
    server = await startTestServer((req) => req.socket.destroy());
    const { record } = await runGenerator(constant(50, '1s'), server.url);
    expect(record.totals.completed).toBe(50);
    expect(record.totals.errors).toBe(50);
    expect(record.totals.byError.ECONNRESET).toBe(50);
  });

  it('counts timeouts', async () => {
    server = await startTestServer(() => {}); // never replies
    const { record } = await runGenerator(constant(20, '1s'), server.url, { timeoutMs: 500 });
    expect(record.totals.byError.ETIMEDOUT).toBe(20);
    expect(record.latencyMs.overall!.p50).toBeGreaterThanOrEqual(500);
  });

  it('counts non-JSON and garbage replies', async () => {
    server = await startTestServer((req, res, n) => {
      if (n % 2 === 0) res.end('<html>not json</html>');
      else req.socket.end('this is not HTTP at all\r\n\r\n');
    });
    const { record } = await runGenerator(constant(40, '1s'), server.url);
    expect(record.totals.completed).toBe(40);
    expect(record.totals.ok + record.totals.errors).toBe(40);
    expect(record.totals.ok).toBeGreaterThan(0);
    expect(record.totals.errors).toBeGreaterThan(0);
  });

  it('reads 5 MB replies to the end', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'x');
    server = await startTestServer((_req, res) => res.end(big));
    const { record } = await runGenerator(constant(5, '1s'), server.url);
    expect(record.totals.ok).toBe(5);
    expect(record.totals.bytesReceived).toBe(5 * big.length);
  });

  it('counts 4xx by status without calling them errors, and 429 as throttled', async () => {
    server = await startTestServer((_req, res, n) => res.writeHead(n % 2 ? 404 : 429).end());
    const { record } = await runGenerator(constant(20, '1s'), server.url, { workers: 1 });
    expect(record.totals.byStatus['404']).toBe(10);
    expect(record.totals.throttled).toBe(10);
    expect(record.totals.errors).toBe(0);
  });
});

describe('request mix, captures and the closed model', () => {
  it('captures ids from replies, runs the producer while the pool is empty, and uses captured ids in paths', async () => {
    const paths: string[] = [];
    let next = 0;
    server = await startTestServer((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      if (req.method === 'POST') res.writeHead(201).end(JSON.stringify({ id: `note-${++next}` }));
      else res.end('{}');
    });
    const profile = profileFrom(`
name: capture
load: { phases: [ { duration: 2s, rate: 50 } ] }
requests:
  - { name: create, weight: 1, method: POST, path: /notes, json: { title: "{{words 2}}" }, capture: { noteId: $.id } }
  - { name: read, weight: 3, method: GET, path: "/notes/{{noteId}}" }
`);
    const { record } = await runGenerator(profile, server.url, { workers: 1 });
    expect(record.totals.sent).toBe(100);
    // The very first arrival can only be the producer: no id exists yet.
    expect(paths[0]).toBe('POST /notes');
    const reads = paths.filter((p) => p.startsWith('GET'));
    expect(reads.length).toBe(record.byRequest.read.sent);
    expect(reads.length).toBeGreaterThan(40);
    for (const p of reads) expect(p).toMatch(/^GET \/notes\/note-\d+$/);
  });

  it('closed model: users send, wait for the reply, and send again until the phase ends', async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    server = await startTestServer((_req, res) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      setTimeout(() => {
        concurrent--;
        res.end('ok');
      }, 20);
    });
    const profile = profileFrom(`
name: closed
load: { model: closed, phases: [ { duration: 2s, users: 4 } ] }
requests: [ { name: get, path: / } ]
`);
    const { record } = await runGenerator(profile, server.url, { workers: 2 });
    expect(maxConcurrent).toBeLessThanOrEqual(4);
    expect(record.totals.completed).toBe(record.totals.sent);
    // 4 users at about 20 ms a request for 2 s: a few hundred, never more than 4 × 2000 / 20.
    expect(record.totals.sent).toBeGreaterThan(50);
    expect(record.totals.sent).toBeLessThanOrEqual(400);
    expect(record.timeline).toHaveLength(2);
  });
});
