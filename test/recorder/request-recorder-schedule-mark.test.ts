import { describe, expect, it } from 'vitest';
import { RequestRecorder } from '../../src/recorder/request-recorder.js';

// A generator running more than a second late must not lose the counts of a second whose
// arrivals it has not sent yet: the open loop marks how far the schedule has been handed over.
describe('RequestRecorder.markScheduledUpTo', () => {
  it('keeps a window open until the schedule has passed its second', () => {
    const r = new RequestRecorder(1, 1);
    r.markScheduledUpTo(0);
    const w = r.sent(100, 100, 0, 0, 0);
    r.completedWithStatus(w, 0, 0, 200, 1, 2);
    r.markScheduledUpTo(500); // arrivals planned at 500..999 not sent yet, though the clock is at 2.6 s
    expect(r.takeClosedWindows(2600)).toEqual([]);
    const late = r.sent(500, 2650, 0, 0, 0);
    r.completedWithStatus(late, 0, 0, 200, 2160, 2);
    r.markScheduledUpTo(1000);
    const closed = r.takeClosedWindows(2700);
    expect(closed.map((c) => [c.second, c.totals.sent, c.totals.completed])).toEqual([[0, 2, 2]]);
  });

  it('closes on the wall clock alone when no mark is given (closed model)', () => {
    const r = new RequestRecorder(1, 1);
    const w = r.sent(100, 100, 0, 0, 0);
    r.completedWithStatus(w, 0, 0, 200, 1, 2);
    expect(r.takeClosedWindows(1500).map((c) => c.second)).toEqual([0]);
  });

  it('closes everything once the schedule has ended (mark = Infinity)', () => {
    const r = new RequestRecorder(1, 1);
    r.markScheduledUpTo(0);
    const w = r.sent(1500, 1500, 0, 0, 0);
    r.completedWithStatus(w, 0, 0, 200, 1, 2);
    r.markScheduledUpTo(Infinity);
    expect(r.takeClosedWindows(2100).map((c) => [c.second, c.totals.sent])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});
