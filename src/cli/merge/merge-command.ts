/**
 * mergeCommand: the body of `flashcrowd merge` (declared in define-merge.ts): reads every shard
 * folder, merges them (src/recorder/merge-shards.ts), prices and judges the whole test with the
 * options the shards recorded, and writes the merged run folder as `run` writes one: run.json,
 * timeline.ndjson and the reports. Resolves to the exit code.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readRunRecord } from '../../record/read-run-record.js';
import { mergeShards, type ShardRun } from '../../recorder/merge-shards.js';
import { newRunId, RunRecordWriter } from '../../record/run-record-writer.js';
import type { RunRecord } from '../../record/run-record.js';
import { readShardFiles } from '../../record/shard-files.js';
import { RecordError, UsageError } from '../../errors.js';
import { gateVerdict } from '../../report/gate-verdict.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { redactArgs } from '../redact-args.js';
import { openRunFolder } from '../run-folder.js';
import { toolVersion } from '../tool-version.js';
import { printOutcome } from '../run/print-outcome.js';
import { recomputeCostAndGates } from '../run/finalize-record.js';
import type { MergeOptions } from './define-merge.js';

/** Throws RecordError (exit 2) for folders that are not the finished shards of one test. */
export function mergeCommand(dirs: string[], o: MergeOptions, ctx: CliContext): number {
  refuseShardAsOut(dirs, o.out, ctx.cwd);
  const shards = dirs.map((d) => readShard(resolve(ctx.cwd, d)));
  const name = shards[0].record.profile.name;
  const wanted = newRunId(new Date(), typeof name === 'string' ? name : 'run');
  const dir = openRunFolder({ cwd: ctx.cwd, out: o.out, runId: wanted, overwrite: o.overwrite });
  const merged = mergeShards(shards, {
    runId: o.out === undefined ? basename(dir) : wanted,
    toolVersion: toolVersion(),
    args: redactArgs(ctx.argv),
  });
  merged.environment.allowUnknown = o.allowUnknown ?? false;
  const record = recomputeCostAndGates(merged, { pricesFile: o.prices }, ctx);
  const writer = new RunRecordWriter(dir);
  writer.appendTimelineAll(record.timeline);
  if (writer.timelineFailure) ctx.stderr.write(`warning: ${writer.timelineFailure}\n`);
  writer.writeRecord(record);
  if (!o.quiet)
    ctx.stderr.write(
      `merged ${shards.length} shards (${record.environment.workers} workers): ${record.totals.sent.toLocaleString('en-US')} requests sent\n`,
    );
  printOutcome(ctx, record, dir, {
    ...o,
    gate: [],
    timeScale: record.environment.timeScale,
    rateScale: record.environment.rateScale,
    fleet: [],
  });
  return gateVerdict(record).passed ? exitCodes.ok : exitCodes.gateFailed;
}

/** readShard: one shard folder's run.json and shard files; RecordError when it is no shard run. */
function readShard(dir: string): ShardRun {
  const record: RunRecord = readRunRecord(dir);
  if (!record.environment.shard)
    throw new RecordError(
      `${dir} holds run ${record.runId}, which was not run with --shard: merge takes the folders of shard runs`,
    );
  return { dir, record, ...readShardFiles(dir) };
}

/**
 * refuseShardAsOut: `--out` naming one of the shard folders is a UsageError (exit 2): with
 * --overwrite the merged record would replace that shard's run.json, and the test could never be
 * merged again.
 */
function refuseShardAsOut(dirs: string[], out: string | undefined, cwd: string): void {
  if (out === undefined) return;
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : path);
  const target = real(resolve(cwd, out));
  if (dirs.some((d) => real(resolve(cwd, d)) === target))
    throw new UsageError(
      `--out ${out} is one of the shard folders: the merged run needs a folder of its own (the shards' files stay merge's input); choose another --out`,
    );
}
