/**
 * createTrafficAnchoredModel: a PlatformModel whose second 0 is the arrival of its first request,
 * as in `simulate` (whose model starts at the first planned arrival), rather than the moment the
 * embedded target's process started. Without it, a `run` on the embedded target carries the time
 * between the child's start and the generator's first request (workers starting, connections
 * warming: a fraction of a second to seconds on a busy machine) as an offset: the scaler's
 * evaluation ticks, the launch times and the 1-second series would all sit that much earlier
 * than in `simulate` of the same profile, and idle instance-seconds before the run would be billed.
 *
 * Until the first admit, a model started at creation answers advance/state/series (so the
 * `/_model/*` endpoints work); the first admit replaces it with `create(nowMs)`. Nothing of the
 * first model is lost but idle seconds: it has seen no request. Not thread-safe: one owner.
 */
import type { PlatformModel } from '../model/platform-model.js';

/**
 * createTrafficAnchoredModel wraps `create` (which must build a model starting at `startMs`,
 * drawing from the same random stream each time); `nowMs` is the creation time (epoch ms).
 */
export function createTrafficAnchoredModel(
  create: (startMs: number) => PlatformModel,
  nowMs: number,
): PlatformModel {
  let model = create(nowMs);
  let anchored = false;
  return {
    get params() {
      return model.params;
    },
    admit(route, atMs, tenant) {
      if (!anchored) {
        anchored = true;
        model = create(atMs);
      }
      return model.admit(route, atMs, tenant);
    },
    startDurable(fn, name, payloadBytes, atMs) {
      if (!anchored) {
        anchored = true;
        model = create(atMs);
      }
      return model.startDurable(fn, name, payloadBytes, atMs);
    },
    durableExecution: (arn, atMs) => model.durableExecution(arn, atMs),
    durableExecutions: (fn, atMs, filter) => model.durableExecutions(fn, atMs, filter),
    advance: (atMs) => model.advance(atMs),
    state: (atMs) => model.state(atMs),
    series: (includeOpen) => model.series(includeOpen),
    modelParameters: () => model.modelParameters(),
  };
}
