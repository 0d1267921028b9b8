/**
 * defineMerge: `flashcrowd merge <shard-dir...> [--out DIR]`: the run record of a test split with
 * `run --shard I/N`, built from all N shard folders (exact counts, percentiles from the merged
 * histograms), with cost, gates and reports as `run` writes them. Exit 0 when the gates pass, 1
 * when one fails (or is unknown without --allow-unknown) or a shard did not complete, 2 when the
 * folders are not the N shards of one test (named) or --out holds a run.
 */
import type { CommandDefinition } from '../command-definitions.js';
import { pathArg } from '../option-parsers.js';

export interface MergeOptions {
  out?: string;
  overwrite?: boolean;
  prices?: string;
  allowUnknown?: boolean;
  reports: boolean;
  quiet?: boolean;
  json?: boolean;
  verbose?: boolean;
  color?: boolean;
}

export const defineMerge: CommandDefinition = (program, ctx, setExitCode) => {
  program
    .command('merge')
    .description('merge the shard runs of a split test (run --shard I/N) into one run record')
    .argument('<shard-dirs...>', 'the run folders of all N shards, in any order')
    .option(
      '--out <dir>',
      'run folder of the merged run (default: reports/<run-id>)',
      pathArg('--out'),
    )
    .option('--overwrite', 'replace the run already in --out (default: refuse)')
    .option(
      '--prices <file>',
      'price table JSON for the cost (default: the cached, else built-in, table of the run region)',
      pathArg('--prices'),
    )
    .option('--allow-unknown', 'a gate on a metric that was not collected does not fail the run')
    .option('--no-reports', 'do not write report.html, report.md and junit.xml')
    .option('--json', 'print the merged run record as JSON on stdout')
    .option('--quiet', 'print nothing but errors')
    .option('--verbose', 'the long terminal summary: every table and chart (default: one screen)')
    .action(async (dirs: string[], options: MergeOptions) => {
      const { mergeCommand } = await import('./merge-command.js');
      setExitCode(mergeCommand(dirs, options, ctx));
    });
};
