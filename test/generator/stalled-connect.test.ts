/**
 * The stalled-connect case against a real listener whose accept queue is full: on Linux a SYN to
 * a listener with a full accept queue is dropped, so the client's connect stalls (it retransmits
 * the SYN after 1 s, 3 s, ...), exactly what a flash crowd does to a small server. Requests time
 * out while undici still holds them queued for a connection; each is booked ETIMEDOUT exactly
 * once, undici never holds more than maxInFlight handlers, and its late callbacks (connect
 * timeout, pool closed) book nothing for later requests. The lean client (which hands the handler
 * its abort at dispatch) takes each timed-out request out of its queue at once.
 */
import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from 'undici';
import { RequestRecorder } from '../../src/recorder/request-recorder.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { prepareRequests } from '../../src/mix/prepared-request.js';
import { RequestSender } from '../../src/generator/request-sender.js';
import type { Transport } from '../../src/generator/transport.js';
import { undiciTransport } from '../../src/generator/undici-transport.js';
import { leanTransport } from '../../src/generator/http1/lean-transport.js';
import { onePing } from './sender-harness.js';

/**
 * A listener with backlog 1 in a worker thread that blocks (Atomics.wait) right after listening,
 * so nothing ever accepts; `release` lets it close.
 */
async function deafListener(): Promise<{ port: number; release: () => Promise<void> }> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const server = require('node:net').createServer();
     server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(workerData.flag, 0, 0);
       server.close();
     });`,
    { eval: true, workerData: { flag } },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return {
    port,
    release: async () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      await worker.terminate();
    },
  };
}

/** Opens connections until one does not complete within 300 ms: the accept queue is then full. */
async function fillAcceptQueue(port: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < 64; i++) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    const connected = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 300);
      s.once('connect', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    sockets.push(s);
    if (!connected) return sockets;
  }
  throw new Error('the accept queue never filled');
}

/** Wraps a transport to count the handlers undici holds (dispatched, no final callback yet). */
function counting(inner: Transport) {
  const stats = { dispatched: 0, held: 0, maxHeld: 0 };
  const wrap = (h: Dispatcher.DispatchHandler): Dispatcher.DispatchHandler => {
    const final = () => stats.held--;
    return {
      onConnect: (abort) => h.onConnect?.(abort),
      onHeaders: (status, headers, resume, text) =>
        h.onHeaders?.(status, headers, resume, text) ?? true,
      onData: (chunk) => h.onData?.(chunk) ?? true,
      onComplete: (trailers) => {
        final();
        h.onComplete?.(trailers);
      },
      onError: (err) => {
        final();
        h.onError?.(err);
      },
    };
  };
  const transport: Transport = {
    dispatcher(origin) {
      const d = inner.dispatcher(origin);
      return {
        dispatch(options, handler) {
          stats.dispatched++;
          stats.held++;
          stats.maxHeld = Math.max(stats.maxHeld, stats.held);
          return d.dispatch(options, wrap(handler));
        },
      };
    },
    prewarm: (o, n) => inner.prewarm(o, n),
    close: () => inner.close(),
  };
  return { transport, stats };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/**
 * stalledSender: a listener whose accept queue is full, and a sender of one ping to it through
 * `inner` (counted), at most 4 in flight, each request timing out after 300 ms.
 */
async function stalledSender(inner: Transport) {
  const listener = await deafListener();
  cleanup.push(listener.release);
  const filler = await fillAcceptQueue(listener.port);
  cleanup.push(() => filler.forEach((s) => s.destroy()));
  const url = `http://127.0.0.1:${listener.port}`;
  const recorder = new RequestRecorder(1, 1);
  const { transport, stats } = counting(inner);
  const started = performance.now();
  const now = () => performance.now() - started;
  const sender = new RequestSender({
    requests: prepareRequests(onePing(), url, {}, 300),
    recorder,
    random: createRandom(1),
    env: {},
    maxInFlight: 4,
    timeoutMs: 300,
    now,
    onWarning: () => {},
    transport,
  });
  cleanup.push(() => sender.close());
  return { sender, recorder, stats, now };
}

describe('requests to a listener whose accept queue is full', () => {
  it('time out once each, never exceed maxInFlight in undici, and late callbacks book nothing', async () => {
    if (process.platform !== 'linux') return; // the SYN-drop behaviour is Linux's
    // undici's connect timeout (1.2 s) is longer than the request timeout (300 ms), so each
    // request times out while undici still holds it queued for its connection.
    const { sender, recorder, stats, now } = await stalledSender(
      undiciTransport({ connections: 4, connectTimeoutMs: 1200 }),
    );

    for (let i = 0; i < 4; i++) sender.send(now(), 0, 0);
    await sleep(600);
    // All four timed out, once each, while undici still holds them.
    expect(recorder.total.toTotals()).toMatchObject({ sent: 4, completed: 4 });
    expect(sender.pending).toBe(0);
    expect(sender.inFlight).toBe(4);
    // So the next four are dropped at the cap instead of piling up in undici.
    for (let i = 0; i < 4; i++) sender.send(now(), 0, 0);
    expect(stats.dispatched).toBe(4);
    // undici's connect timeout lets go of them; then four more go out and time out in turn.
    for (let i = 0; i < 40 && sender.inFlight > 0; i++) await sleep(100);
    expect(sender.inFlight).toBe(0);
    for (let i = 0; i < 4; i++) sender.send(now(), 0, 0);
    await sleep(600);
    await sender.close();
    expect(sender.inFlight).toBe(0);
    expect(stats.held).toBe(0);
    expect(stats.maxHeld).toBe(4);
    expect(stats.dispatched).toBe(8);
    expect(recorder.total.toTotals()).toMatchObject({
      planned: 12,
      sent: 8,
      dropped: 4,
      completed: 8,
      ok: 0,
      errors: 8,
      byStatus: {},
      byError: { ETIMEDOUT: 8 },
    });
  }, 15_000);

  it('with the lean client: each times out once, and the client lets go of it at the abort', async () => {
    if (process.platform !== 'linux') return;
    // The connect timeout (1.2 s) is longer than the request timeout (300 ms): each request times
    // out while queued for a connection, and the lean client takes it out of its queue at once.
    const { sender, recorder, stats, now } = await stalledSender(
      leanTransport({ connections: 4, connectTimeoutMs: 1200 }),
    );

    for (let i = 0; i < 4; i++) sender.send(now(), 0, 0);
    await sleep(600);
    expect(recorder.total.toTotals()).toMatchObject({ sent: 4, completed: 4 });
    expect(sender.pending).toBe(0);
    expect(sender.inFlight).toBe(0);
    expect(stats.held).toBe(0);
    // The next four go out (no slot is held), queue behind the same stalled connects, time out.
    for (let i = 0; i < 4; i++) sender.send(now(), 0, 0);
    await sleep(600);
    await sender.close();
    expect(stats.held).toBe(0);
    expect(stats.maxHeld).toBe(4);
    expect(stats.dispatched).toBe(8);
    expect(recorder.total.toTotals()).toMatchObject({
      planned: 8,
      sent: 8,
      dropped: 0,
      completed: 8,
      errors: 8,
      byError: { ETIMEDOUT: 8 },
    });
  }, 15_000);
});
