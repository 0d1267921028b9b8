/**
 * defineCollect: `flashcrowd collect <run-dir>`: fetch (again) the platform metrics of a finished
 * run once CloudWatch has caught up, merge them into run.json without losing earlier data (live
 * EC2 instance samples stay), recompute cost and gate verdicts with the options the run recorded
 * (printing what changed), write the record back atomically and rewrite the report files the
 * folder holds. Exit 0 when series came back and the run passes (warnings printed), 1 when it
 * does not (a gate failed, or is unknown without --allow-unknown), 3 when no series came back, 2 when the record cannot be read or has nothing to
 * collect (a simulation, an embedded-target run, no AWS resources named), for an unreadable
 * --prices and for an --out holding another run.
 */
import { durationMs, pathArg } from '../option-parsers.js';
import type { CommandDefinition } from '../command-definitions.js';

export interface CollectCommandOptions {
  settle?: number;
  out?: string;
  prices?: string;
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
    .option('--out <dir>', 'write the updated run.json into this folder instead', pathArg('--out'))
    .option(
      '--prices <file>',
      'price table JSON for the recomputed cost (default: the cached, else built-in, table of the run region)',
      pathArg('--prices'),
    )
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print a JSON summary of what was collected')
    .action(async (runDir: string, options: CollectCommandOptions) => {
      const { collectCommand } = await import('./collect-command.js');
      setExitCode(await collectCommand(runDir, options, ctx));
    });
};
