/**
 * Recorder: counting rules, per-second windows closing in order, merging across workers, and the
 * run record assembled from them (validated against its schema).
 */
import { describe, expect, it } from 'vitest';
import { buildRunRecord, placeholderMetadata } from '../../src/record/build-run-record.js';
import { RequestRecorder } from '../../src/recorder/request-recorder.js';
import { runRecordSchema, type TimelineEntry } from '../../src/record/run-record.js';
import { Tally } from '../../src/recorder/tally.js';
import { decodeHistogram, summarizeHistogram } from '../../src/record/latency-histogram.js';
import { TimelineMerger } from '../../src/recorder/timeline-merger.js';

describe('Tally counting rules', () => {
  const cases: Array<
    [string, number | string, Partial<Record<'ok' | 'throttled' | 'errors', number>>]
  > = [
    ['200 is ok', 200, { ok: 1 }],
    ['304 is ok (3xx counts as ok)', 304, { ok: 1 }],
    ['404 is neither ok nor an error', 404, {}],
    ['429 is throttled, not an error', 429, { throttled: 1 }],
    ['500 is an error', 500, { errors: 1 }],
    ['503 is an error', 503, { errors: 1 }],
    ['ECONNRESET is an error', 'ECONNRESET', { errors: 1 }],
  ];
  it.each(cases)('%s', (_name, outcome, expected) => {
    const t = new Tally();
    if (typeof outcome === 'number') t.recordStatus(outcome, 10);
    else t.recordError(outcome);
    const totals = t.toTotals();
    expect({ ok: totals.ok, throttled: totals.throttled, errors: totals.errors }).toEqual({
      ok: 0,
      throttled: 0,
      errors: 0,
      ...expected,
    });
    expect(totals.completed).toBe(1);
    if (typeof outcome === 'number') expect(totals.byStatus[String(outcome)]).toBe(1);
    else expect(totals.byError[outcome]).toBe(1);
  });
});

describe('RequestRecorder windows', () => {
  it('closes a second only once it has passed and all its requests completed, in order, with no gaps', () => {
    const r = new RequestRecorder(1, 1);
    const w0 = r.sent(100, 101, 0, 0, 0);
    r.sent(2500, 2500, 0, 0, 0); // second 2; second 1 has no arrivals
    expect(r.takeClosedWindows(900)).toEqual([]); // second 0 still running
    expect(r.takeClosedWindows(1500)).toEqual([]); // second 0 over, but its request is pending
    r.completedWithStatus(w0, 0, 0, 200, 50, 5);
    const closed = r.takeClosedWindows(2600);
    expect(closed.map((w) => w.second)).toEqual([0, 1]);
    expect(closed[0].totals).toMatchObject({ sent: 1, completed: 1, ok: 1 });
    expect(closed[1].totals.sent).toBe(0);
  });

  it('keeps a reply that completes after a forced close out of the windows that reuse its histograms', () => {
    const r = new RequestRecorder(1, 1);
    const late = r.sent(100, 100, 0, 0, 0); // second 0, never completed before the close
    const w0 = r.sent(200, 200, 0, 0, 0);
    r.completedWithStatus(w0, 0, 0, 200, 10, 5);
    expect(r.takeClosedWindows(500, true, 0).map((w) => w.second)).toEqual([0]);
    const w1 = r.sent(1100, 1100, 0, 0, 0); // second 1 takes the histograms second 0 gave back
    r.completedWithStatus(late, 0, 0, 200, 3_000, 5); // second 0's late reply
    r.completedWithStatus(w1, 0, 0, 200, 20, 5);
    const [second1] = r.takeClosedWindows(2000);
    expect(second1.second).toBe(1);
    const latency = summarizeHistogram(decodeHistogram(second1.latency as string));
    expect(latency).toMatchObject({ count: 1 });
    expect(latency?.max).toBeLessThan(21);
  });

  it('force-closes pending windows up to the given second', () => {
    const r = new RequestRecorder(1, 1);
    r.sent(100, 100, 0, 0, 0);
    r.dropped(1100, 0, 0);
    const closed = r.takeClosedWindows(1200, true, 2);
    expect(closed.map((w) => w.second)).toEqual([0, 1, 2]);
    expect(closed[1].totals).toMatchObject({ planned: 1, dropped: 1, sent: 0 });
  });

  it('records latency from the planned time given by the caller', () => {
    const r = new RequestRecorder(2, 1);
    const w = r.sent(0, 5, 1, 0, 0);
    r.completedWithStatus(w, 1, 0, 200, 250, 0);
    const data = r.toData();
    expect(data.byRequest[1].totals.ok).toBe(1);
    expect(data.byRequest[0].totals.sent).toBe(0);
    expect(data.lateness).not.toBeNull();
  });
});

describe('TimelineMerger', () => {
  it('emits a second only when every worker has sent it, and sums their counts', () => {
    const emitted: TimelineEntry[] = [];
    const merger = new TimelineMerger(2, (e) => emitted.push(e));
    const a = new RequestRecorder(1, 1);
    const b = new RequestRecorder(1, 1);
    for (const [rec, n] of [
      [a, 3],
      [b, 2],
    ] as const) {
      for (let i = 0; i < n; i++)
        rec.completedWithStatus(
          rec.sent(i * 10, i * 10, 0, 0, 0),
          0,
          0,
          i === 0 ? 429 : 200,
          20 + i,
          1,
        );
    }
    merger.add(a.takeClosedWindows(1000));
    expect(emitted).toHaveLength(0);
    merger.add(b.takeClosedWindows(1000));
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ second: 0, sent: 5, ok: 3, throttled: 2 });
    expect(emitted[0].latencyMs!.count).toBe(5);
  });
});

describe('buildRunRecord', () => {
  it('merges per-worker statistics into a record that validates against the schema', () => {
    const workers = [new RequestRecorder(2, 1), new RequestRecorder(2, 1)];
    workers.forEach((rec, wi) => {
      for (let i = 0; i < 10; i++) {
        const req = i % 2;
        rec.completedWithStatus(
          rec.sent(i * 100, i * 100 + 1, req, 0, 3),
          req,
          0,
          wi === 1 && i === 9 ? 503 : 200,
          10 + i,
          7,
        );
      }
    });
    const timeline: TimelineEntry[] = [];
    const merger = new TimelineMerger(2, (e) => timeline.push(e));
    for (const w of workers) merger.add(w.takeClosedWindows(2000));
    const record = buildRunRecord({
      meta: placeholderMetadata({
        runId: 'r',
        status: 'completed',
        startedAt: '2026-11-27T00:00:00.000Z',
        endedAt: '2026-11-27T00:00:01.000Z',
      }),
      requestNames: ['a', 'b'],
      phases: [{ kind: 'constant', startMs: 0, durationMs: 1000 }],
      timeline,
      workers: workers.map((w) => w.toData()),
    });
    expect(record.totals).toMatchObject({
      sent: 20,
      completed: 20,
      ok: 19,
      errors: 1,
      bytesReceived: 140,
      bytesSent: 60,
    });
    expect(record.byRequest.a.sent + record.byRequest.b.sent).toBe(20);
    expect(record.latencyMs.overall!.count).toBe(20);
    expect(record.phases[0].totals.sent).toBe(20);
    expect(timeline.reduce((s, e) => s + e.sent, 0)).toBe(20);
    expect(() => runRecordSchema.parse(record)).not.toThrow();
  });
});
