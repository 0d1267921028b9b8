/**
 * createTransport: the one place that picks a worker's HTTP client. HTTP/2 (`http2`) and
 * `client: undici` get undiciTransport; every other run gets leanTransport, the generator's own
 * HTTP/1.1 client (src/generator/http1/). Both take the same options and speak the same
 * Transport contract (transport.ts).
 */
import type { SigV4Signer } from './sigv4-signer.js';
import type { Transport } from './transport.js';
import { transportClient, type TransportSettings } from './transport-settings.js';
import { undiciTransport } from './undici-transport.js';
import { leanTransport } from './http1/lean-transport.js';

export interface TransportOptions {
  /** Most sockets per origin (the worker's share of maxInFlight). */
  connections: number;
  /** TCP (and TLS) connect timeout in ms. */
  connectTimeoutMs: number;
  /** TLS, HTTP/2, client and signing settings (default: plain HTTP/1.1, the default client). */
  settings?: TransportSettings;
  /** Signs every request (with `auth: aws-sigv4`). */
  signer?: SigV4Signer;
  /**
   * Whether the pool may open another socket now (the lean client asks before growing; undici,
   * which opens one per queued request up to `connections`, does not).
   */
  mayGrow?: () => boolean;
}

export function createTransport(o: TransportOptions): Transport {
  return transportClient(o.settings) === 'undici' ? undiciTransport(o) : leanTransport(o);
}
