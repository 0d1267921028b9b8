/**
 * RequestSender: sends one planned request with undici `dispatch()` and records its outcome.
 * Shared by the open loop (arrival rate) and the closed loop (virtual users). It picks the request
 * from the weighted mix, substitutes the producer while a needed capture pool is empty, enforces
 * the in-flight cap (drop and count, never delay), times requests out, and captures reply values.
 * One sender per worker thread; not thread-safe.
 */
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { RequestRecorder } from '../recorder/request-recorder.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { CapturePool, extractJsonPath } from '../mix/capture-pool.js';
import { pickRequest, type PreparedRequest } from '../mix/prepared-request.js';
import type { RenderContext } from '../mix/render-template.js';
import { SlotPool, type RequestSlot, type SlotListener } from './request-slot.js';
import { WarmConnector } from './warm-connector.js';

export interface SenderOptions {
  requests: PreparedRequest[];
  recorder: RequestRecorder;
  random: SeededRandom;
  env: Record<string, string>;
  maxInFlight: number;
  timeoutMs: number;
  /** Milliseconds since the shared start instant (monotonic). */
  now: () => number;
  /** Called once, the first time the in-flight cap drops an arrival. */
  onFirstDrop: (message: string) => void;
  /** Called once a variable, when its capture path has missed UNFILLED_WARN_AFTER replies. */
  onWarning?: (message: string) => void;
}

/** 2xx replies without a match (and none with one) after which an unfilled capture is warned of. */
export const UNFILLED_WARN_AFTER = 10;

export class RequestSender implements SlotListener {
  private readonly pools = new Map<string, Pool>();
  private readonly connectors = new Map<string, WarmConnector>();
  private readonly slots = new SlotPool(this);
  private readonly captures: CapturePool;
  private readonly ctx: RenderContext;
  private readonly totalWeight: number;
  private warnedDrop = false;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(private readonly o: SenderOptions) {
    this.captures = new CapturePool(o.random);
    this.ctx = {
      random: o.random,
      captures: this.captures,
      env: o.env,
      chosen: new Map(),
      consume: false,
    };
    this.totalWeight = o.requests[o.requests.length - 1]?.weightUpper ?? 0;
    this.sweepTimer = setInterval(() => this.sweepTimeouts(), 100);
  }

  get inFlight(): number {
    return this.slots.inFlight;
  }

  /** pick chooses a request index from the weighted mix (or its producer when needed). */
  pick(): number {
    return pickRequest(this.o.requests, this.hasCaptures, this.o.random.next() * this.totalWeight);
  }

  private readonly hasCaptures = (names: readonly string[]): boolean => this.captures.has(names);

  /**
   * markScheduledUpTo: every arrival planned before `plannedMs` has been handed to `send` (the
   * open loop calls it after each turn), so the recorder closes no window that is still to come.
   */
  markScheduledUpTo(plannedMs: number): void {
    this.o.recorder.markScheduledUpTo(plannedMs);
  }

  /** send sends request `requestIndex` planned at `plannedMs`, or drops it at the in-flight cap. */
  send(plannedMs: number, requestIndex: number, phaseIndex: number): RequestSlot | null {
    const rec = this.o.recorder;
    if (this.slots.inFlight >= this.o.maxInFlight) {
      rec.dropped(plannedMs, requestIndex, phaseIndex);
      if (!this.warnedDrop) {
        this.warnedDrop = true;
        this.o.onFirstDrop(
          `maxInFlight reached (${this.o.maxInFlight} in flight on one worker): arrivals are dropped and counted as generator.dropped`,
        );
      }
      return null;
    }
    const req = this.o.requests[requestIndex];
    this.ctx.chosen.clear();
    this.ctx.consume = req.consumesCaptures;
    const built = req.build(this.ctx);
    const slot = this.slots.acquire();
    const sentMs = this.o.now();
    slot.reset(plannedMs, sentMs, requestIndex, phaseIndex, req.capture.length > 0);
    slot.window = rec.sent(plannedMs, sentMs, requestIndex, phaseIndex, built.bodyBytes);
    this.pool(built.origin).dispatch(built.options, slot);
    return slot;
  }

  onSlotDone(slot: RequestSlot, status: number, errorCode: string | null): void {
    const latencyMs = this.o.now() - slot.plannedMs;
    const rec = this.o.recorder;
    if (errorCode)
      rec.completedWithError(slot.window, slot.requestIndex, slot.phaseIndex, errorCode, latencyMs);
    else {
      rec.completedWithStatus(
        slot.window,
        slot.requestIndex,
        slot.phaseIndex,
        status,
        latencyMs,
        slot.bytesReceived,
      );
      if (slot.keepBody && status >= 200 && status < 300) this.capture(slot);
    }
    slot.window = null;
    const waiter = slot.onDone;
    slot.onDone = null;
    this.slots.release(slot);
    waiter?.();
  }

  /** whenDone calls `callback` once the request of `slot` has completed (closed model). */
  whenDone(slot: RequestSlot, callback: () => void): void {
    slot.onDone = callback;
  }

  private capture(slot: RequestSlot): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(slot.chunks).toString('utf8'));
    } catch {
      return; // a non-JSON reply has nothing to capture; its status was recorded already
    }
    const request = this.o.requests[slot.requestIndex];
    for (const [name, path] of request.capture) {
      const value = extractJsonPath(parsed, path);
      if (value !== undefined) this.captures.add(name, value);
      const counts = this.o.recorder.recordCapture(name, value !== undefined);
      if (counts.matched === 0 && counts.missed === UNFILLED_WARN_AFTER)
        this.o.onWarning?.(unfilledMessage(name, path, request.name, counts.missed));
    }
  }

  private sweepTimeouts(): void {
    const deadline = this.o.now() - this.o.timeoutMs;
    const active = this.slots.active;
    for (let i = active.length - 1; i >= 0; i--) {
      const slot = active[i];
      if (slot && slot.sentMs < deadline) slot.abort('ETIMEDOUT');
    }
  }

  /** abortAll ends every in-flight request with `code` (used after the stop grace period). */
  abortAll(code: string): void {
    for (const slot of [...this.slots.active]) slot.abort(code);
  }

  /**
   * prewarm opens `connections` idle connections to each origin the mix uses, before the start,
   * so a spike's first requests do not wait for handshakes.
   */
  async prewarm(origins: string[], connections: number): Promise<void> {
    await Promise.all(origins.map((o) => this.connector(o).prewarm(o, connections)));
  }

  /** close stops the timeout sweep and closes every connection pool. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    for (const c of this.connectors.values()) c.close();
    await Promise.allSettled([...this.pools.values()].map((p) => p.destroy()));
  }

  private connector(origin: string): WarmConnector {
    let c = this.connectors.get(origin);
    if (!c) {
      c = new WarmConnector(this.o.timeoutMs);
      this.connectors.set(origin, c);
    }
    return c;
  }

  private pool(origin: string): Dispatcher {
    let p = this.pools.get(origin);
    if (!p) {
      p = new Pool(origin, {
        connections: this.o.maxInFlight,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        connect: this.connector(origin).connect,
      });
      this.pools.set(origin, p);
    }
    return p;
  }
}

/** The warning of a capture path that does not match the replies of its request. */
export function unfilledMessage(
  name: string,
  path: string,
  request: string,
  missed: number,
): string {
  return (
    `capture ${name} (${path} on ${request}) matched none of ${missed} 2xx replies; ` +
    `requests that read {{${name}}} run ${request} instead (gate: captures.unfilled == 0)`
  );
}
