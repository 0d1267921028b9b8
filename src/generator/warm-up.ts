/**
 * warmUpCodePaths: before the start instant, a worker sends a few thousand requests through its
 * own sending and recording code to a throwaway HTTP server on 127.0.0.1 inside the worker, so the
 * JIT has compiled undici's client, the parser and the recorder before the first planned arrival.
 * Without it, a worker spends its first second of a 5,000 req/s run in cold code and falls
 * hundreds of ms behind. Nothing reaches the target; nothing is recorded in the run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { literalTemplate } from '../profile/template.js';
import type { Profile } from '../profile/types.js';
import { RequestRecorder } from '../recorder/request-recorder.js';
import { createRandom } from '../random/seeded-random.js';
import { prepareRequests } from '../mix/prepared-request.js';
import { RequestSender } from './request-sender.js';

/** warmUpCodePaths sends `count` requests, at most `concurrency` at once, to a local server. */
export async function warmUpCodePaths(count: number, concurrency = 32): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = warmUpProfile();
  const started = performance.now();
  const now = () => performance.now() - started;
  let done = 0;
  let sent = 0;
  const sender = new RequestSender({
    requests: prepareRequests(profile, url, {}, 5000),
    recorder: new RequestRecorder(1, 1),
    random: createRandom(1),
    env: {},
    maxInFlight: concurrency,
    timeoutMs: 5000,
    now,
    onWarning: () => {},
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
  } finally {
    await sender.close();
    server.closeAllConnections();
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
