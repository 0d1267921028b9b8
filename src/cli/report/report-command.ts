/** reportCommand: the body of `flashcrowd report <run-dir>` (declared in define-report.ts). */
import { dirname, resolve } from 'node:path';
import { writableFolder } from '../run-folder.js';
import type { CliContext } from '../cli-context.js';
import { colorDecision } from '../color-decision.js';
import { exitCodes } from '../exit-codes.js';
import type { ReportOptions } from './define-report.js';

/**
 * Renders the record in the asked formats; resolves to 0 (throws RecordError for a bad record).
 * A record left `running` is rendered as `incomplete`, rebuilt from its timeline, with a warning.
 */
export async function reportCommand(
  runDir: string,
  options: ReportOptions,
  ctx: CliContext,
): Promise<number> {
  const { runRecordPath } = await import('../../record/read-run-record.js');
  const { readRunRecordOrRecover } = await import('../../record/read-or-recover.js');
  const { recoveredGates } = await import('../recovered-gates.js');
  const { parseReportFormats, renderFileReport, writeReports, REPORT_FILES } =
    await import('../../report/write-reports.js');
  const { renderTerminalSummary } = await import('../../report/terminal-summary.js');
  const { renderJson } = await import('../../report/json-report.js');
  const formats = parseReportFormats(options.format);
  const path = runRecordPath(resolve(ctx.cwd, runDir));
  const { record, recovered } = readRunRecordOrRecover(path);
  if (recovered) {
    recoveredGates(record, options.allowUnknown ?? record.environment.allowUnknown ?? false);
    ctx.stderr.write(`warning: ${path} was left running: ${record.statusReason}\n`);
  }
  const { UsageError } = await import('../../errors.js');
  if (options.out !== undefined) {
    // --out names where the file formats go: with none of them asked for it would do nothing.
    if (options.stdout)
      throw new UsageError(
        `--out ${options.out} with --stdout: --stdout writes no file; drop one of the two`,
      );
    if (!formats.some((f) => f in REPORT_FILES))
      throw new UsageError(
        `--out ${options.out}: --format ${options.format} writes no file (--out is where md, html and junit go); add one, e.g. --format ${options.format},md, or drop --out`,
      );
  }
  if (options.stdout && options.json)
    throw new UsageError(
      '--json with --stdout: --stdout prints the one file format asked for, --json the run record; drop one of the two',
    );
  // --verbose lengthens the terminal summary: refused where none is printed.
  const noSummary = options.quiet
    ? '--quiet'
    : options.json
      ? '--json'
      : options.stdout
        ? '--stdout'
        : undefined;
  if (options.verbose && (noSummary || !formats.includes('terminal')))
    throw new UsageError(
      noSummary
        ? `--verbose lengthens the terminal summary, which ${noSummary} does not print; drop one of the two`
        : `--verbose lengthens the terminal summary, which --format ${options.format} does not print; drop --verbose, or add terminal to --format`,
    );
  if (options.stdout) {
    const files = formats.filter((f) => f !== 'terminal' && f !== 'json');
    if (files.length !== 1 || formats.length !== 1) {
      throw new UsageError(
        `--stdout prints one file format; got --format ${options.format} (use e.g. --format md --stdout)`,
      );
    }
    ctx.stdout.write(renderFileReport(files[0], record, { allowUnknown: options.allowUnknown }));
    return exitCodes.ok;
  }
  const outDir = options.out
    ? writableFolder(resolve(ctx.cwd, options.out), `--out ${options.out}`)
    : dirname(path);
  const written = writeReports(outDir, record, formats, {
    githubStepSummary: ctx.env.GITHUB_STEP_SUMMARY || undefined,
    allowUnknown: options.allowUnknown,
    warn: (message) => ctx.stderr.write(`warning: ${message}\n`),
  });
  if (options.json || formats.includes('json')) ctx.stdout.write(renderJson(record));
  if (!options.quiet && !options.json && formats.includes('terminal')) {
    const color = colorDecision(ctx.stdout, ctx.env, options.color);
    ctx.stdout.write(
      renderTerminalSummary(record, {
        color,
        width: ctx.stdout.columns ?? 100,
        verbose: options.verbose ?? false,
        allowUnknown: options.allowUnknown,
      }),
    );
  }
  if (!options.quiet) for (const file of written) ctx.stderr.write(`wrote ${file}\n`);
  return exitCodes.ok;
}
