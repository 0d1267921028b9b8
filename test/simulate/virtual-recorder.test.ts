/**
 * VirtualRecorder closes seconds by the same rule as a real run's RequestRecorder (both go
 * through SecondWindows): the same events give the same seconds with the same counts, at the
 * same moments.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/record/run-record.js';
import { RequestRecorder } from '../../src/recorder/request-recorder.js';
import { TimelineMerger } from '../../src/recorder/timeline-merger.js';
import { VirtualRecorder } from '../../src/simulate/virtual-recorder.js';

/** plannedMs, replyAtMs (null: dropped), status */
const EVENTS: Array<[number, number | null, number]> = [
  [100, 2600, 200], // second 0 waits for this reply until 2.6 s
  [900, 950, 429],
  [1200, null, 0],
  [3100, 3150, 503],
  [3900, 5200, 200],
];

function counts(e: TimelineEntry) {
  const { second, planned, sent, completed, ok, throttled, errors, dropped } = e;
  return { second, planned, sent, completed, ok, throttled, errors, dropped };
}

/** Replays EVENTS in time order, closing seconds after each arrival and reply; returns when and how many closed. */
function replay(
  onArrival: (plannedMs: number, index: number) => void,
  onReply: (index: number) => void,
  closeAt: (tMs: number) => number,
): Array<[number, number]> {
  const moments: Array<[number, number]> = [];
  const points = EVENTS.flatMap(([planned, reply], i) => [
    { t: planned, i, arrival: true },
    ...(reply === null ? [] : [{ t: reply, i, arrival: false }]),
  ]).sort((a, b) => a.t - b.t || Number(a.arrival) - Number(b.arrival));
  for (const p of points) {
    if (p.arrival) onArrival(p.t, p.i);
    else onReply(p.i);
    const closed = closeAt(p.t);
    if (closed > 0) moments.push([p.t, closed]);
  }
  return moments;
}

describe('VirtualRecorder and RequestRecorder', () => {
  it.each([
    ['compact', false],
    ['live', true],
  ])('close the same seconds with the same counts at the same moments (%s timeline)', (_, live) => {
    const real = new RequestRecorder(1, 1);
    const merged: TimelineEntry[] = [];
    const merger = new TimelineMerger(1, (e) => merged.push(e));
    const handles = new Map<number, unknown>();
    const realMoments = replay(
      (t, i) => {
        if (EVENTS[i][1] === null) real.dropped(t, 0, 0);
        else handles.set(i, real.sent(t, t, 0, 0, 0));
      },
      (i) => real.completedWithStatus(handles.get(i), 0, 0, EVENTS[i][2], 1, 0),
      (t) => {
        real.markScheduledUpTo(t);
        const before = merged.length;
        merger.add(real.takeClosedWindows(t));
        return merged.length - before;
      },
    );
    merger.add(real.takeClosedWindows(6000, true, 5));

    const virtual = new VirtualRecorder(1, 1, 0, false, live);
    const virtualMoments = replay(
      (t, i) => {
        const w = virtual.second(t);
        if (EVENTS[i][1] === null) virtual.dropped(w, 0, 0);
        else virtual.sent(w, 0, 0, 0);
      },
      (i) => virtual.completed(virtual.second(EVENTS[i][0]), 0, 0, EVENTS[i][2], 1, 0),
      (t) => {
        const before = virtual.closedCount;
        virtual.closeCompleted(t);
        return virtual.closedCount - before;
      },
    );
    virtual.closeAllBefore(6);

    expect(virtual.closedCount).toBe(6);
    expect(virtual.liveTimeline?.length).toBe(live ? 6 : undefined);
    expect(virtual.timelineEntries().map(counts)).toEqual(merged.map(counts));
    expect(virtualMoments).toEqual(realMoments);
    expect(realMoments).toEqual([
      [2600, 2], // seconds 0 and 1 close only after second 0's slow reply (t = 2.6 s)...
      [3100, 1], // ...second 2 once an arrival shows the schedule has passed it
      [5200, 2], // seconds 3 and 4 after the last reply (3.9 s + 1.3 s)
    ]);
    expect(merged.map((e) => e.second)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
