import { renderTerminalSummary } from '../../report/terminal-summary.js';
import { writeReports } from '../../report/write-reports.js';
import type { RunRecord } from '../../record/run-record.js';
import type { CliContext } from '../cli-context.js';
import { colorDecision } from '../color-decision.js';
import type { CommonRunOptions } from './run-options.js';

/** printOutcome writes the reports beside run.json and prints the summary (or the JSON record). */
export function printOutcome(
  ctx: CliContext,
  record: RunRecord,
  dir: string,
  o: CommonRunOptions,
): void {
  if (o.reports)
    writeReports(dir, record, ['html', 'md', 'junit'], {
      githubStepSummary: ctx.env.GITHUB_STEP_SUMMARY,
      allowUnknown: o.allowUnknown,
      warn: (message) => void (o.quiet ? undefined : ctx.stderr.write(`warning: ${message}\n`)),
    });
  if (o.json) ctx.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  else if (!o.quiet) {
    const width = ctx.stdout.columns ?? 100;
    const color = colorDecision(ctx.stdout, ctx.env, o.color);
    const summary = renderTerminalSummary(record, {
      color,
      width,
      verbose: o.verbose ?? false,
      allowUnknown: o.allowUnknown,
    });
    ctx.stdout.write(`${summary}\n`);
  }
  if (!o.quiet) ctx.stderr.write(`run record: ${dir}/run.json\n`);
}
