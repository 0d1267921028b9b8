/**
 * Durable flow steps in the generator (issue 14, item 3) against a real loopback server that
 * speaks the two Lambda calls a durable step uses (Invoke with X-Amz-Durable-Execution-Arn in the
 * reply, GetDurableExecution), its executions scripted by function: `ok` succeeds on its 3rd
 * poll, `bad` fails on its 2nd, `stuck` never ends, and `quiet` is followed by `poll: cloudwatch`.
 * Each flow is: first -> the durable step (capturing the ARN from the start reply) -> after, which
 * carries the ARN. The server checks that `after` never comes before it answered that execution's
 * terminal status (unless its step timed out, or polls nothing). The durable record counts as for
 * requests of the mix, and a non-succeeded end marks the instance failed. Needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { profileFrom } from '../helpers/run-profile.js';
import { runGenerator } from './run-generator.js';

/** Polls after which each function's executions end, and with what; absent: never. */
const SCRIPT: Record<string, { polls: number; status: string } | undefined> = {
  ok: { polls: 3, status: 'SUCCEEDED' },
  bad: { polls: 2, status: 'FAILED' },
};

let server: TestServer;
const polls = new Map<string, number>();
const terminalAnswered = new Set<string>();
const seen = { starts: 0, polls: 0, after: 0, afterTooSoon: 0, afterWithoutArn: 0 };

beforeAll(async () => {
  let n = 0;
  server = await startTestServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const start = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    if (start && req.method === 'POST') {
      seen.starts++;
      const arn = `arn:aws:lambda:us-east-1:123456789012:function:${start[1]}:$LATEST/durable-execution/e${++n}/1`;
      return res.writeHead(202, { 'x-amz-durable-execution-arn': arn }).end();
    }
    const get = /^\/2025-12-01\/durable-executions\/(.+)$/.exec(url.pathname);
    if (get) {
      seen.polls++;
      const arn = decodeURIComponent(get[1]);
      const count = (polls.get(arn) ?? 0) + 1;
      polls.set(arn, count);
      const fn = /function:([^:]+):/.exec(arn)?.[1] ?? '';
      const script = SCRIPT[fn];
      const ended = script !== undefined && count >= script.polls;
      if (ended) terminalAnswered.add(arn);
      const body = {
        DurableExecutionArn: arn,
        Status: ended ? script.status : 'RUNNING',
        StartTimestamp: 1000,
        ...(ended ? { EndTimestamp: 1001.25 } : {}),
      };
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    if (url.pathname === '/after') {
      seen.after++;
      const arn = req.headers['x-arn'];
      const fn = typeof arn === 'string' ? /function:([^:]+):/.exec(arn)?.[1] : undefined;
      if (typeof arn !== 'string' || arn === '') seen.afterWithoutArn++;
      else if (SCRIPT[fn ?? ''] && !terminalAnswered.has(arn)) seen.afterTooSoon++;
      return res.writeHead(200).end('{}');
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
afterAll(async () => {
  await server.close();
});

const flow = (name: string, durable: string) => `
  - name: ${name}
    steps:
      - { name: first, path: /first }
      - name: start
        durable: ${durable}
        capture: { arn: { header: x-amz-durable-execution-arn } }
        think: 10ms
      - { name: after, path: /after, headers: { x-arn: '{{arn}}' } }`;

const PROFILE = `
load: { phases: [ { duration: 1s, rate: 24 } ] }
flows:${flow('good', '{ function: ok, poll: { every: 100ms, timeout: 1m } }')}
${flow('failing', '{ function: bad, poll: { every: 100ms, timeout: 1m } }')}
${flow('hanging', '{ function: stuck, poll: { every: 100ms, timeout: 500ms } }')}
${flow('metrics', '{ function: quiet, poll: cloudwatch }')}
`;

describe('durable flow steps in the generator', () => {
  it('wait for their execution before the next step; the outcome marks the instance', async () => {
    const { record } = await runGenerator(profileFrom(PROFILE), server.url);
    const flows = Object.fromEntries((record.flows ?? []).map((f) => [f.name, f]));
    const names = ['good', 'failing', 'hanging', 'metrics'];
    const iterations = names.map((n) => flows[n].iterations);
    expect(iterations.reduce((a, b) => a + b, 0)).toBe(24);
    for (const n of names) {
      const f = flows[n];
      expect(f).toMatchObject({ completed: f.iterations, abandoned: 0, interrupted: 0 });
      expect(f.failed).toBe(n === 'failing' || n === 'hanging' ? f.iterations : 0);
      expect(record.byRequest[`${n}.after`].sent).toBe(f.iterations);
      // Step 3 waited past the execution: at least the poll that saw it end (or the timeout).
      if (n === 'good' && f.iterations > 0) expect(f.durationMs?.p50).toBeGreaterThan(300);
      if (n === 'hanging' && f.iterations > 0) expect(f.durationMs?.p50).toBeGreaterThan(500);
    }
    expect(seen.after).toBe(24);
    expect(seen.afterTooSoon).toBe(0);
    expect(seen.afterWithoutArn).toBe(0); // the capture from the start reply reached step 3
    expect(seen.starts).toBe(24);

    const d = record.durable?.byRequest;
    if (!d) throw new Error('no durable section');
    const good = flows.good.iterations;
    const failing = flows.failing.iterations;
    expect(d['good.start']).toMatchObject({ started: good, startFailed: 0, running: 0 });
    expect(d['good.start'].byStatus).toEqual(good > 0 ? { SUCCEEDED: good } : {});
    expect(d['good.start'].polls).toBe(3 * good);
    expect(d['failing.start'].byStatus).toEqual(failing > 0 ? { FAILED: failing } : {});
    expect(d['failing.start'].polls).toBe(2 * failing);
    expect(d['hanging.start']).toMatchObject({
      started: flows.hanging.iterations,
      running: flows.hanging.iterations,
      byStatus: {},
    });
    expect(d['metrics.start']).toMatchObject({
      started: flows.metrics.iterations,
      polls: 0,
      running: 0,
    });
    // Every poll the server answered is counted, as for requests of the mix.
    const counted = Object.values(d).reduce((a, r) => a + r.polls, 0);
    expect(counted).toBe(seen.polls);
  }, 60_000);
});
