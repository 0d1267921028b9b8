/**
 * Lambda Invoke end to end (issue 14, items 1 and 4): `flashcrowd run --target lambda:FUNCTION`
 * against the embedded notes server's Invoke API (in this process, on 127.0.0.1; AWS_ENDPOINT_URL
 * points at it, so nothing reaches AWS), with tenants as X-Amz-Tenant-Id: every outcome class
 * (succeeded, Event 202, Handled function error, throttle with its reason) counted exactly, per
 * request, in totals, the invoke section and gates; simulate of the same profile; and every
 * class of bad input exiting 2 with its path, nothing sent.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createNotesServer, type NotesServer } from '../../src/notes-api/notes-server.js';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const clock = () => performance.timeOrigin + performance.now();
const ROUTES = [
  'create',
  'read',
  'update',
  'delete',
  'list',
  'encrypt',
  'decrypt',
  'sentiment',
  'summarize',
];
const MODEL = {
  routes: Object.fromEntries(ROUTES.map((r) => [r, { serviceTime: '5ms' }])),
  // notes-sentiment can run nothing: every Invoke of it is throttled.
  onDemand: { coldStart: '1ms', reservedConcurrency: { 'notes-sentiment': 0 } },
};

let server: NotesServer;
let endpoint = '';
/** Requests the server received, and how many carried a tenant id. */
const seen = { requests: 0, withTenant: 0, paths: new Map<string, number>() };

beforeAll(async () => {
  const model = createPlatformModel(parseModelParams(MODEL), {
    startMs: clock(),
    random: Math.random,
    tenants: { count: 5 },
  });
  server = createNotesServer(model, clock, {
    tenants: { count: 5, kind: 'header', name: 'x-tenant-id' },
  });
  server.server.on('request', (req: { headers: Record<string, unknown>; url?: string }) => {
    seen.requests++;
    if (req.headers['x-amz-tenant-id']) seen.withTenant++;
    const path = (req.url ?? '').split('?')[0];
    seen.paths.set(path, (seen.paths.get(path) ?? 0) + 1);
  });
  endpoint = await server.listen(0);
});
afterAll(async () => {
  await server.close();
});

const PROFILE = `name: invoke-e2e
load:
  phases: [{ duration: 2s, rate: 20 }]
tenants: { count: 5, distribution: uniform }
requests:
  - name: missing
    json: { id: "note-{{int 1 9}}" }
  - name: listed
    invoke: { function: notes-list }
    json: { query: { limit: 5 } }
  - name: blocked
    invoke: { function: notes-sentiment }
    json: { id: x }
  - name: queued
    invoke: { function: notes-list, type: Event }
gates:
  - "invoke.function_error_rate{request=missing} == 100%"
  - "invoke.throttle_rate{request=blocked} == 100%"
  - "invoke.throttle_rate{request=listed} == 0"
  - "invoke.function_errors == 0"
`;

/** An environment in which the credential chain finds only what the test puts there. */
function awsEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_LAMBDA: '',
    AWS_ENDPOINT_URL: endpoint,
    ...extra,
  };
}
const KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIDFLASHCROWDTEST',
  AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
};

describe('run --target lambda:FUNCTION against the embedded Invoke API', () => {
  it('counts each outcome exactly, per request, and gates on them', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const before = seen.requests;
    const r = await runCli(
      [
        'run',
        writeProfile(PROFILE, dir),
        '--target',
        'lambda:notes-read',
        '--out',
        out,
        '--quiet',
        '--workers',
        '1',
        '--seed',
        '3',
      ],
      { env: awsEnv(dir, KEYS) },
    );
    expect(r.stderr).toBe('');
    const rec = readValidRecord(out);
    // The last gate fails: missing's Handled errors are function errors.
    expect(r.code).toBe(1);
    expect(rec.gates.map((g) => g.verdict)).toEqual(['pass', 'pass', 'pass', 'fail']);
    const n = (name: string) => rec.byRequest[name].sent;
    expect(rec.totals.sent).toBe(40);
    expect(rec.totals.completed).toBe(40);
    expect(n('missing') + n('listed') + n('blocked') + n('queued')).toBe(40);
    for (const name of ['missing', 'listed', 'blocked', 'queued'])
      expect(n(name)).toBeGreaterThan(0);
    // The server saw exactly the Invokes sent, each with a tenant id, on the Invoke paths.
    expect(seen.requests - before).toBe(40);
    expect(seen.withTenant).toBe(seen.requests);
    expect(seen.paths.get('/2015-03-31/functions/notes-read/invocations')).toBe(n('missing'));
    expect(seen.paths.get('/2015-03-31/functions/notes-sentiment/invocations')).toBe(n('blocked'));
    const inv = rec.invoke!;
    expect(inv.byRequest.missing).toMatchObject({
      sent: n('missing'),
      succeeded: 0,
      functionErrors: n('missing'),
      functionErrorKinds: { Handled: n('missing') },
      errorTypes: { NotFound: n('missing') },
      functionErrorRate: 1,
    });
    expect(inv.byRequest.blocked).toMatchObject({
      throttled: n('blocked'),
      throttleReasons: { ReservedFunctionConcurrentInvocationLimitExceeded: n('blocked') },
      throttleRate: 1,
    });
    expect(inv.byRequest.listed).toMatchObject({
      succeeded: n('listed'),
      throttled: 0,
      functionErrors: 0,
    });
    expect(inv.byRequest.queued).toMatchObject({ succeeded: n('queued'), functionErrors: 0 });
    expect(inv.totals).toMatchObject({
      sent: 40,
      succeeded: n('listed') + n('queued'),
      throttled: n('blocked'),
      functionErrors: n('missing'),
    });
    // A function error is an error, not ok; throttles are 429s.
    expect(rec.totals).toMatchObject({
      ok: n('listed') + n('queued'),
      errors: n('missing'),
      throttled: n('blocked'),
      byStatus: { '200': n('missing') + n('listed'), '202': n('queued'), '429': n('blocked') },
      byError: { 'FunctionError.Handled': n('missing') },
    });
    expect(rec.byRequest.missing).toMatchObject({ ok: 0, errors: n('missing') });
    // Tenant deciles count the same requests.
    expect(rec.tenants!.deciles.reduce((a, d) => a + d.totals.errors, 0)).toBe(n('missing'));
  });

  it('simulate runs the same Invokes on the modelled functions', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const profile = PROFILE.replace(
      'load:',
      'target: lambda:notes-read\nmodel:\n  onDemand: { reservedConcurrency: { notes-sentiment: 0 } }\nload:',
    );
    const r = await runCli([
      'simulate',
      writeProfile(profile, dir),
      '--out',
      out,
      '--quiet',
      '--seed',
      '3',
    ]);
    expect(r.code).toBe(1);
    const rec = readValidRecord(out);
    const n = (name: string) => rec.byRequest[name].sent;
    expect(rec.totals.sent).toBe(40);
    expect(rec.invoke!.byRequest.missing.functionErrors).toBe(n('missing'));
    expect(rec.invoke!.byRequest.blocked.throttled).toBe(n('blocked'));
    expect(rec.totals.byStatus['202']).toBe(n('queued'));
    expect(rec.gates.map((g) => g.verdict)).toEqual(['pass', 'pass', 'pass', 'fail']);
  });
});

describe('bad Invoke input: exit 2, the path named, nothing sent', () => {
  const cases: Array<[string, string, string[], string]> = [
    [
      'invoke without function, target not lambda:',
      PROFILE.replace('  - name: missing\n', '  - name: missing\n    invoke: { type: Event }\n'),
      ['--target', 'http://127.0.0.1:9'],
      'requests[0].invoke.function: is required',
    ],
    [
      'an unknown invocation type',
      PROFILE.replace('type: Event', 'type: DryRunPlease'),
      ['--target', 'lambda:notes-read'],
      'requests[3].invoke.type',
    ],
    [
      'invoke with a method that contradicts it',
      PROFILE.replace(
        'invoke: { function: notes-list }',
        'method: GET\n    invoke: { function: notes-list }',
      ),
      ['--target', 'lambda:notes-read'],
      'requests[1].method: is GET, but an Invoke is always POST',
    ],
    [
      'invoke with a path',
      PROFILE.replace(
        'invoke: { function: notes-list }',
        'path: /notes\n    invoke: { function: notes-list }',
      ),
      ['--target', 'lambda:notes-read'],
      'requests[1].path: cannot be combined with invoke',
    ],
    [
      'an HTTP path under a lambda: target',
      PROFILE.replace('  - name: missing\n', '  - name: missing\n    path: /notes\n'),
      ['--target', 'lambda:notes-read'],
      'requests[0].path: is an HTTP path, but the target is lambda:',
    ],
    [
      'a malformed lambda: target',
      PROFILE,
      ['--target', 'lambda:arn:aws:lambda:x'],
      '--target: "lambda:arn:aws:lambda:x"',
    ],
  ];
  for (const [what, yaml, flags, message] of cases)
    it(what, async () => {
      const dir = tempDir();
      const before = seen.requests;
      const r = await runCli(
        ['run', writeProfile(yaml, dir), ...flags, '--out', join(dir, 'out'), '--quiet'],
        {
          env: awsEnv(dir, KEYS),
        },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(seen.requests).toBe(before);
    });

  it('a lambda: target with no credentials says how to provide them', async () => {
    const dir = tempDir();
    const before = seen.requests;
    const r = await runCli(
      [
        'run',
        writeProfile(PROFILE, dir),
        '--target',
        'lambda:notes-read',
        '--out',
        join(dir, 'out'),
        '--quiet',
      ],
      { env: awsEnv(dir) },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--target (Lambda Invokes are signed with SigV4): no AWS credentials found',
    );
    expect(r.stderr).toContain('AWS_ACCESS_KEY_ID');
    expect(seen.requests).toBe(before);
  });

  it('simulate: an Invoke of a function the model does not have', async () => {
    const dir = tempDir();
    const profile = PROFILE.replace('load:', 'target: lambda:notes-reader\nload:');
    const r = await runCli([
      'simulate',
      writeProfile(profile, dir),
      '--out',
      join(dir, 'out'),
      '--quiet',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('target: the model has no function "notes-reader"');
    expect(r.stderr).toContain('notes-read');
  });
});

describe('invoke: requests with no target', () => {
  it('go to the embedded notes API’s Invoke endpoint, signed with local credentials', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const profile = `load:
  phases: [{ duration: 1s, rate: 10 }]
requests:
  - name: listed
    invoke: { function: notes-list }
gates: ["invoke.function_error_rate == 0", "invoke.throttles == 0"]
`;
    // No credentials at all in the environment: the embedded target needs none of the user's.
    const r = await runCli(
      ['run', writeProfile(profile, dir), '--out', out, '--quiet', '--workers', '1'],
      {
        env: awsEnv(dir, { AWS_ENDPOINT_URL: '', AWS_REGION: '' }),
      },
    );
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    expect(rec.target.kind).toBe('embedded');
    expect(rec.totals).toMatchObject({ sent: 10, ok: 10, errors: 0 });
    expect(rec.invoke!.byRequest.listed).toMatchObject({ sent: 10, succeeded: 10 });
  });

  it('plan names an invoke contradiction (exit 2)', async () => {
    const dir = tempDir();
    const r = await runCli([
      'plan',
      writeProfile(
        PROFILE.replace('  - name: missing\n', '  - name: missing\n    path: /notes\n').replace(
          'load:',
          'target: lambda:notes-read\nload:',
        ),
        dir,
      ),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requests[0].path: is an HTTP path, but the target is lambda:');
  });
});
