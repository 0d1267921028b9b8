/**
 * undiciParts: the two pieces of undici the generator uses at run time, `Pool` and
 * `buildConnector` (here `connectorOf`), loaded from their own files. undici's index loads every feature it has
 * (fetch, WebSocket, EventSource, caches, mocks, the request/stream API on Dispatcher.prototype):
 * about 80 ms of CPU in each worker thread before its first request, against about 25 ms for
 * these two files. The generator calls only `dispatch`, `compose`, `close` and `destroy` on a
 * Pool (Dispatcher's own methods, all in these files), never `request`/`stream`, which only the
 * index attaches. The paths are those of undici 7 (package-lock.json pins it); undici has no
 * `exports` map, so Node resolves them as written. Types come from undici's own declarations.
 */
import { createRequire } from 'node:module';
import type { Pool as UndiciPool, buildConnector as UndiciBuildConnector } from 'undici';

const requireUndici = createRequire(import.meta.url);

/** undici's Pool class (undici/lib/dispatcher/pool.js). */
export const Pool = requireUndici('undici/lib/dispatcher/pool.js') as typeof UndiciPool;

/** undici's buildConnector (undici/lib/core/connect.js), under a name that leaves undici's type namespace free. */
export const connectorOf = requireUndici(
  'undici/lib/core/connect.js',
) as typeof UndiciBuildConnector;
