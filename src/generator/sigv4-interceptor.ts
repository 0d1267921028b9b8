/**
 * sigv4Interceptor: an undici interceptor (`dispatcher.compose(...)`) that signs each request
 * with SigV4Signer before handing it on. Signing is asynchronous, so until the signed request is
 * dispatched the interceptor owns the request: an abort in that gap (the timeout sweep) ends it
 * once with the abort's error and the request is never sent; a signing failure ends it with that
 * error (a result, never an exception). After the hand-off, undici's own controller takes over.
 */
import type { Dispatcher } from 'undici';
import type { SigV4Signer } from './sigv4-signer.js';

/** `origin` is the dispatcher's own (for requests that do not name theirs). */
export function sigv4Interceptor(
  signer: SigV4Signer,
  origin?: string,
): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) => {
    const gap = new SigningGap(handler);
    handler.onRequestStart?.(gap, {});
    signer.sign(options, origin).then(
      (signed) => {
        if (gap.handOff()) dispatch(signed, handler);
      },
      (error: unknown) => gap.abort(error instanceof Error ? error : new Error(String(error))),
    );
    return true;
  };
}

/** The DispatchController of a request while it is being signed. */
class SigningGap implements Dispatcher.DispatchController {
  private ended = false;
  private handedOff = false;
  private abortReason: Error | null = null;

  constructor(private readonly handler: Dispatcher.DispatchHandler) {}

  get aborted(): boolean {
    return this.ended;
  }

  get paused(): boolean {
    return false;
  }

  get reason(): Error | null {
    return this.abortReason;
  }

  /** handOff: true when the request may be dispatched (it was not aborted while signing). */
  handOff(): boolean {
    if (this.ended) return false;
    this.handedOff = true;
    return true;
  }

  abort(reason: Error): void {
    if (this.ended || this.handedOff) return;
    this.ended = true;
    this.abortReason = reason;
    this.handler.onResponseError?.(this, reason);
  }

  pause(): void {}

  resume(): void {}
}
