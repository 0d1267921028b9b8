/**
 * collectCommand: the body of `flashcrowd collect <run-dir>` (declared in define-collect.ts).
 * Rewrites the report files the run folder holds, and exits with the run's verdict after the
 * collection (0 passed, 1 a gate failed or is unknown without --allow-unknown).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { awsSpecFromRecord } from '../../collector/recollect-run.js';
import { namesAwsResources } from '../../collector/select-collector.js';
import { RecordError, UsageError } from '../../errors.js';
import type { RunRecord } from '../../record/run-record.js';
import { writableFolder } from '../run-folder.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { settleCountdown } from '../settle-countdown.js';
import type { CollectCommandOptions } from './define-collect.js';

/** The body of `collect`; resolves to the exit code. Throws RecordError / CollectorError. */
export async function collectCommand(
  runDir: string,
  options: CollectCommandOptions,
  ctx: CliContext,
): Promise<number> {
  const { readRunRecord, runRecordPath } = await import('../../record/read-run-record.js');
  const { writeRecordFile } = await import('../../record/run-record-writer.js');
  const { recollectRun } = await import('../../collector/recollect-run.js');
  const { renderReconciliation } = await import('../../collector/reconcile.js');
  const record = readRunRecord(runDir);
  // Everything the record and the flags decide is checked before the wait and the queries.
  checkCollectable(record);
  const path = options.out ? outPath(options.out, record, ctx.cwd) : runRecordPath(runDir);
  const { checkPricesBeforeTraffic } = await import('../check-prices-before-traffic.js');
  await checkPricesBeforeTraffic({ prices: options.prices, fleet: [] }, undefined, ctx);
  const log = (s: string) =>
    void (options.quiet || options.json ? undefined : ctx.stderr.write(`${s}\n`));
  if (options.settle) {
    log(
      `waiting ${Math.ceil(options.settle / 1000)}s for late CloudWatch data (Enter or Ctrl-C skips)`,
    );
    const skip = new AbortController();
    const removeSignal = ctx.onSignal(() => skip.abort());
    await settleCountdown(ctx, options.settle, log, skip.signal);
    removeSignal();
  }
  const result = await recollectRun(record, { env: ctx.env });
  for (const w of result.warnings) if (!options.quiet) ctx.stderr.write(`warning: ${w}\n`);
  if (result.seriesCollected === 0) {
    ctx.stderr.write(
      `error: no platform series could be collected for ${record.runId}; run.json left unchanged\n`,
    );
    return exitCodes.runFailed;
  }
  const { recomputeCostAndGates } = await import('../run/finalize-record.js');
  const { recomputeChanges } = await import('../../analysis/recompute-changes.js');
  const before = { cost: result.record.cost, gates: result.record.gates };
  const next = recomputeCostAndGates(
    structuredClone(result.record),
    {
      pricesFile: options.prices,
    },
    ctx,
  );
  const changes = recomputeChanges(before, next);
  writeRecordFile(path, next);
  // The run's report files would still state the verdicts and cost of before: rewritten.
  const { REPORT_FILES, writeReports } = await import('../../report/write-reports.js');
  const formats = (Object.keys(REPORT_FILES) as Array<keyof typeof REPORT_FILES>).filter((f) =>
    existsSync(join(dirname(runRecordPath(runDir)), REPORT_FILES[f])),
  );
  const reports = writeReports(dirname(path), next, formats);
  const { gateVerdict } = await import('../../report/gate-verdict.js');
  const verdict = gateVerdict(next);
  const rows = next.platform.reconciliation ?? [];
  if (options.json) {
    const summary = {
      runId: record.runId,
      path,
      seriesCollected: result.seriesCollected,
      seriesTotal: result.record.platform.series.length,
      warnings: result.warnings,
      reconciliation: rows,
      changes,
    };
    ctx.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else if (!options.quiet) {
    ctx.stdout.write(renderReconciliation(rows));
    log(
      changes.length > 0
        ? `cost and gates recomputed; what changed:\n${changes.map((c) => `  ${c}`).join('\n')}`
        : 'cost and gates recomputed: nothing changed',
    );
    log(
      `collected ${result.seriesCollected} series; run record updated: ${path}` +
        (reports.length > 0 ? `; reports rewritten: ${reports.join(', ')}` : ''),
    );
    if (!verdict.passed) log(`the run does not pass: ${verdict.sentence}`);
  }
  // As the run's own exit: the verdict with what CloudWatch has now.
  return verdict.passed ? exitCodes.ok : exitCodes.gateFailed;
}

/**
 * checkCollectable: only a run against a real target has CloudWatch data, and only for the AWS
 * resources its profile (or `--function`) named; anything else is a RecordError (exit 2), told
 * before any query.
 */
function checkCollectable(record: RunRecord): void {
  if (record.kind === 'simulate' || record.target.kind !== 'external')
    throw new RecordError(
      `run ${record.runId} ${record.kind === 'simulate' ? 'was simulated' : 'ran against the embedded target'}: ` +
        'its platform series come from the model, and CloudWatch has nothing for it; collect is for runs against a real target',
    );
  const shard = record.environment.shard;
  if (shard)
    throw new RecordError(
      `run ${record.runId} is shard ${shard.index}/${shard.count} of a split test: the platform metrics are the whole test's, and a shard's reconciliation and cost would set them against its share; ` +
        'collect the merged run (flashcrowd merge <the shard folders> --out DIR, then flashcrowd collect DIR)',
    );
  if (!namesAwsResources(awsSpecFromRecord(record)))
    throw new RecordError(
      `run ${record.runId} names no AWS resources to collect for: its profile had no aws.functions, aws.capacityProvider or aws.apiGateway, and the run no --function`,
    );
}

/** outPath: `--out DIR`'s run.json; a folder holding another run is refused, never mixed. */
function outPath(out: string, record: RunRecord, cwd: string): string {
  const path = join(writableFolder(resolve(cwd, out), `--out ${out}`), 'run.json');
  if (!existsSync(path)) return path;
  let held: unknown;
  try {
    held = (JSON.parse(readFileSync(path, 'utf8')) as { runId?: unknown }).runId;
  } catch {
    held = undefined;
  }
  if (held !== record.runId)
    throw new UsageError(
      `--out ${out}: already holds ${typeof held === 'string' ? `run ${held}` : 'a run.json'}; choose an empty folder, or the folder of run ${record.runId}`,
    );
  return path;
}
