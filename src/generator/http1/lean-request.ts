/**
 * LeanRequest: one dispatched request of the lean client, from `dispatch` to its one final
 * callback: what to write (the serialized head and body), its timeouts, its handler, and where
 * it is (queued in the pool, or on a connection). `abort` is what the handler gets from
 * onConnect: it ends the request with onError, taking it out of the queue or retiring its
 * connection. `finishWith*` call the handler's final callback at most once; nothing reaches the
 * handler after it. Not thread-safe.
 */
import type { Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import type { Http1Connection } from './http1-connection.js';
import type { ReadsHeaders } from '../transport.js';

/** undici's default headersTimeout and bodyTimeout (ms), used when the options give none. */
const UNDICI_DEFAULT_TIMEOUT_MS = 300_000;

/** What a queued request's owner does when it is aborted. */
export interface RequestQueue {
  /** The request left the queue unsent (aborted there). */
  onDequeued(request: LeanRequest): void;
}

export class LeanRequest {
  /** The connection carrying it, once sent. */
  connection: Http1Connection | null = null;
  /** Its final callback was called. */
  finished = false;
  /** It waits in its pool's queue (RequestQueueFifo keeps this). */
  queued = false;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly isHead: boolean;
  /** Whether the handler reads the reply's header fields (see ReadsHeaders). */
  readonly wantsHeaders: boolean;

  constructor(
    readonly handler: Dispatcher.DispatchHandler,
    options: Dispatcher.DispatchOptions,
    /** The bytes to write: one Buffer or string (head and body), or a head and a Buffer body. */
    private readonly payload: Buffer | string,
    private readonly body: Uint8Array | null,
    private readonly queue: RequestQueue,
  ) {
    this.headersTimeoutMs = options.headersTimeout ?? UNDICI_DEFAULT_TIMEOUT_MS;
    this.bodyTimeoutMs = options.bodyTimeout ?? UNDICI_DEFAULT_TIMEOUT_MS;
    this.isHead = options.method === 'HEAD';
    this.wantsHeaders = (handler as ReadsHeaders).readsHeaders !== false;
  }

  /** abort ends the request with `error` (default: an UND_ERR_ABORTED error); once. */
  readonly abort = (error?: Error): void => {
    if (this.finished) return;
    const reason =
      error ?? Object.assign(new Error('request aborted'), { code: 'UND_ERR_ABORTED' });
    if (this.connection) this.connection.fail(reason);
    else {
      this.queue.onDequeued(this);
      this.finishWithError(reason);
    }
  };

  /** write sends the request on `socket` in one write (a corked pair for a Buffer body). */
  write(socket: Socket): void {
    if (this.body === null) {
      socket.write(this.payload);
      return;
    }
    socket.cork();
    socket.write(this.payload);
    socket.write(this.body);
    socket.uncork();
  }

  finishWithComplete(trailers: Buffer[]): void {
    if (this.finished) return;
    this.finished = true;
    this.connection = null;
    this.handler.onComplete?.(trailers as unknown as string[]);
  }

  finishWithError(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.connection = null;
    this.handler.onError?.(error);
  }
}
