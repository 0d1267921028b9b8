import { createInterface } from 'node:readline';
import type { CliContext } from './cli-context.js';

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
        // Redrawn in place; the trailing spaces cover a longer previous count (no escape codes).
        ctx.stderr.write(`\rwaiting ${left}s for late CloudWatch data (Enter or Ctrl-C skips)  `);
    }, 1000);
    if (tty) {
      rl = createInterface({ input: ctx.stdin });
      rl.once('line', finish);
    }
    skip?.addEventListener('abort', finish, { once: true });
  });
}
