/**
 * Http1Connection: one keep-alive HTTP/1.1 socket of an Http1Pool, carrying one request at a
 * time (no pipelining). It writes a request's head and body in one write, feeds the socket's
 * bytes to its ResponseParser, and drives the request's handler (undici's legacy
 * DispatchHandler: onHeaders, onData, then exactly one of onComplete / onError). The final
 * callback comes after the connection is back in the pool's hands (idle, or retired), so a
 * handler may dispatch its next request from it. The socket is retired (destroyed) after a reply
 * that does not keep the connection alive, on a malformed reply, on bytes nobody asked for, on a
 * reset, a timeout or an abort. Timeouts are checked by the pool's coarse sweep (`check`), never
 * by a timer per request; times are performance.now() ms. Not thread-safe; one owner pool.
 *
 * The socket is opened by the owner's `dial`, given the `onread` option of net/tls.connect: the
 * kernel's bytes land in a read buffer the owner shares between its sockets (no new memory and no
 * stream 'data' event a read, only a Buffer view of the bytes), so the header and body Buffers a handler is given are valid only
 * during its callback (transport.ts).
 */
import type { OnReadOpts, Socket } from 'node:net';
import { ResponseParser, type ResponseEvents } from './response-parser.js';
import type { LeanRequest } from './lean-request.js';

/** What a connection tells its pool. */
export interface ConnectionOwner {
  /** The connection has just connected and can take a request. */
  onConnected(connection: Http1Connection): void;
  /** The connection's reply is done and it can take the next request. */
  onIdle(connection: Http1Connection): void;
  /** The connection is gone; `connectError` is set when it never connected. */
  onGone(connection: Http1Connection, connectError: Error | null): void;
}

const enum Phase {
  Connecting,
  Idle,
  Busy,
  Closed,
}

/** Default idle life of a socket when the server gave no Keep-Alive hint (undici's keepAliveTimeout here). */
const DEFAULT_IDLE_MS = 30_000;
/** The trailers of a reply that had none (never modified). */
const NO_TRAILERS: Buffer[] = [];

/** How long before the server's Keep-Alive timeout an idle socket is retired (undici's threshold). */
const HINT_MARGIN_MS = 2_000;

export class Http1Connection implements ResponseEvents {
  private phase = Phase.Connecting;
  private readonly parser = new ResponseParser(this);
  private request: LeanRequest | null = null;
  /**
   * Connecting: since when; busy: since the write (until the head has come: headers timeout),
   * then since the last byte (body timeout); idle: since when.
   */
  private sinceMs: number;
  private gotHead = false;
  private socketError: Error | null = null;
  /** The reply ended inside `feed`; its final callback waits until `feed` returns. */
  private ended: LeanRequest | null = null;
  private endedTrailers: Buffer[] = NO_TRAILERS;

  readonly socket: Socket;

  /**
   * Opens the socket through `dial` (reading into `readBuffer`); `connectEvent` is the event
   * after which it can carry a request ('secureConnect' for TLS).
   */
  constructor(
    private readonly owner: ConnectionOwner,
    dial: (onread: OnReadOpts) => Socket,
    readBuffer: Buffer,
    connectEvent: 'connect' | 'secureConnect',
    private readonly connectTimeoutMs: number,
  ) {
    this.sinceMs = performance.now();
    const socket = dial({ buffer: readBuffer, callback: this.onRead });
    this.socket = socket;
    socket.once(connectEvent, this.onConnected);
    socket.on('error', this.onSocketError);
    socket.on('close', this.onClose);
  }

  get idle(): boolean {
    return this.phase === Phase.Idle;
  }

  get connecting(): boolean {
    return this.phase === Phase.Connecting;
  }

  /** send writes `request` (the connection must be idle); its head and body go in one write. */
  send(request: LeanRequest): void {
    this.phase = Phase.Busy;
    this.request = request;
    request.connection = this;
    this.gotHead = false;
    this.parser.reset(request.isHead, request.wantsHeaders);
    this.sinceMs = performance.now();
    request.write(this.socket);
  }

  /** fail ends the current request with `error` and retires the socket (an abort, a timeout). */
  fail(error: Error): void {
    const request = this.request;
    this.request = null;
    this.retire();
    if (request) request.finishWithError(error);
  }

  /** close retires the socket; a request in flight ends with `error`. */
  close(error: Error): void {
    this.fail(error);
  }

  /**
   * check: the sweep's look at this connection at `nowMs`: a connect, a reply head or a silent
   * body past its timeout fails; an idle socket past its keep-alive life is retired.
   */
  check(nowMs: number): void {
    const elapsed = nowMs - this.sinceMs;
    if (this.phase === Phase.Connecting) {
      if (this.connectTimeoutMs > 0 && elapsed > this.connectTimeoutMs)
        this.socket.destroy(timeoutError('UND_ERR_CONNECT_TIMEOUT', 'connect timeout'));
    } else if (this.phase === Phase.Busy && this.request) {
      const limit = this.gotHead ? this.request.bodyTimeoutMs : this.request.headersTimeoutMs;
      if (limit > 0 && elapsed > limit)
        this.fail(
          this.gotHead
            ? timeoutError('UND_ERR_BODY_TIMEOUT', 'body timeout')
            : timeoutError('UND_ERR_HEADERS_TIMEOUT', 'headers timeout'),
        );
    } else if (this.phase === Phase.Idle && elapsed > this.idleLimitMs()) this.retire();
  }

  // ResponseEvents (called from inside parser.feed).

  onHead(status: number, rawHeaders: Buffer[], statusText: string): void {
    this.gotHead = true;
    this.request?.handler.onHeaders?.(status, rawHeaders, noop, statusText);
  }

  onBody(chunk: Buffer): void {
    this.request?.handler.onData?.(chunk);
  }

  onEnd(trailers: Buffer[]): void {
    this.ended = this.request;
    this.endedTrailers = trailers;
    this.request = null;
  }

  private readonly onConnected = (): void => {
    if (this.phase !== Phase.Connecting) return;
    this.phase = Phase.Idle;
    this.sinceMs = performance.now();
    this.owner.onConnected(this);
  };

  /** The socket's `onread` callback: `bytes` new bytes at the start of the shared `buffer`. */
  private readonly onRead = (bytes: number, buffer: Uint8Array): boolean => {
    this.onData(Buffer.from(buffer.buffer, buffer.byteOffset, bytes));
    return true;
  };

  private onData(data: Buffer): void {
    if (this.phase !== Phase.Busy || this.request === null) {
      this.retire(); // bytes nobody asked for: the connection's framing is lost
      return;
    }
    let used: number;
    try {
      used = this.parser.feed(data);
    } catch (error) {
      this.ended = null;
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const done = this.ended;
    if (done === null) {
      if (this.gotHead) this.sinceMs = performance.now(); // the body timeout counts from the last byte
      return;
    }
    this.ended = null;
    const trailers = this.endedTrailers;
    this.endedTrailers = NO_TRAILERS; // they may point into the shared read buffer
    if (used < data.length || !this.parser.keepAlive) this.retire();
    else {
      this.phase = Phase.Idle;
      this.sinceMs = performance.now();
    }
    done.finishWithComplete(trailers);
    if (this.phase === Phase.Idle) this.owner.onIdle(this);
  }

  private readonly onSocketError = (error: Error): void => {
    this.socketError ??= error;
  };

  private readonly onClose = (): void => {
    const wasConnecting = this.phase === Phase.Connecting;
    const request = this.request;
    this.phase = Phase.Closed;
    this.request = null;
    let completed = false;
    if (request) {
      this.request = request; // parser.end() may complete a body that runs until the close
      try {
        completed = this.parser.end();
      } catch {
        completed = false;
      }
      this.request = null;
    }
    const error = this.socketError ?? resetError();
    this.owner.onGone(this, wasConnecting ? error : null);
    if (request) {
      if (completed && this.ended) {
        this.ended = null;
        request.finishWithComplete(this.endedTrailers);
      } else request.finishWithError(error);
    }
  };

  /** retire destroys the socket; its `close` event tells the pool and ends a request still on it. */
  private retire(): void {
    if (this.phase === Phase.Closed) return;
    if (this.phase === Phase.Idle) this.phase = Phase.Busy; // no longer offered to requests
    this.socket.destroy();
  }

  private idleLimitMs(): number {
    const hint = this.parser.keepAliveHintMs;
    if (hint < 0) return DEFAULT_IDLE_MS;
    return hint > HINT_MARGIN_MS ? hint - HINT_MARGIN_MS : hint / 2;
  }
}

function noop(): void {}

function timeoutError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function resetError(): Error {
  return Object.assign(new Error('other side closed'), { code: 'ECONNRESET' });
}
