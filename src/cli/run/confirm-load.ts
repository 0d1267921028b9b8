import { createInterface } from 'node:readline';
import type { CliContext } from '../cli-context.js';

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
