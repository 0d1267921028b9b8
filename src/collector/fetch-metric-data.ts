/**
 * fetchMetricData: reads many CloudWatch statistics over one window with as few GetMetricData
 * calls as possible: up to 500 queries a call, grouped by period so StartTime and EndTime can be
 * aligned to it (StartTime inclusive, EndTime exclusive), ScanBy TimestampAscending, NextToken
 * followed. Percentile statistics go in calls of their own, so an endpoint that rejects them
 * cannot take the others down. A failed call becomes a warning and its requests are absent from
 * the result (callers keep what they had).
 */
import {
  GetMetricDataCommand,
  type CloudWatchClient,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { ApiPacer } from './api-pacer.js';
import { describeAwsError, type AwsFailure } from './aws-error.js';
import { isPercentileStat, type MetricRequest } from './metric-request.js';

/** GetMetricData's documented limit of queries per call. */
export const MAX_QUERIES_PER_CALL = 500;
const MAX_PAGES = 50;

export interface FetchDeps {
  cloudwatch: CloudWatchClient;
  pacer: ApiPacer;
  warn(failure: AwsFailure): void;
}

/** Points per request that was read successfully (possibly empty: no data in the window). */
export type FetchedPoints = Map<MetricRequest, Array<[number, number]>>;

/** Reads `requests` over [startMs, endMs); each group's window is widened to whole periods. */
export async function fetchMetricData(
  requests: MetricRequest[],
  window: { startMs: number; endMs: number },
  deps: FetchDeps,
): Promise<FetchedPoints> {
  const result: FetchedPoints = new Map();
  for (const group of groupRequests(requests)) {
    const periodMs = group[0].periodSec * 1000;
    const startMs = Math.floor(window.startMs / periodMs) * periodMs;
    const endMs = Math.max(startMs + periodMs, Math.ceil(window.endMs / periodMs) * periodMs);
    try {
      const got = await fetchGroup(group, startMs, endMs, deps);
      for (const [req, points] of got) result.set(req, points);
    } catch (error) {
      const failure = describeAwsError(error, 'cloudwatch:GetMetricData');
      if (isPercentileStat(group[0].stat) && failure.kind === 'unsupported')
        failure.message = `percentile statistics are not available from this endpoint; kept Sum/Average/Maximum (${failure.message})`;
      deps.warn(failure);
    }
  }
  return result;
}

/** Groups by (percentile or not, period), then chunks of MAX_QUERIES_PER_CALL. Pure. */
export function groupRequests(requests: MetricRequest[]): MetricRequest[][] {
  const groups = new Map<string, MetricRequest[]>();
  for (const r of requests) {
    const key = `${isPercentileStat(r.stat)}|${r.periodSec}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const out: MetricRequest[][] = [];
  for (const list of groups.values())
    for (let i = 0; i < list.length; i += MAX_QUERIES_PER_CALL)
      out.push(list.slice(i, i + MAX_QUERIES_PER_CALL));
  return out;
}

function toQuery(r: MetricRequest, id: string): MetricDataQuery {
  return {
    Id: id,
    ReturnData: true,
    MetricStat: {
      Metric: { Namespace: r.namespace, MetricName: r.metricName, Dimensions: r.dimensions },
      Period: r.periodSec,
      Stat: r.stat,
    },
  };
}

async function fetchGroup(
  group: MetricRequest[],
  startMs: number,
  endMs: number,
  deps: FetchDeps,
): Promise<FetchedPoints> {
  const byId = new Map<string, MetricRequest>(group.map((r, i) => [`m${i}`, r]));
  const points = new Map<MetricRequest, Array<[number, number]>>(group.map((r) => [r, []]));
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await deps.pacer.run(() =>
      deps.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: [...byId.entries()].map(([id, r]) => toQuery(r, id)),
          StartTime: new Date(startMs),
          EndTime: new Date(endMs),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
      ),
    );
    for (const res of out.MetricDataResults ?? []) {
      const req = res.Id ? byId.get(res.Id) : undefined;
      if (!req) continue;
      if (res.StatusCode === 'Forbidden') {
        deps.warn({
          kind: 'access-denied',
          message: `access denied to ${req.namespace} ${req.metricName} (cloudwatch:GetMetricData)`,
        });
        points.delete(req);
        continue;
      }
      const list = points.get(req);
      const times = res.Timestamps ?? [];
      const values = res.Values ?? [];
      for (let i = 0; list && i < times.length; i++) list.push([times[i].getTime(), values[i]]);
    }
    nextToken = out.NextToken;
    if (!nextToken) break;
  }
  return points;
}
