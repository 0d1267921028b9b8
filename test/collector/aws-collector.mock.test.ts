/**
 * The aws source where moto has nothing: capacity-provider calls, GetAccountSettings, NextToken
 * pagination, and failures (AccessDenied, throttling, expired credentials), with
 * aws-sdk-client-mock standing in for the service.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetAccountSettingsCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionVersionsByCapacityProviderCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/collector/aws-clients.js';
import { createAwsCollector } from '../../src/collector/aws-collector.js';
import type { PlatformSeries } from '../../src/record/run-record.js';

const cw = mockClient(CloudWatchClient);
const lambda = mockClient(LambdaClient);
const ec2 = mockClient(EC2Client);
const ARN = 'arn:aws:lambda:us-east-1:123456789012:capacity-provider:notes-lmi';
const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);

afterEach(() => {
  cw.reset();
  lambda.reset();
  ec2.reset();
});

function awsError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

function collector(spec: Parameters<typeof createAwsCollector>[0]['spec']) {
  return createAwsCollector({
    spec,
    clients: createAwsClients({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDMOCK', secretAccessKey: 'mock' },
    }),
    minIntervalMs: { cloudwatch: 0, capacityProvider: 0, ec2: 0 },
    cloudwatchIntervalMs: 60_000,
  });
}

function series(all: PlatformSeries[], name: string, stat = 'Sum') {
  return all.find((s) => s.name === name && s.stat === stat);
}

describe('aws collector with mocked AWS', () => {
  it('discovers the capacity provider, its versions (paginated) and the account limit', async () => {
    lambda.on(GetFunctionConfigurationCommand).resolves({
      MemorySize: 4096,
      Architectures: ['arm64'],
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: {
          CapacityProviderArn: ARN,
          PerExecutionEnvironmentMaxConcurrency: 64,
          ExecutionEnvironmentMemoryGiBPerVCpu: 4,
        },
      },
    });
    lambda.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 900 },
    });
    lambda.on(GetCapacityProviderCommand).resolves({
      CapacityProvider: {
        CapacityProviderArn: ARN,
        State: 'Active',
        VpcConfig: { SubnetIds: [], SecurityGroupIds: [] },
        PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::1:role/op' },
        CapacityProviderScalingConfig: {
          MaxVCpuCount: 400,
          ScalingMode: 'Manual',
          ScalingPolicies: [
            {
              PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization',
              TargetValue: 30,
            },
          ],
        },
      },
    });
    lambda
      .on(ListFunctionVersionsByCapacityProviderCommand, { Marker: undefined })
      .resolves({
        CapacityProviderArn: ARN,
        FunctionVersions: [{ FunctionArn: `${'fn'}:1`, State: 'Active' }],
        NextMarker: 'p2',
      })
      .on(ListFunctionVersionsByCapacityProviderCommand, { Marker: 'p2' })
      .resolves({
        CapacityProviderArn: ARN,
        FunctionVersions: [{ FunctionArn: 'fn:2', State: 'Active' }],
      });
    cw.on(ListMetricsCommand).resolves({
      Metrics: [
        {
          MetricName: 'CPUUtilization',
          Dimensions: [
            { Name: 'CapacityProviderName', Value: 'notes-lmi' },
            { Name: 'InstanceType', Value: 'm7g.xlarge' },
          ],
        },
        {
          MetricName: 'CPUUtilization',
          Dimensions: [
            { Name: 'CapacityProviderName', Value: 'notes-lmi' },
            { Name: 'InstanceType', Value: 'c7g.xlarge' },
          ],
        },
      ],
    });
    cw.on(GetMetricDataCommand).callsFake(
      (input: {
        MetricDataQueries: Array<{
          Id: string;
          MetricStat: { Metric: { MetricName: string; Dimensions: Array<{ Value: string }> } };
        }>;
      }) => ({
        MetricDataResults: input.MetricDataQueries.filter(
          (q) => q.MetricStat.Metric.MetricName === 'CPUUtilization',
        ).map((q) => ({
          Id: q.Id,
          StatusCode: 'Complete',
          Timestamps: [new Date(T0)],
          Values: [q.MetricStat.Metric.Dimensions[1].Value === 'm7g.xlarge' ? 50 : 30],
        })),
      }),
    );
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });

    const c = collector({ functions: { getNote: 'notes-get' } });
    await c.start({ startedAtMs: T0 });
    const result = await c.stop({ endedAtMs: T0 + 120_000 });
    const topology = c.topology()!;
    expect(topology.accountConcurrencyLimit).toBe(1000);
    expect(topology.unreservedConcurrencyLimit).toBe(900);
    expect(topology.functions[0]).toMatchObject({
      memoryMb: 4096,
      capacityProviderArn: ARN,
      perExecutionEnvironmentMaxConcurrency: 64,
    });
    expect(topology.capacityProvider).toMatchObject({
      name: 'notes-lmi',
      arn: ARN,
      maxVCpuCount: 400,
      cpuTargetPercent: 30,
      functionVersions: ['fn:1', 'fn:2'],
    });
    // CPU utilization: averaged over instance types, stored as a fraction, 5-minute period
    const cpu = series(result.series, 'lmi.cpu_utilization', 'Average');
    expect(cpu).toMatchObject({
      periodSec: 300,
      unit: 'Fraction',
      labels: { capacityProvider: 'notes-lmi' },
    });
    expect(cpu?.points).toEqual([[T0, 0.4]]);
    expect(lambda.commandCalls(GetCapacityProviderCommand)[0].args[0].input).toEqual({
      CapacityProviderName: 'notes-lmi',
    });
    // instances were looked up by the tag, including managed (hidden) resources
    expect(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input).toMatchObject({
      Filters: [{ Name: 'tag-key', Values: ['aws:lambda:capacity-provider'] }],
      IncludeManagedResources: true,
    });
    // the function itself returned nothing: one hint, no failure
    expect(result.warnings).toEqual([
      expect.stringContaining('no CloudWatch datapoints for notes-get'),
    ]);
    expect(result.failures).toEqual([]);
  });

  it('follows GetMetricData NextToken, ascending, with aligned windows and percentiles apart', async () => {
    lambda.on(GetFunctionConfigurationCommand).resolves({ MemorySize: 128 });
    lambda.on(GetAccountSettingsCommand).resolves({});
    cw.on(GetMetricDataCommand, { NextToken: undefined }).callsFake(
      (input: {
        MetricDataQueries: Array<{ Id: string; MetricStat: { Metric: { MetricName: string } } }>;
      }) => {
        const q = input.MetricDataQueries.find(
          (x) => x.MetricStat.Metric.MetricName === 'Invocations',
        );
        if (!q) return { MetricDataResults: [] };
        return {
          MetricDataResults: [
            { Id: q.Id, StatusCode: 'PartialData', Timestamps: [new Date(T0)], Values: [10] },
          ],
          NextToken: 'page2',
        };
      },
    );
    cw.on(GetMetricDataCommand, { NextToken: 'page2' }).callsFake(
      (input: {
        MetricDataQueries: Array<{ Id: string; MetricStat: { Metric: { MetricName: string } } }>;
      }) => {
        const q = input.MetricDataQueries.find(
          (x) => x.MetricStat.Metric.MetricName === 'Invocations',
        )!;
        return {
          MetricDataResults: [
            { Id: q.Id, StatusCode: 'Complete', Timestamps: [new Date(T0 + 60_000)], Values: [20] },
          ],
        };
      },
    );
    const c = collector({ functions: { getNote: 'notes-get:prod' } });
    await c.start({ startedAtMs: T0 + 7_000 });
    const result = await c.stop({ endedAtMs: T0 + 95_000 });
    const inv = series(result.series, 'lambda.invocations');
    expect(inv?.labels).toEqual({ function: 'notes-get', resource: 'notes-get:prod' });
    expect(inv?.points).toEqual([
      [T0, 10],
      [T0 + 60_000, 20],
    ]);
    const calls = cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    for (const input of calls) {
      expect(input.ScanBy).toBe('TimestampAscending');
      expect(input.StartTime).toEqual(new Date(T0));
      expect(input.EndTime).toEqual(new Date(T0 + 120_000));
      const stats = new Set(input.MetricDataQueries!.map((q) => /^p\d/.test(q.MetricStat!.Stat!)));
      expect(stats.size).toBe(1); // never percentiles and plain statistics in one call
      expect(input.MetricDataQueries!.length).toBeLessThanOrEqual(500);
    }
    const first = calls.find((i) =>
      i.MetricDataQueries!.some((q) => q.MetricStat!.Metric!.MetricName === 'Invocations'),
    )!;
    const q = first.MetricDataQueries!.find(
      (x) => x.MetricStat!.Metric!.MetricName === 'Invocations',
    )!;
    expect(q.MetricStat!.Metric!.Dimensions).toEqual([
      { Name: 'FunctionName', Value: 'notes-get' },
      { Name: 'Resource', Value: 'notes-get:prod' },
    ]);
  });

  it('turns AccessDenied into one warning naming the permission and goes on', async () => {
    lambda
      .on(GetFunctionConfigurationCommand)
      .rejects(
        awsError('AccessDeniedException', 403, 'User: arn:aws:iam::1:user/x is not authorized'),
      );
    lambda.on(GetAccountSettingsCommand).rejects(awsError('AccessDeniedException', 403));
    cw.on(GetMetricDataCommand).rejects(
      awsError('AccessDenied', 403, 'not authorized to perform: cloudwatch:GetMetricData'),
    );
    const c = collector({ functions: { getNote: 'notes-get', listNotes: 'notes-list' } });
    await c.start({ startedAtMs: T0 });
    await c.sample(T0 + 60_000);
    const result = await c.stop({ endedAtMs: T0 + 120_000 });
    expect(result.series).toEqual([]);
    const denied = result.warnings.filter((w) =>
      w.includes('missing permission cloudwatch:GetMetricData'),
    );
    expect(denied).toHaveLength(1);
    expect(
      result.warnings.some((w) => w.includes('missing permission lambda:GetFunctionConfiguration')),
    ).toBe(true);
    expect(
      result.warnings.some((w) => w.includes('missing permission lambda:GetAccountSettings')),
    ).toBe(true);
    expect(result.failures?.some((f) => f.kind === 'access-denied')).toBe(true);
  });

  it('keeps what it already had when throttled or when credentials expire mid-run', async () => {
    lambda.on(GetFunctionConfigurationCommand).resolves({});
    lambda.on(GetAccountSettingsCommand).resolves({});
    let call = 0;
    cw.on(GetMetricDataCommand).callsFake(
      (input: {
        MetricDataQueries: Array<{
          Id: string;
          MetricStat: { Metric: { MetricName: string }; Stat: string };
        }>;
      }) => {
        call++;
        if (call === 2) throw awsError('ThrottlingException', 400, 'Rate exceeded');
        if (call >= 3)
          throw awsError(
            'ExpiredTokenException',
            400,
            'The security token included in the request is expired',
          );
        const q = input.MetricDataQueries.find(
          (x) => x.MetricStat.Metric.MetricName === 'Throttles',
        )!;
        return {
          MetricDataResults: [
            { Id: q.Id, StatusCode: 'Complete', Timestamps: [new Date(T0)], Values: [932] },
          ],
        };
      },
    );
    const c = collector({ functions: { getNote: 'notes-get' } });
    await c.start({ startedAtMs: T0 });
    await c.sample(T0 + 60_000); // call 1: data; call 2 (percentiles): throttled
    const result = await c.stop({ endedAtMs: T0 + 120_000 }); // expired
    expect(series(result.series, 'lambda.throttles')?.points).toEqual([[T0, 932]]);
    expect(result.warnings.some((w) => w.includes('throttled cloudwatch:GetMetricData'))).toBe(
      true,
    );
    expect(result.warnings.some((w) => w.includes('credentials expired'))).toBe(true);
    expect(result.warnings.join('\n')).not.toContain('AKIDMOCK');
  });

  it('keeps earlier instance samples when DescribeInstances starts failing', async () => {
    lambda.on(GetCapacityProviderCommand).resolves({ CapacityProvider: undefined });
    lambda.on(ListFunctionVersionsByCapacityProviderCommand).resolves({ FunctionVersions: [] });
    lambda.on(GetAccountSettingsCommand).resolves({});
    cw.on(ListMetricsCommand).resolves({ Metrics: [] });
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const instance = {
      InstanceId: 'i-1',
      InstanceType: 'm7g.xlarge' as const,
      State: { Name: 'running' as const },
      LaunchTime: new Date(T0 - 60_000),
      Tags: [{ Key: 'aws:lambda:capacity-provider', Value: ARN }],
    };
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ Instances: [instance] }] })
      .rejects(awsError('UnauthorizedOperation', 403));
    ec2.on(DescribeInstanceTypesCommand).resolves({
      InstanceTypes: [
        {
          InstanceType: 'm7g.xlarge',
          VCpuInfo: { DefaultVCpus: 4 },
          MemoryInfo: { SizeInMiB: 16384 },
        },
      ],
    });
    const c = collector({ functions: {}, capacityProvider: 'notes-lmi' });
    await c.start({ startedAtMs: T0 });
    await c.sample(T0 + 30_000);
    const result = await c.stop({ endedAtMs: T0 + 60_000 });
    expect(result.series.find((s) => s.name === 'lmi.instances')?.points).toEqual([[T0, 1]]);
    expect(
      result.warnings.filter((w) => w.includes('missing permission ec2:DescribeInstances')),
    ).toHaveLength(1);
  });
});
