/** compareCommand: the body of `flashcrowd compare <a> <b>` (declared in define-compare.ts). */
import { writeFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { didYouMean } from '../../profile/did-you-mean.js';
import { writableFolder } from '../run-folder.js';
import { join, resolve } from 'node:path';
import type { CliContext } from '../cli-context.js';
import { colorDecision } from '../color-decision.js';
import { exitCodes } from '../exit-codes.js';
import type { CompareOptions } from './define-compare.js';

/** Resolves to the exit code: 1 when a regression limit is exceeded (or unknown), else 0. */
export async function compareCommand(
  runA: string,
  runB: string,
  options: CompareOptions,
  ctx: CliContext,
): Promise<number> {
  const { readRunRecordOrRecover } = await import('../../record/read-or-recover.js');
  const { compareRuns, parseMaxRegression } = await import('../../analysis/compare-runs.js');
  const { renderComparison } = await import('../../report/comparison-report.js');
  if (options.format !== 'terminal' && options.format !== 'md') {
    throw new UsageError(`--format ${options.format}: compare prints terminal or md`);
  }
  if (options.json && options.format === 'md')
    throw new UsageError(
      '--json with --format md: --json prints the comparison as JSON instead of a format; drop one of the two (--out writes both compare.md and compare.json)',
    );
  const limits = options.maxRegression.map(parseMaxRegression);
  const outDir =
    options.out && writableFolder(resolve(ctx.cwd, options.out), `--out ${options.out}`);
  // A record left `running` is compared as `incomplete`, rebuilt from its timeline (and warned of).
  const a = readRunRecordOrRecover(resolve(ctx.cwd, runA)).record;
  const b = readRunRecordOrRecover(resolve(ctx.cwd, runB)).record;
  checkLimitRequests(limits, [a, b]);
  const comparison = compareRuns(a, b, limits);
  // Warnings go to stderr in every format, so a redirected table or JSON stays clean; the JSON
  // and compare.md carry them too.
  if (!options.quiet) for (const w of comparison.warnings) ctx.stderr.write(`warning: ${w}\n`);
  if (outDir) {
    writeFileSync(join(outDir, 'compare.md'), renderComparison(comparison, { format: 'md' }));
    writeFileSync(join(outDir, 'compare.json'), `${JSON.stringify(comparison, null, 2)}\n`);
  }
  if (options.json) ctx.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else if (!options.quiet) {
    const color = colorDecision(ctx.stdout, ctx.env, options.color);
    ctx.stdout.write(renderComparison(comparison, { format: options.format, color }));
  }
  const failed = comparison.regressions.some(
    (r) => r.verdict === 'fail' || (r.verdict === 'unknown' && !options.allowUnknown),
  );
  return failed ? exitCodes.gateFailed : exitCodes.ok;
}

/**
 * A `--max-regression` limit on a request neither run has is a typo, exit 2: judged, it could only
 * be unknown, and `--allow-unknown` would switch it off. (In one run only it stays unknown.)
 */
function checkLimitRequests(
  limits: ReadonlyArray<{ key: string; text: string }>,
  records: ReadonlyArray<{ byRequest: Record<string, unknown> }>,
): void {
  const names = [...new Set(records.flatMap((r) => Object.keys(r.byRequest)))];
  for (const limit of limits) {
    const request = /\{request=(.*)\}$/.exec(limit.key)?.[1];
    if (request === undefined || names.includes(request)) continue;
    const hint =
      didYouMean(request, names) ??
      (names.length > 0 ? `requests: ${names.join(', ')}` : 'neither run has per-request data');
    throw new UsageError(
      `--max-regression ${limit.text}: neither run has a request "${request}" (${hint})`,
    );
  }
}
