/**
 * The embedded target's Lambda Invoke API, driven by the real @aws-sdk/client-lambda InvokeCommand
 * (endpoint = the embedded server on 127.0.0.1, dummy credentials): results, function errors,
 * Event invokes, unknown functions, tenant ids, the tenant-environment quota's "Rate exceeded"
 * throttle, and a request without a SigV4 Authorization header.
 */
import {
  InvokeCommand,
  LambdaClient,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createNotesServer, type NotesServer } from '../../src/notes-api/notes-server.js';

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

let running: NotesServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(tenants = false, block: Record<string, unknown> = {}): Promise<LambdaClient> {
  const params = parseModelParams({
    routes: Object.fromEntries(ROUTES.map((r) => [r, { serviceTime: '5ms' }])),
    onDemand: { coldStart: '1ms' },
    ...block,
  });
  const model = createPlatformModel(params, {
    startMs: clock(),
    random: Math.random,
    ...(tenants ? { tenants: { count: 100 } } : {}),
  });
  running = createNotesServer(
    model,
    clock,
    tenants ? { tenants: { count: 100, kind: 'header', name: 'x-tenant-id' } } : {},
  );
  const endpoint = await running.listen(0);
  return new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
    maxAttempts: 1,
  });
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const parse = (bytes: Uint8Array | undefined) =>
  JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;

describe('embedded Lambda Invoke API', () => {
  it('runs notes operations and answers with Lambda’s reply shapes', async () => {
    const lambda = await start();
    const created = await lambda.send(
      new InvokeCommand({
        FunctionName: 'notes-create',
        Payload: json({ body: { title: 't', body: 'hello world' } }),
      }),
    );
    expect(created.StatusCode).toBe(200);
    expect(created.FunctionError).toBeUndefined();
    expect(created.ExecutedVersion).toBe('$LATEST');
    const note = parse(created.Payload);
    expect(note.title).toBe('t');
    const read = await lambda.send(
      new InvokeCommand({
        FunctionName: 'notes-read',
        Qualifier: '3',
        Payload: json({ id: note.id }),
      }),
    );
    expect(read.ExecutedVersion).toBe('3');
    expect(parse(read.Payload).id).toBe(note.id);
    const enc = await lambda.send(
      new InvokeCommand({
        FunctionName: 'notes-crypto',
        Payload: json({ route: 'encrypt', id: note.id }),
      }),
    );
    expect(parse(enc.Payload)).toMatchObject({ encrypted: true });
    const missing = await lambda.send(
      new InvokeCommand({ FunctionName: 'notes-read', Payload: json({ id: 'nope' }) }),
    );
    expect(missing.StatusCode).toBe(200);
    expect(missing.FunctionError).toBe('Handled');
    expect(parse(missing.Payload)).toMatchObject({ errorType: 'NotFound' });
    const noRoute = await lambda.send(
      new InvokeCommand({ FunctionName: 'notes-crypto', Payload: json({}) }),
    );
    expect(noRoute.FunctionError).toBe('Handled');
    expect(parse(noRoute.Payload).errorType).toBe('InvalidRoute');
    const event = await lambda.send(
      new InvokeCommand({
        FunctionName: 'notes-create',
        InvocationType: 'Event',
        Payload: json({ body: {} }),
      }),
    );
    expect(event.StatusCode).toBe(202);
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'no-such-fn' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('reports a model failure as an Unhandled function error', async () => {
    const lambda = await start(false, { errorRate: 1 });
    const r = await lambda.send(
      new InvokeCommand({ FunctionName: 'notes-list', Payload: json({}) }),
    );
    expect(r.FunctionError).toBe('Unhandled');
    expect(parse(r.Payload)).toMatchObject({ errorType: 'Error' });
  });

  it('keys environments by TenantId and throttles past the tenant-environment quota', async () => {
    // notes-read with 2 reserved concurrency may hold floor(2 * 2500 / 1000) = 5 environments.
    const lambda = await start(true, {
      onDemand: { coldStart: '1ms', reservedConcurrency: { 'notes-read': 2 } },
    });
    const outcomes: string[] = [];
    for (let t = 1; t <= 6; t++) {
      try {
        const r = await lambda.send(
          new InvokeCommand({
            FunctionName: 'notes-read',
            TenantId: `tenant-${t}`,
            Payload: json({ id: 'x' }),
          }),
        );
        outcomes.push(r.FunctionError ?? 'ok');
      } catch (error) {
        expect(error).toBeInstanceOf(TooManyRequestsException);
        const e = error as TooManyRequestsException;
        expect(e.message).toBe('Rate exceeded');
        expect(e.Reason).toBe('ConcurrentInvocationLimitExceeded');
        outcomes.push('throttled');
      }
    }
    // Five tenants got an environment (and a NotFound for the unknown note); the sixth is throttled.
    expect(outcomes).toEqual(['Handled', 'Handled', 'Handled', 'Handled', 'Handled', 'throttled']);
    // The same tenant again reuses its idle environment.
    const again = await lambda.send(
      new InvokeCommand({
        FunctionName: 'notes-read',
        TenantId: 'tenant-1',
        Payload: json({ id: 'x' }),
      }),
    );
    expect(again.StatusCode).toBe(200);
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'notes-read', Payload: json({ id: 'x' }) })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  });

  it('refuses a request without a SigV4 Authorization header (403), signature not checked', async () => {
    await start();
    const base = `http://127.0.0.1:${(running!.server.address() as { port: number }).port}`;
    const unsigned = await fetch(`${base}/2015-03-31/functions/notes-list/invocations`, {
      method: 'POST',
      body: '{}',
    });
    expect(unsigned.status).toBe(403);
    const forged = await fetch(`${base}/2015-03-31/functions/notes-list/invocations`, {
      method: 'POST',
      body: '{}',
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
    });
    expect(forged.status).toBe(200);
  });
});
