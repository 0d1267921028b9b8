/**
 * Small process-facing steps of `run`: the open-file limit, the confirmation before heavy load on
 * a remote target, the settle countdown for late CloudWatch data, and printing the outcome.
 */
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { renderTerminalSummary } from '../../report/terminal-summary.js';
import { writeReports } from '../../report/write-reports.js';
import type { RunRecord } from '../../record/run-record.js';
import type { CliContext } from '../cli-context.js';
import type { CommonRunOptions } from './run-options.js';

/** openFileLimit reads `ulimit -n` (undefined when it cannot be read or is unlimited). */
export function openFileLimit(): number | undefined {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    const n = Number(out);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** confirmLoad asks on a TTY before more than 1,000 req/s go to a non-loopback target. */
export async function confirmLoad(
  ctx: CliContext,
  url: string,
  peakPerSec: number,
  yes: boolean,
): Promise<boolean> {
  if (yes || peakPerSec <= 1000 || !ctx.stdin.isTTY || !ctx.stderr.isTTY) return true;
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr as NodeJS.WritableStream });
  const answer = await new Promise<string>((resolve) =>
    rl.question(`Send up to ${Math.round(peakPerSec)} req/s to ${url}? [y/N] `, resolve),
  );
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/**
 * settleCountdown waits for late CloudWatch datapoints: 2 minutes on a TTY (Enter skips), or
 * `--settle` when given; off a TTY without --settle it only prints a hint to collect later.
 */
export async function settleCountdown(
  ctx: CliContext,
  settleMs: number | undefined,
  log: (s: string) => void,
  skip?: AbortSignal,
): Promise<void> {
  const tty = Boolean(ctx.stderr.isTTY && ctx.stdin.isTTY);
  const waitMs = settleMs ?? (tty ? 120_000 : 0);
  if (waitMs <= 0) {
    log(
      'CloudWatch data arrives minutes late: run `flashcrowd collect <run-dir>` later to complete the platform series',
    );
    return;
  }
  await new Promise<void>((resolve) => {
    const end = Date.now() + waitMs;
    let rl: ReturnType<typeof createInterface> | undefined;
    const finish = () => {
      clearInterval(timer);
      rl?.close();
      if (tty) ctx.stderr.write('\n');
      resolve();
    };
    const timer = setInterval(() => {
      const left = Math.ceil((end - Date.now()) / 1000);
      if (left <= 0) return finish();
      if (tty)
        ctx.stderr.write(
          `\r\x1b[2Kwaiting ${left}s for late CloudWatch data (Enter or Ctrl-C skips)`,
        );
    }, 1000);
    if (tty) {
      rl = createInterface({ input: ctx.stdin });
      rl.once('line', finish);
    }
    skip?.addEventListener('abort', finish, { once: true });
  });
}

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
    });
  if (o.json) ctx.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  else if (!o.quiet) {
    const width = ctx.stdout.columns ?? 100;
    ctx.stdout.write(
      `${renderTerminalSummary(record, { color: Boolean(ctx.stdout.isTTY), width })}\n`,
    );
  }
  if (!o.quiet) ctx.stderr.write(`run record: ${dir}/run.json\n`);
}
