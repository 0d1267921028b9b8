/**
 * The drain after the schedule, against a real server that never answers: `--grace` is a
 * wall-clock bound (also when Ctrl-C comes during the schedule's own drain), what is still in
 * flight then is recorded as `aborted`, and a second Ctrl-C during the drain first flushes the
 * last seconds to timeline.ndjson. Needs `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
