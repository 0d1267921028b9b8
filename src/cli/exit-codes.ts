/**
 * exitCodes: the documented exit codes of every command (README, "Exit codes"), and the one place
 * that maps typed errors to them.
 */
import {
  CollectorError,
  ProfileError,
  RecordError,
  RecordWriteError,
  RunError,
  UsageError,
} from '../errors.js';

export const exitCodes = {
  /** Success; every gate passed. */
  ok: 0,
  /** A gate failed. */
  gateFailed: 1,
  /** Usage, profile, model, prices or run-record error; nothing was sent. */
  usage: 2,
  /** The run could not be carried out (target unreachable at start, worker crash, collector required). */
  runFailed: 3,
  /** Interrupted by Ctrl-C (the partial run record is written). */
  interrupted: 130,
  /** Terminated by SIGTERM (treated like the first Ctrl-C). */
  terminated: 143,
} as const;

/** exitCodeFor maps an error thrown by a command to its exit code; unknown errors are bugs (3). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ProfileError || error instanceof RecordError)
    return exitCodes.usage;
  if (
    error instanceof RunError ||
    error instanceof CollectorError ||
    error instanceof RecordWriteError
  )
    return exitCodes.runFailed;
  return exitCodes.runFailed;
}
