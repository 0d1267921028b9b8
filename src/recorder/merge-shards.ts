/**
 * mergeShards: the run record of a split test from its shard runs (`run --shard I/N`), built the
 * way one run's record is built from its workers: every worker's windows of every shard go
 * through one TimelineMerger, and every worker's final statistics into buildRunRecord. So counts
 * add up exactly and percentiles come from the merged histograms, never from averaged
 * percentiles. Cost and gates are left to the caller (they need prices). Pure: no clock, no I/O.
 */
import { isDeepStrictEqual } from 'node:util';
import { RecordError } from '../record/record-error.js';
import { buildRunRecord, type RunMetadata } from '../record/build-run-record.js';
import type { RunRecord, TimelineEntry } from '../record/run-record.js';
import {
  SHARD_FILE,
  SHARD_WINDOWS_FILE,
  shardGatesNote,
  type ShardData,
  type WindowBatch,
} from '../record/shard-files.js';
import { TimelineMerger } from './timeline-merger.js';
import { unfilledCaptureWarnings } from '../analysis/unfilled-captures.js';

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

/**
 * mergeShards checks that `shards` are the N shards of one test, each once, and that each
 * shard's files agree with its run.json (RecordError naming what differs, what is missing or
 * what is damaged), and returns the merged record with `cost` taken from the first shard that
 * has one (its options and region, for the caller to recompute) and `gates` listed as written,
 * verdict unknown (for the caller to judge).
 */
export function mergeShards(shards: ShardRun[], identity: MergeIdentity): RunRecord {
  const ordered = checkShards(shards);
  for (const s of ordered) checkShardFiles(s);
  const record = buildRunRecord({
    meta: mergedMetadata(ordered, identity),
    ...recordShape(ordered[0].data),
    timeline: mergeWindows(
      ordered.reduce((n, s) => n + s.data.workers, 0),
      ordered.flatMap((s) => s.batches),
    ),
    workers: ordered.flatMap((s) => s.data.recorders),
  });
  // Counted over every shard's replies (each shard's own warnings are left out).
  record.warnings.push(...unfilledCaptureWarnings(record));
  return record;
}

/** The request table's shape of a shard, as buildRunRecord takes it. */
function recordShape(data: ShardData) {
  return {
    requestNames: data.requestNames,
    ...(data.checkNames ? { checkNames: data.checkNames } : {}),
    ...(data.flows ? { flows: data.flows } : {}),
    phases: data.phases,
  };
}

/** mergeWindows: the timeline of `workerCount` workers' window batches, as the coordinator merges them. */
function mergeWindows(workerCount: number, batches: WindowBatch[]): TimelineEntry[] {
  const timeline: TimelineEntry[] = [];
  const merger = new TimelineMerger(workerCount, (entry) => timeline.push(entry));
  for (const b of batches) merger.add(b.windows);
  merger.flush();
  return timeline;
}

/**
 * checkShardFiles: the shard's record rebuilt from its shard files alone (the statistics from
 * shard.json, the timeline from shard-windows.ndjson) is the one its run.json holds, or a
 * RecordError names the folder: a windows file cut short (an append that failed, a partial
 * copy), a damaged line, or files of another run would otherwise merge into numbers of no test.
 */
function checkShardFiles(s: ShardRun): void {
  let own: RunRecord;
  try {
    own = buildRunRecord({
      meta: s.record,
      ...recordShape(s.data),
      timeline: mergeWindows(s.data.workers, s.batches),
      workers: s.data.recorders,
    });
  } catch (error) {
    throw new RecordError(
      `${s.dir}: ${SHARD_FILE} or ${SHARD_WINDOWS_FILE} is damaged (${(error as Error).message}); run the shard again`,
    );
  }
  if (!samePlainData(own.totals, s.record.totals))
    throw new RecordError(
      `${s.dir}: ${SHARD_FILE} does not hold the statistics of its run.json: the two are of different runs (or one was edited); run the shard again`,
    );
  if (!samePlainData(own.timeline, s.record.timeline)) {
    const sent = own.timeline.reduce((n, e) => n + e.sent, 0);
    const recorded = s.record.timeline.reduce((n, e) => n + e.sent, 0);
    throw new RecordError(
      `${s.dir}: ${SHARD_WINDOWS_FILE} does not hold the seconds of its run.json (${own.timeline.length} seconds and ${sent} requests sent, run.json ${s.record.timeline.length} and ${recorded}): ` +
        'it was cut short (an append that failed, a partial copy) or is of another run',
    );
  }
}

/** samePlainData: equal as JSON data (key order and undefined members aside). */
function samePlainData(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
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

/**
 * sameTest: `s` split the same test as `first` (profile, target, start, seed, scales, phases,
 * gates, timeout, client, cost flags).
 */
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
    // What counts as a timeout, and the client that measured: the merged record names one of
    // each. A record of an older flashcrowd may lack them; it is not held against the others.
    ...bothRecorded('--timeout', a.environment.timeoutMs, b.environment.timeoutMs),
    ...bothRecorded('--client', a.environment.client, b.environment.client),
    ['the phases (--duration?)', first.data.phases, s.data.phases],
    ['the gates (--gate?)', first.data.gates, s.data.gates],
    // A shard whose cost could not be computed (no price table there) recorded no cost flags.
    ...(a.cost && b.cost
      ? [
          [
            'the cost flags (--fleet, --savings-plan-ec2/-lambda, --cpu-fraction, --front-door, --free-tier)',
            a.cost.options,
            b.cost.options,
          ] as [string, unknown, unknown],
        ]
      : []),
  ];
  for (const [what, x, y] of differences)
    if (JSON.stringify(x) !== JSON.stringify(y))
      throw new RecordError(
        `${s.dir} and ${first.dir} differ in ${what}: they are not shards of one test`,
      );
}

/** bothRecorded: the difference to check when both records hold the setting, else none. */
function bothRecorded(what: string, x: unknown, y: unknown): Array<[string, unknown, unknown]> {
  return x === undefined || y === undefined ? [] : [[what, x, y]];
}

function mergedMetadata(ordered: ShardRun[], identity: MergeIdentity): RunMetadata {
  const a = ordered[0].record;
  const stopped = ordered.filter((s) => s.record.status !== 'completed');
  const warnings = new Set<string>();
  // A shard's note on its gates and its capture counts are its own; the merged record has its own.
  for (const s of ordered) {
    const own = new Set([shardGatesNote(s.data.shard), ...unfilledCaptureWarnings(s.record)]);
    for (const w of s.record.warnings) if (!own.has(w)) warnings.add(w);
  }
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
      ...(a.environment.timeoutMs ? { timeoutMs: a.environment.timeoutMs } : {}),
      timeScale: a.environment.timeScale,
      rateScale: a.environment.rateScale,
      mergedFrom: ordered.map((s) => s.record.runId),
    },
    platform: { series: [] },
    // Recomputed by the caller with the flags of the first shard that recorded a cost.
    cost: ordered.find((s) => s.record.cost !== null)?.record.cost ?? null,
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
