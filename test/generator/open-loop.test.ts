/**
 * OpenLoop on a fake clock and a fake dispatcher: arrivals go out at their planned times, the
 * recorder is told how far the schedule has been handed out, and the end is reported once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenLoop } from '../../src/generator/open-loop.js';
import { ArrivalCursor } from '../../src/schedule/arrival-cursor.js';
import { onePing, senderHarness } from './sender-harness.js';
import type { Profile } from '../../src/profile/types.js';
import { profileFrom } from '../helpers/run-profile.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function loop(profile: Profile = onePing(), maxInFlight = 1000, maxLatenessMs = Infinity) {
  const h = senderHarness(profile, { maxInFlight, timeoutMs: 60_000 });
  let ended = 0;
  const open = new OpenLoop(
    new ArrivalCursor(profile.load.phases),
    h.sender,
    h.now,
    () => ended++,
    maxLatenessMs,
  );
  return { ...h, open, ended: () => ended };
}

describe('OpenLoop', () => {
  it('sends each arrival at its planned time, 10 req/s for 2 s, then reports the end once', () => {
    const l = loop();
    l.open.start();
    // Uniform arrivals at 50, 150, ... 1950 ms.
    expect(l.fake.requests).toHaveLength(0);
    l.advance(50);
    expect(l.fake.requests).toHaveLength(1);
    l.advance(1000);
    expect(l.fake.requests).toHaveLength(11);
    for (const r of l.fake.requests) r.reply(200);
    l.advance(1000);
    expect(l.fake.requests).toHaveLength(20);
    expect(l.ended()).toBe(1);
    for (const r of l.fake.pending()) r.reply(200);
    expect(l.totals()).toMatchObject({ planned: 20, sent: 20, ok: 20, dropped: 0 });
    const windows = l.recorder.takeClosedWindows(2000);
    expect(windows.map((w) => w.totals.sent)).toEqual([10, 10]);
    l.advance(5000);
    expect(l.ended()).toBe(1);
    void l.sender.close();
  });

  it('catches up at once with arrivals already due, 64 a turn so replies are read in between', () => {
    const l = loop(pingAt(5000));
    // 5,000 req/s and the loop starts 100 ms late: 500 arrivals are due at once.
    l.advance(100);
    l.open.start();
    expect(l.fake.requests.length).toBe(64);
    // Later turns (setImmediate) send the rest, 64 at a time.
    // By 150 ms the loop has caught up: arrival k is planned at (k + 0.5) / 5 ms, 750 are due.
    l.advance(150 - l.now());
    expect(l.fake.requests.length).toBe(750);
    l.open.stop();
    l.advance(500);
    expect(l.fake.requests.length).toBe(750);
    expect(l.ended()).toBe(0);
    void l.sender.close();
  });

  it('stop sends nothing more; in-flight requests still complete', () => {
    const l = loop();
    l.open.start();
    l.advance(500);
    expect(l.fake.requests).toHaveLength(5);
    l.open.stop();
    l.advance(300);
    for (const r of l.fake.requests) r.reply(200);
    l.advance(2000);
    expect(l.fake.requests).toHaveLength(5);
    expect(l.totals()).toMatchObject({ sent: 5, ok: 5 });
    void l.sender.close();
  });
});

describe('OpenLoop with maxLateness', () => {
  it('drops and counts arrivals later than maxLateness instead of sending them, with one warning', () => {
    const l = loop(pingAt(1000), 10_000, 100);
    // The loop starts 500 ms late: arrivals planned before 400 ms are more than 100 ms late.
    l.advance(500);
    l.open.start();
    l.advance(3000);
    expect(l.ended()).toBe(1);
    for (const r of l.fake.pending()) r.reply(200);
    const t = l.totals();
    expect(t).toMatchObject({ planned: 2000, sent: 1600, dropped: 400 });
    expect(t.droppedBy).toEqual({ inFlight: 0, late: 400 });
    expect(l.fake.requests).toHaveLength(1600);
    expect(l.warnings).toEqual([expect.stringMatching(/cannot keep up.*maxLateness \(1000 ms\)/)]);
    const windows = l.recorder.takeClosedWindows(2000);
    expect(windows.map((w) => [w.totals.sent, w.totals.droppedBy])).toEqual([
      [600, { inFlight: 0, late: 400 }],
      [1000, { inFlight: 0, late: 0 }],
    ]);
    void l.sender.close();
  });

  it('a generator far slower than the rate (10^9 req/s, 64 sends a turn) sends at its own pace, closes its windows and ends at the schedule end + maxLateness', async () => {
    const l = loop(pingAt(1e9), 1e9, 200);
    l.fake.autoReply = 200;
    l.open.start();
    const closed: number[] = [];
    for (let ms = 0; ms < 2300 && l.ended() === 0; ms += 10) {
      await vi.advanceTimersByTimeAsync(10);
      for (const w of l.recorder.takeClosedWindows(l.now())) closed.push(w.second);
    }
    expect(l.ended()).toBe(1);
    expect(l.now()).toBeLessThanOrEqual(2000 + 200 + 10);
    const t = l.totals();
    expect(t.planned).toBe(2e9);
    expect(t.sent + t.droppedBy!.late).toBe(2e9);
    expect(t.sent).toBeGreaterThan(1000);
    expect(t.sent).toBe(l.fake.dispatched);
    expect(t.ok).toBe(t.sent);
    expect(t.droppedBy!.inFlight).toBe(0);
    // Second 0 closed while the schedule was still running.
    expect(closed).toContain(0);
    void l.sender.close();
  });
});

function pingAt(rate: number): Profile {
  return profileFrom(`
name: unit
load: { phases: [ { duration: 2s, rate: ${rate} } ] }
requests: [ { name: ping, path: /ping } ]
`);
}
