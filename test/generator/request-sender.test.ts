/**
 * RequestSender on a fake dispatcher and a fake clock: what it dispatches, how each outcome is
 * booked (latency from the planned time), the in-flight cap, the timeout sweep, captures.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeHistogram, summarizeHistogram } from '../../src/record/latency-histogram.js';
import { profileFrom } from '../helpers/run-profile.js';
import { senderHarness } from './sender-harness.js';

const summary = (encoded: string | null) =>
  encoded ? summarizeHistogram(decodeHistogram(encoded)) : null;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RequestSender', () => {
  it('dispatches the built request to the origin and books the reply with latency from the planned time', () => {
    const h = senderHarness();
    h.advance(500);
    h.sender.send(400, 0, 0);
    expect(h.transport.origins).toEqual(['http://127.0.0.1:9']);
    expect(h.fake.requests).toHaveLength(1);
    expect(h.fake.requests[0].options).toMatchObject({ path: '/ping', method: 'GET' });
    expect(h.sender.inFlight).toBe(1);
    h.advance(30);
    h.fake.requests[0].reply(200, '{"ok":1}');
    expect(h.sender.inFlight).toBe(0);
    const t = h.totals();
    expect(t).toMatchObject({ planned: 1, sent: 1, completed: 1, ok: 1, bytesReceived: 8 });
    const [w] = h.recorder.takeClosedWindows(2000);
    expect(w.second).toBe(0);
    expect(w.totals.ok).toBe(1);
    // Planned at 400 ms, sent at 500 ms, replied at 530 ms: latency 130 ms, lateness 100 ms.
    expect(summary(w.latency)).toMatchObject({ count: 1, max: expect.closeTo(130, 0) as number });
    expect(summary(w.lateness)).toMatchObject({ count: 1, max: expect.closeTo(100, 0) as number });
    void h.sender.close();
  });

  it('asks the transport for a dispatcher once for a one-origin mix', () => {
    const h = senderHarness();
    for (let i = 0; i < 5; i++) h.sender.send(i, 0, 0);
    expect(h.transport.origins).toHaveLength(1);
    for (const r of h.fake.requests) r.reply(204);
    expect(h.totals().byStatus).toEqual({ '204': 5 });
    void h.sender.close();
  });

  it('drops and counts arrivals at the in-flight cap, with one warning, and sends again once a slot frees', () => {
    const h = senderHarness(undefined, { maxInFlight: 2 });
    expect(h.sender.send(0, 0, 0)).toBe(true);
    expect(h.sender.send(1, 0, 0)).toBe(true);
    expect(h.sender.send(2, 0, 0)).toBe(false);
    expect(h.sender.send(3, 0, 0)).toBe(false);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/maxInFlight reached \(2 in flight/);
    h.fake.requests[0].reply(200);
    expect(h.sender.send(4, 0, 0)).toBe(true);
    expect(h.fake.requests).toHaveLength(3);
    expect(h.totals()).toMatchObject({ planned: 5, sent: 3, dropped: 2, completed: 1 });
    void h.sender.close();
  });

  it('times out a connected request once: ETIMEDOUT, the connection aborted, nothing booked twice', () => {
    const h = senderHarness(undefined, { timeoutMs: 1000 });
    h.sender.send(0, 0, 0);
    const r = h.fake.requests[0];
    r.connect();
    h.advance(1000);
    expect(r.settled).toBe(false);
    h.advance(100);
    expect(r.abortedByHandler).toBe(true);
    expect(h.sender.inFlight).toBe(0);
    h.advance(1000);
    expect(h.totals()).toMatchObject({
      sent: 1,
      completed: 1,
      errors: 1,
      byError: { ETIMEDOUT: 1 },
    });
    void h.sender.close();
  });

  it('counts transport errors by their short code', () => {
    const h = senderHarness();
    for (let i = 0; i < 3; i++) h.sender.send(i, 0, 0);
    h.fake.requests[0].fail('ECONNREFUSED');
    h.fake.requests[1].connect();
    h.fake.requests[1].fail('UND_ERR_SOCKET');
    h.fake.requests[2].fail('UND_ERR_CONNECT_TIMEOUT');
    expect(h.totals().byError).toEqual({ ECONNREFUSED: 1, ECONNRESET: 1, ETIMEDOUT: 1 });
    expect(h.sender.inFlight).toBe(0);
    void h.sender.close();
  });

  it('abandonAll books every request not booked yet as aborted (not completed, not an error); queued ones stay held until the transport closes', () => {
    const h = senderHarness();
    for (let i = 0; i < 4; i++) h.sender.send(i, 0, 0);
    h.fake.requests[0].connect();
    h.fake.requests[3].reply(200);
    h.sender.abandonAll();
    expect(h.sender.pending).toBe(0);
    expect(h.fake.requests[0].abortedByHandler).toBe(true);
    expect(h.sender.inFlight).toBe(2);
    expect(h.totals()).toMatchObject({ sent: 4, completed: 1, ok: 1, errors: 0, aborted: 3 });
    expect(h.totals().byError).toEqual({});
    void h.sender.close();
    expect(h.sender.inFlight).toBe(0);
    expect(h.totals()).toMatchObject({ completed: 1, aborted: 3 });
    // The second of the aborted requests closes: nothing there is pending any more.
    expect(h.recorder.takeClosedWindows(1000).map((w) => w.totals.aborted)).toEqual([3]);
  });

  it('captures values from 2xx JSON replies and uses them in later paths', () => {
    const profile = profileFrom(`
name: unit
load: { phases: [ { duration: 2s, rate: 10 } ] }
requests:
  - { name: create, method: POST, path: /notes, capture: { noteId: "$.id" } }
  - { name: read, path: "/notes/{{noteId}}", weight: 1000 }
`);
    const h = senderHarness(profile);
    // No id captured yet: the mix runs the producer instead of `read`.
    expect(h.sender.pick()).toBe(0);
    h.sender.send(0, 0, 0);
    h.fake.requests[0].reply(201, '{"id":"n42"}');
    const read = h.sender.pick();
    expect(read).toBe(1);
    h.sender.send(1, read, 0);
    expect(h.fake.requests[1].options.path).toBe('/notes/n42');
    void h.sender.close();
  });
});

describe('a request that times out while still waiting for its connection (stalled connect)', () => {
  it('is booked ETIMEDOUT once, keeps its slot until undici lets go, and books nothing for the next request', () => {
    const h = senderHarness(undefined, { maxInFlight: 1, timeoutMs: 1000 });
    h.sender.send(0, 0, 0); // A: queued, undici has not called onConnect
    const a = h.fake.requests[0];
    h.advance(1100);
    // The sweep has booked A's timeout...
    expect(h.totals()).toMatchObject({ sent: 1, completed: 1, byError: { ETIMEDOUT: 1 } });
    // ...but undici still holds A's handler, so A still counts against maxInFlight.
    expect(a.settled).toBe(false);
    expect(h.sender.inFlight).toBe(1);
    expect(h.sender.send(1200, 0, 0)).toBe(false); // B: dropped at the cap, not dispatched
    expect(h.fake.requests).toHaveLength(1);
    // The connection comes up late: the timed-out request is aborted before it is written.
    h.advance(300);
    expect(a.connect()).toBe(false);
    expect(a.abortedByHandler).toBe(true);
    expect(h.sender.inFlight).toBe(0);
    // C goes out and its own reply is what gets booked.
    h.sender.send(1500, 0, 0);
    const c = h.fake.requests[1];
    h.advance(20);
    c.reply(200);
    expect(h.totals()).toMatchObject({
      planned: 3,
      sent: 2,
      dropped: 1,
      completed: 2,
      ok: 1,
      errors: 1,
      byStatus: { '200': 1 },
      byError: { ETIMEDOUT: 1 },
    });
    expect(h.fake.maxHeld).toBe(1);
    void h.sender.close();
  });

  it('a late final callback from undici (connect timeout, pool closed) is not booked again', () => {
    const h = senderHarness(undefined, { maxInFlight: 2, timeoutMs: 1000 });
    h.sender.send(0, 0, 0);
    h.sender.send(0, 0, 0);
    h.advance(1100);
    expect(h.totals().completed).toBe(2);
    h.fake.requests[0].fail('UND_ERR_CONNECT_TIMEOUT');
    expect(h.sender.inFlight).toBe(1);
    void h.sender.close(); // the pool's destroy fails the other one
    expect(h.sender.inFlight).toBe(0);
    expect(h.totals()).toMatchObject({
      sent: 2,
      completed: 2,
      errors: 2,
      byError: { ETIMEDOUT: 2 },
    });
  });

  it('the closed model user of a timed-out request goes on at the timeout, once', () => {
    const h = senderHarness(undefined, { maxInFlight: 2, timeoutMs: 1000 });
    let turns = 0;
    h.sender.send(0, 0, 0, () => turns++);
    h.advance(1100);
    expect(turns).toBe(1);
    h.fake.requests[0].connect();
    expect(turns).toBe(1);
    void h.sender.close();
  });
});
