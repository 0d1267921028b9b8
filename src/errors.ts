/**
 * The few typed errors that cross module boundaries. Each maps to one documented exit code in
 * src/cli/exit-codes.ts; library code throws them, only src/cli turns them into exit codes.
 * A failed HTTP request is never one of these: it is a result.
 */

/** One problem found in user input, with the dotted path where it was found. */
export interface Issue {
  /** Dotted path into the input, e.g. `load.phases[2].rampTo`; empty for the whole document. */
  path: string;
  message: string;
  /** What to do about it, when there is something to suggest. */
  hint?: string;
}

/** Bad command-line usage (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A profile (or model/prices file) that cannot be used; carries every issue found (exit 2). */
export class ProfileError extends Error {
  override name = 'ProfileError';
  constructor(
    /** The file the issues are in, or a label such as `--gate`. */
    readonly source: string,
    readonly issues: Issue[],
  ) {
    super(`${source}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`);
  }
}

export { RecordError } from './record/record-error.js';
export { RecordWriteError } from './record/run-record-writer.js';

/** The run could not be carried out: target unreachable at start, worker crash (exit 3). */
export class RunError extends Error {
  override name = 'RunError';

  /** detail: what helps a bug report (a crashed worker's stack), printed with FLASHCROWD_DEBUG=1. */
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** Platform metrics were demanded (`--collect aws`) but could not be had (exit 3). */
export class CollectorError extends Error {
  override name = 'CollectorError';
}

/** Formats issues one a line, the way every command prints them. */
export function formatIssues(issues: Issue[]): string {
  return issues
    .map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}${i.hint ? ` (${i.hint})` : ''}`)
    .join('\n');
}
