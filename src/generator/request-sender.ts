/**
 * RequestSender: sends one planned request with undici `dispatch()` and records its outcome.
 * Shared by the open loop (arrival rate) and the closed loop (virtual users). It picks the request
 * from the weighted mix, substitutes the producer while a needed capture pool is empty, enforces
 * the in-flight cap (drop and count, never delay), times requests out, and captures reply values.
 * One sender per worker thread; not thread-safe.
 */
import type { Dispatcher } from 'undici';
import type { RequestRecorder } from '../recorder/request-recorder.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { CapturePool } from '../mix/capture-pool.js';
import { pickRequest, type PreparedRequest } from '../mix/prepared-request.js';
import type { RenderContext } from '../mix/render-template.js';
import { ReplyHandler, type ReplyScope } from './reply-handler.js';
import { SlotPool, type RequestSlot, type SlotListener } from './request-slot.js';
import { WarmConnector } from './warm-connector.js';
import { originDispatcher } from './origin-dispatcher.js';
import type { SigV4Signer } from './sigv4-signer.js';
import { plainTransportSettings, type TransportSettings } from './transport-settings.js';

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
  /** TLS, HTTP/2 and signing settings (default: plain HTTP/1.1, no signing). */
  transportSettings?: TransportSettings;
  /** Signs every request (with `auth: aws-sigv4`). */
  signer?: SigV4Signer;
  /** Called once a variable, when its capture path has missed UNFILLED_WARN_AFTER replies. */
  onWarning?: (message: string) => void;
}

export class RequestSender implements SlotListener {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly connectors = new Map<string, WarmConnector>();
  private readonly slots = new SlotPool(this);
  private readonly captures: CapturePool;
  private readonly replies: ReplyHandler;
  private readonly ctx: RenderContext;
  private readonly totalWeight: number;
  private warnedDrop = false;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(private readonly o: SenderOptions) {
    this.captures = new CapturePool(o.random);
    this.replies = new ReplyHandler(o.requests, o.recorder, this.captures, o.onWarning);
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

  /** pickAt is pick for a draw `r` already made, uniform in [0, total weight of requests:). */
  pickAt(r: number): number {
    return pickRequest(this.o.requests, this.hasCaptures, r);
  }

  private readonly hasCaptures = (names: readonly string[]): boolean => this.captures.has(names);

  /**
   * markScheduledUpTo: every arrival planned before `plannedMs` has been handed to `send` (the
   * open loop calls it after each turn), so the recorder closes no window that is still to come.
   */
  markScheduledUpTo(plannedMs: number): void {
    this.o.recorder.markScheduledUpTo(plannedMs);
  }

  /**
   * send sends request `requestIndex` planned at `plannedMs`, or drops it at the in-flight cap.
   * With a `scope` (a flow instance's step) the scope renders it and gets its reply, and the cap
   * is not applied (the instance was admitted under it when it started).
   */
  send(
    plannedMs: number,
    requestIndex: number,
    phaseIndex: number,
    scope?: ReplyScope,
  ): RequestSlot | null {
    const rec = this.o.recorder;
    if (scope === undefined && this.slots.inFlight >= this.o.maxInFlight) {
      this.drop(plannedMs, requestIndex, phaseIndex);
      return null;
    }
    const req = this.o.requests[requestIndex];
    let built;
    if (scope === undefined) {
      this.ctx.chosen.clear();
      this.ctx.consume = req.consumesCaptures;
      built = req.build(this.ctx);
    } else built = scope.build(req);
    const slot = this.slots.acquire();
    const sentMs = this.o.now();
    slot.reset(plannedMs, sentMs, requestIndex, phaseIndex, req.keep.body || req.keep.headers);
    slot.scope = scope ?? null;
    slot.window = rec.sent(plannedMs, sentMs, requestIndex, phaseIndex, built.bodyBytes);
    this.pool(built.origin).dispatch(built.options, slot);
    return slot;
  }

  /** drop counts an arrival that is not sent (the in-flight cap), with one warning a worker. */
  drop(plannedMs: number, requestIndex: number, phaseIndex: number): void {
    this.o.recorder.dropped(plannedMs, requestIndex, phaseIndex);
    if (!this.warnedDrop) {
      this.warnedDrop = true;
      this.o.onFirstDrop(
        `maxInFlight reached (${this.o.maxInFlight} in flight on one worker): arrivals are dropped and counted as generator.dropped`,
      );
    }
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
    }
    this.replies.onReply(slot, errorCode ? 0 : status, errorCode, latencyMs);
    slot.window = null;
    slot.scope = null;
    const waiter = slot.onDone;
    slot.onDone = null;
    this.slots.release(slot);
    waiter?.();
  }

  /** whenDone calls `callback` once the request of `slot` has completed (closed model). */
  whenDone(slot: RequestSlot, callback: () => void): void {
    slot.onDone = callback;
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
      c = new WarmConnector(this.o.timeoutMs, this.o.transportSettings);
      this.connectors.set(origin, c);
    }
    return c;
  }

  private pool(origin: string): Dispatcher {
    let p = this.pools.get(origin);
    if (!p) {
      p = originDispatcher(origin, {
        connections: this.o.maxInFlight,
        connect: this.connector(origin).connect,
        settings: this.o.transportSettings ?? plainTransportSettings,
        signer: this.o.signer,
      });
      this.pools.set(origin, p);
    }
    return p;
  }
}
