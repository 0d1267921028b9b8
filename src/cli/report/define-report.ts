/**
 * defineReport: `flashcrowd report <run-dir> [--format terminal,md,html,junit,json]`: render a
 * run record again. File formats are rewritten in the run folder (or `--out DIR`); `terminal`
 * and `json` print to stdout. Exit 0, or 2 for a record that cannot be read.
 */
import type { CommandDefinition } from '../command-definitions.js';
import { pathArg } from '../option-parsers.js';

export interface ReportOptions {
  format: string;
  out?: string;
  quiet?: boolean;
  json?: boolean;
  allowUnknown?: boolean;
  color?: boolean;
  verbose?: boolean;
  stdout?: boolean;
}

export const defineReport: CommandDefinition = (program, ctx, setExitCode) => {
  program
    .command('report')
    .description('render a run record as terminal, Markdown, HTML, JUnit or JSON reports')
    .argument('<run-dir>', 'run folder (or its run.json)')
    .option('--format <list>', 'comma-separated: terminal, md, html, junit, json', 'terminal')
    .option(
      '--out <dir>',
      'folder for the file reports (default: the run folder)',
      pathArg('--out'),
    )
    .option(
      '--stdout',
      'print the one file format asked for (md, html or junit) to stdout instead of writing it',
    )
    .option('--quiet', 'print nothing but errors')
    .option('--verbose', 'the long terminal summary: every table and chart (default: one screen)')
    .option('--json', 'print the run record as JSON on stdout')
    .option(
      '--allow-unknown',
      'treat gates on metrics that were not collected as passed (default: as recorded by the run)',
    )
    .action(async (runDir: string, options: ReportOptions) => {
      const { reportCommand } = await import('./report-command.js');
      setExitCode(await reportCommand(runDir, options, ctx));
    });
};
