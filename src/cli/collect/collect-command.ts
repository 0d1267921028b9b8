/**
 * collectCommand: the body of `flashcrowd collect <run-dir>` (declared in define-collect.ts).
 */
import { join, resolve } from 'node:path';
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
  // Checked before the wait and the queries, so a bad --out does not cost them.
  const path = options.out
    ? join(writableFolder(resolve(ctx.cwd, options.out), `--out ${options.out}`), 'run.json')
    : runRecordPath(runDir);
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
    log(`collected ${result.seriesCollected} series; run record updated: ${path}`);
  }
  return exitCodes.ok;
}
