/**
 * CompactTimeline gives back the entries pushed into it: equal objects with the same JSON, for
 * many entries (its arrays grow), with and without latency, byStatus and byError.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/record/run-record.js';
import { Tally } from '../../src/recorder/tally.js';
import { CompactTimeline } from '../../src/simulate/compact-timeline.js';

/** An entry as VirtualRecorder makes one (byStatus and byError from a Tally). */
function entry(second: number): TimelineEntry {
  const tally = new Tally();
  for (let i = 0; i < second % 7; i++) tally.recordStatus(200, 10);
  if (second % 3 === 0) tally.recordStatus(429, 0);
  if (second % 5 === 0) tally.recordStatus(409, 5);
  if (second % 11 === 0) tally.recordError('ETIMEDOUT');
  if (second % 13 === 0 && second % 7 > 0) tally.recordFunctionError('Unhandled');
  const t = tally.toTotals();
  return {
    second,
    planned: t.completed + (second % 2),
    sent: t.completed,
    completed: t.completed,
    ok: t.ok,
    throttled: t.throttled,
    errors: t.errors,
    dropped: second % 2,
    byStatus: t.byStatus,
    byError: t.byError,
    latencyMs:
      t.completed === 0
        ? null
        : {
            count: t.completed,
            p50: second / 3,
            p90: 1.5,
            p95: 2.25,
            p99: 3.125,
            p999: 4.001,
            max: 5 + second,
            mean: 1 / 7,
          },
    latenessP99Ms: null,
  };
}

describe('CompactTimeline', () => {
  it('returns 12,000 entries equal to the ones pushed, key order and JSON included', () => {
    // 12,000 entries fill eleven chunks and part of a twelfth, their counts three pool chunks.
    const timeline = new CompactTimeline();
    const pushed = Array.from({ length: 12_000 }, (_, s) => entry(s));
    for (const e of pushed) timeline.push(e);
    expect(timeline.length).toBe(12_000);
    const out = timeline.entries();
    expect(out).toHaveLength(12_000);
    expect(out).toEqual(pushed);
    expect(out.map((e) => JSON.stringify(e))).toEqual(pushed.map((e) => JSON.stringify(e)));
    expect(out.filter((e) => e.latencyMs === null)).toHaveLength(
      pushed.filter((e) => e.latencyMs === null).length,
    );
    expect(Object.keys(out[0])).toEqual(Object.keys(pushed[0]));
    expect(out[0].byError).toEqual({ ETIMEDOUT: 1 });
    expect(out[143].byError).toEqual({ ETIMEDOUT: 1, Unhandled: 1 });
    expect(Object.keys(out[15].byStatus)).toEqual(['200', '409', '429']);
    const poolValues = pushed.reduce(
      (n, e) => n + Object.keys(e.byStatus).length + Object.keys(e.byError).length,
      0,
    );
    expect(poolValues).toBeGreaterThan(2 * 8192);
  });

  it('makes new objects each call', () => {
    const timeline = new CompactTimeline();
    timeline.push(entry(3));
    const [a] = timeline.entries();
    const [b] = timeline.entries();
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
  });

  it('refuses what it cannot hold exactly', () => {
    const timeline = new CompactTimeline();
    expect(() => timeline.push({ ...entry(1), planned: 2 ** 32 })).toThrow(RangeError);
    expect(() => timeline.push({ ...entry(1), sent: 1.5 })).toThrow(RangeError);
    expect(() => timeline.push({ ...entry(1), latenessP99Ms: 0 })).toThrow(RangeError);
    expect(() => timeline.push({ ...entry(1), aborted: 0 })).toThrow(RangeError);
    expect(timeline.length).toBe(0);
    timeline.push(entry(2));
    expect(timeline.entries()).toEqual([entry(2)]);
  });
});
