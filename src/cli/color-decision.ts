/**
 * colorDecision: the one place the CLI decides whether to write ANSI colours. Every command that
 * prints styled text (run, simulate, report, compare, plan and the live view) asks here, and the
 * renderers only receive the answer as a boolean; cli-table3 is never given colour names, so its
 * colour library has nothing to decide. Pure: reads only what it is given.
 *
 * Order (first match wins):
 * 1. `--no-color` on the command line: no colour.
 * 2. `FORCE_COLOR`: `0` or `false` means no colour, any other value (also empty) colour, even
 *    off a terminal (Node's own rule: FORCE_COLOR takes precedence over NO_COLOR,
 *    https://nodejs.org/api/cli.html#force_color1-2-3).
 * 3. `NO_COLOR` set to anything but the empty string: no colour (https://no-color.org).
 * 4. Otherwise colour on a terminal (`isTTY`) unless `TERM=dumb`.
 */

/** The stream the styled text goes to (only whether it is a terminal matters). */
export interface ColorStream {
  isTTY?: boolean;
}

/** colorDecision returns true when text written to `stream` may carry ANSI colours. */
export function colorDecision(
  stream: ColorStream,
  env: Record<string, string | undefined>,
  colorFlag?: boolean,
): boolean {
  if (colorFlag === false) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !/^(0|false)$/i.test(force.trim());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
