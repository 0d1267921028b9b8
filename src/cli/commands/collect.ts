/**
 * defineCollect: `flashcrowd collect <run-dir>`: fetch (again) the platform metrics of a finished
 * run once CloudWatch has caught up, merge them into run.json without losing earlier data (live
 * EC2 instance samples stay), and write the record back atomically. Exit 0 when any series came
 * back (warnings printed), 3 when none did, 2 when the record cannot be read.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { durationMs } from '../run/option-parsers.js';
import type { CommandDefinition } from './index.js';

export interface CollectCommandOptions {
  settle?: number;
  out?: string;
  quiet?: boolean;
  json?: boolean;
}

export const defineCollect: CommandDefinition = (program, ctx, setExitCode) => {
  program
    .command('collect')
    .description('fetch (again) the AWS platform metrics of a finished run and update its run.json')
    .argument('<run-dir>', 'run folder (or its run.json)')
    .option(
      '--settle <d>',
      'wait this long first for late CloudWatch data (Enter or Ctrl-C skips)',
      durationMs('--settle'),
    )
    .option('--out <dir>', 'write the updated run.json into this folder instead')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print a JSON summary of what was collected')
    .action(async (runDir: string, options: CollectCommandOptions) => {
      setExitCode(await collectCommand(runDir, options, ctx));
    });
};

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
  const log = (s: string) =>
    void (options.quiet || options.json ? undefined : ctx.stderr.write(`${s}\n`));
  if (options.settle) await countdown(ctx, options.settle, log);
  const result = await recollectRun(record, { env: ctx.env });
  for (const w of result.warnings) if (!options.quiet) ctx.stderr.write(`warning: ${w}\n`);
  if (result.seriesCollected === 0) {
    ctx.stderr.write(
      `error: no platform series could be collected for ${record.runId}; run.json left unchanged\n`,
    );
    return exitCodes.runFailed;
  }
  let path = runRecordPath(runDir);
  if (options.out) {
    mkdirSync(options.out, { recursive: true });
    path = join(options.out, 'run.json');
  }
  writeRecordFile(path, result.record);
  const rows = result.record.platform.reconciliation ?? [];
  if (options.json) {
    const summary = {
      runId: record.runId,
      path,
      seriesCollected: result.seriesCollected,
      seriesTotal: result.record.platform.series.length,
      warnings: result.warnings,
      reconciliation: rows,
    };
    ctx.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else if (!options.quiet) {
    ctx.stdout.write(renderReconciliation(rows));
    log(`collected ${result.seriesCollected} series; run record updated: ${path}`);
  }
  return exitCodes.ok;
}

/** Waits `waitMs` with a visible countdown on a TTY; Enter or Ctrl-C ends it early. */
async function countdown(ctx: CliContext, waitMs: number, log: (s: string) => void): Promise<void> {
  const tty = Boolean(ctx.stderr.isTTY);
  log(`waiting ${Math.ceil(waitMs / 1000)}s for late CloudWatch data (Enter or Ctrl-C skips)`);
  await new Promise<void>((resolve) => {
    const endMs = Date.now() + waitMs;
    const onData = () => finish();
    const removeSignal = ctx.onSignal(() => finish());
    const timer = setInterval(() => {
      const left = Math.ceil((endMs - Date.now()) / 1000);
      if (left <= 0) return finish();
      if (tty) ctx.stderr.write(`\r\x1b[2Kwaiting ${left}s for late CloudWatch data (Enter skips)`);
    }, 1000);
    function finish(): void {
      clearInterval(timer);
      removeSignal();
      ctx.stdin.off('data', onData);
      if (ctx.stdin.isTTY) ctx.stdin.pause();
      if (tty) ctx.stderr.write('\n');
      resolve();
    }
    if (ctx.stdin.isTTY) ctx.stdin.on('data', onData);
  });
}
