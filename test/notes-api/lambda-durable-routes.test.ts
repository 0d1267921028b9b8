import {
  GetDurableExecutionCommand,
  InvokeCommand,
  LambdaClient,
  ListDurableExecutionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createNotesServer, type NotesServer } from '../../src/notes-api/notes-server.js';

const clock = () => performance.timeOrigin + performance.now();
let running: NotesServer | undefined;
let base = '';
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(): Promise<LambdaClient> {
  const params = parseModelParams({
    onDemand: { coldStart: '1ms' },
    durable: {
      orders: { steps: [{ cpu: '5ms' }, { wait: '300ms' }, { cpu: '5ms', service: '10ms' }] },
    },
  });
  const model = createPlatformModel(params, { startMs: clock(), random: Math.random });
  running = createNotesServer(model, clock);
  const endpoint = await running.listen(0);
  base = endpoint;
  // Dummy credentials: the embedded target accepts any SigV4 signature; never real AWS.
  return new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy' },
  });
}

describe('embedded durable-execution API, through @aws-sdk/client-lambda', () => {
  it('starts on Invoke (idempotent by name) and answers GetDurableExecution and List', async () => {
    const lambda = await start();
    const first = await lambda.send(
      new InvokeCommand({
        FunctionName: 'orders',
        InvocationType: 'Event',
        DurableExecutionName: 'order-1',
        Payload: Buffer.from('{"order":1}'),
      }),
    );
    expect(first.StatusCode).toBe(202);
    const arn = first.DurableExecutionArn as string;
    expect(arn).toMatch(
      /^arn:aws:lambda:us-east-1:\d{12}:function:orders:\$LATEST\/durable-execution\/order-1\//,
    );
    const again = await lambda.send(
      new InvokeCommand({
        FunctionName: 'orders',
        InvocationType: 'Event',
        DurableExecutionName: 'order-1',
      }),
    );
    expect(again.DurableExecutionArn).toBe(arn);

    const runningNow = await lambda.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: arn }),
    );
    expect(runningNow.Status).toBe('RUNNING');
    expect(runningNow.DurableExecutionName).toBe('order-1');
    expect(runningNow.StartTimestamp).toBeInstanceOf(Date);

    // A RequestResponse start is answered when its execution ends.
    const sync = await lambda.send(
      new InvokeCommand({ FunctionName: 'orders', DurableExecutionName: 'order-2' }),
    );
    expect(sync.StatusCode).toBe(200);
    expect(sync.FunctionError).toBeUndefined();
    const done = await lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    expect(done.Status).toBe('SUCCEEDED');
    expect(done.EndTimestamp!.getTime()).toBeGreaterThan(done.StartTimestamp!.getTime());

    const list = await lambda.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: 'orders' }),
    );
    expect(list.DurableExecutions?.map((e) => e.DurableExecutionName)).toEqual([
      'order-1',
      'order-2',
    ]);
    const stats = (await (await fetch(`${base}/_model/durable`)).json()) as {
      polls: { total: number; maxInAnySecond: number };
    };
    expect(stats.polls.total).toBe(2);
    lambda.destroy();
  });

  it('answers ResourceNotFoundException for an unknown execution', async () => {
    const lambda = await start();
    await expect(
      lambda.send(
        new GetDurableExecutionCommand({
          DurableExecutionArn:
            'arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST/durable-execution/x/1',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    lambda.destroy();
  });
});
