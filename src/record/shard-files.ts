/**
 * The files a shard run (`run --shard I/N`) leaves beside its run.json, from which `merge` builds
 * the record of the whole test exactly, as the coordinator builds one run's from its workers:
 *
 * - `shard-windows.ndjson`: one line per batch of closed per-second windows a worker handed over,
 *   `{"worker":w,"windows":[WindowData...]}` (counters plus encoded histograms), appended while the
 *   run goes (each line one synchronous append, so a crash leaves valid NDJSON);
 * - `shard.json`: written once at the end: which shard, the shared start instant, the request
 *   table's shape, the gates to judge, and each worker's final statistics (RecorderData).
 */
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RecordError } from './record-error.js';
import type { RecorderData, WindowData } from './measurements.js';

export const SHARD_FILE = 'shard.json';
export const SHARD_WINDOWS_FILE = 'shard-windows.ndjson';
const SHARD_SCHEMA_VERSION = 1;

/**
 * shardGatesNote: the warning a shard's own record carries instead of gate verdicts (`shard` as
 * the record holds it, 1-based). `merge` leaves it out of the merged record, which judges them.
 */
export function shardGatesNote(shard: { index: number; count: number }): string {
  return `shard ${shard.index}/${shard.count}: its gates are judged by flashcrowd merge on the traffic of all ${shard.count} shards`;
}

/** What shard.json holds (see the file comment). */
export interface ShardData {
  /** 1-based, as `--shard` takes it. */
  shard: { index: number; count: number };
  /** The shared start instant (`--start-at`), epoch ms: timeline second 0 of every shard. */
  startEpochMs: number;
  endEpochMs: number;
  /** This shard's worker threads (machines may differ). */
  workers: number;
  requestNames: string[];
  checkNames?: string[][];
  flows?: Array<{ name: string; steps: number[] }>;
  phases: Array<{ kind: string; startMs: number; durationMs: number }>;
  /** Every gate of the run (profile first, then `--gate`), as written; judged by `merge`. */
  gates: string[];
  /** Each worker's final statistics, in worker order. */
  recorders: RecorderData[];
}

const shardFileSchema = z.object({
  schemaVersion: z.literal(SHARD_SCHEMA_VERSION),
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  startEpochMs: z.number(),
  endEpochMs: z.number(),
  workers: z.number().int().min(1),
  requestNames: z.array(z.string()),
  checkNames: z.array(z.array(z.string())).optional(),
  flows: z.array(z.object({ name: z.string(), steps: z.array(z.number()) })).optional(),
  phases: z.array(z.object({ kind: z.string(), startMs: z.number(), durationMs: z.number() })),
  gates: z.array(z.string()),
  // Made by this tool's recorders; merged as they are (a damaged one fails the merge, named).
  recorders: z.array(z.record(z.string(), z.unknown())),
});

/**
 * ShardWindowsWriter appends the workers' window batches to shard-windows.ndjson. Never throws:
 * the first failed append stops further ones (no line glued to a torn one) and is kept in
 * `failure`, so a full disk costs the merge, not the run.
 */
export class ShardWindowsWriter {
  readonly path: string;
  failure: string | null = null;

  /** Creates an empty shard-windows.ndjson in `dir` (which must exist). */
  constructor(dir: string) {
    this.path = join(dir, SHARD_WINDOWS_FILE);
    writeFileSync(this.path, '');
  }

  /** append writes one line for worker `worker`'s batch (none for an empty one); synchronous. */
  append(worker: number, windows: WindowData[]): void {
    if (this.failure !== null || windows.length === 0) return;
    try {
      appendFileSync(this.path, `${JSON.stringify({ worker, windows })}\n`);
    } catch (error) {
      this.failure = `cannot append to ${this.path} (${(error as Error).message}); flashcrowd merge will refuse this shard`;
    }
  }
}

/** writeShardFile writes shard.json into `dir` atomically (temp file + rename). */
export function writeShardFile(dir: string, data: ShardData): void {
  const path = join(dir, SHARD_FILE);
  const temp = `${path}.tmp-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  writeFileSync(temp, `${JSON.stringify({ schemaVersion: SHARD_SCHEMA_VERSION, ...data })}\n`);
  renameSync(temp, path);
}

/** One worker's batch of windows, as shard-windows.ndjson holds it. */
export interface WindowBatch {
  worker: number;
  windows: WindowData[];
}

/**
 * readShardFiles reads a shard run's shard.json and shard-windows.ndjson from `dir`; throws
 * RecordError naming the file and what is wrong (missing: the folder is no finished shard run).
 */
export function readShardFiles(dir: string): { data: ShardData; batches: WindowBatch[] } {
  const path = join(dir, SHARD_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RecordError(
      `${path} is missing: ${dir} is not a finished shard run (run --shard writes it when its traffic ends)`,
    );
  }
  let parsed: ReturnType<typeof shardFileSchema.safeParse>;
  try {
    parsed = shardFileSchema.safeParse(JSON.parse(text));
  } catch {
    throw new RecordError(`${path} is not valid JSON`);
  }
  if (!parsed.success)
    throw new RecordError(`${path} is not a shard file of this version of flashcrowd`);
  const data = parsed.data;
  if (data.recorders.length !== data.workers)
    throw new RecordError(
      `${path} holds the statistics of ${data.recorders.length} workers, but says the shard had ${data.workers}`,
    );
  return {
    data: { ...data, recorders: data.recorders as unknown as RecorderData[] },
    batches: readBatches(join(dir, SHARD_WINDOWS_FILE), data.workers),
  };
}

function readBatches(path: string, workers: number): WindowBatch[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RecordError(`${path} is missing: the shard's per-second windows are needed to merge`);
  }
  const lines = text.split('\n').filter((line) => line !== '');
  return lines.map((line, i) => {
    let batch: WindowBatch;
    try {
      batch = JSON.parse(line) as WindowBatch;
    } catch {
      throw new RecordError(`${path} line ${i + 1} is not valid JSON (a torn write?)`);
    }
    if (
      !Number.isInteger(batch.worker) ||
      batch.worker < 0 ||
      batch.worker >= workers ||
      !Array.isArray(batch.windows)
    )
      throw new RecordError(`${path} line ${i + 1} is not a window batch of this shard`);
    return batch;
  });
}
