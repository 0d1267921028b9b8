/**
 * The drain after the schedule, against a real server that never answers: `--grace` is a
 * wall-clock bound (also when Ctrl-C comes during the schedule's own drain), what is still in
 * flight then is recorded as `aborted`, and a second Ctrl-C during the drain first flushes the
 * last seconds to timeline.ndjson. Needs `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(() => {}); // reads each request, never replies
});
afterAll(async () => {
  await server.close();
});

const profile = () =>
  writeProfile(`
name: drain
load: { phases: [ { duration: 1s, rate: 20 } ] }
requests: [ { name: get, path: /hang } ]
`);

/** Resolves once the server has received `n` more requests than `from`. */
async function received(from: number, n: number): Promise<void> {
  for (let i = 0; i < 300 && server.received() < from + n; i++)
    await new Promise((r) => setTimeout(r, 50));
}

const timelineOf = (dir: string) =>
  readFileSync(join(dir, 'timeline.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { second: number; sent: number; aborted?: number });

const args = (out: string, ...more: string[]) => [
  'run',
  profile(),
  '--target',
  server.url,
  '--out',
  out,
  '--quiet',
  '--no-reports',
  ...more,
];

describe('the drain', () => {
  it('ends at the schedule end + --grace; what is still in flight is recorded as aborted', async () => {
    const out = tempDir();
    const from = server.received();
    let sentAllAt = 0;
    const gates = [
      'http.error_rate < 1%',
      'http.aborted{request=get} == 20',
      'http.aborted_rate < 1%',
    ];
    const r = await runCli(
      args(out, '--timeout', '20s', '--grace', '2s', ...gates.flatMap((g) => ['--gate', g])),
      { onStart: () => void received(from, 20).then(() => (sentAllAt = Date.now())) },
    );
    const doneAt = Date.now();
    // No reply at all and no error: a run that tested nothing fails every gate, whatever its
    // metric says (the error rate is 0, and 20 aborted is what the second gate asks).
    expect(r.code).toBe(1);
    expect(doneAt - sentAllAt).toBeLessThan(2000 + 3000);
    const record = readValidRecord(out);
    expect(record.status).toBe('completed');
    expect(record.totals).toMatchObject({ sent: 20, completed: 0, errors: 0, aborted: 20 });
    expect(record.totals.byError).toEqual({});
    expect(record.gates.map((g) => [g.verdict, g.observed])).toEqual([
      ['fail', 0],
      ['fail', 20],
      ['fail', 1],
    ]);
    expect(record.gates[0].note).toBe(
      'none of the 20 requests sent got a reply, so the run tested nothing',
    );
    expect(timelineOf(out)).toEqual([
      expect.objectContaining({ second: 0, sent: 20, aborted: 20 }),
    ]);
  });

  it('Ctrl-C during the drain ends it --grace later, not when the 20 s timeouts expire', async () => {
    const out = tempDir();
    const from = server.received();
    let signalledAt = 0;
    const r = await runCli(args(out, '--timeout', '20s', '--grace', '1s'), {
      onStart: (child) =>
        void received(from, 20).then(() =>
          setTimeout(() => {
            signalledAt = Date.now();
            child.kill('SIGINT');
          }, 200),
        ),
    });
    const doneAt = Date.now();
    expect(r.code).toBe(130);
    expect(signalledAt).toBeGreaterThan(0);
    expect(doneAt - signalledAt).toBeLessThan(1000 + 3000);
    const record = readValidRecord(out);
    expect(record.status).toBe('aborted');
    expect(record.totals).toMatchObject({ sent: 20, completed: 0, errors: 0, aborted: 20 });
  });

  it('a second Ctrl-C during the drain flushes the seconds so far to timeline.ndjson, then exits', async () => {
    const out = tempDir();
    const from = server.received();
    let secondAt = 0;
    const r = await runCli(args(out, '--timeout', '60s', '--grace', '60s'), {
      onStart: (child) =>
        void received(from, 20).then(() => {
          child.kill('SIGINT');
          setTimeout(() => {
            secondAt = Date.now();
            child.kill('SIGINT');
          }, 500);
        }),
    });
    const doneAt = Date.now();
    expect(r.code).toBe(130);
    expect(doneAt - secondAt).toBeLessThan(3000);
    const lines = timelineOf(out);
    expect(lines).toEqual([expect.objectContaining({ second: 0, sent: 20, aborted: 20 })]);
    const record = readValidRecord(out);
    expect(record.status).toBe('aborted');
    expect(record.totals).toMatchObject({ sent: 20, aborted: 20 });
    expect(record.timeline).toHaveLength(1);
  });
});

// A fail-fast gate stopped the run; its verdict is final. A signal during the drain that follows
// (a CI job cancelled, a user's Ctrl-C) must not turn that failure into "interrupted" (130): the
// exit code stays 1 and run.json and junit.xml say the gate stopped it.
describe('a signal during the drain after an abortOnFail gate stopped the run', () => {
  // Every request gets a 500 after 2.5 s: the error-rate gate fails once second 0 is merged
  // (about 3.5 s in), and the drain then waits on the requests still in flight.
  let half: TestServer;
  beforeEach(async () => {
    half = await startTestServer(
      (_req, res) => void setTimeout(() => res.writeHead(500).end(), 2500),
    );
  });
  afterEach(async () => {
    await half.close();
  });

  const gated = () =>
    writeProfile(`
name: gated-drain
load: { phases: [ { duration: 30s, rate: 20 } ] }
requests: [ { name: get, path: /slow-500 } ]
gates: [ { expr: 'http.error_rate < 1%', abortOnFail: true, delay: 1s } ]
`);

  /** Runs the profile and sends `signals` (one each 300 ms) once the gate has stopped the run. */
  const runSignalled = (out: string, signals: NodeJS.Signals[]) =>
    runCli(
      ['run', gated(), '--target', half.url, '--out', out, '--timeout', '20s', '--grace', '1500ms'],
      {
        onStart: (child) => {
          let err = '';
          child.stderr?.on('data', (d: Buffer) => {
            if (err.includes('gate failed with abortOnFail')) return;
            err += d.toString();
            if (!err.includes('gate failed with abortOnFail')) return;
            signals.forEach((s, i) => setTimeout(() => child.kill(s), 300 * (i + 1)));
          });
        },
      },
    );

  it.each([['SIGINT'], ['SIGTERM']] as const)(
    'one %s: the drain goes on, exit 1, recorded as aborted by the gate',
    async (signal) => {
      const out = tempDir();
      const r = await runSignalled(out, [signal]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`${signal}: the run is already stopping`);
      const record = readValidRecord(out);
      expect(record.status).toBe('aborted');
      expect(record.statusReason).toBe('gate failed with abortOnFail: http.error_rate < 1%');
      expect(record.gates[0]).toMatchObject({ expr: 'http.error_rate < 1%', verdict: 'fail' });
      expect(record.totals.aborted).toBeGreaterThan(0);
      const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
      expect(junit).toContain('the run is aborted: gate failed with abortOnFail: http.error_rate');
      expect(junit).not.toContain('interrupted');
    },
  );

  it('a second SIGINT ends the drain at once, still exit 1 with the gate as the reason', async () => {
    const out = tempDir();
    const r = await runSignalled(out, ['SIGINT', 'SIGINT']);
    expect(r.code, r.stderr).toBe(1);
    const record = readValidRecord(out);
    expect(record.status).toBe('aborted');
    expect(record.statusReason).toBe(
      'gate failed with abortOnFail: http.error_rate < 1%; SIGINT twice: exited at once',
    );
  });
});
