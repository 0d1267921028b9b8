/**
 * WarmConnector: an undici connector that hands out sockets opened before the run starts, so the
 * first second of a spike does not pay for TCP (and TLS) handshakes. Sockets come from undici's
 * own connector (same options: keep-alive, no-delay, TLS); once the warm ones are used up, new
 * connections are opened as usual. TLS options (CA, client certificate, servername, insecure,
 * HTTP/2 by ALPN) come from the TransportSettings. One per origin per worker; not thread-safe.
 */
import type { buildConnector } from 'undici';
import { undiciConnector } from './undici-parts.js';
import type { Socket } from 'node:net';
import {
  connectOptions,
  plainTransportSettings,
  serverName,
  type TransportSettings,
} from './transport-settings.js';

export class WarmConnector {
  private readonly idle: Socket[] = [];
  private readonly base: buildConnector.connector;
  private readonly servername: string | undefined;

  constructor(timeoutMs: number, transport: TransportSettings = plainTransportSettings) {
    this.base = undiciConnector()(connectOptions(transport, timeoutMs));
    this.servername = transport.tls.servername;
  }

  /**
   * prewarm opens up to `count` connections to `origin` and keeps them idle; resolves when all
   * have connected or failed (a failure is not an error here: the run measures it later).
   */
  async prewarm(origin: string, count: number): Promise<void> {
    const u = new URL(origin);
    const options: buildConnector.Options = {
      hostname: u.hostname,
      host: u.host,
      protocol: u.protocol,
      port: u.port || (u.protocol === 'https:' ? '443' : '80'),
      servername: serverName(u.hostname, this.servername),
    };
    await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<void>((resolve) =>
            this.base(options, (error, socket) => {
              if (!error && socket) {
                socket.once('error', () => socket.destroy());
                this.idle.push(socket);
              }
              resolve();
            }),
          ),
      ),
    );
  }

  /** connect is the undici `connect` option: a warm socket when one is left, else a new one. */
  readonly connect: buildConnector.connector = (options, callback) => {
    for (let s = this.idle.pop(); s; s = this.idle.pop()) {
      if (!s.destroyed && s.readyState === 'open') {
        s.removeAllListeners('error');
        // undici expects the callback after connector() returns, as a real connect would.
        const socket = s;
        setImmediate(() => callback(null, socket));
        return;
      }
    }
    // A configured servername wins over the one undici derives from the Host header.
    this.base(this.servername ? { ...options, servername: this.servername } : options, callback);
  };

  /** close destroys the sockets never used. */
  close(): void {
    for (const s of this.idle) s.destroy();
    this.idle.length = 0;
  }
}
