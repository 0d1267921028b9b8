/**
 * durablePlanWarnings: the warnings of durablePollPlan for `plan`, `run` and `simulate`, with the
 * modelled durations of the profile's `model.durable` block when it parses (a bad block is
 * reported later, where the model is built). With more than 30 workers some would get no poll
 * share at all (with `--shard`: more workers than the shard's share of the 30, which is 0 for
 * shards past the 30th), and on the embedded target or in simulate (`modelled`) a durable request or flow
 * step whose function has no `model.durable` entry would only get 404s: both UsageError (exit 2),
 * nothing sent. Flow durable steps count in the poll budget at their flow's share of arrivals.
 */
import { UsageError } from '../errors.js';
import { nominalDurationMs } from '../model/durable-workflow.js';
import { parseModelParams } from '../model/parse-model-params.js';
import { durablePollPlan } from '../mix/durable-poll-plan.js';
import { GET_DURABLE_EXECUTION_PER_SEC, pollShare } from '../mix/durable-poll-pacer.js';
import type { Profile } from '../profile/types.js';
import { formatShard, WHOLE_RUN, type ShardSpec } from '../schedule/shard-split.js';

export function durablePlanWarnings(
  profile: Profile,
  peakPerSec: number,
  workers: number,
  modelled: boolean,
  modelBlock: unknown = profile.model,
  shard: ShardSpec = WHOLE_RUN,
): string[] {
  let durable: ReturnType<typeof parseModelParams>['durable'];
  try {
    durable = parseModelParams(modelBlock).durable;
  } catch {
    durable = undefined;
  }
  const plan = durablePollPlan(profile, peakPerSec, (fn) => {
    const w = durable?.[fn];
    return w ? nominalDurationMs(w.steps) : undefined;
  });
  if (!plan) return [];
  if (modelled)
    profile.requests.forEach((r, i) => {
      if (r.durable && !durable?.[r.durable.function])
        throw new UsageError(
          `${r.flow ? `flows[${r.flow.flowIndex}].steps[${r.flow.stepIndex}]` : `requests[${i}]`}.durable.function: "${r.durable.function}" is not a modelled durable function; ` +
            `add model.durable.${r.durable.function} (its steps) to the profile (only the model needs them: a run against a real target does not)`,
        );
    });
  const polls = profile.requests.some((r) => r.durable?.poll.mode === 'status');
  if (polls && workers > GET_DURABLE_EXECUTION_PER_SEC)
    throw new UsageError(
      `--workers ${workers}: durable status polls are shared out at most ${GET_DURABLE_EXECUTION_PER_SEC} a second, one share a worker; use at most ${GET_DURABLE_EXECUTION_PER_SEC} workers`,
    );
  // The shard's share first, then the worker's (worker-engine.ts): a worker left with none would
  // never poll, and its executions would all end the run as running.
  const shardBudget = pollShare(GET_DURABLE_EXECUTION_PER_SEC, shard.index, shard.count);
  if (polls && workers > shardBudget)
    throw new UsageError(
      `--shard ${formatShard(shard)} --workers ${workers}: durable status polls are shared out at most ${GET_DURABLE_EXECUTION_PER_SEC} a second over the workers of all shards, one share a worker, and this shard's share is ${shardBudget} a second; ` +
        (shardBudget === 0
          ? `split the test into at most ${GET_DURABLE_EXECUTION_PER_SEC} shards`
          : `give this shard at most ${shardBudget} worker${shardBudget === 1 ? '' : 's'}, or split the test into fewer shards`),
    );
  return plan.warnings;
}
