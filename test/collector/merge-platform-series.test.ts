/** mergePlatformSeries and the pure pieces of the aws source (errors, topology, queries, instances). */
import { describe, expect, it } from 'vitest';
import { describeAwsError } from '../../src/collector/aws-error.js';
import {
  functionsFromSpec,
  parseFunctionRef,
  capacityProviderName,
} from '../../src/collector/aws-topology.js';
import { buildMetricRequests } from '../../src/collector/build-metric-requests.js';
import { groupRequests } from '../../src/collector/fetch-metric-data.js';
import { instanceSeries } from '../../src/collector/instance-series.js';
import { mergePlatformSeries } from '../../src/collector/merge-platform-series.js';
import type { PlatformSeries } from '../../src/record/run-record.js';

const base = { source: 'aws' as const, periodSec: 60, stat: 'Sum', unit: 'Count' };

describe('mergePlatformSeries', () => {
  it('newer values win per timestamp, other points and series are kept, inputs untouched', () => {
    const older: PlatformSeries[] = [
      {
        ...base,
        name: 'lambda.invocations',
        labels: { function: 'a' },
        points: [
          [0, 1],
          [60, 2],
        ],
      },
      { ...base, name: 'lmi.instances', labels: {}, points: [[0, 3]] },
    ];
    const newer: PlatformSeries[] = [
      {
        ...base,
        name: 'lambda.invocations',
        labels: { function: 'a' },
        points: [
          [60, 5],
          [120, 6],
        ],
      },
      { ...base, name: 'lambda.invocations', labels: { function: 'b' }, points: [[0, 7]] },
    ];
    const merged = mergePlatformSeries(older, newer);
    expect(merged.map((s) => [s.name, s.labels.function, s.points])).toEqual([
      [
        'lambda.invocations',
        'a',
        [
          [0, 1],
          [60, 5],
          [120, 6],
        ],
      ],
      ['lmi.instances', undefined, [[0, 3]]],
      ['lambda.invocations', 'b', [[0, 7]]],
    ]);
    expect(older[0].points).toEqual([
      [0, 1],
      [60, 2],
    ]);
  });
});

describe('aws source helpers', () => {
  it('parses function references and capacity-provider ARNs', () => {
    expect(parseFunctionRef('notes-get')).toEqual({ functionName: 'notes-get' });
    expect(parseFunctionRef('notes-get:prod')).toEqual({
      functionName: 'notes-get',
      qualifier: 'prod',
    });
    expect(parseFunctionRef('arn:aws:lambda:us-east-1:1:function:f:7')).toEqual({
      functionName: 'f',
      qualifier: '7',
    });
    expect(capacityProviderName('arn:aws:lambda:us-east-1:1:capacity-provider:cp-1')).toBe('cp-1');
    expect(
      functionsFromSpec({ a: 'f', b: 'f', c: 'g' }).map((f) => [f.functionName, f.requests]),
    ).toEqual([
      ['f', ['a', 'b']],
      ['g', ['c']],
    ]);
  });

  it('classifies failures and names the permission, masking keys', () => {
    const denied = describeAwsError(
      Object.assign(new Error('AKIAABCDEFGHIJKLMNOP is not authorized'), { name: 'AccessDenied' }),
      'cloudwatch:GetMetricData',
    );
    expect(denied.kind).toBe('access-denied');
    expect(denied.message).toContain('missing permission cloudwatch:GetMetricData');
    expect(denied.message).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(describeAwsError({ name: 'ExpiredTokenException' }, 'x').kind).toBe(
      'expired-credentials',
    );
    expect(describeAwsError({ name: 'ThrottlingException' }, 'x').kind).toBe('throttled');
    expect(
      describeAwsError({ name: 'SyntaxError', $metadata: { httpStatusCode: 404 } }, 'x').kind,
    ).toBe('unsupported');
  });

  it('builds REST and HTTP API Gateway queries and chunks at 500 per call', () => {
    const topology = {
      functions: functionsFromSpec(
        Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`r${i}`, `f${i}`])),
      ),
    };
    const requests = buildMetricRequests(topology, {
      restApiName: 'notes',
      httpApiId: 'abc123',
      stage: 'prod',
    });
    const rest = requests.filter((r) => r.dimensions.some((d) => d.Name === 'ApiName'));
    expect(rest.map((r) => r.metricName)).toContain('5XXError');
    expect(rest[0].dimensions).toEqual([
      { Name: 'ApiName', Value: 'notes' },
      { Name: 'Stage', Value: 'prod' },
    ]);
    const http = requests.filter((r) => r.dimensions.some((d) => d.Name === 'ApiId'));
    expect(http.map((r) => r.metricName)).toContain('5xx');
    const groups = groupRequests(requests);
    expect(groups.every((g) => g.length <= 500)).toBe(true);
    expect(groups.reduce((n, g) => n + g.length, 0)).toBe(requests.length);
    expect(groups.some((g) => g.length === 500)).toBe(true);
  });

  it('integrates instance-seconds between samples from the run start', () => {
    const series = instanceSeries(
      [
        { tMs: 0, active: [{ id: 'a', type: 'm', launchMs: -100_000 }] },
        {
          tMs: 10_000,
          active: [
            { id: 'a', type: 'm' },
            { id: 'b', type: 'm', launchMs: 4_000 },
          ],
        },
        { tMs: 20_000, active: [{ id: 'b', type: 'm', launchMs: 4_000 }] },
      ],
      { provider: 'cp', runStartMs: 0, periodSec: 10, types: new Map([['m', { vcpus: 4 }]]) },
    );
    expect(series[0].points).toEqual([
      [0, 1],
      [10_000, 2],
      [20_000, 1],
    ]);
    expect(series[1]).toMatchObject({
      name: 'lmi.instance_seconds',
      labels: { instanceType: 'm', vcpus: '4' },
    });
    expect(series[1].points).toEqual([
      [0, 0],
      [10_000, 16],
      [20_000, 26],
    ]);
  });
});
