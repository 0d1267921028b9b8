/**
 * defineCompare: `flashcrowd compare <a> <b> [--max-regression p99=10%]`: the deltas between two
 * runs (latency, error and throttle rates, cost, utilization). Exit 1 when a regression limit is
 * exceeded (or cannot be checked, unless --allow-unknown), 2 for an unreadable record.
 */
import type { CommandDefinition } from '../command-definitions.js';
import { pathArg } from '../option-parsers.js';

export interface CompareOptions {
  maxRegression: string[];
  format: string;
  out?: string;
  quiet?: boolean;
  json?: boolean;
  allowUnknown?: boolean;
  color?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const defineCompare: CommandDefinition = (program, ctx, setExitCode) => {
  program
    .command('compare')
    .description('compare two runs side by side and gate on regressions')
    .argument('<run-a>', 'the baseline run folder')
    .argument('<run-b>', 'the run to judge against it')
    .option(
      '--max-regression <metric=limit>',
      'fail when B is worse than A by more: p99=10% (relative), p99=+50ms, throttle_rate=+0.5pp (absolute), p99{request=NAME}=+50ms (repeatable)',
      collect,
      [],
    )
    .option('--format <format>', 'terminal or md', 'terminal')
    .option(
      '--out <dir>',
      'also write compare.md and compare.json into this folder',
      pathArg('--out'),
    )
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print the comparison as JSON')
    .option('--allow-unknown', 'a limit on a metric missing from either run does not fail')
    .action(async (runA: string, runB: string, options: CompareOptions) => {
      const { compareCommand } = await import('./compare-command.js');
      setExitCode(await compareCommand(runA, runB, options, ctx));
    });
};
