/**
 * EarlySignals: `run`'s signal handling before its session's. The first SIGINT or SIGTERM is
 * remembered (nothing has been sent: the run ends as interrupted at its next check, with an
 * `aborted` record); a second one exits at once, after the `beforeQuit` hook (once the record
 * says `running`, the hook writes an `aborted` one, so that a quit leaves no `running` record).
 * Held until the session's own handlers are in place (`release`), so that no instant is left in
 * which a signal ends the process by default with its record still `running`.
 */
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';

export type Signal = 'SIGINT' | 'SIGTERM';

export class EarlySignals {
  private first: Signal | null = null;
  private quitHook: ((signal: Signal) => void) | null = null;
  private readonly remove: () => void;

  constructor(ctx: CliContext, print: (line: string) => void) {
    this.remove = ctx.onSignal((signal, count) => {
      if (count === 1) {
        this.first = signal;
        print(`${signal}: stopping before the traffic starts (again to quit at once)`);
        return;
      }
      this.quitHook?.(signal);
      ctx.exit(signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted);
    });
  }

  /** beforeQuit sets what a second signal does before it exits (synchronous: it exits next). */
  beforeQuit(hook: (signal: Signal) => void): void {
    this.quitHook = hook;
  }

  /** The first signal received, or null. */
  get signal(): Signal | null {
    return this.first;
  }

  /** release stops handling signals (once the session handles them, or the command ends). */
  release(): void {
    this.remove();
  }
}
