/**
 * originDispatcher: the undici dispatcher a worker uses for one origin: a keep-alive Pool whose
 * connections come from `connect` (the WarmConnector, which carries the TLS options), offering
 * HTTP/2 when the transport asks for it, and signing every request when a signer is given.
 */
import type { buildConnector, Dispatcher } from 'undici';
import { undiciPool } from './undici-parts.js';
import { sigv4Interceptor } from './sigv4-interceptor.js';
import type { SigV4Signer } from './sigv4-signer.js';
import type { TransportSettings } from './transport-settings.js';

export interface OriginDispatcherOptions {
  /** Most connections to the origin (the worker's in-flight share). */
  connections: number;
  connect: buildConnector.connector;
  settings: TransportSettings;
  signer?: SigV4Signer;
}

/** originDispatcher builds the dispatcher; `destroy()` on it closes the pool. */
export function originDispatcher(origin: string, o: OriginDispatcherOptions): Dispatcher {
  const Pool = undiciPool();
  const pool = new Pool(origin, {
    connections: o.connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    allowH2: o.settings.http2,
    connect: o.connect,
  });
  return o.signer ? pool.compose(sigv4Interceptor(o.signer, origin)) : pool;
}
