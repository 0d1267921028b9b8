// Preloaded with `node --import` (NODE_OPTIONS), which also runs in worker threads: a traffic
// worker throws an uncaught error right after its second `tick` message (its second second of
// measurements handed over), whatever the machine's speed. The main thread is left alone.
import { setImmediate } from 'node:timers';
import { isMainThread, parentPort } from 'node:worker_threads';

if (!isMainThread && parentPort) {
  const post = parentPort.postMessage.bind(parentPort);
  let ticks = 0;
  parentPort.postMessage = (message, ...rest) => {
    post(message, ...rest);
    if (message?.type === 'tick' && ++ticks === 2)
      setImmediate(() => {
        throw new Error('injected crash');
      });
  };
}
