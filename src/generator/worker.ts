/**
 * The worker thread entry: the only file that uses `parentPort`. It wires WorkerEngine's messages
 * to the parent and turns an unexpected exception into a `fatal` message (plain data).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol.js';
import { sigv4Loaded } from './sigv4-signer.js';
import { WorkerEngine } from './worker-engine.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const post = (message: FromWorker) => port.postMessage(message);

function fatal(error: unknown): void {
  post({
    type: 'fatal',
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  });
}

try {
  const engine = new WorkerEngine(workerData as WorkerConfig, post);
  port.on('message', (message: ToWorker) => {
    try {
      if (message.type === 'start') engine.start(message.startEpochMs);
      else if (message.type === 'stop') engine.stop(message.graceMs);
      else if (message.type === 'credentials') engine.updateCredentials(message.credentials);
      else if (message.type === 'abort') engine.abort();
    } catch (error) {
      fatal(error);
    }
  });
  // A signing worker's SDK modules load while it prepares; no signed request waits for them.
  Promise.all([engine.prepare(), sigv4Loaded()]).then(
    () => post({ type: 'ready' }),
    (error: unknown) => fatal(error),
  );
} catch (error) {
  fatal(error);
}
