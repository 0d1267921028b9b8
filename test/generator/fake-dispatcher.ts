/**
 * A fake undici dispatcher for unit tests of RequestSlot, RequestSender and the open loop. It
 * holds every dispatched request and lets the test play undici's part by hand, keeping undici 7's
 * Request rules (lib/core/request.js, lib/dispatcher/client-h1.js): `onConnect(abort)` only when
 * the request is about to be written, `abort(err)` ends it at once with `onError(err)`, and one
 * final callback (onComplete or onError), after which nothing more is called.
 */
import type { Dispatcher } from 'undici';
import type { RequestDispatcher, Transport } from '../../src/generator/transport.js';

export class FakeRequest {
  aborted = false;
  completed = false;
  connected = false;
  abortedByHandler = false;

  constructor(
    readonly options: Dispatcher.DispatchOptions,
    readonly handler: Dispatcher.DispatchHandler,
  ) {}

  /** True once undici has made its final callback. */
  get settled(): boolean {
    return this.aborted || this.completed;
  }

  /** The connection is ready: undici calls onConnect; false when the handler aborted there. */
  connect(): boolean {
    if (this.settled) throw new Error('undici never connects a settled request');
    this.connected = true;
    this.handler.onConnect?.(this.abort);
    return !this.aborted;
  }

  /** The reply: connects first if needed, then onHeaders, onData, onComplete (if not aborted). */
  reply(status: number, body = ''): void {
    if (!this.connected && !this.connect()) return;
    if (this.settled) throw new Error('undici never replies to a settled request');
    this.handler.onHeaders?.(status, [], () => {}, '');
    if (this.aborted) return;
    if (body) this.handler.onData?.(Buffer.from(body));
    if (this.aborted) return;
    this.completed = true;
    this.handler.onComplete?.([]);
  }

  /** A transport error (connect timeout, reset, pool destroyed): onError, if not settled. */
  fail(code: string): void {
    if (this.settled) return;
    this.aborted = true;
    this.handler.onError?.(Object.assign(new Error(code), { code }));
  }

  /** The `abort` function undici hands to onConnect. */
  readonly abort = (err?: Error): void => {
    if (this.settled) return;
    this.abortedByHandler = true;
    this.fail((err as { code?: string } | undefined)?.code ?? 'UND_ERR_ABORTED');
  };
}

/** Records every dispatch; `held` is what undici would still hold (not yet settled). */
export class FakeDispatcher implements RequestDispatcher {
  readonly requests: FakeRequest[] = [];
  /** Most requests held at once so far. */
  maxHeld = 0;
  /** Requests dispatched so far. */
  dispatched = 0;
  /** When set, every request is answered with this status in a microtask and not kept. */
  autoReply: number | null = null;

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.dispatched++;
    const request = new FakeRequest(options, handler);
    const status = this.autoReply;
    if (status !== null) {
      queueMicrotask(() => request.reply(status));
      return true;
    }
    this.requests.push(request);
    this.maxHeld = Math.max(this.maxHeld, this.held);
    return true;
  }

  get held(): number {
    return this.requests.filter((r) => !r.settled).length;
  }

  /** Requests not settled yet, oldest first. */
  pending(): FakeRequest[] {
    return this.requests.filter((r) => !r.settled);
  }
}

/** A Transport over one FakeDispatcher for every origin; `close` fails what is still held. */
export function fakeTransport(dispatcher = new FakeDispatcher()): Transport & {
  fake: FakeDispatcher;
  origins: string[];
} {
  const origins: string[] = [];
  return {
    fake: dispatcher,
    origins,
    dispatcher(origin) {
      origins.push(origin);
      return dispatcher;
    },
    prewarm: () => Promise.resolve(),
    close() {
      for (const r of dispatcher.pending()) r.fail('UND_ERR_DESTROYED');
      return Promise.resolve();
    },
  };
}
