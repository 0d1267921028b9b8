/**
 * fakeCliContext: a CliContext for in-process command tests, with captured stdout and stderr.
 * `exit` throws (a command under test must not end the test process); CPU time is the process's.
 */
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import type { CliContext } from '../../src/cli/cli-context.js';

export interface FakeCliContext {
  ctx: CliContext;
  out(): string;
  err(): string;
}

export function fakeCliContext(
  o: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    isTTY?: boolean;
    columns?: number;
  } = {},
): FakeCliContext {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    stdout: {
      write: (s: string) => out.push(s),
      isTTY: o.isTTY ?? false,
      columns: o.columns ?? 100,
    },
    stderr: { write: (s: string) => err.push(s), isTTY: false },
    stdin: new PassThrough(),
    env: o.env ?? {},
    cwd: o.cwd ?? tmpdir(),
    argv: [],
    nodeVersion: process.version,
    onSignal: () => () => undefined,
    exit: (code: number) => {
      throw new Error(`command called exit(${code})`);
    },
    cpuUsage: (previous) => process.cpuUsage(previous),
  };
  return { ctx, out: () => out.join(''), err: () => err.join('') };
}
