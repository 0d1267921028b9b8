/**
 * RunLog: where `run` prints its messages (stderr; nothing with --quiet). While the live view
 * draws, a message goes through it instead (RunSession.print), which clears its line first and
 * wraps the message to the terminal, so that a message printed by something other than the
 * session (a failed credential refresh) does not land in the middle of the live line.
 */
import type { CliContext } from '../cli-context.js';

export class RunLog {
  private through: ((line: string) => void) | null = null;

  constructor(
    private readonly ctx: CliContext,
    private readonly quiet: boolean,
  ) {}

  /** print writes one line (its own newline added). */
  readonly print = (line: string): void => {
    if (this.through) this.through(line);
    else if (!this.quiet) this.ctx.stderr.write(`${line}\n`);
  };

  /** routeThrough sends every line to `print` until the returned function is called. */
  routeThrough(print: (line: string) => void): () => void {
    this.through = print;
    return () => {
      if (this.through === print) this.through = null;
    };
  }
}
