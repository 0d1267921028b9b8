import { describe, expect, it } from 'vitest';
import { observeMetric } from '../../src/analysis/observe-metric.js';
import type { RunRecord } from '../../src/record/run-record.js';

const stats = (o: Partial<NonNullable<RunRecord['durable']>['byRequest'][string]>) => ({
  started: 10,
  startFailed: 0,
  byStatus: { SUCCEEDED: 8, FAILED: 1 },
  running: 1,
  polls: 40,
  pollErrors: 0,
  startLatencyMs: null,
  durationMs: null,
  encodedDuration: null,
  ...o,
});

function record(durable: RunRecord['durable'], series: RunRecord['platform']['series'] = []) {
  return { durable, platform: { series } } as unknown as RunRecord;
}

describe('durable gate metrics', () => {
  const r = record({
    pollMode: 'status',
    pollBudgetPerSec: 30,
    byRequest: { a: stats({}), b: stats({ byStatus: { SUCCEEDED: 10 }, running: 0 }) },
  });

  it('success_rate counts SUCCEEDED over started (running counts against it)', () => {
    expect(observeMetric(r, 'durable.success_rate', undefined, {}).value).toBe(18 / 20);
    expect(observeMetric(r, 'durable.success_rate', undefined, { request: 'a' }).value).toBe(0.8);
    expect(observeMetric(r, 'durable.running', undefined, {}).value).toBe(1);
  });

  it('is unknown without durable requests, and p99 without ended executions', () => {
    expect(observeMetric(record(undefined), 'durable.running', undefined, {})).toEqual({
      value: null,
      note: 'the run has no durable requests',
    });
    expect(observeMetric(r, 'durable.p99', undefined, {}).value).toBeNull();
  });

  it('poll: cloudwatch reads the durable series', () => {
    const series = (name: string, points: Array<[number, number]>) => ({
      name,
      labels: { function: 'f' },
      source: 'aws',
      periodSec: 60,
      stat: 'Sum',
      unit: 'Count',
      points,
    });
    const cw = record(
      {
        pollMode: 'cloudwatch',
        pollBudgetPerSec: 30,
        byRequest: { a: stats({ byStatus: {}, running: 0 }) },
      },
      [
        series('lambda.durable_executions_started', [
          [0, 6],
          [60_000, 4],
        ]),
        series('lambda.durable_executions_succeeded', [[60_000, 9]]),
        series('lambda.durable_executions_running', [
          [0, 5],
          [60_000, 1],
        ]),
      ] as RunRecord['platform']['series'],
    );
    expect(observeMetric(cw, 'durable.success_rate', undefined, {}).value).toBe(0.9);
    expect(observeMetric(cw, 'durable.running', undefined, {}).value).toBe(1);
    expect(observeMetric(cw, 'durable.p99', undefined, {}).value).toBeNull();
  });
});
