/**
 * RequestSlot: the undici dispatch handler of one in-flight request. Slots are pooled and reused
 * (SlotPool), so the hot path allocates no handler, closure or promise per request. A slot goes
 * back to the pool only after undici's final callback (onComplete or onError), never while undici
 * may still call it, and each request's outcome is booked exactly once.
 * Used only inside a worker thread; not thread-safe.
 */
import type { Dispatcher } from 'undici';
import type { ReadsHeaders } from './transport.js';

/**
 * The code `abort` takes for a request abandoned when the drain grace ends: booked as `aborted`,
 * not as an error. errorCode never returns it (undici's own aborts map to EABORTED).
 */
export const ABANDONED = 'ABANDONED';

/** Longest reply body kept for captures; longer bodies are counted but not parsed. */
const CAPTURE_BODY_LIMIT = 1 << 20;

/**
 * What a slot reports. `onSlotDone` books the request's outcome, exactly once a request: at
 * undici's final callback, or earlier when the generator ends the request itself (timeout,
 * abort); `slot.held` then says whether undici still holds the slot. `onSlotFree` follows, once,
 * when undici's final callback comes after an earlier booking. A slot may go back to the pool
 * only once it is no longer held.
 */
export interface SlotListener {
  onSlotDone(slot: RequestSlot, status: number, errorCode: string | null): void;
  onSlotFree(slot: RequestSlot): void;
}

export class RequestSlot implements Dispatcher.DispatchHandler, ReadsHeaders {
  plannedMs = 0;
  sentMs = 0;
  requestIndex = 0;
  phaseIndex = 0;
  /** Tenant decile (0-based) of the request; -1 without profile `tenants:` (set by the sender). */
  tenantDecile = -1;
  window: unknown = null;
  bytesReceived = 0;
  /** Whether the reply (headers and body) should be kept for checks and captures. */
  keepBody = false;
  chunks: Buffer[] = [];
  /** Raw reply headers (name, value, ...) when keepBody; null otherwise. */
  rawHeaders: Buffer[] | null = null;
  /** What the sender attached to this request (a flow instance's scope), or null. */
  scope: unknown = null;
  /** Called once when this request's outcome is booked (the closed model's users wait on it). */
  onDone: (() => void) | null = null;
  /** Position in SlotPool.active (for O(1) removal). */
  activeIndex = -1;
  private status = 0;
  private bookedCode: string | null = null;
  private _booked = true;
  private _held = false;
  private abortRequest: ((err?: Error) => void) | null = null;

  constructor(private readonly listener: SlotListener) {}

  /** The outcome of the current request has been booked; nothing more will be. */
  get booked(): boolean {
    return this._booked;
  }

  /** undici holds this slot as a request's handler (dispatched, no final callback yet). */
  get held(): boolean {
    return this._held;
  }

  /** reset prepares a slot for a new request, which the caller dispatches right after. */
  reset(
    plannedMs: number,
    sentMs: number,
    requestIndex: number,
    phaseIndex: number,
    keepBody: boolean,
  ): void {
    this.plannedMs = plannedMs;
    this.sentMs = sentMs;
    this.requestIndex = requestIndex;
    this.phaseIndex = phaseIndex;
    this.keepBody = keepBody;
    this.bytesReceived = 0;
    this.status = 0;
    this._booked = false;
    this._held = true;
    this.abortRequest = null;
    this.rawHeaders = null;
    if (this.chunks.length) this.chunks = [];
  }

  // undici's original handler interface (onConnect/onHeaders/onData/onComplete/onError): undici 7
  // still drives every request through it, and wraps a handler written against the newer
  // interface in an adapter that allocates two objects and parses the headers into an object per
  // request. The generator needs only the status and the body size, so it speaks the original
  // interface directly (measured: about 10% more requests per CPU-second). Revisit with undici 8.
  //
  // undici calls onConnect only when the request is about to be written: a request still queued
  // for a connection (a stalled connect) has no abort function yet. If the generator ended it
  // meanwhile (booked), it is aborted here, before a byte is sent. (The lean client calls
  // onConnect at dispatch, and after signing for a signed request, so the same rule covers both.)

  onConnect(abort: (err?: Error) => void): void {
    if (this._booked) abort(slotError(this.bookedCode ?? 'EABORTED'));
    else this.abortRequest = abort;
  }

  // The transport's Buffers are valid only during the callback (the lean client reads into one
  // shared buffer), so what is kept for captures and checks is copied.

  /**
   * Header fields are read only when the reply is kept (captures, checks, flows' cookies, an
   * Invoke's outcome, a durable start's ARN): ReadsHeaders, transport.ts.
   */
  get readsHeaders(): boolean {
    return this.keepBody;
  }

  onHeaders(statusCode: number, headers: Buffer[]): boolean {
    this.status = statusCode;
    if (this.keepBody) this.rawHeaders = headers.map(copyOf);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.bytesReceived += chunk.length;
    if (this.keepBody && this.bytesReceived <= CAPTURE_BODY_LIMIT) this.chunks.push(copyOf(chunk));
    return true;
  }

  onComplete(): void {
    this.settle(this.status, null);
  }

  onError(error: Error): void {
    this.settle(0, errorCode(error));
  }

  /**
   * abort ends the request now with `code` (ETIMEDOUT from the timeout sweep, EABORTED at the end
   * of the drain): booked at once, then undici is asked to abort it; a request still waiting for
   * its connection is aborted when undici connects it. Does nothing once booked.
   */
  abort(code: string): void {
    if (this._booked) return;
    this._booked = true;
    this.bookedCode = code;
    this.listener.onSlotDone(this, 0, code);
    const abortRequest = this.abortRequest;
    this.abortRequest = null;
    if (abortRequest) abortRequest(slotError(code));
  }

  /** undici's final callback: book the outcome unless booked already, and let go of the slot. */
  private settle(status: number, code: string | null): void {
    if (!this._held) return;
    this._held = false;
    this.abortRequest = null;
    if (this._booked) {
      this.listener.onSlotFree(this);
      return;
    }
    this._booked = true;
    this.listener.onSlotDone(this, status, code);
  }
}

function slotError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/**
 * errorCode maps a transport error to a short stable code: ECONNREFUSED, ECONNRESET, ETIMEDOUT,
 * EMFILE, EPROTO (a reply that is not HTTP), or the error's own code.
 */
export function errorCode(error: unknown): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  // undici's HTTPParserError carries no code when llhttp gives none (a reply that is not HTTP).
  const code =
    e.code ?? e.cause?.code ?? (e.name === 'HTTPParserError' ? 'HPE_UNKNOWN' : undefined);
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'ETIMEDOUT';
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return 'ECONNRESET';
    case 'UND_ERR_ABORTED':
      return 'EABORTED';
    case undefined:
      return 'EUNKNOWN';
    default:
      if (code.startsWith('HPE_')) return 'EPROTO';
      return code;
  }
}

/** SlotPool: a free list of slots plus the list of active ones (for the timeout sweep). */
export class SlotPool {
  private readonly free: RequestSlot[] = [];
  readonly active: RequestSlot[] = [];

  constructor(private readonly listener: SlotListener) {}

  acquire(): RequestSlot {
    const slot = this.free.pop() ?? new RequestSlot(this.listener);
    slot.activeIndex = this.active.length;
    this.active.push(slot);
    return slot;
  }

  release(slot: RequestSlot): void {
    const i = slot.activeIndex;
    const last = this.active.pop();
    if (last && last !== slot) {
      this.active[i] = last;
      last.activeIndex = i;
    }
    slot.activeIndex = -1;
    this.free.push(slot);
  }

  get inFlight(): number {
    return this.active.length;
  }
}

function copyOf(bytes: Buffer): Buffer {
  return Buffer.from(bytes);
}
