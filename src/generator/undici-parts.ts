/**
 * undiciParts: the two pieces of undici the generator uses at run time, `Pool` and
 * `buildConnector` (undiciPool(), undiciConnector()), loaded from their own files on first use.
 * undici's index loads every feature it has (fetch, WebSocket, EventSource, caches, mocks, the
 * request/stream API on Dispatcher.prototype):
 * about 80 ms of CPU in each worker thread before its first request, against about 25 ms for
 * these two files. The generator calls only `dispatch`, `compose`, `close` and `destroy` on a
 * Pool (Dispatcher's own methods, all in these files), never `request`/`stream`, which only the
 * index attaches. The paths are those of undici 7 (package-lock.json pins it); undici has no
 * `exports` map, so Node resolves them as written. Types come from undici's own declarations.
 */
import { createRequire } from 'node:module';
import type { Pool as UndiciPool, buildConnector as UndiciBuildConnector } from 'undici';

const requireUndici = createRequire(import.meta.url);

let pool: typeof UndiciPool | undefined;
let connector: typeof UndiciBuildConnector | undefined;

/**
 * undiciPool: undici's Pool class (undici/lib/dispatcher/pool.js), loaded on first use, so a
 * worker whose runs go through the lean client never loads undici (about 30 ms of CPU).
 */
export function undiciPool(): typeof UndiciPool {
  return (pool ??= requireUndici('undici/lib/dispatcher/pool.js') as typeof UndiciPool);
}

/** undiciConnector: undici's buildConnector (undici/lib/core/connect.js), loaded on first use. */
export function undiciConnector(): typeof UndiciBuildConnector {
  return (connector ??= requireUndici('undici/lib/core/connect.js') as typeof UndiciBuildConnector);
}
