/**
 * throttledWork: how much of a run's traffic was throttled, so that a cost analysis says what its
 * figures price. A throttled request does no work and is not billed (`Invocations` excludes
 * throttles: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html), so every
 * scenario, observed or what-if, is priced and sized on the work that was served: serving all of
 * the traffic would have cost more. Pure.
 *
 * Throttled requests: the run's HTTP 429 responses, or Σ `lambda.throttles` when the platform
 * counted more (behind an API Gateway REST API a Lambda throttle reaches the client as a 500:
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html). The share is
 * over the requests the run sent.
 */
import { selectSeries } from '../record/platform-series.js';
import type { RunRecord } from '../record/run-record.js';

export interface ThrottledWork {
  throttled: number;
  sent: number;
  /** throttled / sent, 0..1. */
  share: number;
  /** Where the throttled count came from. */
  source: 'HTTP 429' | 'lambda.throttles';
}

/** throttledWork: null when nothing was throttled (or nothing was sent). */
export function throttledWork(record: RunRecord): ThrottledWork | null {
  const http = record.totals.throttled;
  const platform = selectSeries(record, 'lambda.throttles').reduce(
    (n, s) => n + s.points.reduce((a, [, v]) => a + v, 0),
    0,
  );
  const sent = record.totals.sent;
  const throttled = Math.max(http, platform);
  if (throttled <= 0 || sent <= 0) return null;
  return {
    throttled,
    sent,
    share: Math.min(1, throttled / sent),
    source: platform > http ? 'lambda.throttles' : 'HTTP 429',
  };
}

/** The share as a percentage with one decimal: 0.2131 -> `21.3%`. */
export function throttledPercent(t: ThrottledWork): string {
  return `${(Math.round(t.share * 1000) / 10).toFixed(1)}%`;
}

/** The cost note of a throttled run; `servedRequests` is the billed requests the figures price. */
export function throttledNote(t: ThrottledWork, servedRequests: number): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  return (
    `Throttled: ${n(t.throttled)} of ${n(t.sent)} requests (${throttledPercent(t)}, ${t.source}). ` +
    `Every scenario is priced and sized on the work that was served (${n(servedRequests)} billed requests), ` +
    'the what-ifs (on-demand Lambda, provisioned concurrency, LMI, fleets) as much as the platform observed, ' +
    'so these figures understate the cost of serving all of the traffic.'
  );
}
