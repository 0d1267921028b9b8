/** reconcile and renderReconciliation: client counts per minute beside Lambda's. */
import { describe, expect, it } from 'vitest';
import { reconcile, renderReconciliation } from '../../src/collector/reconcile.js';
import type { PlatformSeries } from '../../src/record/run-record.js';
import { makeRecord, second } from './record-fixture.js';

const M0 = Date.UTC(2026, 10, 27, 10, 0, 0);

function sum(
  name: string,
  labels: Record<string, string>,
  points: Array<[number, number]>,
  periodSec = 60,
): PlatformSeries {
  return { name, labels, source: 'aws', periodSec, stat: 'Sum', unit: 'Count', points };
}

describe('reconcile', () => {
  it('buckets client seconds into UTC minutes and sums functions, preferring function-level series', () => {
    const record = makeRecord(M0 + 30_000, 60, {
      timeline: [
        second(0, { '200': 10 }),
        second(29, { '200': 5, '429': 2 }),
        second(30, { '200': 20, '503': 1 }),
      ],
      platform: {
        series: [
          sum('lambda.invocations', { function: 'a' }, [
            [M0, 15],
            [M0 + 60_000, 20],
          ]),
          sum('lambda.invocations', { function: 'a', resource: 'a:1' }, [[M0, 999]]),
          sum('lambda.invocations', { function: 'b', resource: 'b:prod' }, [[M0, 1]]),
          sum('lambda.throttles', { function: 'a' }, [[M0 + 60_000, 0]]),
          sum('lmi.instances', {}, [[M0, 3]]),
          sum('lambda.errors', { function: 'a' }, [[M0, 4]], 300), // 5-minute data cannot be split
        ],
      },
    });
    const rows = reconcile(record);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      minuteStartMs: M0,
      sent: 17,
      ok2xx: 15,
      throttled429: 2,
      server5xx: 0,
      lambdaInvocations: 16,
      lambdaThrottles: 0,
      lambdaErrors: null,
    });
    expect(rows[1]).toMatchObject({
      minuteStartMs: M0 + 60_000,
      sent: 21,
      ok2xx: 20,
      server5xx: 1,
      lambdaInvocations: 20,
    });
    expect(rows[0].notes).toEqual([expect.stringContaining('429 that Lambda did not count')]);
  });

  it('notes a needlepoint shorter than the period and 5xx that Lambda counted as throttles', () => {
    const timeline = [
      second(0, { '200': 1 }),
      second(1, { '200': 300, '500': 700 }),
      second(2, { '200': 1 }),
    ];
    const record = makeRecord(M0, 3, {
      timeline,
      platform: { series: [sum('lambda.throttles', { function: 'a' }, [[M0, 700]])] },
    });
    const [row] = reconcile(record);
    expect(row.peakSentPerSec).toBe(1000);
    expect(row.notes).toEqual([
      expect.stringContaining('spike: 1000 req/s for 1 s inside one 60 s datapoint'),
      expect.stringContaining('client saw 700 5xx while Lambda counted 700 throttles'),
    ]);
    const text = renderReconciliation([row]);
    expect(text).toContain('10:00');
    expect(text).toContain('^ spike');
  });

  it('has nulls when there is no Lambda data and renders nothing for no rows', () => {
    const [row] = reconcile(makeRecord(M0, 1, { timeline: [second(0, { '200': 3 })] }));
    expect(row).toMatchObject({
      lambdaInvocations: null,
      lambdaThrottles: null,
      lambdaErrors: null,
      notes: [],
    });
    expect(renderReconciliation([])).toBe('');
  });
});
