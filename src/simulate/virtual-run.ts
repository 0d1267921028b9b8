/**
 * virtualRun: a profile's open-model schedule through the scaling model in virtual time (the
 * engine of `flashcrowd simulate`). Same arrival cursor, same weighted mix, templates and captures
 * (src/mix), and the same per-second windows and closing rule (SecondWindows, through the
 * VirtualRecorder: see its header for what it shares with a real run's recorder and what not), so
 * the run record has the same shape and the same seconds; the target is the VirtualNotesApi, and
 * each reply arrives when the model says. No sockets, no clock:
 * deterministic for a seed. Computes synchronously but for a turn of the event loop every
 * `yieldEvery` arrivals, where `interrupted` is asked (a Ctrl-C handler can run there); how often
 * it yields never changes the result. `onProgress` is called every few thousand requests.
 */
import type { PlatformModel } from '../model/platform-model.js';
import { MinHeap } from '../model/min-heap.js';
import type { Phase, Profile } from '../profile/types.js';
import type { RecorderData } from '../record/measurements.js';
import type { LatencySummary, TimelineEntry } from '../record/run-record.js';
import { ArrivalCursor } from '../schedule/arrival-cursor.js';
import { scheduleSeconds } from '../schedule/phase-timeline.js';
import { createRandom } from '../random/seeded-random.js';
import { CapturePool } from '../mix/capture-pool.js';
import {
  pickRequest,
  prepareRequests,
  type BuiltRequest,
  type PreparedRequest,
} from '../mix/prepared-request.js';
import type { FlowInstance } from '../mix/flow-instance.js';
import { mixChoice, mixWeights } from '../mix/mix-choice.js';
import { resetChosen, type RenderContext } from '../mix/render-template.js';
import { jsonBytes, noteBytes } from '../notes-api/json-bytes.js';
import { StoredNote } from '../notes-api/note-store.js';
import { VirtualNotesApi, type ParsedBody } from '../notes-api/virtual-notes-api.js';
import { VirtualRecorder } from './virtual-recorder.js';
import { VirtualFlows } from './virtual-flows.js';
import { VirtualReplyView } from './virtual-reply-view.js';
import { TenantPicker } from '../mix/tenant-picker.js';
import { TenantRecorder } from '../recorder/tenant-recorder.js';
import { shapedMatch, virtualRouteShapes } from './virtual-route-shapes.js';
import { invokeOutcome } from '../mix/invoke-outcome.js';
import { functionErrorCode } from '../recorder/invoke-tally.js';
import { VirtualDurable } from './virtual-durable.js';

/** Inputs of a virtual run. */
export interface VirtualRunInput {
  profile: Profile;
  /** The profile's phases after --time-scale/--rate-scale/--duration. */
  phases: Phase[];
  model: PlatformModel;
  seed: number;
  /** Epoch ms of the virtual start (the model's startMs). */
  startMs: number;
  env: Record<string, string>;
  timeoutMs: number;
  maxInFlight: number;
  onProgress?: (virtualMs: number) => void;
  /**
   * Called as each virtual second closes (fail-fast gates); returning true stops sending, as the
   * first Ctrl-C does in a real run: replies still pending are delivered, nothing more is sent.
   */
  shouldStop?: (progress: {
    timeline: TimelineEntry[];
    overallLatency: () => LatencySummary | null;
  }) => boolean;
  /**
   * Asked at each turn of the event loop (every `yieldEvery` arrivals); returning true stops
   * sending as `shouldStop` does (a Ctrl-C or SIGTERM).
   */
  interrupted?: () => boolean;
  /** Arrivals (sent or dropped) between two turns of the event loop (default YIELD_EVERY). */
  yieldEvery?: number;
}

/** What a virtual run produced. */
export interface VirtualRunResult {
  timeline: TimelineEntry[];
  recorder: RecorderData;
  /** Virtual ms from start to the last reply. */
  durationMs: number;
  requests: number;
  /** True when shouldStop or interrupted ended the run early. */
  stopped: boolean;
}

interface PendingReply {
  atMs: number;
  plannedMs: number;
  requestIndex: number;
  phaseIndex: number;
  /** HTTP status, or a transport error code (ETIMEDOUT). */
  status: number | string;
  body: unknown;
  /** The body's JSON length when the reply counted it already (body then null), else -1. */
  bytes: number;
  /** The reply's own headers (Invoke replies), undefined for none. */
  headers: Record<string, string> | undefined;
  latencyMs: number;
  /** The flow instance that sent this step, or null for a request of the mix. */
  instance: FlowInstance | null;
  /** Tenant decile (0-based), -1 without tenants. */
  tenantDecile: number;
}

const PROGRESS_EVERY = 50_000;
/**
 * Arrivals between two turns of the event loop: about 10 ms of computing, so a Ctrl-C is seen at
 * once. The turns cost nothing measurable when V8 starts no collection from a task at them
 * (src/cli/simulate/simulation-heap-flags.ts).
 */
const YIELD_EVERY = 5_000;
const BASE_URL = 'http://simulated.invalid';

/** virtualRun runs the whole schedule; pure apart from the model it drives. */
export async function virtualRun(input: VirtualRunInput): Promise<VirtualRunResult> {
  // The timeline's objects are made once the run's state (the notes API's store above all) is
  // out of reach, so the two are never live together.
  const { recorder, result } = await runSchedule(input);
  result.timeline = recorder.timelineEntries();
  return result;
}

/**
 * runSchedule is virtualRun but for the timeline, left empty in the result it returns. The
 * arrivals are taken by a plain function, `yieldEvery` at a time, with a turn of the event loop
 * between two calls; the hot loop itself never awaits.
 */
async function runSchedule(input: VirtualRunInput): Promise<ScheduleResult> {
  const run = scheduleRun(input);
  const yieldEvery = input.yieldEvery ?? YIELD_EVERY;
  while (!run.advance(yieldEvery)) {
    await turnOfEventLoop();
    if (input.interrupted?.()) {
      run.stop();
      break;
    }
  }
  return run.finish();
}

interface ScheduleResult {
  recorder: VirtualRecorder;
  result: VirtualRunResult;
}

/** One virtual run in steps: `advance` until it returns true or the caller stops, then `finish`. */
interface ScheduleRun {
  /** Takes up to `limit` arrivals; true when the schedule is done or a gate stopped it. */
  advance(limit: number): boolean;
  /** Sends nothing more: what is in flight is delivered by `finish`. */
  stop(): void;
  finish(): ScheduleResult;
}

/** scheduleRun sets up a virtual run: the cursor, the mix, the notes API and the recorder. */
function scheduleRun(input: VirtualRunInput): ScheduleRun {
  const { profile, phases, model, startMs } = input;
  const random = createRandom(input.seed);
  const cursor = new ArrivalCursor(phases, { arrivals: profile.load.arrivals, seed: input.seed });
  const requests = prepareRequests(profile, BASE_URL, input.env, input.timeoutMs);
  const shapes = virtualRouteShapes(profile.requests, requests, input.env);
  const recorder = new VirtualRecorder(
    requests.length,
    phases.length,
    profile.flows.length,
    requests.some((r) => r.invoke),
    // Fail-fast gates read the timeline as it grows; otherwise it is kept compact until the end.
    input.shouldStop !== undefined,
  );
  const captures = new CapturePool(random);
  const ctx: RenderContext = {
    random,
    captures,
    env: input.env,
    chosen: new Map(),
    consume: false,
  };
  const api = new VirtualNotesApi(model);
  const view = new VirtualReplyView();
  const tenants = profile.tenants && new TenantPicker(profile.tenants, input.seed);
  const tenantRec = profile.tenants && new TenantRecorder(profile.tenants);
  const replies = new MinHeap<PendingReply>((r) => r.atMs);
  const spare: PendingReply[] = [];
  const weights = mixWeights(requests, profile.flows);
  // A flow's durable step waits on the model's execution (virtual ms since the start).
  const flows = new VirtualFlows(
    profile.flows,
    requests,
    recorder,
    random,
    input.env,
    (arn, t) => model.durableExecution(arn, startMs + t)?.status,
  );
  const durable = requests.some((r) => r.durable) ? new VirtualDurable(model, requests) : undefined;
  const deliver = replyDeliverer(requests, recorder, captures, view, flows);
  const hasCaptures = (names: readonly string[]) => captures.has(names);
  let count = 0;
  let lastMs = 0;
  let lastPlannedMs = 0;
  let stopped = false;
  const progress = {
    timeline: recorder.liveTimeline ?? [],
    overallLatency: () => recorder.overallLatency(),
  };

  /**
   * send: request `index` planned at `plannedMs`, rendered by `instance` (a flow step) or the mix;
   * `mixRank` is the tenant drawn for a request of the mix (0: no tenant); a flow step carries its
   * instance's tenant.
   */
  const send = (
    plannedMs: number,
    index: number,
    phaseIndex: number,
    instance: FlowInstance | null,
    mixRank = 0,
  ) => {
    const rank = instance ? instance.tenantRank : mixRank;
    const decile = tenants && rank > 0 ? tenants.decile(rank) : -1;
    const req = requests[index];
    let method: string;
    let path: string;
    let body: string | ParsedBody;
    let bodyBytes: number;
    let headers: string[] | undefined;
    let built: BuiltRequest | undefined;
    if (!instance) {
      resetChosen(ctx.chosen);
      ctx.consume = req.consumesCaptures;
    }
    // Flow steps, Lambda Invokes (the Invoke API reads headers) and durable requests are built
    // in full.
    if (instance || req.invoke || req.durable) {
      built = instance ? instance.build(req) : req.build(ctx);
      const o = built.options;
      method = o.method;
      path = o.path;
      body = typeof o.body === 'string' ? o.body : '';
      bodyBytes = built.bodyBytes;
      headers = o.headers as string[];
    } else {
      // A request of known route needs its path's draws, not its text (see below).
      const v = req.buildVirtual(ctx, shapes[index] === undefined);
      method = v.method;
      path = v.path;
      body = v.body;
      bodyBytes = v.bodyBytes;
    }
    recorder.sent(recorder.second(plannedMs), index, phaseIndex, bodyBytes);
    const tenant = decile >= 0 ? tenants?.id(rank) : undefined;
    if (decile >= 0) tenantRec?.sent(decile, rank, bodyBytes);
    const shape = shapes[index];
    const chosen = instance ? instance.chosen : ctx.chosen;
    const match = shape === undefined ? undefined : shapedMatch(shape, chosen);
    // Nothing reads the reply's body but its byte count (see replyDeliverer).
    const bytesOnly = !instance && req.checks.names.length === 0 && req.captures.count === 0;
    const nowMs = startMs + plannedMs;
    // Rendered without its path, a request whose shape does not apply (an empty id) builds it.
    if (match === undefined && !built && shape !== undefined) path = req.virtualPath(ctx);
    const r =
      req.durable && built
        ? { ...(durable as VirtualDurable).start(req, built, nowMs), body: null }
        : match === undefined || shape === undefined
          ? api.call(method, path, body, nowMs, tenant, headers)
          : api.callMatched(match, shape.query, body, nowMs, tenant, bytesOnly);
    const timedOut = r.latencyMs > input.timeoutMs;
    const latencyMs = timedOut ? input.timeoutMs : r.latencyMs;
    const p = spare.pop() ?? ({} as PendingReply);
    // A flow's next step may go out at this reply's time: its model time must not fall an ulp
    // before this execution's end, or the step would find its own environment still busy.
    p.atMs = instance
      ? notBefore(plannedMs + latencyMs, startMs, nowMs + latencyMs)
      : plannedMs + latencyMs;
    p.plannedMs = plannedMs;
    p.requestIndex = index;
    p.phaseIndex = phaseIndex;
    p.status = timedOut ? 'ETIMEDOUT' : r.status;
    p.body = r.body;
    p.bytes = 'bytes' in r && r.bytes !== undefined ? r.bytes : -1;
    p.headers = r.headers;
    p.latencyMs = latencyMs;
    p.instance = instance;
    p.tenantDecile = decile;
    replies.push(p);
    lastPlannedMs = Math.max(lastPlannedMs, plannedMs);
    lastMs = Math.max(lastMs, plannedMs);
    if (++count % PROGRESS_EVERY === 0) input.onProgress?.(plannedMs);
  };

  /**
   * Delivers every reply and sends every flow step due by `tMs`, in time order (a reply first on
   * a tie: it may make a step due); seconds before `tMs` whose replies are all in close.
   */
  const deliverUntil = (tMs: number) => {
    for (;;) {
      const replyAt = replies.peekKey();
      const stepAt = flows.nextStepAt();
      const nextAt = Math.min(replyAt, stepAt);
      if (nextAt > tMs || nextAt === Number.POSITIVE_INFINITY) break;
      if (stepAt < replyAt) {
        flows.sendNextStep(stopped, send);
        continue;
      }
      const r = replies.pop() as PendingReply;
      const booked = deliver(r);
      if (tenantRec && r.tenantDecile >= 0) {
        tenantRec.completed(r.tenantDecile, r.status, r.latencyMs, booked.bytes);
        if (booked.functionError) tenantRec.functionError(r.tenantDecile, booked.functionError);
      }
      lastMs = Math.max(lastMs, r.atMs);
      r.body = null;
      r.headers = undefined;
      r.instance = null;
      spare.push(r);
    }
    if (Number.isFinite(tMs)) recorder.closeCompleted(tMs);
  };

  /** Takes up to `limit` arrivals; true when the schedule is done or a gate stopped it. */
  const advance = (limit: number): boolean => {
    for (let taken = 0; taken < limit; taken++) {
      const plannedMs = cursor.next();
      if (plannedMs === Infinity) return true;
      const closedBefore = recorder.closedCount;
      deliverUntil(plannedMs);
      if (input.shouldStop && recorder.closedCount > closedBefore && input.shouldStop(progress)) {
        stopped = true;
        return true;
      }
      lastPlannedMs = plannedMs;
      lastMs = Math.max(lastMs, plannedMs);
      const phaseIndex = Math.max(0, cursor.phaseIndex);
      const choice = mixChoice(weights, random.next());
      // The cap counts requests in flight and running flow instances (thinking ones too).
      const atCap = replies.size - flows.stepsInFlight + flows.active >= input.maxInFlight;
      if (choice < 0) {
        // A flow instance draws its tenant once, before the cap, as a request does (MixRunner).
        const rank = tenants ? tenants.draw() : 0;
        if (atCap && tenants) tenantRec?.dropped(tenants.decile(rank));
        flows.arrive(plannedMs, -choice - 1, phaseIndex, atCap, send, rank);
        continue;
      }
      const index = pickRequest(requests, hasCaptures, choice);
      const rank = tenants ? tenants.draw() : 0;
      if (atCap) {
        recorder.dropped(recorder.second(plannedMs), index, phaseIndex);
        if (tenants) tenantRec?.dropped(tenants.decile(rank));
        continue;
      }
      send(plannedMs, index, phaseIndex, null, rank);
    }
    return false;
  };

  /** Delivers what is in flight, closes the seconds and the model's series; call once. */
  const finish = () => {
    deliverUntil(Number.POSITIVE_INFINITY);
    // Durable executions run on after the last reply; the model's series cover them to their end.
    const followedMs = durable ? durable.finish(startMs + lastMs) - startMs : lastMs;
    // The timeline buckets by planned second, as a real run's does: through the schedule's last
    // second (or the last planned one after a stop), never the seconds that only hold late replies.
    recorder.closeAllBefore(
      stopped
        ? Math.floor(lastPlannedMs / 1000) + 1
        : Math.max(scheduleSeconds(phases), Math.floor(lastPlannedMs / 1000) + 1),
    );
    model.advance(startMs + Math.ceil((Math.max(lastMs, followedMs) + 1) / 1000) * 1000);
    const data: RecorderData = recorder.toData();
    if (tenantRec) data.tenants = tenantRec.toData();
    if (durable) data.durable = durable.recorder.toData();
    return {
      recorder,
      result: { timeline: [], recorder: data, durationMs: lastMs, requests: count, stopped },
    };
  };

  return {
    advance,
    stop: () => {
      stopped = true;
    },
    finish,
  };
}

/** turnOfEventLoop resolves after the event loop has run its pending callbacks (signals too). */
function turnOfEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * notBefore: `atMs` (virtual ms since `startMs`), raised by as little as floating point allows so
 * that `startMs + atMs` is not below `endMs` (epoch ms): (a + b) + c and a + (b + c) may differ by
 * an ulp of an epoch time (about 0.24 µs), which would put the end after the reply.
 */
function notBefore(atMs: number, startMs: number, endMs: number): number {
  let at = atMs;
  while (startMs + at < endMs) at += endMs - (startMs + at);
  return at;
}

/** What replyDeliverer's function booked for one reply (one object, reused). */
interface Booked {
  /** The reply's body bytes (0 for a transport error). */
  bytes: number;
  /** The byError code of a Lambda function error, else null. */
  functionError: string | null;
}

/**
 * replyDeliverer returns the function that books one reply: the recorder, Invoke outcomes, then
 * checks, captures or the flow that sent it. Its callbacks and result are made once, not per
 * reply; the result is valid until the next call.
 */
function replyDeliverer(
  requests: PreparedRequest[],
  recorder: VirtualRecorder,
  captures: CapturePool,
  view: VirtualReplyView,
  flows: VirtualFlows,
): (r: PendingReply) => Booked {
  let requestIndex = 0;
  const countCheck = (check: number, passed: boolean) =>
    recorder.checks.count(requestIndex, check, passed);
  const addCapture = (name: string, value: string) => captures.add(name, value);
  const booked: Booked = { bytes: 0, functionError: null };
  return (r) => {
    const second = recorder.second(r.plannedMs);
    const isError = typeof r.status === 'string';
    // A note of the store is counted, and read, as it is now (an update in flight is seen).
    const note = r.body instanceof StoredNote ? r.body : null;
    const bytes = isError
      ? 0
      : r.bytes >= 0
        ? r.bytes
        : note !== null
          ? noteBytes(note)
          : jsonBytes(r.body);
    booked.bytes = bytes;
    booked.functionError = null;
    recorder.completed(second, r.requestIndex, r.phaseIndex, r.status, r.latencyMs, bytes);
    const request = requests[r.requestIndex];
    // A durable start is an Invoke too (counted when the profile has Invoke counts).
    if ((request.invoke || request.durable) && recorder.invokes && !isError) {
      const body = note === null ? r.body : note.toJSON();
      const outcome = invokeOutcome(view.reset(r.status, body, r.latencyMs, r.headers));
      recorder.invokes.record(r.requestIndex, outcome);
      if (outcome.kind === 'function-error') {
        booked.functionError = functionErrorCode(outcome.errorKind);
        recorder.functionError(second, r.requestIndex, r.phaseIndex, booked.functionError);
      }
    }
    const instance = r.instance;
    if (instance === null && request.checks.names.length === 0 && request.captures.count === 0)
      return booked;
    // Checks, captures and flows walk the body's own keys: a stored note is given as plain data.
    const reply = view.reset(
      r.status,
      note === null ? r.body : note.toJSON(),
      r.latencyMs,
      r.headers,
    );
    requestIndex = r.requestIndex;
    const failed = request.checks.run(reply, countCheck);
    if (instance !== null)
      flows.replied(instance, request, reply, failed, r.atMs, r.phaseIndex, r.plannedMs);
    else request.captures.read(reply, addCapture);
    return booked;
  };
}
