/**
 * checkShardOptions: `--shard` and `--start-at` combinations a split test cannot serve are exit 2
 * before anything is sent. A shard is one machine's share of a test that `flashcrowd merge`
 * judges whole, so it needs what every shard must share (one start instant, one target) and must
 * not decide alone what only the whole can (abortOnFail gates, the platform metrics).
 */
import { UsageError } from '../../errors.js';
import type { GateSpec } from '../../profile/types.js';
import { formatShard } from '../../schedule/shard-split.js';
import type { RunOptions } from './run-options.js';

/** Furthest ahead `--start-at` may be (a forgotten date would hold a CI job for days). */
const MAX_START_AHEAD_MS = 24 * 3600 * 1000;

/**
 * checkShardOptions throws UsageError (exit 2) for a `--start-at` in the past (as of `nowMs`,
 * epoch ms) or more than 24 h ahead, and for a `--shard` without `--start-at`, without a target
 * (`targetUrl` undefined: the embedded notes API), collecting platform metrics, or with an
 * abortOnFail gate among `gates`. Pure; called by resolveRunSetup before anything is opened.
 */
export function checkShardOptions(
  o: Pick<RunOptions, 'shard' | 'startAt' | 'collect' | 'settle'>,
  targetUrl: string | undefined,
  gates: GateSpec[],
  nowMs: number,
): void {
  if (o.startAt !== undefined) {
    if (o.startAt <= nowMs)
      throw new UsageError(
        `--start-at ${new Date(o.startAt).toISOString()} has passed (now ${new Date(nowMs).toISOString()}); give a time a little ahead, e.g. --start-at $(date -u -d '+2 min' +%FT%TZ)`,
      );
    if (o.startAt - nowMs > MAX_START_AHEAD_MS)
      throw new UsageError(
        `--start-at ${new Date(o.startAt).toISOString()} is more than 24 hours ahead; give a nearer time`,
      );
  }
  const shard = o.shard;
  if (!shard) return;
  const flag = `--shard ${formatShard(shard)}`;
  if (o.startAt === undefined)
    throw new UsageError(
      `${flag} needs --start-at TIME, the same on every shard, so that all start together (e.g. --start-at $(date -u -d '+2 min' +%FT%TZ))`,
    );
  if (!targetUrl)
    throw new UsageError(
      `${flag}: every shard must send to one shared target, but this run would start its own embedded notes API; give --target URL`,
    );
  if (o.collect === 'aws' || o.collect === 'model' || o.settle !== undefined)
    throw new UsageError(
      `${flag}: a shard collects no platform metrics (every shard would fetch the same ones); drop --collect and --settle, and run flashcrowd collect on the merged run`,
    );
  const abort = gates.find((g) => g.abortOnFail);
  if (abort)
    throw new UsageError(
      `${flag}: gate "${abort.expr}" has abortOnFail, but a shard sees only its share of the traffic and gates are judged once by flashcrowd merge; drop abortOnFail, or run without --shard`,
    );
}
