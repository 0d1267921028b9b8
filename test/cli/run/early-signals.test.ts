// EarlySignals: before the session's own handling, the first signal is remembered and a second
// one runs the beforeQuit hook (run writes an `aborted` record there) before it exits.
import { describe, expect, it } from 'vitest';
import { EarlySignals } from '../../../src/cli/run/early-signals.js';
import { exitCodes } from '../../../src/cli/exit-codes.js';
import { fakeCliContext } from '../../helpers/fake-cli-context.js';

/** A context whose signals the test sends, and whose exit records its code. */
function signalContext() {
  const { ctx } = fakeCliContext();
  let handler: ((signal: 'SIGINT' | 'SIGTERM', count: number) => void) | null = null;
  const events: string[] = [];
  let count = 0;
  ctx.onSignal = (h) => {
    handler = h;
    return () => (handler = null);
  };
  ctx.exit = ((code: number) => {
    events.push(`exit ${code}`);
  }) as typeof ctx.exit;
  const send = (signal: 'SIGINT' | 'SIGTERM') => handler?.(signal, ++count);
  return { ctx, events, send };
}

describe('EarlySignals', () => {
  it('remembers the first signal and runs beforeQuit before exiting on the second', () => {
    const { ctx, events, send } = signalContext();
    const printed: string[] = [];
    const early = new EarlySignals(ctx, (line) => printed.push(line));
    early.beforeQuit((signal) => events.push(`record aborted (${signal})`));
    send('SIGINT');
    expect(early.signal).toBe('SIGINT');
    expect(events).toEqual([]);
    send('SIGTERM');
    expect(events).toEqual(['record aborted (SIGTERM)', `exit ${exitCodes.terminated}`]);
    expect(printed).toHaveLength(1);
  });

  it('exits without a hook when none is set, and hears nothing once released', () => {
    const { ctx, events, send } = signalContext();
    const early = new EarlySignals(ctx, () => undefined);
    send('SIGINT');
    send('SIGINT');
    expect(events).toEqual([`exit ${exitCodes.interrupted}`]);
    early.release();
    send('SIGINT');
    expect(events).toEqual([`exit ${exitCodes.interrupted}`]);
  });
});
