/**
 * The aws source reads the durable-execution metrics of durable functions (AWS/Lambda,
 * FunctionName) from a real moto_server, seeded with PutMetricData: started, succeeded, failed,
 * the running gauge, duration, operations and bytes written, in the platform series naming scheme.
 * A function that is not durable gets no durable queries. Traffic only to the loopback moto.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/collector/aws-clients.js';
import { createAwsCollector } from '../../src/collector/aws-collector.js';
import { buildMetricRequests } from '../../src/collector/build-metric-requests.js';
import {
  announceMotoSkip,
  inCi,
  motoCredentials,
  motoInstalled,
  startMoto,
  type Moto,
  putLambdaMetric,
} from './moto.js';

announceMotoSkip('test/collector/durable-metrics.moto.test.ts');

it.runIf(inCi)('moto_server is installed (required under CI=true)', () => {
  expect(motoInstalled).toBe(true);
});

it('asks durable metrics only of durable functions', () => {
  const names = (durable: boolean) =>
    buildMetricRequests({ functions: [{ functionName: 'f', requests: [], durable }] }, undefined)
      .map((r) => r.metricName)
      .filter((m) => m.includes('Durable'));
  expect(names(false)).toEqual([]);
  expect(names(true)).toEqual([
    'ApproximateRunningDurableExecutions',
    'DurableExecutionStarted',
    'DurableExecutionSucceeded',
    'DurableExecutionFailed',
    'DurableExecutionTimedOut',
    'DurableExecutionStopped',
    'DurableExecutionDuration',
    'DurableExecutionDuration',
    'DurableExecutionOperations',
    'DurableExecutionStorageWrittenBytes',
  ]);
});

describe.skipIf(!motoInstalled)('durable metrics against moto_server', () => {
  let moto: Moto;
  let config: { endpoint: string; region: string; credentials: typeof motoCredentials };

  beforeAll(async () => {
    moto = await startMoto();
    config = { endpoint: moto.endpoint, region: 'us-east-1', credentials: motoCredentials };
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('reads DurableExecution* metrics of a function named by a durable request', async () => {
    const minute = 60_000;
    const m0 = Math.floor((Date.now() - 20 * minute) / minute) * minute;
    const cw = new CloudWatchClient(config);
    const put = (metric: string, atMs: number, value: number) =>
      putLambdaMetric(cw, 'order-workflow', metric, atMs, value);
    await put('DurableExecutionStarted', m0 + 5_000, 30);
    await put('DurableExecutionSucceeded', m0 + minute + 5_000, 28);
    await put('DurableExecutionFailed', m0 + minute + 6_000, 1);
    await put('DurableExecutionTimedOut', m0 + minute + 7_000, 1);
    await put('ApproximateRunningDurableExecutions', m0 + 10_000, 12);
    await put('ApproximateRunningDurableExecutions', m0 + 20_000, 20);
    await put('DurableExecutionDuration', m0 + minute + 8_000, 3000);
    await put('DurableExecutionDuration', m0 + minute + 9_000, 5000);
    await put('DurableExecutionOperations', m0 + minute, 150);
    await put('DurableExecutionStorageWrittenBytes', m0 + minute, 61_440);
    cw.destroy();

    const collector = createAwsCollector({
      spec: { functions: { placeOrder: 'order-workflow' }, durableFunctions: ['order-workflow'] },
      clients: createAwsClients(config),
      minIntervalMs: { cloudwatch: 0, capacityProvider: 0, ec2: 0 },
    });
    await collector.start({ startedAtMs: m0 });
    const result = await collector.stop({ endedAtMs: m0 + 3 * minute });
    const points = (name: string, stat?: string) =>
      result.series.find(
        (s) =>
          s.name === name &&
          s.labels.function === 'order-workflow' &&
          (stat === undefined || s.stat === stat),
      )?.points;
    expect(points('lambda.durable_executions_started')).toEqual([[m0, 30]]);
    expect(points('lambda.durable_executions_succeeded')).toEqual([[m0 + minute, 28]]);
    expect(points('lambda.durable_executions_failed')).toEqual([[m0 + minute, 1]]);
    expect(points('lambda.durable_executions_timed_out')).toEqual([[m0 + minute, 1]]);
    expect(points('lambda.durable_executions_running')).toEqual([[m0, 20]]);
    expect(points('lambda.durable_execution_duration_ms', 'Average')).toEqual([
      [m0 + minute, 4000],
    ]);
    expect(points('lambda.durable_execution_duration_ms', 'Maximum')).toEqual([
      [m0 + minute, 5000],
    ]);
    expect(points('lambda.durable_operations')).toEqual([[m0 + minute, 150]]);
    expect(points('lambda.durable_storage_written_bytes')).toEqual([[m0 + minute, 61_440]]);
    expect(points('lambda.durable_executions_stopped')).toBeUndefined();
  });
});
