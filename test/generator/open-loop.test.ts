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

function loop(profile: Profile = onePing(), maxInFlight = 1000) {
  const h = senderHarness(profile, { maxInFlight });
  let ended = 0;
  const open = new OpenLoop(new ArrivalCursor(profile.load.phases), h.sender, h.now, () => ended++);
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

function pingAt(rate: number): Profile {
  return profileFrom(`
name: unit
load: { phases: [ { duration: 2s, rate: ${rate} } ] }
requests: [ { name: ping, path: /ping } ]
`);
}
