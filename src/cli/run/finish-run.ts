/**
 * finishRun: what `run` does once the traffic is over and the platform series are collected: the
 * final run record (cost, gates, reconciliation, unfilled captures), written and printed with its
 * reports; resolves to the exit code. run-command.ts imports this file only after the traffic, so
 * none of the cost, gate and report code is loaded before the first planned request.
 */
import { reconcile, renderReconciliation } from '../../collector/reconcile.js';
import { unfilledCaptureWarnings } from '../../analysis/unfilled-captures.js';
import type { CollectorResult } from '../../collector/collector.js';
import { requiredCollectionFailed } from '../../collector/select-collector.js';
import { CollectorError } from '../../errors.js';
import type { GeneratorResult } from '../../generator/coordinator.js';
import { buildRunRecord } from '../../record/build-run-record.js';
import type { RunRecord } from '../../record/run-record.js';
import { recordShape } from '../record-labels.js';
import { addCostAndGates, finalizeOptions, gateExitCode } from './finalize-record.js';
import { printOutcome } from './print-outcome.js';
import { shardGatesNote, writeShardFile } from '../../record/shard-files.js';
import { formatShard } from '../../schedule/shard-split.js';
import { exitCodes } from '../exit-codes.js';
import type { RunContext } from './run-context.js';
import { gateStopReason, type RunSession } from './run-session.js';

/** finishRun writes the final record and reports; throws CollectorError for a failed --collect aws. */
export function finishRun(
  run: RunContext,
  session: RunSession,
  result: GeneratorResult,
  collected: CollectorResult,
  aws: boolean,
  polls?: { polls: number; maxPollsInAnySecond: number },
): number {
  const { o, ctx } = run;
  const record = finalRecord(run, session, result, collected, aws, polls);
  run.writer.writeRecord(record);
  if (o.shard) return finishShard(run, record, result, session.exitCodeForStop());
  printOutcome(ctx, record, run.dir, o);
  if (record.platform.reconciliation?.length && !o.quiet && !o.json)
    ctx.stdout.write(`${renderReconciliation(record.platform.reconciliation)}\n`);
  const stopCode = session.exitCodeForStop();
  if (stopCode !== null) return stopCode;
  const missing = o.collect === 'aws' ? requiredCollectionFailed(collected) : null;
  if (missing)
    throw new CollectorError(
      `--collect aws: ${missing} (the run record is written: ${run.dir}/run.json)`,
    );
  return gateExitCode(record, o.allowUnknown ?? false);
}

function finalRecord(
  run: RunContext,
  session: RunSession,
  result: GeneratorResult,
  collected: CollectorResult,
  aws: boolean,
  polls?: { polls: number; maxPollsInAnySecond: number },
): RunRecord {
  const stop = session.stopReason;
  const reason = !stop
    ? undefined
    : stop.kind === 'signal'
      ? `interrupted by ${stop.signal}`
      : gateStopReason(stop.expr);
  const record = buildRunRecord({
    meta: {
      ...run.meta,
      status: stop ? 'aborted' : 'completed',
      ...(reason ? { statusReason: reason } : {}),
      startedAt: new Date(result.startEpochMs).toISOString(),
      endedAt: new Date(result.endEpochMs).toISOString(),
      platform: {
        ...run.meta.platform,
        series: collected.series,
        ...(collected.warnings.length ? { warnings: collected.warnings } : {}),
        ...(collected.functions?.length ? { functions: collected.functions } : {}),
      },
    },
    ...recordShape(run.setup.profile, run.setup.phases),
    timeline: result.timeline,
    workers: result.workers,
  });
  if (aws) record.platform.reconciliation = reconcile(record);
  if (record.durable && polls) record.durable.server = polls;
  record.warnings.push(...unfilledCaptureWarnings(record));
  // A shard's gates are judged once, by merge, on every shard's traffic.
  if (run.meta.environment.shard) record.warnings.push(shardGatesNote(run.meta.environment.shard));
  const gates = run.o.shard ? [] : run.setup.gates;
  return addCostAndGates(
    record,
    finalizeOptions(run.o, gates, run.setup.profile.aws?.region, run.ctx),
  );
}

/**
 * finishShard: a shard's end: shard.json beside its run.json (what merge needs), a line saying
 * what to do next, and the exit code: the signal's when stopped, 3 when its windows could not
 * all be written (merge would refuse it), else 0 whatever its traffic met.
 */
function finishShard(
  run: RunContext,
  record: RunRecord,
  result: GeneratorResult,
  stopCode: number | null,
): number {
  const { o, ctx, setup } = run;
  const shard = o.shard!;
  writeShardFile(run.dir, {
    shard: { index: shard.index + 1, count: shard.count },
    startEpochMs: result.startEpochMs,
    endEpochMs: result.endEpochMs,
    workers: setup.workers,
    ...recordShape(run.setup.profile, run.setup.phases),
    gates: setup.gates.map((g) => g.expr),
    recorders: result.workers,
  });
  if (o.json) ctx.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  const failure = run.shardWindows?.failure;
  if (failure) {
    ctx.stderr.write(`error: ${failure}\n`);
    return stopCode ?? exitCodes.runFailed;
  }
  if (!o.quiet)
    ctx.stderr.write(
      `shard ${formatShard(shard)} ${record.status}: ${record.totals.sent.toLocaleString('en-US')} requests sent; ` +
        `record in ${run.dir}. When every shard is done: flashcrowd merge <the ${shard.count} shard folders> --out DIR\n`,
    );
  return stopCode ?? exitCodes.ok;
}
