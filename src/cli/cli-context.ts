/**
 * CliContext: the process boundary handed to every command, so commands can be run in-process by
 * tests with fake streams. Only src/cli builds one from `process`.
 */
export interface CliContext {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** The raw arguments, recorded in run.json. */
  argv: string[];
  /**
   * Registers a handler for SIGINT/SIGTERM for the duration of a command; returns the remover.
   * The handler gets the signal name and how many signals have arrived so far (1 = first).
   */
  onSignal(handler: (signal: 'SIGINT' | 'SIGTERM', count: number) => void): () => void;
  /** Ends the process at once with `code` (only for a second Ctrl-C; commands otherwise return). */
  exit(code: number): never;
  /** This process's CPU time so far, or since `previous` (microseconds, as process.cpuUsage). */
  cpuUsage(previous?: NodeJS.CpuUsage): NodeJS.CpuUsage;
  /** The Node.js version running the CLI (`v20.18.1`), recorded in run.json. */
  nodeVersion: string;
}

/** processContext builds the CliContext of the real process. */
export function processContext(argv: string[]): CliContext {
  // The AWS SDK warns about Node 20 on every command that loads it; flashcrowd states the
  // support window once, in --help and the README (NODE_SUPPORT_NOTE), instead.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.stdout.on('error', ignoreClosedReader);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    argv,
    nodeVersion: process.version,
    exit: (code) => process.exit(code),
    cpuUsage: (previous) => process.cpuUsage(previous),
    onSignal(handler) {
      let count = 0;
      const onInt = () => handler('SIGINT', ++count);
      const onTerm = () => handler('SIGTERM', ++count);
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
  };
}

/**
 * A reader that went away (`flashcrowd --help | head -1`) is not flashcrowd's failure: what it
 * did not read is dropped, and a run goes on (its record and reports are files, not stdout).
 * Any other error on stdout stays fatal.
 */
function ignoreClosedReader(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}
