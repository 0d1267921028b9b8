/**
 * Transport: where RequestSender's requests go, the seam between the generator and the network
 * (as vegeta's Attacker takes an http.Client). The default comes from createTransport: the lean
 * HTTP/1.1 client (http1/lean-transport.ts) or undiciTransport, both with connection pools per
 * origin, pre-warmed; tests pass a fake dispatcher and drive its callbacks by hand.
 *
 * Contract with the handler (undici's original DispatchHandler interface, which RequestSlot
 * speaks): after `dispatch(options, handler)` the transport calls `onConnect(abort)` before the
 * request is written (undici: just before; the lean client: at dispatch, so an abort reaches a
 * queued request; possibly never, if it fails before that), then `onHeaders`,
 * `onData`..., and exactly one final callback, `onComplete` or `onError`; nothing after it.
 * Calling `abort(err)` ends the request with `onError(err)`. The Buffers given to `onHeaders`,
 * `onData` and `onComplete` (trailers) are valid only during the call (the lean client reuses its read buffer): a handler
 * copies what it keeps. One transport per worker thread.
 */
import type { Dispatcher } from 'undici';

/**
 * What a handler may add to undici's interface: `readsHeaders: false` says it reads no header
 * field, so the lean client gives onHeaders an empty list instead of building one (undici
 * ignores it). Read when the request is dispatched.
 */
export interface ReadsHeaders {
  readonly readsHeaders?: boolean;
}

/** The part of an undici Dispatcher that the sender uses. */
export type RequestDispatcher = Pick<Dispatcher, 'dispatch'>;

export interface Transport {
  /** The dispatcher of `origin` (e.g. `http://127.0.0.1:8080`); the same one on every call. */
  dispatcher(origin: string): RequestDispatcher;
  /** Opens up to `connections` idle connections to each origin before the start (may do nothing). */
  prewarm(origins: string[], connections: number): Promise<void>;
  /** Closes every connection; requests still queued or in flight end with `onError`. */
  close(): Promise<void>;
}
