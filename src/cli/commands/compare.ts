/**
 * defineCompare: `flashcrowd compare <a> <b> [--max-regression p99=10%]`: the deltas between two
 * runs (latency, error and throttle rates, cost, utilization). Exit 1 when a regression limit is
 * exceeded (or cannot be checked, unless --allow-unknown), 2 for an unreadable record.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandDefinition } from './index.js';
import { exitCodes } from '../exit-codes.js';

interface CompareOptions {
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
      'fail when B is worse than A by more, e.g. p99=10% (repeatable)',
      collect,
      [],
    )
    .option('--format <format>', 'terminal or md', 'terminal')
    .option('--out <dir>', 'also write compare.md and compare.json into this folder')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print the comparison as JSON')
    .option('--allow-unknown', 'a limit on a metric missing from either run does not fail')
    .option('--no-color', 'no ANSI colors')
    .action(async (runA: string, runB: string, options: CompareOptions) => {
      const { UsageError } = await import('../../errors.js');
      const { readRunRecord } = await import('../../record/read-run-record.js');
      const { compareRuns, parseMaxRegression } = await import('../../analysis/compare-runs.js');
      const { renderComparison } = await import('../../report/comparison-report.js');
      if (options.format !== 'terminal' && options.format !== 'md') {
        throw new UsageError(`--format ${options.format}: compare prints terminal or md`);
      }
      const limits = options.maxRegression.map(parseMaxRegression);
      const a = readRunRecord(resolve(ctx.cwd, runA));
      const b = readRunRecord(resolve(ctx.cwd, runB));
      const comparison = compareRuns(a, b, limits);
      if (options.out) {
        const dir = resolve(ctx.cwd, options.out);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'compare.md'), renderComparison(comparison, { format: 'md' }));
        writeFileSync(join(dir, 'compare.json'), `${JSON.stringify(comparison, null, 2)}\n`);
      }
      if (options.json) ctx.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
      else if (!options.quiet) {
        const color = options.color !== false && ctx.stdout.isTTY === true && !ctx.env.NO_COLOR;
        ctx.stdout.write(renderComparison(comparison, { format: options.format, color }));
      }
      const failed = comparison.regressions.some(
        (r) => r.verdict === 'fail' || (r.verdict === 'unknown' && !options.allowUnknown),
      );
      setExitCode(failed ? exitCodes.gateFailed : exitCodes.ok);
    });
};
