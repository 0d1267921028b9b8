/**
 * RequestSender: sends one planned request through its Transport (createTransport's choice by
 * default: the lean HTTP/1.1 client, or undici) and records its outcome. Shared by the open loop (arrival rate) and the closed loop
 * (virtual users). It picks the request from the weighted mix, substitutes the producer while a
 * needed capture pool is empty, enforces the in-flight cap (drop and count, never delay), counts
 * the open loop's late drops, times requests out (one 100 ms sweep, no timer per request), and
 * captures reply values. Each outcome is booked exactly once (see RequestSlot); a request's slot
 * counts against maxInFlight until undici lets go of it. One sender per worker thread; not
 * thread-safe.
 */
import type { RequestRecorder } from '../recorder/request-recorder.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { CapturePool } from '../mix/capture-pool.js';
import { pickRequest, type PreparedRequest } from '../mix/prepared-request.js';
import { resetChosen, type RenderContext } from '../mix/render-template.js';
import type { ReplyView } from '../mix/reply-view.js';
import { ReplyHandler, type ReplyScope } from './reply-handler.js';
import { ABANDONED, SlotPool, type RequestSlot, type SlotListener } from './request-slot.js';
import type { RequestDispatcher, Transport } from './transport.js';
import { createTransport } from './create-transport.js';
import type { SigV4Signer } from './sigv4-signer.js';
import type { TransportSettings } from './transport-settings.js';
import type { TenantPicker } from '../mix/tenant-picker.js';
import type { TenantRecorder } from '../recorder/tenant-recorder.js';
import { invokeOutcome } from '../mix/invoke-outcome.js';
import { functionErrorCode } from '../recorder/invoke-tally.js';
import { SlotReplyView } from './slot-reply-view.js';

/** The tenant picker and recorder of a worker (profile `tenants:`). */
export interface SenderTenants {
  picker: TenantPicker;
  recorder: TenantRecorder;
}

export interface SenderOptions {
  requests: PreparedRequest[];
  recorder: RequestRecorder;
  random: SeededRandom;
  env: Record<string, string>;
  maxInFlight: number;
  /** Most connections to each origin (default `maxInFlight`). */
  connections?: number;
  timeoutMs: number;
  /** Milliseconds since the shared start instant (monotonic). */
  now: () => number;
  /**
   * Called once for each kind of drop, the first time it happens (in-flight cap, lateness), and
   * once a captured variable, when it has missed UNFILLED_WARN_AFTER replies.
   */
  onWarning: (message: string) => void;
  /** The lateness bound of the open loop (ms), for its warning. */
  maxLatenessMs?: number;
  /** TLS, HTTP/2, client and signing settings of the default transport (default: plain HTTP/1.1). */
  transportSettings?: TransportSettings;
  /** Signs every request of the default transport (with `auth: aws-sigv4`). */
  signer?: SigV4Signer;
  /**
   * Where requests go (default: createTransport with `connections` per origin and
   * `timeoutMs` to connect). Tests pass a fake.
   */
  transport?: Transport;
  /**
   * Profile `tenants:`: each arrival draws a tenant, sent as its header or query parameter (a flow
   * step carries its instance's tenant, see ReplyScope.tenantRank).
   */
  tenants?: SenderTenants;
  /**
   * The reply of each `durable:` request (an execution's start), with the scope that sent it (a
   * flow step) or null: see ReplyHandler; the worker passes it on to DurableRunner.onStartReply.
   */
  onDurableStart?: (
    request: PreparedRequest,
    plannedMs: number,
    reply: ReplyView,
    scope: ReplyScope | null,
  ) => void;
}

/**
 * The pool grows (opens sockets during the run) only while the last request was handed over less
 * than this late; a worker further behind its schedule queues on the sockets it has.
 */
export const MAX_LATENESS_TO_GROW_MS = 10;

export class RequestSender implements SlotListener {
  private readonly transport: Transport;
  /** The dispatcher of the origin used last (most mixes have one origin). */
  private lastOrigin = '';
  private lastDispatcher: RequestDispatcher | null = null;
  private readonly slots = new SlotPool(this);
  private readonly captures: CapturePool;
  private readonly replies: ReplyHandler;
  private readonly ctx: RenderContext;
  private readonly totalWeight: number;
  private warnedDrop = false;
  private warnedLate = false;
  /** Requests sent whose outcome is not booked yet. */
  private unbooked = 0;
  private dispatching = false;
  /** Lateness of the last request handed over (sent minus planned, ms). */
  private lastLatenessMs = 0;
  private readonly sweepTimer: NodeJS.Timeout;
  /** The view of an Invoke's reply, for its outcome (reused). */
  private readonly invokeView = new SlotReplyView();

  constructor(private readonly o: SenderOptions) {
    this.captures = new CapturePool(o.random);
    this.replies = new ReplyHandler(
      o.requests,
      o.recorder,
      this.captures,
      o.onWarning,
      o.onDurableStart,
    );
    this.ctx = {
      random: o.random,
      captures: this.captures,
      env: o.env,
      chosen: new Map(),
      consume: false,
    };
    this.totalWeight = o.requests[o.requests.length - 1]?.weightUpper ?? 0;
    this.transport =
      o.transport ??
      createTransport({
        connections: o.connections ?? o.maxInFlight,
        connectTimeoutMs: o.timeoutMs,
        settings: o.transportSettings,
        signer: o.signer,
        mayGrow: () => this.lastLatenessMs < MAX_LATENESS_TO_GROW_MS,
      });
    this.sweepTimer = setInterval(() => this.sweepTimeouts(), 100);
  }

  /**
   * Requests undici holds: sent and not yet ended by undici's final callback (a timed-out
   * request still waiting for its connection counts until undici lets go). maxInFlight caps this.
   */
  get inFlight(): number {
    return this.slots.inFlight;
  }

  /** Requests sent whose outcome is not booked yet (what a drain waits for). */
  get pending(): number {
    return this.unbooked;
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
   * send sends request `requestIndex` planned at `plannedMs`, or drops it at the in-flight cap
   * (false). `onDone`, if given, is called once when the request's outcome is booked (never
   * synchronously from inside `send`). With a `scope` (a flow instance's step) the scope renders
   * it and gets its reply, the cap is not applied (the instance was admitted under it when it
   * started), and the request carries the scope's tenant instead of drawing one.
   */
  send(
    plannedMs: number,
    requestIndex: number,
    phaseIndex: number,
    onDone: (() => void) | null = null,
    scope?: ReplyScope,
  ): boolean {
    const rec = this.o.recorder;
    const tenants = this.o.tenants;
    const rank = tenants === undefined ? 0 : scope ? scope.tenantRank : tenants.picker.draw();
    const decile = tenants !== undefined && rank > 0 ? tenants.picker.decile(rank) : -1;
    if (scope === undefined && this.slots.inFlight >= this.o.maxInFlight) {
      this.drop(plannedMs, requestIndex, phaseIndex, rank);
      return false;
    }
    const req = this.o.requests[requestIndex];
    let built;
    if (scope === undefined) {
      resetChosen(this.ctx.chosen);
      this.ctx.consume = req.consumesCaptures;
      built = req.build(this.ctx);
    } else built = scope.build(req);
    if (decile >= 0) built = (tenants as SenderTenants).picker.apply(built, rank);
    const slot = this.slots.acquire();
    const sentMs = this.o.now();
    this.lastLatenessMs = sentMs - plannedMs;
    slot.reset(plannedMs, sentMs, requestIndex, phaseIndex, req.keep.body || req.keep.headers);
    slot.scope = scope ?? null;
    slot.window = rec.sent(plannedMs, sentMs, requestIndex, phaseIndex, built.bodyBytes);
    slot.tenantDecile = decile;
    if (decile >= 0) tenants?.recorder.sent(decile, rank, built.bodyBytes);
    slot.onDone = onDone;
    this.unbooked++;
    this.dispatching = true;
    try {
      this.dispatcher(built.origin).dispatch(built.options, slot);
    } finally {
      this.dispatching = false;
    }
    return true;
  }

  /**
   * drawTenant draws the tenant of an arrival that `send` does not draw for (a flow instance, or
   * a request dropped by the MixRunner's cap): its rank, 0 without profile `tenants:`. Same picker
   * and stream as `send`, so each arrival draws exactly once, in arrival order.
   */
  drawTenant(): number {
    return this.o.tenants ? this.o.tenants.picker.draw() : 0;
  }

  /**
   * drop counts an arrival that is not sent (the in-flight cap), with one warning a worker; with
   * a `tenantRank` (> 0) the drop is counted in that tenant's decile too.
   */
  drop(plannedMs: number, requestIndex: number, phaseIndex: number, tenantRank = 0): void {
    this.o.recorder.dropped(plannedMs, requestIndex, phaseIndex);
    const tenants = this.o.tenants;
    if (tenants && tenantRank > 0) tenants.recorder.dropped(tenants.picker.decile(tenantRank));
    if (!this.warnedDrop) {
      this.warnedDrop = true;
      this.o.onWarning(
        `maxInFlight reached (${this.o.maxInFlight} in flight on one worker): arrivals are dropped and counted as generator.dropped`,
      );
    }
  }

  /**
   * dropLate counts `count` arrivals of phase `phaseIndex` planned in the second of `plannedMs`
   * that the open loop dropped for being later than maxLateness. They are shared among the
   * requests of the mix by weight (largest shares first, the remainder by weighted draws), so a
   * bulk of a million drops costs as much as one.
   */
  dropLate(plannedMs: number, phaseIndex: number, count: number): void {
    if (!this.warnedLate) {
      this.warnedLate = true;
      this.o.onWarning(
        `the generator cannot keep up with the schedule: arrivals later than maxLateness (${this.o.maxLatenessMs ?? 1000} ms) are dropped and counted as dropped.late`,
      );
    }
    const rec = this.o.recorder;
    const reqs = this.o.requests;
    let left = count;
    if (count > reqs.length) {
      let lower = 0;
      for (let i = 0; i < reqs.length; i++) {
        const n = Math.floor((count * (reqs[i].weightUpper - lower)) / this.totalWeight);
        lower = reqs[i].weightUpper;
        if (n > 0) rec.droppedLate(plannedMs, i, phaseIndex, n);
        left -= n;
      }
    }
    for (; left > 0; left--) rec.droppedLate(plannedMs, this.pickByWeight(), phaseIndex, 1);
  }

  /** A request index by weight alone (no capture substitution: for counting drops). */
  private pickByWeight(): number {
    const reqs = this.o.requests;
    const r = this.o.random.next() * this.totalWeight;
    let i = 0;
    while (i < reqs.length - 1 && r >= reqs[i].weightUpper) i++;
    return i;
  }

  /**
   * The byError code of an Invoke reply that is a function error (null otherwise), after counting
   * its outcome on the recorder's InvokeTally (a durable start is an Invoke too, counted when the
   * profile has Invoke counts).
   */
  private invokeError(slot: RequestSlot, status: number, latencyMs: number): string | null {
    const invokes = this.o.recorder.invokes;
    const req = this.o.requests[slot.requestIndex];
    if (invokes === null || !(req.invoke || req.durable)) return null;
    const outcome = invokeOutcome(this.invokeView.reset(slot, status, null, latencyMs));
    invokes.record(slot.requestIndex, outcome);
    return outcome.kind === 'function-error' ? functionErrorCode(outcome.errorKind) : null;
  }

  /** Books the outcome of a request (once); the slot returns to the pool once undici lets go. */
  onSlotDone(slot: RequestSlot, status: number, errorCode: string | null): void {
    this.unbooked--;
    const latencyMs = this.o.now() - slot.plannedMs;
    const rec = this.o.recorder;
    const functionError = errorCode ? null : this.invokeError(slot, status, latencyMs);
    if (slot.tenantDecile >= 0) {
      const tenants = this.o.tenants?.recorder;
      if (errorCode === ABANDONED) tenants?.aborted(slot.tenantDecile);
      else
        tenants?.completed(
          slot.tenantDecile,
          errorCode ?? status,
          latencyMs,
          errorCode ? 0 : slot.bytesReceived,
        );
      if (functionError) tenants?.functionError(slot.tenantDecile, functionError);
    }
    if (errorCode === ABANDONED) rec.aborted(slot.window, slot.requestIndex, slot.phaseIndex);
    else if (errorCode)
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
      if (functionError)
        rec.functionError(slot.window, slot.requestIndex, slot.phaseIndex, functionError);
    }
    this.replies.onReply(slot, errorCode ? 0 : status, errorCode, latencyMs);
    slot.window = null;
    slot.scope = null;
    const waiter = slot.onDone;
    slot.onDone = null;
    if (!slot.held) this.slots.release(slot);
    // A request that failed inside dispatch() must not re-enter the caller's loop.
    if (waiter) {
      if (this.dispatching) setImmediate(waiter);
      else waiter();
    }
  }

  /** undici's final callback for a request booked earlier (timed out, aborted). */
  onSlotFree(slot: RequestSlot): void {
    this.slots.release(slot);
  }

  private sweepTimeouts(): void {
    const deadline = this.o.now() - this.o.timeoutMs;
    const active = this.slots.active;
    for (let i = active.length - 1; i >= 0; i--) {
      const slot = active[i];
      if (slot && !slot.booked && slot.sentMs < deadline) slot.abort('ETIMEDOUT');
    }
  }

  /**
   * abandonAll ends every request not booked yet, booked as `aborted` (when the drain grace ends);
   * undici is asked to abort each, and a request still queued for its connection is aborted when
   * undici connects it or the transport closes.
   */
  abandonAll(): void {
    for (const slot of [...this.slots.active]) slot.abort(ABANDONED);
  }

  /**
   * prewarm opens `connections` idle connections to each origin the mix uses, before the start,
   * so a spike's first requests do not wait for handshakes.
   */
  async prewarm(origins: string[], connections: number): Promise<void> {
    await this.transport.prewarm(origins, connections);
  }

  /** close stops the timeout sweep and closes the transport. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.transport.close();
  }

  private dispatcher(origin: string): RequestDispatcher {
    if (origin !== this.lastOrigin || !this.lastDispatcher) {
      this.lastDispatcher = this.transport.dispatcher(origin);
      this.lastOrigin = origin;
    }
    return this.lastDispatcher;
  }
}
