/**
 * mergeShards: the run record of a split test from its shard runs (`run --shard I/N`), built the
 * way one run's record is built from its workers: every worker's windows of every shard go
 * through one TimelineMerger, and every worker's final statistics into buildRunRecord. So counts
 * add up exactly and percentiles come from the merged histograms, never from averaged
 * percentiles. Cost and gates are left to the caller (they need prices). Pure: no clock, no I/O.
 */
import { RecordError } from '../record/record-error.js';
import { buildRunRecord, type RunMetadata } from '../record/build-run-record.js';
import type { RunRecord, TimelineEntry } from '../record/run-record.js';
import type { ShardData, WindowBatch } from '../record/shard-files.js';
import { TimelineMerger } from './timeline-merger.js';

/** One shard run as read from its folder. */
export interface ShardRun {
  dir: string;
  record: RunRecord;
  data: ShardData;
  batches: WindowBatch[];
}

/** What the merged record gets that no shard has. */
export interface MergeIdentity {
  runId: string;
  toolVersion: string;
  args: string[];
}

/** The warning every shard carries about its gates; the merged record judges them. */
const SHARD_GATES_NOTE = /^shard \d+\/\d+: its gates are judged by flashcrowd merge/;

/**
 * mergeShards checks that `shards` are the N shards of one test, each once (RecordError naming
 * what differs or what is missing), and returns the merged record with `cost` taken from shard
 * 1 (its options and region, for the caller to recompute) and `gates` listed as written, verdict
 * unknown (for the caller to judge).
 */
export function mergeShards(shards: ShardRun[], identity: MergeIdentity): RunRecord {
  const ordered = checkShards(shards);
  const first = ordered[0];
  const merger = new TimelineMerger(
    ordered.reduce((n, s) => n + s.data.workers, 0),
    (entry) => timeline.push(entry),
  );
  const timeline: TimelineEntry[] = [];
  for (const s of ordered) for (const b of s.batches) merger.add(b.windows);
  merger.flush();
  return buildRunRecord({
    meta: mergedMetadata(ordered, identity),
    requestNames: first.data.requestNames,
    ...(first.data.checkNames ? { checkNames: first.data.checkNames } : {}),
    ...(first.data.flows ? { flows: first.data.flows } : {}),
    phases: first.data.phases,
    timeline,
    workers: ordered.flatMap((s) => s.data.recorders),
  });
}

/** checkShards returns the shards in shard order, or throws RecordError (see mergeShards). */
function checkShards(shards: ShardRun[]): ShardRun[] {
  if (shards.length === 0) throw new RecordError('merge needs the folders of the shard runs');
  const count = shards[0].data.shard.count;
  const byIndex = new Map<number, ShardRun>();
  for (const s of shards) {
    const { index, count: n } = s.data.shard;
    if (n !== count)
      throw new RecordError(
        `${s.dir} is shard ${index}/${n}, but ${shards[0].dir} is one of ${count}: merge the shards of one test`,
      );
    const seen = byIndex.get(index);
    if (seen)
      throw new RecordError(
        `${seen.dir} and ${s.dir} are both shard ${index}/${count}; give each once`,
      );
    byIndex.set(index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new RecordError(
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge needs all ${count} shard folders`,
    );
  const ordered = [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
  for (const s of ordered.slice(1)) sameTest(ordered[0], s);
  return ordered;
}

/** sameTest: `s` split the same test as `first` (profile, target, start, seed, scales, gates). */
function sameTest(first: ShardRun, s: ShardRun): void {
  const a = first.record;
  const b = s.record;
  const differences: Array<[string, unknown, unknown]> = [
    ['the profile', a.profile, b.profile],
    ['the target', a.target.url, b.target.url],
    ['the start instant (--start-at)', first.data.startEpochMs, s.data.startEpochMs],
    ['the seed', a.environment.seed, b.environment.seed],
    ['--time-scale', a.environment.timeScale, b.environment.timeScale],
    ['--rate-scale', a.environment.rateScale, b.environment.rateScale],
    ['the phases (--duration?)', first.data.phases, s.data.phases],
    ['the gates (--gate?)', first.data.gates, s.data.gates],
  ];
  for (const [what, x, y] of differences)
    if (JSON.stringify(x) !== JSON.stringify(y))
      throw new RecordError(
        `${s.dir} and ${first.dir} differ in ${what}: they are not shards of one test`,
      );
}

function mergedMetadata(ordered: ShardRun[], identity: MergeIdentity): RunMetadata {
  const a = ordered[0].record;
  const stopped = ordered.filter((s) => s.record.status !== 'completed');
  const warnings = new Set<string>();
  for (const s of ordered)
    for (const w of s.record.warnings) if (!SHARD_GATES_NOTE.test(w)) warnings.add(w);
  return {
    runId: identity.runId,
    toolVersion: identity.toolVersion,
    kind: 'run',
    status: stopped.length === 0 ? 'completed' : stopped.some(isFailed) ? 'failed' : 'aborted',
    ...(stopped.length > 0
      ? {
          statusReason: stopped
            .map(
              (s) =>
                `shard ${s.data.shard.index}/${s.data.shard.count} ${s.record.status}` +
                (s.record.statusReason ? `: ${s.record.statusReason}` : ''),
            )
            .join('; '),
        }
      : {}),
    profile: a.profile,
    target: a.target,
    startedAt: new Date(ordered[0].data.startEpochMs).toISOString(),
    endedAt: new Date(Math.max(...ordered.map((s) => s.data.endEpochMs))).toISOString(),
    environment: {
      args: identity.args,
      seed: a.environment.seed,
      nodeVersion: a.environment.nodeVersion,
      cores: ordered.reduce((n, s) => n + s.record.environment.cores, 0),
      workers: ordered.reduce((n, s) => n + s.data.workers, 0),
      generatorCpuShare: null,
      ...(a.environment.client ? { client: a.environment.client } : {}),
      timeScale: a.environment.timeScale,
      rateScale: a.environment.rateScale,
      mergedFrom: ordered.map((s) => s.record.runId),
    },
    platform: { series: [] },
    cost: a.cost,
    gates: ordered[0].data.gates.map((expr) => ({
      expr,
      verdict: 'unknown' as const,
      observed: null,
      threshold: 0,
    })),
    warnings: [...warnings],
  };
}

function isFailed(s: ShardRun): boolean {
  return s.record.status === 'failed';
}
