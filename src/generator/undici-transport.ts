/**
 * undiciTransport: the real Transport. One dispatcher per origin (originDispatcher: a keep-alive
 * undici Pool, no pipelining, up to `connections` sockets, HTTP/2 and SigV4 signing when the
 * settings ask), each connecting through a WarmConnector (which carries the TLS options) so
 * sockets opened by `prewarm` are used first. Not thread-safe; one per worker thread.
 */
import type { Dispatcher } from 'undici';
import { originDispatcher } from './origin-dispatcher.js';
import type { SigV4Signer } from './sigv4-signer.js';
import type { RequestDispatcher, Transport } from './transport.js';
import { plainTransportSettings, type TransportSettings } from './transport-settings.js';
import { WarmConnector } from './warm-connector.js';

export interface UndiciTransportOptions {
  /** Most sockets per origin (the worker's share of maxInFlight). */
  connections: number;
  /** TCP (and TLS) connect timeout in ms. */
  connectTimeoutMs: number;
  /** TLS, HTTP/2 and signing settings (default: plain HTTP/1.1). */
  settings?: TransportSettings;
  /** Signs every request (with `auth: aws-sigv4`). */
  signer?: SigV4Signer;
}

export function undiciTransport(o: UndiciTransportOptions): Transport {
  const settings = o.settings ?? plainTransportSettings;
  const pools = new Map<string, Dispatcher>();
  const connectors = new Map<string, WarmConnector>();
  const connector = (origin: string): WarmConnector => {
    let c = connectors.get(origin);
    if (!c) {
      c = new WarmConnector(o.connectTimeoutMs, settings);
      connectors.set(origin, c);
    }
    return c;
  };
  return {
    dispatcher(origin: string): RequestDispatcher {
      let p = pools.get(origin);
      if (!p) {
        p = originDispatcher(origin, {
          connections: o.connections,
          connect: connector(origin).connect,
          settings,
          signer: o.signer,
        });
        pools.set(origin, p);
      }
      return p;
    },
    async prewarm(origins: string[], connections: number): Promise<void> {
      await Promise.all(origins.map((origin) => connector(origin).prewarm(origin, connections)));
    },
    async close(): Promise<void> {
      for (const c of connectors.values()) c.close();
      await Promise.allSettled([...pools.values()].map((p) => p.destroy()));
    },
  };
}
