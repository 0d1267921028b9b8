/**
 * warmUpCodePaths: before the start instant, a worker sends a few hundred requests through its own
 * sending and recording code to a throwaway server on 127.0.0.1 inside the worker, so the JIT has
 * compiled the HTTP client (lean or undici), its parser and the recorder before the first planned arrival. Without
 * it, a worker spends its first second of a 5,000 req/s run in cold code and falls hundreds of ms
 * behind. Nothing reaches the target; nothing is recorded in the run.
 *
 * The server is a raw TCP server that answers every request head (a GET without a body ends at the
 * first blank line) with one canned HTTP/1.1 response: the client side runs the code of a real run
 * (the client's dispatch and reply parsing, the recorder), while the server side costs next to nothing,
 * where node:http's server cost as much CPU as the client it warmed up.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { literalTemplate } from '../profile/template.js';
import type { Profile } from '../profile/types.js';
import { RequestRecorder } from '../recorder/request-recorder.js';
import { createRandom } from '../random/seeded-random.js';
import { prepareRequests } from '../mix/prepared-request.js';
import { RequestSender } from './request-sender.js';
import {
  DEFAULT_HTTP_CLIENT,
  plainTransportSettings,
  type HttpClient,
} from './transport-settings.js';

/** The one reply of the warm-up server (keep-alive, a small JSON body). */
const REPLY = Buffer.from(
  'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n' +
    'keep-alive: timeout=5\r\n\r\n{"ok":true}',
  'latin1',
);
const HEAD_END = '\r\n\r\n';

/**
 * warmUpRequestCount: how many warm-up requests a worker sends before the start, by its client.
 * The lean client: a tenth of a second of its share of the peak rate, at least 200 and at most
 * 500. At 5,000 req/s for 3 s on a busy 2-core machine, first-second lateness p99 (medians of 3):
 * 1 request 6.6 ms, 150 4.9 ms, 400 5.7 ms, 750 10.0 ms, 1,500 10.0 ms: no gain past a few
 * hundred, while 1,500 cost the worker's start 0.35-0.49 CPU s against 0.19-0.23 s with none.
 * undici (HTTP/2, `--client undici`): half a second, at least 200 and at most 1,500, as tuned
 * for it: 300 requests left a first second 127 ms late, 750 3 ms (bench/README.md, "Start-up").
 */
export function warmUpRequestCount(perWorkerPeakPerSec: number, client: HttpClient): number {
  if (client === 'undici') return Math.min(1500, Math.max(200, Math.ceil(perWorkerPeakPerSec / 2)));
  return Math.min(500, Math.max(200, Math.ceil(perWorkerPeakPerSec / 10)));
}

/**
 * warmUpCodePaths sends `count` requests, at most `concurrency` at once, to a local server, and
 * resolves to how many of them had a 2xx reply (all of them, unless the machine is out of sockets).
 * `client` is the HTTP client the run uses (so its code is the code warmed up).
 */
export async function warmUpCodePaths(
  count: number,
  concurrency = 32,
  client: HttpClient = DEFAULT_HTTP_CLIENT,
): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let tail = '';
    socket.on('data', (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      let from = 0;
      for (let at = text.indexOf(HEAD_END); at !== -1; at = text.indexOf(HEAD_END, from)) {
        from = at + HEAD_END.length;
        socket.write(REPLY);
      }
      tail = text.slice(from);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = warmUpProfile();
  const started = performance.now();
  const now = () => performance.now() - started;
  let done = 0;
  let sent = 0;
  const recorder = new RequestRecorder(1, 1);
  const sender = new RequestSender({
    requests: prepareRequests(profile, url, {}, 5000),
    recorder,
    random: createRandom(1),
    env: {},
    maxInFlight: concurrency,
    timeoutMs: 5000,
    now,
    onWarning: () => {},
    transportSettings: { ...plainTransportSettings, client },
  });
  try {
    await new Promise<void>((resolve) => {
      const onDone = (): void => {
        done++;
        next();
      };
      const next = (): void => {
        if (done >= count) return resolve();
        if (sent >= count) return;
        sent++;
        if (!sender.send(now(), 0, 0, onDone)) resolve();
      };
      for (let i = 0; i < concurrency; i++) next();
    });
    return recorder.total.toTotals().ok;
  } finally {
    await sender.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function warmUpProfile(): Profile {
  return {
    name: 'warm-up',
    source: 'warm-up',
    load: {
      model: 'open',
      maxInFlight: 32,
      arrivals: 'uniform',
      thinkTimeMs: 0,
      maxLatenessMs: 1000,
      phases: [],
    },
    requests: [
      {
        name: 'warm-up',
        weight: 1,
        method: 'GET',
        path: literalTemplate('/warm-up'),
        headers: {},
        capture: {},
      },
    ],
    flows: [],
    headers: {},
    gates: [],
    platform: 'on-demand',
  };
}
