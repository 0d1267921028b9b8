/**
 * virtualRun: a profile's open-model schedule through the scaling model in virtual time (the
 * engine of `flashcrowd simulate`). Same arrival cursor, same weighted mix, templates and captures,
 * same recorder and timeline merger as a real run, so the run record has the same shape; the
 * target is the VirtualNotesApi, and each reply arrives when the model says. No sockets, no clock:
 * deterministic for a seed. Runs synchronously; `onProgress` is called every few thousand requests.
 */
import type { PlatformModel } from '../model/platform-model.js';
import { MinHeap } from '../model/min-heap.js';
import type { Phase, Profile } from '../profile/types.js';
import { RequestRecorder, type RecorderData } from '../recorder/request-recorder.js';
import type { TimelineEntry } from '../recorder/run-record.js';
import { TimelineMerger } from '../recorder/timeline-merger.js';
import { ArrivalCursor } from '../schedule/arrival-cursor.js';
import { createRandom } from '../schedule/seeded-random.js';
import { CapturePool, extractJsonPath } from '../generator/capture-pool.js';
import { prepareRequests, type PreparedRequest } from '../generator/prepared-request.js';
import type { RenderContext } from '../generator/render-template.js';
import { VirtualNotesApi } from './virtual-notes-api.js';

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
}

/** What a virtual run produced. */
export interface VirtualRunResult {
  timeline: TimelineEntry[];
  recorder: RecorderData;
  /** Virtual ms from start to the last reply. */
  durationMs: number;
  requests: number;
}

interface PendingReply {
  atMs: number;
  window: unknown;
  requestIndex: number;
  phaseIndex: number;
  status: number;
  bodyText: string;
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
  const recorder = new RequestRecorder(requests.length, phases.length);
  const timeline: TimelineEntry[] = [];
  const merger = new TimelineMerger(1, (e) => timeline.push(e));
  const captures = new CapturePool(random);
  const ctx: RenderContext = {
    random,
    captures,
    env: input.env,
    chosen: new Map(),
    consume: false,
  };
  const api = new VirtualNotesApi(model, Buffer.alloc(32, input.seed & 0xff));
  const replies = new MinHeap<PendingReply>((r) => r.atMs);
  const totalWeight = requests[requests.length - 1]?.weightUpper ?? 0;
  let count = 0;
  let lastMs = 0;
  let closedUpTo = 0;

  const deliverUntil = (tMs: number) => {
    while (replies.size > 0 && replies.peekKey() <= tMs) {
      const r = replies.pop() as PendingReply;
      deliver(r, requests, recorder, captures);
      lastMs = Math.max(lastMs, r.atMs);
    }
    if (Number.isFinite(tMs) && tMs - closedUpTo >= 1000) {
      merger.add(recorder.takeClosedWindows(tMs));
      closedUpTo = tMs;
    }
  };

  for (let plannedMs = cursor.next(); plannedMs !== Infinity; plannedMs = cursor.next()) {
    deliverUntil(plannedMs);
    const phaseIndex = Math.max(0, cursor.phaseIndex);
    const index = pick(requests, captures, random.next() * totalWeight);
    if (replies.size >= input.maxInFlight) {
      recorder.dropped(plannedMs, index, phaseIndex);
      continue;
    }
    const req = requests[index];
    ctx.chosen.clear();
    ctx.consume = req.consumesCaptures;
    const built = req.build(ctx);
    const o = built.options;
    const bodyText = typeof o.body === 'string' ? o.body : '';
    const window = recorder.sent(plannedMs, plannedMs, index, phaseIndex, built.bodyBytes);
    const r = api.call(o.method, o.path, bodyText, startMs + plannedMs);
    const timedOut = r.latencyMs > input.timeoutMs;
    const latencyMs = timedOut ? input.timeoutMs : r.latencyMs;
    replies.push({
      atMs: plannedMs + latencyMs,
      window,
      requestIndex: index,
      phaseIndex,
      status: timedOut ? -1 : r.status,
      bodyText: r.bodyText,
      latencyMs,
    });
    if (++count % PROGRESS_EVERY === 0) input.onProgress?.(plannedMs);
    lastMs = Math.max(lastMs, plannedMs);
  }
  deliverUntil(Infinity);
  merger.add(recorder.takeClosedWindows(lastMs + 1000, true, Math.floor(lastMs / 1000)));
  merger.flush();
  model.advance(startMs + Math.ceil((lastMs + 1) / 1000) * 1000);
  return { timeline, recorder: recorder.toData(), durationMs: lastMs, requests: count };
}

function deliver(
  r: PendingReply,
  requests: PreparedRequest[],
  recorder: RequestRecorder,
  captures: CapturePool,
): void {
  if (r.status < 0) {
    recorder.completedWithError(r.window, r.requestIndex, r.phaseIndex, 'ETIMEDOUT', r.latencyMs);
    return;
  }
  recorder.completedWithStatus(
    r.window,
    r.requestIndex,
    r.phaseIndex,
    r.status,
    r.latencyMs,
    Buffer.byteLength(r.bodyText),
  );
  const capture = requests[r.requestIndex].capture;
  if (capture.length === 0 || r.status < 200 || r.status >= 300 || !r.bodyText) return;
  const parsed = JSON.parse(r.bodyText) as unknown;
  for (const [name, path] of capture) {
    const value = extractJsonPath(parsed, path);
    if (value !== undefined) captures.add(name, value);
  }
}

/** pick: the weighted mix, with a request's producer while its capture pool is empty (as RequestSender). */
function pick(reqs: PreparedRequest[], captures: CapturePool, r: number): number {
  let i = 0;
  while (i < reqs.length - 1 && r >= reqs[i].weightUpper) i++;
  let req = reqs[i];
  for (let hops = 0; req.needs.length > 0 && !captures.has(req.needs) && hops < 4; hops++) {
    if (req.producerIndex < 0) break;
    req = reqs[req.producerIndex];
  }
  return req.index;
}
