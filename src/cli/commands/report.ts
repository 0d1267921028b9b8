/**
 * defineReport: `flashcrowd report <run-dir> [--format terminal,md,html,junit,json]`: render a
 * run record again. File formats are rewritten in the run folder (or `--out DIR`); `terminal`
 * and `json` print to stdout. Exit 0, or 2 for a record that cannot be read.
 */
import { dirname, resolve } from 'node:path';
import type { CommandDefinition } from './index.js';
import { exitCodes } from '../exit-codes.js';

interface ReportOptions {
  format: string;
  out?: string;
  quiet?: boolean;
  json?: boolean;
  allowUnknown?: boolean;
  color?: boolean;
}

export const defineReport: CommandDefinition = (program, ctx, setExitCode) => {
  program
    .command('report')
    .description('render a run record as terminal, Markdown, HTML, JUnit or JSON reports')
    .argument('<run-dir>', 'run folder (or its run.json)')
    .option('--format <list>', 'comma-separated: terminal, md, html, junit, json', 'terminal')
    .option('--out <dir>', 'folder for the file reports (default: the run folder)')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print the run record as JSON on stdout')
    .option(
      '--allow-unknown',
      'treat gates on metrics that were not collected as passed (default: as recorded by the run)',
    )
    .option('--no-color', 'no ANSI colors in the terminal report')
    .action(async (runDir: string, options: ReportOptions) => {
      const { readRunRecord, runRecordPath } = await import('../../record/read-run-record.js');
      const { parseReportFormats, writeReports } = await import('../../report/write-reports.js');
      const { renderTerminalSummary } = await import('../../report/terminal-summary.js');
      const { renderJson } = await import('../../report/json-report.js');
      const formats = parseReportFormats(options.format);
      const path = runRecordPath(resolve(ctx.cwd, runDir));
      const record = readRunRecord(path);
      const outDir = options.out ? resolve(ctx.cwd, options.out) : dirname(path);
      const written = writeReports(outDir, record, formats, {
        githubStepSummary: ctx.env.GITHUB_STEP_SUMMARY || undefined,
        allowUnknown: options.allowUnknown,
      });
      if (options.json || formats.includes('json')) ctx.stdout.write(renderJson(record));
      if (!options.quiet && !options.json && formats.includes('terminal')) {
        const color = options.color !== false && ctx.stdout.isTTY === true && !ctx.env.NO_COLOR;
        ctx.stdout.write(
          renderTerminalSummary(record, { color, width: ctx.stdout.columns ?? 100 }),
        );
      }
      if (!options.quiet) for (const file of written) ctx.stderr.write(`wrote ${file}\n`);
      setExitCode(exitCodes.ok);
    });
};
