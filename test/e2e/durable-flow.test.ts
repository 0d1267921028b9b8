/**
 * Durable flow steps and durable requests under a `lambda:` target end to end (issue 14, item 3):
 * the built CLI against the embedded notes server in this process (on 127.0.0.1; the model runs
 * the order workflow in real time). A flow create -> order (durable, its ARN captured from the
 * start reply) -> read: every read arrives after its instance's execution ended (the server's
 * model is asked when the read comes in), the durable record counts every execution, the server
 * never answered more than 30 status polls in a second, and `simulate` of the same profile counts
 * alike. Under `--target lambda:FUNCTION` (AWS_ENDPOINT_URL at the server, nothing reaches AWS)
 * the start and every poll are signed SigV4 Lambda calls. Bad input exits 2, path named, nothing
 * sent. Needs `npm run build`. About 20 s of real time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformModel, type PlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createNotesServer, type NotesServer } from '../../src/notes-api/notes-server.js';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const clock = () => performance.timeOrigin + performance.now();

const MODEL_YAML = `
model:
  onDemand: { coldStart: 50ms }
  durable:
    order-workflow:
      steps:
        - { cpu: 10ms, service: 20ms }
        - { wait: 1s }
        - { cpu: 10ms, service: 20ms }
`;
const MODEL = {
  onDemand: { coldStart: '50ms' },
  durable: {
    'order-workflow': {
      steps: [{ cpu: '10ms', service: '20ms' }, { wait: '1s' }, { cpu: '10ms', service: '20ms' }],
    },
  },
};

/** 4 instances/s for 5 s, each polled every 100 ms for about 1.1 s: ~44 polls/s asked, 30 allowed. */
const FLOW = `name: flow-durable
load:
  phases:
    - { duration: 5s, rate: 4 }
flows:
  - name: checkout
    steps:
      - name: create
        method: POST
        path: /notes
        json: { title: '{{words 3}}', body: '{{text 50}}' }
        capture: { noteId: $.id }
        expect: { status: 201 }
      - name: order
        durable:
          function: order-workflow
          payload: { note: '{{noteId}}' }
          poll: { every: 100ms, timeout: 1m }
        capture: { arn: { header: x-amz-durable-execution-arn } }
        think: 50ms
      - name: read
        path: '/notes/{{noteId}}'
        headers: { x-order-arn: '{{arn}}' }
        expect: { status: 200 }
gates:
  - durable.success_rate == 100%
  - durable.running == 0
${MODEL_YAML}`;

let model: PlatformModel;
let server: NotesServer;
let target = '';
const seen = {
  reads: 0,
  readsWhileRunning: 0,
  readsWithoutArn: 0,
  starts: 0,
  polls: 0,
  unsigned: 0,
};

beforeAll(async () => {
  model = createPlatformModel(parseModelParams(MODEL), { startMs: clock(), random: Math.random });
  server = createNotesServer(model, clock);
  server.server.on('request', (req: { headers: Record<string, unknown>; url?: string }) => {
    const path = (req.url ?? '').split('?')[0];
    const auth = req.headers.authorization;
    const signed = typeof auth === 'string' && auth.startsWith('AWS4-HMAC-SHA256 ');
    if (path === '/2015-03-31/functions/order-workflow/invocations') {
      seen.starts++;
      if (!signed) seen.unsigned++;
    } else if (path.startsWith('/2025-12-01/durable-executions/')) {
      seen.polls++;
      if (!signed) seen.unsigned++;
    } else if (/^\/notes\/[^/]+$/.test(path)) {
      seen.reads++;
      const arn = req.headers['x-order-arn'];
      if (typeof arn !== 'string' || arn === '') seen.readsWithoutArn++;
      else if (model.durableExecution(arn, clock())?.status === 'RUNNING') seen.readsWhileRunning++;
    }
  });
  target = await server.listen(0);
});
afterAll(async () => {
  await server.close();
});

const reset = () => {
  for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k] = 0;
};

describe('a flow with a durable step', () => {
  it('run: every read comes after its execution ended; polls stay under 30 a second', async () => {
    reset();
    const out = tempDir();
    const r = await runCli([
      'run',
      writeProfile(FLOW),
      '--target',
      target,
      '--out',
      out,
      '--seed',
      '5',
      '--no-reports',
      '--workers',
      '2',
    ]);
    expect(r.stderr).toMatch(/GetDurableExecution polls\/s at its peak \(checkout\.order: /);
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    expect(rec.totals.sent).toBe(60);
    for (const step of ['create', 'order', 'read'])
      expect(rec.byRequest[`checkout.${step}`].sent).toBe(20);
    expect(rec.flows?.[0]).toMatchObject({ iterations: 20, completed: 20, failed: 0 });
    const d = rec.durable?.byRequest['checkout.order'];
    expect(d).toMatchObject({ started: 20, startFailed: 0, byStatus: { SUCCEEDED: 20 } });
    expect(d?.running).toBe(0);
    // The server saw every read after its execution's end, each with the ARN of the start reply.
    expect(seen.reads).toBe(20);
    expect(seen.readsWhileRunning).toBe(0);
    expect(seen.readsWithoutArn).toBe(0);
    expect(seen.starts).toBe(20);
    expect(d?.polls).toBe(seen.polls);
    expect(server.durablePolls().total).toBe(seen.polls);
    expect(server.durablePolls().maxInAnySecond).toBeLessThanOrEqual(30);
    // An instance lasts at least its workflow (the 1 s wait), which the step waited for.
    expect(rec.flows?.[0].durationMs?.p50).toBeGreaterThan(1000);
    expect(d?.durationMs?.p50).toBeGreaterThan(1000);
    expect(rec.gates.map((g) => g.verdict)).toEqual(['pass', 'pass']);
  }, 120_000);

  it('simulate: the same flow, counts consistent with the model', async () => {
    const out = tempDir();
    const r = await runCli([
      'simulate',
      writeProfile(FLOW),
      '--out',
      out,
      '--seed',
      '5',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    for (const step of ['create', 'order', 'read'])
      expect(rec.byRequest[`checkout.${step}`].sent).toBe(20);
    expect(rec.flows?.[0]).toMatchObject({ iterations: 20, completed: 20, failed: 0 });
    const d = rec.durable?.byRequest['checkout.order'];
    expect(d).toMatchObject({ started: 20, byStatus: { SUCCEEDED: 20 }, running: 0 });
    // Each execution (1 s wait + two segments) is polled every 100 ms until one sees its end.
    expect(d?.polls).toBeGreaterThanOrEqual(20 * 11);
    expect(d?.polls).toBeLessThanOrEqual(20 * 13);
    // Each instance waited for its workflow's end, then thought 50 ms, then read.
    const flowP50 = rec.flows?.[0].durationMs?.p50 ?? 0;
    expect(flowP50).toBeGreaterThan((d?.durationMs?.p50 ?? Infinity) + 50);
    const invocations = rec.platform.series
      .filter((s) => s.name === 'lambda.invocations' && s.labels.function === 'order-workflow')
      .reduce((sum, s) => sum + s.points.reduce((a, p) => a + p[1], 0), 0);
    expect(invocations).toBe(40); // the start and one replay each
    expect(rec.gates.map((g) => g.verdict)).toEqual(['pass', 'pass']);
  }, 60_000);
});

/** An environment in which the credential chain finds only what the test puts there. */
function awsEnv(dir: string, keys: boolean): Record<string, string> {
  return {
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: keys ? 'AKIDFLASHCROWDTEST' : '',
    AWS_SECRET_ACCESS_KEY: keys ? 'not-a-real-secret' : '',
    AWS_SESSION_TOKEN: '',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_LAMBDA: '',
    AWS_ENDPOINT_URL: target,
  };
}

const LAMBDA = `name: lambda-durable
target: lambda:notes-list
load:
  phases:
    - { duration: 3s, rate: 4 }
requests:
  - name: listed
    json: { query: { limit: 5 } }
  - name: order
    weight: 2
    durable:
      function: order-workflow
      payload: { id: '{{uuid}}' }
      poll: { every: 500ms, timeout: 1m }
${MODEL_YAML}`;

describe('durable requests under a lambda: target', () => {
  it('start and polls go to the Lambda endpoint, signed', async () => {
    reset();
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = await runCli(
      ['run', writeProfile(LAMBDA, dir), '--out', out, '--quiet', '--seed', '2'],
      { env: awsEnv(dir, true) },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    const d = rec.durable?.byRequest.order;
    const orders = rec.byRequest.order.sent;
    expect(orders + rec.byRequest.listed.sent).toBe(12);
    expect(orders).toBeGreaterThan(0);
    expect(d).toMatchObject({ started: orders, startFailed: 0, byStatus: { SUCCEEDED: orders } });
    expect(d?.running).toBe(0);
    expect(seen.starts).toBe(orders);
    expect(seen.polls).toBe(d?.polls);
    expect(seen.polls).toBeGreaterThanOrEqual(orders * 2); // a 1.1 s workflow polled every 500 ms
    expect(seen.unsigned).toBe(0);
    // The start is an Invoke too: counted in the invoke section with the other Invokes.
    expect(rec.invoke?.byRequest.order).toMatchObject({ sent: orders, succeeded: orders });
    expect(rec.invoke?.totals).toMatchObject({ sent: 12, succeeded: 12 });
  }, 60_000);

  it('without credentials: exit 2, nothing sent', async () => {
    reset();
    const dir = tempDir();
    const r = await runCli(['run', writeProfile(LAMBDA, dir), '--quiet'], {
      env: awsEnv(dir, false),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no AWS credentials found/);
    expect(seen.starts + seen.polls).toBe(0);
  });
});

describe('bad durable flow steps: exit 2, path named, nothing sent', () => {
  let counting: Server;
  let countingUrl = '';
  let hits = 0;
  beforeAll(async () => {
    counting = createServer((req, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    countingUrl = `http://127.0.0.1:${(counting.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => counting.close(() => resolve())));

  const flowWith = (step: string) =>
    `load: { phases: [ { duration: 2s, rate: 5 } ] }\nflows:\n  - name: f\n    steps:\n      - { name: a, path: /a }\n      - ${step}\n`;

  it.each([
    [
      'no function',
      '{ name: s, durable: { payload: {} } }',
      /flows\[0\]\.steps\[1\]\.durable\.function/,
    ],
    [
      'a path beside durable',
      '{ name: s, path: /x, durable: { function: wf } }',
      /flows\[0\]\.steps\[1\]\.path: a durable request has no path/,
    ],
    [
      'poll.every below 100 ms',
      '{ name: s, durable: { function: wf, poll: { every: 50ms } } }',
      /flows\[0\]\.steps\[1\]\.durable\.poll\.every: must be at least 100ms/,
    ],
  ])('%s', async (_what, step, message) => {
    const r = await runCli(['run', writeProfile(flowWith(step)), '--target', countingUrl]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(hits).toBe(0);
  });

  it('a function the embedded target does not model', async () => {
    const r = await runCli([
      'run',
      writeProfile(flowWith('{ name: s, durable: { function: nope } }')),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /flows\[0\]\.steps\[1\]\.durable\.function: "nope" is not a modelled durable function/,
    );
  });
});
