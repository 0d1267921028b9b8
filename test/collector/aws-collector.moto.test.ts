/**
 * Integration tests of the aws source against a real moto_server: seeded AWS/Lambda metrics come
 * back aligned to the run's minutes, EC2 instances tagged with a capacity-provider ARN are
 * counted as they start and stop, and empty periods and missing metrics are handled.
 */
import { PutMetricDataCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  EC2Client,
  RunInstancesCommand,
  type _InstanceType,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/collector/aws-clients.js';
import { createAwsCollector } from '../../src/collector/aws-collector.js';
import type { PlatformSeries } from '../../src/record/run-record.js';
import {
  announceMotoSkip,
  inCi,
  motoCredentials,
  motoInstalled,
  resetMoto,
  startMoto,
  type Moto,
  putLambdaMetric,
} from './moto.js';

announceMotoSkip('test/collector/aws-collector.moto.test.ts');

it.runIf(inCi)('moto_server is installed (required under CI=true)', () => {
  expect(motoInstalled).toBe(true);
});

const PROVIDER_ARN = 'arn:aws:lambda:us-east-1:123456789012:capacity-provider:notes-lmi';
const fast = { cloudwatch: 0, capacityProvider: 0, ec2: 0 };

function find(
  series: PlatformSeries[],
  name: string,
  labels: Record<string, string>,
  stat?: string,
) {
  return series.find(
    (s) =>
      s.name === name &&
      (!stat || s.stat === stat) &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

describe.skipIf(!motoInstalled)('aws collector against moto_server', () => {
  let moto: Moto;
  let config: { endpoint: string; region: string; credentials: typeof motoCredentials };

  beforeAll(async () => {
    moto = await startMoto();
    config = { endpoint: moto.endpoint, region: 'us-east-1', credentials: motoCredentials };
  });
  afterAll(async () => {
    await moto?.stop();
  });
  beforeEach(async () => {
    await resetMoto(moto);
  });

  async function createFunction(name: string): Promise<void> {
    const role = await fetch(`${moto.endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDMOTOTEST/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: new URLSearchParams({
        Action: 'CreateRole',
        Version: '2010-05-08',
        RoleName: 'fn-role',
        AssumeRolePolicyDocument: '{}',
      }),
    });
    await role.arrayBuffer();
    const lambda = new LambdaClient(config);
    const emptyZip = new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: 'arn:aws:iam::123456789012:role/fn-role',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: emptyZip },
        MemorySize: 2048,
        Architectures: ['arm64'],
      }),
    );
    lambda.destroy();
  }

  it('reads seeded Lambda metrics aligned to the run, skipping empty periods and missing metrics', async () => {
    await createFunction('notes-get');
    const minute = 60_000;
    const startedAtMs = Math.floor((Date.now() - 30 * minute) / minute) * minute + 7_000; // not aligned
    const m0 = startedAtMs - 7_000;
    const cw = new CloudWatchClient(config);
    const put = (metric: string, atMs: number, value: number) =>
      putLambdaMetric(cw, 'notes-get', metric, atMs, value);
    await put('Invocations', m0 + 10_000, 5);
    await put('Invocations', m0 + 40_000, 3); // same minute: summed
    await put('Invocations', m0 + minute + 5_000, 7);
    // minute 2 has no data at all: an empty period
    await put('Invocations', m0 + 3 * minute + 1_000, 11);
    await put('Throttles', m0 + minute + 30_000, 932);
    await put('ConcurrentExecutions', m0 + minute + 20_000, 40);
    await put('ConcurrentExecutions', m0 + minute + 50_000, 90);
    await put('Duration', m0 + 20_000, 100);
    await put('Duration', m0 + 30_000, 300);
    cw.destroy();

    const collector = createAwsCollector({
      spec: { functions: { getNote: 'notes-get', listNotes: 'notes-list' } },
      clients: createAwsClients(config),
      minIntervalMs: fast,
    });
    await collector.start({ startedAtMs });
    const result = await collector.stop({ endedAtMs: startedAtMs + 4 * minute });

    expect(
      collector.topology()?.functions.find((f) => f.functionName === 'notes-get'),
    ).toMatchObject({
      memoryMb: 2048,
      architecture: 'arm64',
    });
    const inv = find(result.series, 'lambda.invocations', { function: 'notes-get' });
    expect(inv).toMatchObject({ source: 'aws', periodSec: 60, stat: 'Sum', unit: 'Count' });
    expect(inv?.points).toEqual([
      [m0, 8],
      [m0 + minute, 7],
      [m0 + 3 * minute, 11],
    ]);
    expect(find(result.series, 'lambda.throttles', { function: 'notes-get' })?.points).toEqual([
      [m0 + minute, 932],
    ]);
    expect(
      find(result.series, 'lambda.concurrent_executions', { function: 'notes-get' })?.points,
    ).toEqual([[m0 + minute, 90]]);
    expect(
      find(result.series, 'lambda.duration_ms', { function: 'notes-get' }, 'Average')?.points,
    ).toEqual([[m0, 200]]);
    expect(
      find(result.series, 'lambda.duration_ms', { function: 'notes-get' }, 'Maximum')?.points,
    ).toEqual([[m0, 300]]);
    // never seeded: no series rather than a series of zeros
    expect(find(result.series, 'lambda.errors', { function: 'notes-get' })).toBeUndefined();
    // moto rejects percentiles; they were asked separately, so the others survived
    expect(result.warnings.some((w) => w.includes('percentile'))).toBe(true);
    // notes-list does not exist and has no data: warnings, no crash
    expect(result.warnings.some((w) => w.includes('lambda:GetFunctionConfiguration'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('no CloudWatch datapoints for notes-list'))).toBe(
      true,
    );
  });

  it('re-reads a trailing window during the run and keeps earlier points', async () => {
    const minute = 60_000;
    const m0 = Math.floor((Date.now() - 20 * minute) / minute) * minute;
    const cw = new CloudWatchClient(config);
    const put = (atMs: number, value: number) =>
      cw.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/Lambda',
          MetricData: [
            {
              MetricName: 'Errors',
              Dimensions: [{ Name: 'FunctionName', Value: 'notes-get' }],
              Timestamp: new Date(atMs),
              Value: value,
            },
          ],
        }),
      );
    await put(m0 + 1_000, 2);
    const collector = createAwsCollector({
      spec: { functions: { getNote: 'notes-get' } },
      clients: createAwsClients(config),
      minIntervalMs: fast,
      cloudwatchIntervalMs: minute,
      trailingWindowMs: 2 * minute,
    });
    await collector.start({ startedAtMs: m0 });
    await collector.sample(m0 + 2 * minute); // reads [m0, m0+2m): sees minute 0
    await put(m0 + 2 * minute + 1_000, 4); // arrives "late"
    await collector.sample(m0 + 4 * minute); // reads [m0+2m, m0+4m) only
    const result = await collector.stop({ endedAtMs: m0 + 4 * minute });
    expect(find(result.series, 'lambda.errors', { function: 'notes-get' })?.points).toEqual([
      [m0, 2],
      [m0 + 2 * minute, 4],
    ]);
  });

  it('counts capacity-provider instances over time as they start and stop', async () => {
    const ec2 = new EC2Client(config);
    const launch = async (
      count: number,
      tag: string | undefined,
      type: _InstanceType = 'm7g.xlarge',
    ) => {
      const out = await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-12c6146b',
          MinCount: count,
          MaxCount: count,
          InstanceType: type,
          TagSpecifications: tag
            ? [
                {
                  ResourceType: 'instance',
                  Tags: [{ Key: 'aws:lambda:capacity-provider', Value: tag }],
                },
              ]
            : undefined,
        }),
      );
      return (out.Instances ?? []).map((i) => i.InstanceId!);
    };
    const first = await launch(2, PROVIDER_ARN);
    await launch(1, PROVIDER_ARN.replace('notes-lmi', 'other-lmi')); // another provider
    await launch(1, undefined); // not LMI at all

    const t0 = Date.now() + 5_000;
    const collector = createAwsCollector({
      spec: { functions: {}, capacityProvider: PROVIDER_ARN },
      clients: createAwsClients(config),
      minIntervalMs: fast,
      instanceIntervalMs: 10_000,
      cloudwatchIntervalMs: 3_600_000,
    });
    await collector.start({ startedAtMs: t0 });
    const added = await launch(1, PROVIDER_ARN, 'c7g.xlarge');
    await collector.sample(t0 + 20_000);
    await ec2.send(new StopInstancesCommand({ InstanceIds: [first[0]] }));
    await collector.sample(t0 + 25_000); // too soon after the last sample: paced, no sample
    await collector.sample(t0 + 40_000);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [added[0]] }));
    const result = await collector.stop({ endedAtMs: t0 + 60_000 });
    ec2.destroy();

    const count = find(result.series, 'lmi.instances', { capacityProvider: 'notes-lmi' });
    expect(count).toMatchObject({ source: 'aws', periodSec: 10, unit: 'Count' });
    expect(count?.points).toEqual([
      [t0, 2],
      [t0 + 20_000, 3],
      [t0 + 40_000, 2],
      [t0 + 60_000, 1],
    ]);
    const m7g = find(result.series, 'lmi.instance_seconds', { instanceType: 'm7g.xlarge' });
    expect(m7g?.labels).toMatchObject({
      capacityProvider: 'notes-lmi',
      vcpus: '4',
      memoryMiB: '16384',
    });
    // two for 20 s, then one for 40 s
    expect(m7g?.points.at(-1)?.[1]).toBe(80);
    const c7g = find(result.series, 'lmi.instance_seconds', { instanceType: 'c7g.xlarge' });
    // launched just after t0 (LaunchTime has 1 s resolution), active at the 20 s and 40 s samples
    expect(c7g?.points.at(-1)?.[1]).toBeGreaterThan(35);
    expect(c7g?.points.at(-1)?.[1]).toBeLessThanOrEqual(40);
    expect(result.warnings.some((w) => w.includes('lambda:GetCapacityProvider'))).toBe(true);
  });
});
