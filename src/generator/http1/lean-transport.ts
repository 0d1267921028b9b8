/**
 * leanTransport: the generator's own HTTP/1.1 Transport (the `lean` client): one Http1Pool per
 * origin (keep-alive, no pipelining, up to `connections` sockets, TLS from the settings, SigV4
 * signing when a signer is given) and one coarse sweep timer for the whole transport that checks
 * connect, headers and body timeouts and retires idle sockets past their keep-alive life (no
 * timer per request). It speaks undici's legacy DispatchHandler contract (see transport.ts), so
 * RequestSlot and the durable polls use it unchanged. HTTP/2 is not offered: createTransport
 * picks undici for that. Not thread-safe; one per worker thread.
 */
import type { SigV4Signer } from '../sigv4-signer.js';
import type { RequestDispatcher, Transport } from '../transport.js';
import { plainTransportSettings, type TransportSettings } from '../transport-settings.js';
import { Http1Pool } from './http1-pool.js';

export interface LeanTransportOptions {
  /** Most sockets per origin (the worker's share of maxInFlight). */
  connections: number;
  /** TCP (and TLS) connect timeout in ms. */
  connectTimeoutMs: number;
  /** TLS and signing settings (default: plain HTTP/1.1); `http2` is not honoured here. */
  settings?: TransportSettings;
  /** Signs every request (with `auth: aws-sigv4`). */
  signer?: SigV4Signer;
  /** Whether a pool may open another socket now (Http1PoolOptions.mayGrow). */
  mayGrow?: () => boolean;
}

/** How often the sweep runs (ms): a timeout fires within this much after it is due. */
export const SWEEP_MS = 250;

export function leanTransport(o: LeanTransportOptions): Transport {
  const settings = o.settings ?? plainTransportSettings;
  const pools = new Map<string, Http1Pool>();
  let timer: NodeJS.Timeout | null = null;
  const sweep = (): void => {
    const now = performance.now();
    for (const p of pools.values()) p.sweep(now);
  };
  const pool = (origin: string): Http1Pool => {
    let p = pools.get(origin);
    if (!p) {
      p = new Http1Pool(origin, {
        connections: o.connections,
        connectTimeoutMs: o.connectTimeoutMs,
        settings,
        signer: o.signer,
        mayGrow: o.mayGrow,
      });
      pools.set(origin, p);
      if (timer === null) {
        timer = setInterval(sweep, SWEEP_MS);
        timer.unref();
      }
    }
    return p;
  };
  return {
    dispatcher: pool,
    async prewarm(origins: string[], connections: number): Promise<void> {
      await Promise.all(origins.map((origin) => pool(origin).prewarm(connections)));
    },
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all([...pools.values()].map((p) => p.close()));
    },
  } satisfies Transport & { dispatcher(origin: string): RequestDispatcher };
}
