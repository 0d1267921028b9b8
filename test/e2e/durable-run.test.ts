/**
 * Durable workflows end to end (issue 14): the built CLI against the embedded target, which runs
 * the workflows of `model.durable` in real time. A run whose polling asks far more than the
 * account's 30 GetDurableExecution/s is warned of before it starts, records every execution's
 * terminal status (started = sum of terminal + running, exactly), and the embedded server never
 * saw more than 30 status polls in one wall-clock second. The shipped durable-orders profile
 * passes its gates in `run` and in `simulate`. Bad durable input exits 2, path named, nothing
 * sent (bad durable flow steps: test/e2e/durable-flow.test.ts). Needs `npm run build`. About 25 s of real time at <= 10 starts/s.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { repoRoot, runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

/** 10 starts/s, each polled every 100 ms: about 10 x 11 = 110 polls/s asked, 30/s allowed. */
const BUSY = `
name: durable-busy
load:
  phases:
    - { duration: 8s, rate: 10 }
requests:
  - name: order
    durable:
      function: wf
      payload: { id: '{{uuid}}' }
      poll: { every: 100ms, timeout: 1m }
model:
  onDemand: { coldStart: 50ms }
  durable:
    wf:
      steps:
        - { cpu: 10ms }
        - { wait: 1s }
        - { cpu: 10ms, service: 20ms }
`;

describe('durable run on the embedded target', () => {
  it('records every execution and keeps status polls under 30 a second', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(BUSY),
      '--out',
      out,
      '--seed',
      '5',
      '--no-reports',
      '--workers', // the budget is split over the workers
      '2',
    ]);
    expect(r.stderr).toMatch(
      /GetDurableExecution polls\/s at its peak .* above the account's 30\/s/,
    );
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    const d = rec.durable?.byRequest.order;
    if (!d || !rec.durable) throw new Error('no durable section');
    const ended = Object.values(d.byStatus).reduce((a, b) => a + b, 0);
    expect(rec.totals.sent).toBe(80);
    expect(d.started).toBe(rec.totals.ok);
    expect(d.started).toBe(80);
    expect(d.startFailed).toBe(0);
    expect(ended + d.running).toBe(d.started);
    expect(d.byStatus.SUCCEEDED).toBe(80);
    expect(d.running).toBe(0);
    // The server counted every poll the workers sent, and never more than 30 in one second.
    expect(rec.durable.pollBudgetPerSec).toBe(30);
    expect(rec.durable.server?.polls).toBe(d.polls);
    expect(rec.durable.server?.maxPollsInAnySecond).toBeLessThanOrEqual(30);
    expect(rec.durable.server?.maxPollsInAnySecond).toBeGreaterThan(20); // the budget was used
    // End-to-end duration: the model's own (1 s wait plus the steps), not the poll spacing.
    expect(d.durationMs?.p50).toBeGreaterThan(1000);
    expect(d.durationMs?.p99).toBeLessThan(1500);
    // Each execution is two invocations (the start and one replay).
    const invocations = rec.platform.series
      .filter((s) => s.name === 'lambda.invocations' && s.labels.function === 'wf')
      .reduce((sum, s) => sum + s.points.reduce((a, p) => a + p[1], 0), 0);
    expect(invocations).toBe(160);
  }, 120_000);

  it('profiles/durable-orders.yaml passes its gates in run and in simulate', async () => {
    const profile = join(repoRoot, 'profiles/durable-orders.yaml');
    for (const command of ['run', 'simulate']) {
      const out = tempDir();
      const r = await runCli([command, profile, '--out', out, '--quiet', '--seed', '3']);
      const rec = readValidRecord(out);
      expect(rec.gates.filter((g) => g.verdict !== 'pass')).toEqual([]);
      expect(r.code).toBe(0);
      const d = rec.durable?.byRequest.placeOrder;
      expect(d?.started).toBe(rec.totals.sent);
      expect(d?.byStatus.SUCCEEDED).toBe(d?.started);
      const ops = rec.cost?.scenarios[0].breakdown.durableOperationsUsd;
      expect(ops).toBeCloseTo(((d?.started ?? 0) * 5 * 8) / 1e6, 9); // 5 operations each, $8/1M
    }
  }, 120_000);
});

describe('bad durable input: exit 2, path named, nothing sent', () => {
  let server: Server;
  let target = '';
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const profileWith = (durable: string) => `
load: { phases: [ { duration: 2s, rate: 5 } ] }
requests:
  - name: order
    durable: ${durable}
`;

  it.each([
    ['no function', '{ poll: { every: 1s } }', /requests\[0\]\.durable\.function/],
    [
      'poll.every below 100 ms',
      '{ function: wf, poll: { every: 50ms } }',
      /requests\[0\]\.durable\.poll\.every: must be at least 100ms/,
    ],
    ['an unknown poll mode', '{ function: wf, poll: websocket }', /requests\[0\]\.durable\.poll/],
  ])('%s', async (_what, durable, message) => {
    const yaml = profileWith(durable);
    const r = await runCli(['run', writeProfile(yaml), '--target', target, '--no-reports']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(hits).toBe(0);
  });

  it('a durable function the embedded target does not model', async () => {
    const r = await runCli(['run', writeProfile(profileWith('{ function: nope }'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /requests\[0\]\.durable\.function: "nope" is not a modelled durable function/,
    );
  });
});
