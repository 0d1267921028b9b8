/**
 * redactArgs: the command line as run.json stores it (`environment.args`): every URL in it with
 * its userinfo and secret-looking query values replaced by `[redacted]` (profile/redact-url.ts).
 * Pure; returns a new array.
 */
import { redactText } from '../profile/redact-url.js';

export function redactArgs(argv: readonly string[]): string[] {
  return argv.map(redactText);
}
