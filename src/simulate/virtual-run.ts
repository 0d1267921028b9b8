/**
 * virtualRun: a profile's open-model schedule through the scaling model in virtual time (the
 * engine of `flashcrowd simulate`). Same arrival cursor, same weighted mix, templates and captures
 * (src/mix), and the same per-second windows and closing rule (SecondWindows, through the
 * VirtualRecorder: see its header for what it shares with a real run's recorder and what not), so
 * the run record has the same shape and the same seconds; the target is the VirtualNotesApi, and
 * each reply arrives when the model says. No sockets, no clock:
 * deterministic for a seed. Runs synchronously; `onProgress` is called every few thousand requests.
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
import { pickRequest, prepareRequests, type PreparedRequest } from '../mix/prepared-request.js';
import type { RenderContext } from '../mix/render-template.js';
import { jsonBytes } from '../notes-api/json-bytes.js';
import { VirtualNotesApi } from '../notes-api/virtual-notes-api.js';
import { VirtualRecorder } from './virtual-recorder.js';
import { VirtualReplyView } from './virtual-reply-view.js';
import { shapedMatch, virtualRouteShapes } from './virtual-route-shapes.js';

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
}

/** What a virtual run produced. */
export interface VirtualRunResult {
  timeline: TimelineEntry[];
  recorder: RecorderData;
  /** Virtual ms from start to the last reply. */
  durationMs: number;
  requests: number;
  /** True when shouldStop ended the run early. */
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
  latencyMs: number;
}

const PROGRESS_EVERY = 50_000;
const BASE_URL = 'http://simulated.invalid';

/** virtualRun runs the whole schedule; pure apart from the model it drives. */
export function virtualRun(input: VirtualRunInput): VirtualRunResult {
  const { profile, phases, model, startMs } = input;
  const random = createRandom(input.seed);
  const cursor = new ArrivalCursor(phases, { arrivals: profile.load.arrivals, seed: input.seed });
  const requests = prepareRequests(profile, BASE_URL, input.env, input.timeoutMs);
  const shapes = virtualRouteShapes(profile.requests, requests, input.env);
  const recorder = new VirtualRecorder(requests.length, phases.length);
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
  const replies = new MinHeap<PendingReply>((r) => r.atMs);
  const spare: PendingReply[] = [];
  const totalWeight = requests[requests.length - 1]?.weightUpper ?? 0;
  const hasCaptures = (names: readonly string[]) => captures.has(names);
  let count = 0;
  let lastMs = 0;
  let lastPlannedMs = 0;
  let stopped = false;
  const progress = { timeline: recorder.timeline, overallLatency: () => recorder.overallLatency() };

  /** Delivers every reply due by `tMs`; seconds before `tMs` whose replies are all in close. */
  const deliverUntil = (tMs: number) => {
    while (replies.size > 0 && replies.peekKey() <= tMs) {
      const r = replies.pop() as PendingReply;
      deliver(r, requests, recorder, captures, view);
      lastMs = Math.max(lastMs, r.atMs);
      r.body = null;
      spare.push(r);
    }
    if (Number.isFinite(tMs)) recorder.closeCompleted(tMs);
  };

  for (let plannedMs = cursor.next(); plannedMs !== Infinity; plannedMs = cursor.next()) {
    const closedBefore = recorder.timeline.length;
    deliverUntil(plannedMs);
    if (input.shouldStop && recorder.timeline.length > closedBefore && input.shouldStop(progress)) {
      stopped = true;
      break;
    }
    lastPlannedMs = plannedMs;
    const phaseIndex = Math.max(0, cursor.phaseIndex);
    const index = pickRequest(requests, hasCaptures, random.next() * totalWeight);
    const second = recorder.second(plannedMs);
    lastMs = Math.max(lastMs, plannedMs);
    if (replies.size >= input.maxInFlight) {
      recorder.dropped(second, index, phaseIndex);
      continue;
    }
    const req = requests[index];
    if (ctx.chosen.size > 0) ctx.chosen.clear();
    ctx.consume = req.consumesCaptures;
    const built = req.build(ctx);
    const o = built.options;
    recorder.sent(second, index, phaseIndex, built.bodyBytes);
    const bodyText = typeof o.body === 'string' ? o.body : '';
    const shape = shapes[index];
    const match = shape === undefined ? undefined : shapedMatch(shape, ctx.chosen);
    const nowMs = startMs + plannedMs;
    const r =
      match === undefined || shape === undefined
        ? api.call(o.method, o.path, bodyText, nowMs)
        : api.callMatched(match, shape.query, bodyText, nowMs);
    const timedOut = r.latencyMs > input.timeoutMs;
    const latencyMs = timedOut ? input.timeoutMs : r.latencyMs;
    const p = spare.pop() ?? ({} as PendingReply);
    p.atMs = plannedMs + latencyMs;
    p.plannedMs = plannedMs;
    p.requestIndex = index;
    p.phaseIndex = phaseIndex;
    p.status = timedOut ? 'ETIMEDOUT' : r.status;
    p.body = r.body;
    p.latencyMs = latencyMs;
    replies.push(p);
    if (++count % PROGRESS_EVERY === 0) input.onProgress?.(plannedMs);
  }
  deliverUntil(Number.POSITIVE_INFINITY);
  // The timeline buckets by planned second, as a real run's does: through the schedule's last
  // second (or the last planned one after a stop), never the seconds that only hold late replies.
  recorder.closeAllBefore(
    stopped
      ? Math.floor(lastPlannedMs / 1000) + 1
      : Math.max(scheduleSeconds(phases), Math.floor(lastPlannedMs / 1000) + 1),
  );
  model.advance(startMs + Math.ceil((lastMs + 1) / 1000) * 1000);
  return {
    timeline: recorder.timeline,
    recorder: recorder.toData(),
    durationMs: lastMs,
    requests: count,
    stopped,
  };
}

function deliver(
  r: PendingReply,
  requests: PreparedRequest[],
  recorder: VirtualRecorder,
  captures: CapturePool,
  view: VirtualReplyView,
): void {
  const second = recorder.second(r.plannedMs);
  const isError = typeof r.status === 'string';
  const bytes = isError ? 0 : jsonBytes(r.body);
  recorder.completed(second, r.requestIndex, r.phaseIndex, r.status, r.latencyMs, bytes);
  const request = requests[r.requestIndex];
  if (request.checks.names.length === 0 && request.captures.count === 0) return;
  const reply = view.reset(r.status, r.body, r.latencyMs);
  request.checks.run(reply, (check, passed) =>
    recorder.checks.count(r.requestIndex, check, passed),
  );
  request.captures.read(reply, (name, value) => captures.add(name, value));
}
