/**
 * Leaf schemas shared by the written-profile schema: durations, templates, gate expressions and
 * JSON bodies. Each checks its own value and reports issues with a hint in `params.hint`.
 */
import * as z from 'zod';
import { DURATION_PATTERN, durationToMs } from './duration.js';
import { tryParseGateExpression } from './gate-expression.js';
import { parseTemplate } from './template.js';

const DURATION_HINT = 'write a number of seconds or a string such as 500ms, 30s, 5m, 1h30m';

/**
 * A duration: a number of seconds or a string such as `500ms`, `30s`, `5m`, `1h30m`. Must be
 * > 0 unless `allowZero`.
 */
export function durationField(description: string, allowZero = false) {
  const check = (value: number | string, ctx: z.core.$RefinementCtx<number | string>) => {
    const ms = durationToMs(value);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a duration`,
        params: { hint: DURATION_HINT },
      });
    } else if (ms < 0 || (ms === 0 && !allowZero)) {
      ctx.addIssue({ code: 'custom', message: `must be ${allowZero ? '>= 0' : '> 0'}` });
    }
  };
  return z
    .union([z.number(), z.string().meta({ pattern: DURATION_PATTERN })])
    .superRefine(check)
    .describe(`${description} Seconds, or a string such as 500ms, 30s, 5m, 1h30m.`);
}

/** A string that may hold `{{...}}` placeholders; syntax is checked here, variables by the rules. */
export function templateField(description: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const result = parseTemplate(value);
      if (!result.ok)
        ctx.addIssue({ code: 'custom', message: result.message, params: { hint: result.hint } });
    })
    .describe(
      `${description} May hold {{uuid}}, {{int a b}}, {{words n}}, {{text n}}, {{env.NAME}}, {{var}}.`,
    );
}

/** A gate expression, e.g. `http.p99 < 800ms`. */
export const gateExpressionField = z
  .string()
  .superRefine((value, ctx) => {
    const result = tryParseGateExpression(value);
    if (!result.ok)
      ctx.addIssue({ code: 'custom', message: result.message, params: { hint: result.hint } });
  })
  .describe('<metric>[.<aggregate>][{label=value}] <op> <number>[unit], e.g. "http.p99 < 800ms".');

/** A JSON body whose string leaves are templates; issues point into the body. */
export const jsonBodyField = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const [path, text] of stringLeaves(value, [])) {
      const result = parseTemplate(text);
      if (!result.ok) {
        ctx.addIssue({
          code: 'custom',
          message: result.message,
          path,
          params: { hint: result.hint },
        });
      }
    }
  })
  .describe(
    'JSON request body (sets content-type: application/json); string leaves may be templates.',
  );

function stringLeaves(
  value: unknown,
  path: Array<string | number>,
): Array<[Array<string | number>, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  }
  return [];
}
