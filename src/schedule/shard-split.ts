/**
 * Shards: one test split across machines (`run --shard I/N`), each a process with its own
 * workers, all counting time from one shared start instant. Pure.
 *
 * The split is two-level and exact. Shard i of N (0-based here; `--shard` is 1-based) takes the
 * global arrivals k with k % N == i, the i-th of every N; its worker w of W takes the j-th of
 * those, k = i + N·j, with j % W == w. Together that is k % (N·W) == i + N·w, so a shard's
 * workers are ordinary arrival-cursor workers of a run with N·W of them (arrivalSlot), the shards'
 * shares are disjoint and add up to the whole whatever worker count each machine picks, and a
 * run of N one-worker shards plans exactly the arrivals of one N-worker run. Counts that are
 * split rather than scheduled (the closed model's users, the durable poll budget) are split the
 * same way: the shard's share first, then the worker's (shardShare).
 */
import { workerShare } from './arrival-cursor.js';

/** One shard of a split run: `index` 0-based, 0 <= index < count. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** The whole run (no split). */
export const WHOLE_RUN: ShardSpec = { index: 0, count: 1 };

/** formatShard: the 1-based `I/N` of a shard, as `--shard` takes it. */
export function formatShard(shard: ShardSpec): string {
  return `${shard.index + 1}/${shard.count}`;
}

/**
 * arrivalSlot: the worker index and count an ArrivalCursor is given for worker `workerIndex` of
 * `workerCount` in `shard` (see the file comment); the shard's workers' slots are disjoint and
 * cover k % N == shard.index.
 */
export function arrivalSlot(
  shard: ShardSpec,
  workerIndex: number,
  workerCount: number,
): { workerIndex: number; workerCount: number } {
  return {
    workerIndex: shard.index + shard.count * workerIndex,
    workerCount: shard.count * workerCount,
  };
}

/**
 * shardShare: the part of `count` whole units (users, connections) that worker `workerIndex` of
 * `workerCount` in `shard` gets: the shard's workerShare of count, then the worker's of that. The
 * parts of all workers of all shards add up to `count` exactly.
 */
export function shardShare(
  count: number,
  shard: ShardSpec,
  workerIndex: number,
  workerCount: number,
): number {
  return workerShare(workerShare(count, shard.index, shard.count), workerIndex, workerCount);
}
