/**
 * main: the dispatch table of flashcrowd's commands. Declares commands only; each command's body
 * lives in src/cli/<name>/<name>-command.ts (declared by <name>/define-<name>.ts) and is loaded
 * only when that command runs.
 */
import { Command, CommanderError } from 'commander';
import { formatIssues, ProfileError, RunError } from '../errors.js';
import { processContext, type CliContext } from './cli-context.js';
import { exitCodeFor, exitCodes } from './exit-codes.js';
import { toolVersion } from './tool-version.js';

/** The Node.js support window, said once here and in the README (not on every AWS call). */
export const NODE_SUPPORT_NOTE =
  'Node.js: 20.18.1 or later, or 22 and later (this release is tested on 20). AWS SDK for JavaScript\n' +
  'releases after the first week of January 2027 need Node.js 22; the SDK versions locked in\n' +
  'package-lock.json work on 20. Node.js 20 is past its end of life (April 2026): plan on 22.\n' +
  "(The SDK's own warning about Node.js 20 is silenced.)";
import { commandDefinitions } from './command-definitions.js';

/** main runs one command line and resolves to its exit code; it never calls process.exit. */
export async function main(
  argv: string[],
  ctx: CliContext = processContext(argv),
): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = new Command('flashcrowd')
    .description('Load testing and scaling analysis for HTTP APIs on AWS Lambda and LMI')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${NODE_SUPPORT_NOTE}`);

  for (const define of commandDefinitions) {
    define(program, ctx, (code) => {
      exitCode = code;
    });
  }
  for (const sub of program.commands) sub.exitOverride();
  addColorOption(program.commands);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, ctx);
  }
}

/**
 * addColorOption gives every command (and sub-command) `--no-color`, read by colorDecision
 * (src/cli/color-decision.ts) as `options.color === false`.
 */
function addColorOption(commands: readonly Command[]): void {
  for (const command of commands) {
    if (!command.options.some((o) => o.long === '--no-color'))
      command.option('--no-color', 'no ANSI colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)');
    addColorOption(command.commands);
  }
}

/**
 * isSystemError: an error with a system error code (EADDRINUSE, EACCES, ENOSPC, a DNS failure's
 * EAI_AGAIN, ...): the environment's problem, not a bug. Node's own ERR_* codes (a bad argument
 * to one of its APIs) are not: they are flashcrowd's.
 */
export function isSystemError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E(?!RR_)[A-Z0-9_]+$/.test(code);
}

function reportError(error: unknown, ctx: CliContext): number {
  if (error instanceof CommanderError) {
    // --help and --version end with exit code 0; every other commander error is a usage error.
    if (error.exitCode === 0) return exitCodes.ok;
    return exitCodes.usage;
  }
  if (error instanceof ProfileError) {
    ctx.stderr.write(`error: ${error.message}:\n${formatIssues(error.issues)}\n`);
    return exitCodes.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = exitCodeFor(error);
  const known =
    (error instanceof Error && error.name !== 'Error' && error.name !== 'TypeError') ||
    isSystemError(error);
  ctx.stderr.write(`error: ${message}\n`);
  if (error instanceof RunError && error.detail) {
    if (ctx.env.FLASHCROWD_DEBUG) ctx.stderr.write(`${error.detail}\n`);
    else ctx.stderr.write('(set FLASHCROWD_DEBUG=1 for its stack trace)\n');
  }
  if (!known && error instanceof Error && ctx.env.FLASHCROWD_DEBUG)
    ctx.stderr.write(`${error.stack}\n`);
  if (!known)
    ctx.stderr.write(
      '(this looks like a bug in flashcrowd; set FLASHCROWD_DEBUG=1 for a stack trace)\n',
    );
  return code;
}
