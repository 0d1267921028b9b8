/**
 * Http1Pool: the lean client's dispatcher for one origin: up to `connections` keep-alive
 * HTTP/1.1 sockets (net.connect for http:, tls.connect for https: with the run's TLS options and
 * TLS session reuse), one request per socket at a time, requests queued FIFO while every socket
 * is busy. `dispatch` calls the handler's onConnect(abort) at once (an abort takes a queued
 * request out of the queue), then writes it on an idle socket or queues it, opening a socket
 * when there are fewer than `connections`, at most MAX_CONNECTING connects at once (whichever
 * socket frees first takes the queue's head, so a lagging worker does not open a socket for every
 * request it queued), and none while `mayGrow` says no (see Http1PoolOptions). A connect that
 * fails ends the oldest queued request
 * with its error. A socket that dies while idle is dropped and replaced when needed. With a
 * signer, each request is signed (SigV4) before it is queued. `sweep` (the transport's coarse
 * timer) checks connect, headers and body timeouts and idle sockets. After `close`, every
 * request queued or in flight, and every later one, ends with onError (UND_ERR_DESTROYED).
 * The serialized head of an options object dispatched more than once is kept (a WeakMap): callers
 * never mutate options after dispatching them (prepared requests build new ones).
 * Not thread-safe; one per origin per worker.
 */
import { connect as netConnect, type OnReadOpts, type Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext, type ConnectionOptions } from 'node:tls';
import type { Dispatcher } from 'undici';
import type { SigV4Signer } from '../sigv4-signer.js';
import { serverName, type TransportSettings } from '../transport-settings.js';
import { Http1Connection, type ConnectionOwner } from './http1-connection.js';
import { LeanRequest, type RequestQueue } from './lean-request.js';
import { RequestQueueFifo } from './request-fifo.js';
import { requestBody, requestHead } from './request-head.js';

export interface Http1PoolOptions {
  /** Most sockets to the origin. */
  connections: number;
  /** TCP (and TLS) connect timeout, ms (0: none). */
  connectTimeoutMs: number;
  settings: TransportSettings;
  signer?: SigV4Signer;
  /**
   * Asked before the pool grows past the sockets it prewarmed (at least one; a lost socket below
   * that is replaced without asking; default: always yes). The sender says no while it is behind
   * its schedule: the lagging worker's requests then wait for busy sockets, instead of each
   * costing it a TLS handshake and putting it further behind (bench/README.md, "The cloud
   * benchmark": an onset that needs about 500 connections opened 1,473).
   */
  mayGrow?: () => boolean;
}

/**
 * Most connects (TCP, and TLS handshakes) in progress at once during the run (prewarm is not
 * limited). Without a limit, a worker that fell behind queued a request for every arrival it was
 * late on and opened a socket for each: hundreds of TLS handshakes, each costing the lagging
 * worker more CPU (bench/README.md, "The cloud benchmark": 1,918 connections for a run that
 * needs about 100). 64 handshakes of a 100 ms round trip still open 640 sockets a second, enough
 * for a crowd of 5,000 req/s at 100 ms to get its ~500 within its first second.
 */
export const MAX_CONNECTING = 64;

/**
 * Size of the read buffer the pool's sockets share (the most bytes one read takes in); Node's
 * own stream reads allocate 64 KiB chunks too.
 */
const READ_BUFFER_BYTES = 64 * 1024;

/** Sockets' initial TCP keep-alive delay (undici's connector uses the same). */
const TCP_KEEPALIVE_DELAY_MS = 60_000;

export class Http1Pool implements ConnectionOwner, RequestQueue {
  private readonly all = new Set<Http1Connection>();
  private readonly idle: Http1Connection[] = [];
  private readonly queue = new RequestQueueFifo();
  private connecting = 0;
  /** Sockets the pool keeps without asking mayGrow: what prewarm opened (at least 1). */
  private floor = 1;
  private closed = false;
  private readonly secure: boolean;
  private readonly hostname: string;
  private readonly port: number;
  private readonly host: string;
  private readonly tlsOptions: ConnectionOptions;
  private tlsSession: Buffer | undefined;
  /** Serialized head and body of requests whose options object was seen more than once. */
  private readonly heads = new WeakMap<object, Buffer>();
  private readonly seen = new WeakSet<object>();
  private readonly prewarmWaiters: Array<() => void> = [];
  /** Every socket's reads land here; a read is handled before the next one (one thread). */
  private readonly readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);

  constructor(
    origin: string,
    private readonly o: Http1PoolOptions,
  ) {
    const u = new URL(origin);
    this.secure = u.protocol === 'https:';
    this.hostname = u.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(u.port || (this.secure ? 443 : 80));
    this.host = u.host;
    const tls = o.settings.tls;
    this.tlsOptions = {
      // One secure context for every socket: given `ca`, `cert` or `key`, tls.connect would build
      // (and parse the PEM of) a context per connection, about 7% of a worker's CPU at 5,000
      // req/s over TLS with 600 connections (bench/README.md, "The cloud benchmark").
      ...(this.secure
        ? {
            secureContext: createSecureContext({
              ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
              ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
              ...(tls.key !== undefined ? { key: tls.key } : {}),
            }),
          }
        : {}),
      ...(tls.insecure ? { rejectUnauthorized: false } : {}),
      servername: serverName(u.hostname, o.settings.tls.servername),
      ALPNProtocols: ['http/1.1'],
    };
  }

  /** dispatch sends (or queues) one request; the handler hears of it as described above. */
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const signer = this.o.signer;
    if (signer === undefined) return this.enqueue(options, handler);
    signer.sign(options, `${this.secure ? 'https' : 'http'}://${this.host}`).then(
      (signed) => this.enqueue(signed, handler),
      (error: unknown) =>
        handler.onError?.(error instanceof Error ? error : new Error(String(error))),
    );
    return true;
  }

  /** prewarm opens up to `count` sockets and resolves once each has connected or failed. */
  async prewarm(count: number): Promise<void> {
    const target = Math.min(count, this.o.connections);
    this.floor = Math.max(this.floor, target);
    while (this.all.size < target && !this.closed) this.open();
    await new Promise<void>((resolve) => {
      if (this.connecting === 0) resolve();
      else this.prewarmWaiters.push(resolve);
    });
  }

  /** sweep checks every socket's timeouts at `now` (performance.now() ms). */
  sweep(now: number): void {
    for (const c of this.all) c.check(now);
  }

  /**
   * close retires every socket and ends every request queued or in flight; resolves once the
   * sockets have closed.
   */
  async close(): Promise<void> {
    this.closed = true;
    const error = destroyedError();
    for (let r = this.queue.shift(); r; r = this.queue.shift()) r.finishWithError(error);
    const sockets = [...this.all];
    const closing = sockets.map((c) => new Promise((resolve) => c.socket.once('close', resolve)));
    for (const c of sockets) c.close(error);
    this.idle.length = 0;
    for (const w of this.prewarmWaiters.splice(0)) w();
    await Promise.all(closing);
  }

  // ConnectionOwner

  onConnected(connection: Http1Connection): void {
    this.connectSettled();
    this.onIdle(connection);
    // A connect slot is free again: requests still queued may need sockets (MAX_CONNECTING).
    if (this.queue.size > this.connecting) this.pump();
  }

  onIdle(connection: Http1Connection): void {
    if (this.closed) return;
    const next = this.queue.shift();
    if (next) connection.send(next);
    else this.idle.push(connection);
  }

  onGone(connection: Http1Connection, connectError: Error | null): void {
    this.all.delete(connection);
    const i = this.idle.indexOf(connection);
    if (i >= 0) this.idle.splice(i, 1);
    if (connectError) {
      this.connectSettled();
      const head = this.queue.shift();
      if (head) head.finishWithError(connectError);
    }
    this.pump();
  }

  // RequestQueue

  onDequeued(request: LeanRequest): void {
    this.queue.remove(request);
  }

  private enqueue(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    if (this.closed) {
      handler.onError?.(destroyedError());
      return false;
    }
    let request: LeanRequest;
    try {
      request = this.prepare(options, handler);
    } catch (error) {
      handler.onError?.(error as Error);
      return false;
    }
    handler.onConnect?.(request.abort);
    if (request.finished) return true;
    const conn = this.queue.size === 0 ? this.takeIdle() : null;
    if (conn) conn.send(request);
    else {
      this.queue.push(request);
      this.pump();
    }
    return true;
  }

  /** prepare serializes the request (from the cache when the same options come again). */
  private prepare(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): LeanRequest {
    const cached = this.heads.get(options);
    if (cached) return new LeanRequest(handler, options, cached, null, this);
    const body = requestBody(options);
    const bodyBytes =
      body == null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    const head = requestHead(options, this.host, bodyBytes);
    if (this.seen.has(options)) {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      const whole = bytes ? Buffer.concat([Buffer.from(head), bytes]) : Buffer.from(head);
      this.heads.set(options, whole);
      return new LeanRequest(handler, options, whole, null, this);
    }
    this.seen.add(options);
    if (body == null || typeof body === 'string')
      return new LeanRequest(handler, options, body ? head + body : head, null, this);
    return new LeanRequest(handler, options, head, body, this);
  }

  private takeIdle(): Http1Connection | null {
    for (let c = this.idle.pop(); c; c = this.idle.pop()) if (c.idle) return c;
    return null;
  }

  /** pump hands queued requests to idle sockets and opens sockets for the rest (up to the cap). */
  private pump(): void {
    if (this.closed) return;
    while (this.queue.size > 0) {
      const c = this.takeIdle();
      if (!c) break;
      const next = this.queue.shift();
      if (next) c.send(next);
    }
    while (
      this.queue.size > this.connecting &&
      this.connecting < MAX_CONNECTING &&
      this.all.size < this.o.connections &&
      (this.all.size < this.floor || this.o.mayGrow === undefined || this.o.mayGrow())
    )
      this.open();
  }

  private open(): void {
    const conn = new Http1Connection(
      this,
      this.dial,
      this.readBuffer,
      this.secure ? 'secureConnect' : 'connect',
      this.o.connectTimeoutMs,
    );
    this.all.add(conn);
    this.connecting++;
  }

  /** dial opens one socket to the origin (TLS with session reuse for https:). */
  private readonly dial = (onread: OnReadOpts): Socket => {
    const socket = this.secure
      ? this.dialTls(onread)
      : netConnect({ host: this.hostname, port: this.port, onread });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, TCP_KEEPALIVE_DELAY_MS);
    return socket;
  };

  private dialTls(onread: OnReadOpts): Socket {
    // tls.connect takes `onread` too (Node 15.1+, nodejs/node#35753); @types/node's
    // ConnectionOptions does not list it, hence the intersection type.
    const options: ConnectionOptions & { onread: OnReadOpts } = {
      ...this.tlsOptions,
      host: this.hostname,
      port: this.port,
      onread,
      ...(this.tlsSession ? { session: this.tlsSession } : {}),
    };
    const socket = tlsConnect(options);
    socket.on('session', (session: Buffer) => (this.tlsSession = session));
    return socket;
  }

  /** A connect ended (connected or failed); prewarm waits until none is left. */
  private connectSettled(): void {
    this.connecting--;
    if (this.connecting === 0) for (const w of this.prewarmWaiters.splice(0)) w();
  }
}

function destroyedError(): Error {
  return Object.assign(new Error('the transport is closed'), { code: 'UND_ERR_DESTROYED' });
}
