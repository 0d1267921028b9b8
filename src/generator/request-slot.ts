/**
 * RequestSlot: the undici dispatch handler of one in-flight request. Slots are pooled and reused
 * (SlotPool), so the hot path allocates no handler, closure or promise per request.
 * Used only inside a worker thread; not thread-safe.
 */
import type { Dispatcher } from 'undici';

/** Longest reply body kept for captures; longer bodies are counted but not parsed. */
const CAPTURE_BODY_LIMIT = 1 << 20;

/** What a slot reports when its request ends (with a status, or with an error code). */
export interface SlotListener {
  onSlotDone(slot: RequestSlot, status: number, errorCode: string | null): void;
}

export class RequestSlot implements Dispatcher.DispatchHandler {
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
  private status = 0;
  private done = true;
  private abortRequest: ((err?: Error) => void) | null = null;
  /** Called once when this request completes (the closed model's users wait on it). */
  onDone: (() => void) | null = null;
  /** Position in SlotPool.active (for O(1) removal). */
  activeIndex = -1;

  constructor(private readonly listener: SlotListener) {}

  /** reset prepares a slot for a new request. */
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
    this.done = false;
    this.abortRequest = null;
    this.rawHeaders = null;
    if (this.chunks.length) this.chunks = [];
  }

  // undici's original handler interface (onConnect/onHeaders/onData/onComplete/onError): undici 7
  // still drives every request through it, and wraps a handler written against the newer
  // interface in an adapter that allocates two objects and parses the headers into an object per
  // request. The generator needs only the status and the body size, so it speaks the original
  // interface directly (measured: about 10% more requests per CPU-second). Revisit with undici 8.

  onConnect(abort: (err?: Error) => void): void {
    this.abortRequest = abort;
  }

  onHeaders(statusCode: number, headers: Buffer[]): boolean {
    this.status = statusCode;
    if (this.keepBody) this.rawHeaders = headers;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.bytesReceived += chunk.length;
    if (this.keepBody && this.bytesReceived <= CAPTURE_BODY_LIMIT) this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.finish(this.status, null);
  }

  onError(error: Error): void {
    this.finish(0, errorCode(error));
  }

  /** abort ends the request now with `code` (e.g. ETIMEDOUT from the timeout sweep). */
  abort(code: string): void {
    if (this.done) return;
    const err = Object.assign(new Error(code), { code });
    if (this.abortRequest) this.abortRequest(err);
    else this.finish(0, code);
  }

  private finish(status: number, code: string | null): void {
    if (this.done) return;
    this.done = true;
    this.listener.onSlotDone(this, status, code);
  }
}

/**
 * errorCode maps a transport error to a short stable code: ECONNREFUSED, ECONNRESET, ETIMEDOUT,
 * EMFILE, EPROTO (a reply that is not HTTP), or the error's own code.
 */
export function errorCode(error: unknown): string {
  const e = error as { code?: string; cause?: { code?: string }; message?: string };
  const code = e.code ?? e.cause?.code;
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
