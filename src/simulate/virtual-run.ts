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
import { CapturePool, extractJsonPath } from '../mix/capture-pool.js';
import { pickRequest, prepareRequests, type PreparedRequest } from '../mix/prepared-request.js';
import type { RenderContext } from '../mix/render-template.js';
import { jsonBytes } from '../notes-api/json-bytes.js';
import { VirtualNotesApi } from '../notes-api/virtual-notes-api.js';
import { VirtualRecorder } from './virtual-recorder.js';
import { TenantPicker } from '../mix/tenant-picker.js';
import { TenantRecorder } from '../recorder/tenant-recorder.js';
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
  /** Tenant decile (0-based), -1 without tenants. */
  tenantDecile: number;
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
  const tenants = profile.tenants && new TenantPicker(profile.tenants, input.seed);
  const tenantRec = profile.tenants && new TenantRecorder(profile.tenants);
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
      deliver(r, requests, recorder, captures);
      if (tenantRec && r.tenantDecile >= 0)
        tenantRec.completed(
          r.tenantDecile,
          r.status,
          r.latencyMs,
          typeof r.status === 'string' ? 0 : jsonBytes(r.body),
        );
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
    const rank = tenants ? tenants.draw() : 0;
    const decile = tenants ? tenants.decile(rank) : -1;
    if (replies.size >= input.maxInFlight) {
      recorder.dropped(second, index, phaseIndex);
      tenantRec?.dropped(decile);
      continue;
    }
    const req = requests[index];
    if (ctx.chosen.size > 0) ctx.chosen.clear();
    ctx.consume = req.consumesCaptures;
    const built = req.build(ctx);
    const o = built.options;
    recorder.sent(second, index, phaseIndex, built.bodyBytes);
    tenantRec?.sent(decile, rank, built.bodyBytes);
    const tenant = tenants?.id(rank);
    const bodyText = typeof o.body === 'string' ? o.body : '';
    const shape = shapes[index];
    const match = shape === undefined ? undefined : shapedMatch(shape, ctx.chosen);
    const nowMs = startMs + plannedMs;
    const r =
      match === undefined || shape === undefined
        ? api.call(o.method, o.path, bodyText, nowMs, tenant)
        : api.callMatched(match, shape.query, bodyText, nowMs, tenant);
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
    p.tenantDecile = decile;
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
    recorder: tenantRec ? { ...recorder.toData(), tenants: tenantRec.toData() } : recorder.toData(),
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
): void {
  const second = recorder.second(r.plannedMs);
  if (typeof r.status === 'string') {
    recorder.completed(second, r.requestIndex, r.phaseIndex, r.status, r.latencyMs, 0);
    return;
  }
  recorder.completed(
    second,
    r.requestIndex,
    r.phaseIndex,
    r.status,
    r.latencyMs,
    jsonBytes(r.body),
  );
  const capture = requests[r.requestIndex].capture;
  if (capture.length === 0 || r.status < 200 || r.status >= 300 || r.body === null) return;
  for (const [name, path] of capture) {
    const value = extractJsonPath(r.body, path);
    if (value !== undefined) captures.add(name, value);
  }
}
