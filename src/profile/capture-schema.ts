/**
 * The written form of `capture:`: variable name -> where its value comes from in the reply.
 * `"$.id"` (or `{ json: "$.id" }`) is a JSONPath into the JSON body, `{ header: location }` a
 * reply header, `{ regex: "id=(\\w+)", group: 1 }` a regular expression on the body text.
 */
import * as z from 'zod';
import { jsonPathIssue } from './json-path-syntax.js';

const jsonPath = z
  .string()
  .superRefine((path, ctx) => {
    const issue = jsonPathIssue(path);
    if (issue)
      ctx.addIssue({
        code: 'custom',
        message: issue,
        params: { hint: 'e.g. $.id or $.items[0].id' },
      });
  })
  .describe('JSONPath into the JSON reply, e.g. $.id or $.items[0].id (jsonpath-plus).');

const regexSource = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `does not compile: ${(error as Error).message}`,
        params: { hint: 'write a JavaScript regular expression, e.g. "id=(\\\\w+)"' },
      });
    }
  })
  .describe('JavaScript regular expression run on the reply body.');

/** One capture source. */
export const captureSourceSchema = z.union([
  jsonPath,
  z.strictObject({ json: jsonPath }),
  z.strictObject({
    header: z.string().min(1).describe('Reply header whose value is captured, e.g. location.'),
  }),
  z
    .strictObject({
      regex: regexSource,
      group: z
        .number()
        .int()
        .nonnegative()
        .default(1)
        .describe('Capture group whose text is the value (0 = the whole match; default 1).'),
    })
    .superRefine(({ regex, group }, ctx) => {
      const groups = groupCount(regex);
      if (groups !== undefined && group > groups)
        ctx.addIssue({
          code: 'custom',
          message: `is ${group}, but the regex has ${groups} capture group${groups === 1 ? '' : 's'}`,
          path: ['group'],
          params: { hint: 'put the value in parentheses, e.g. "id=(\\w+)", or use group: 0' },
        });
    }),
]);

/** The number of capture groups of a regex source; undefined when it does not compile. */
function groupCount(source: string): number | undefined {
  try {
    return (new RegExp(`${source}|`).exec('') ?? []).length - 1;
  } catch {
    return undefined;
  }
}

/** `capture:` with its variable names. */
export const captureSchema = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an identifier' }),
    captureSourceSchema,
  )
  .default({})
  .describe(
    'Variable name -> "$.path" (JSONPath), { header: name } or { regex: "...", group: 1 }; later requests read it as {{name}}.',
  );

/** `capture:` as the schema returns it. */
export type WrittenCapture = z.output<typeof captureSchema>;
